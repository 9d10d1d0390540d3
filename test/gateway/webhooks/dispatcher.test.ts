import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../src/gateway/clock.js';
import { type DeliveryTarget, WebhookDispatcher } from '../../../src/gateway/webhooks/dispatcher.js';
import type { WebhookEnvelope as WebhookEventEnvelope } from '../../../src/gateway/webhooks/webhooks.js';

const SECRET = 'whsec_dispatcher_test_secret';
const MINUTE = 60_000;

interface Call {
  url: string;
  body: string;
  headers: Headers;
  signal: AbortSignal | undefined;
  at: number;
}

/**
 * A fetch stub that records each call and answers with `respond` (which may throw or never settle).
 * `called(n)` resolves when the n-th call arrives: signing uses Web Crypto, which settles off the
 * microtask queue, so tests wait for the call itself rather than for a guessed amount of time.
 */
function stubFetch(clock: ManualClock, respond: (call: Call, index: number) => Promise<Response> | Response) {
  const calls: Call[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const called = (count: number) =>
    new Promise<void>((resolve) => {
      if (calls.length >= count) resolve();
      else waiters.push({ count, resolve });
    });
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const call: Call = {
      url,
      body: String(init.body),
      headers: new Headers(init.headers),
      signal: init.signal ?? undefined,
      at: clock.now(),
    };
    calls.push(call);
    for (const waiter of waiters.filter((w) => calls.length >= w.count)) waiter.resolve();
    return respond(call, calls.length - 1);
  };
  return { fetch, calls, called };
}

function target(url = 'https://receiver.test/hook', secrets: () => string[] = () => [SECRET]): DeliveryTarget {
  return { webhookId: 'wh_1', logKey: 'wh_1', url, secrets };
}

function event(id = 'evt_1'): WebhookEventEnvelope {
  return {
    event_id: id,
    type: 'message.delivered',
    created: 1_767_225_600,
    data: { id: 'msg_1', status: 'delivered' },
  };
}

/** Parses `t=…,v1=…` and checks every v1 against the secrets, the way a receiver would. */
function signatureOf(call: Call): { t: number; v1: string[] } {
  const header = call.headers.get('x-onemessage-signature') ?? '';
  const parts = header.split(',').map((part) => part.split('=') as [string, string]);
  return {
    t: Number(parts.find(([key]) => key === 't')?.[1]),
    v1: parts.filter(([key]) => key === 'v1').map(([, value]) => value),
  };
}

function hmac(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

describe('WebhookDispatcher', () => {
  it('POSTs the event as JSON, signed with the secret at the clock time', async () => {
    const clock = new ManualClock();
    const { fetch, calls } = stubFetch(clock, () => new Response('ok', { status: 200 }));
    const dispatcher = new WebhookDispatcher({ clock, fetch });

    const record = dispatcher.deliver(target(), event());
    await dispatcher.idle();

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.url).toBe('https://receiver.test/hook');
    expect(call!.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(call!.body)).toEqual(event());
    const { t, v1 } = signatureOf(call!);
    expect(t).toBe(Math.floor(clock.now() / 1000));
    expect(v1).toEqual([hmac(SECRET, t, call!.body)]);
    expect(record).toMatchObject({ status: 'succeeded', event_id: 'evt_1', webhook_id: 'wh_1', next_retry_at: null });
    expect(record.attempts).toEqual([{ at: new Date(clock.now()).toISOString(), status_code: 200, error: null }]);
  });

  it('retries a 503, a thrown connection error and a timeout, each with the same event_id and a fresh t', async () => {
    const clock = new ManualClock();
    const outcomes = [
      () => new Response('busy', { status: 503 }),
      () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      },
      () => new Promise<Response>(() => undefined), // never answers
      () => new Response(null, { status: 204 }),
    ];
    const { fetch, calls, called } = stubFetch(clock, (_, index) => outcomes[index]!());
    const dispatcher = new WebhookDispatcher({ clock, fetch });

    const record = dispatcher.deliver(target(), event('evt_retry'));
    await dispatcher.idle();
    expect(record.attempts.at(-1)).toMatchObject({ status_code: 503, error: null });
    expect(record.next_retry_at).toBe(new Date(clock.now() + MINUTE).toISOString());

    await clock.advance(MINUTE);
    await dispatcher.idle();
    expect(record.attempts.at(-1)).toMatchObject({ status_code: null, error: 'connection_error: ECONNREFUSED' });
    expect(record.next_retry_at).toBe(new Date(clock.now() + 3 * MINUTE).toISOString());

    await clock.advance(3 * MINUTE);
    await called(3);
    expect(record).toMatchObject({ status: 'pending', next_retry_at: null });
    expect(record.attempts).toHaveLength(2);
    await clock.advance(10_000); // the attempt's 10 s answer deadline
    await dispatcher.idle();
    expect(record.attempts.at(-1)).toMatchObject({ status_code: null, error: 'timeout' });
    expect(calls[2]!.signal?.aborted).toBe(true);

    await clock.advance(9 * MINUTE);
    await dispatcher.idle();
    expect(record.status).toBe('succeeded');
    expect(record.next_retry_at).toBeNull();

    expect(calls).toHaveLength(4);
    const stamps = calls.map((call) => signatureOf(call).t);
    expect(new Set(stamps).size).toBe(4); // signed afresh every time
    for (const call of calls) {
      const { t, v1 } = signatureOf(call);
      expect(t).toBe(Math.floor(call.at / 1000));
      expect(v1).toEqual([hmac(SECRET, t, call.body)]);
      expect(JSON.parse(call.body).event_id).toBe('evt_retry');
    }
  });

  it('gives up after 7 retries and logs all 8 attempts', async () => {
    const clock = new ManualClock();
    const start = clock.now();
    const { fetch, calls } = stubFetch(clock, () => new Response('nope', { status: 500 }));
    const dispatcher = new WebhookDispatcher({ clock, fetch });

    const record = dispatcher.deliver(target(), event());
    await dispatcher.idle();
    while (record.status === 'pending') {
      expect(await clock.next()).toBe(true);
      await dispatcher.idle();
    }

    expect(record.status).toBe('failed');
    expect(calls).toHaveLength(8);
    expect(record.attempts.map((attempt) => attempt.status_code)).toEqual(Array(8).fill(500));
    expect(record.next_retry_at).toBeNull();
    expect(clock.now() - start).toBe((1 + 3 + 9 + 27 + 81 + 243 + 729) * MINUTE);
    expect(clock.now() - start).toBeLessThan(24 * 60 * MINUTE);
    expect(clock.pending).toBe(0);
  });

  it('times out a receiver that ignores the abort signal', async () => {
    const clock = new ManualClock();
    const { fetch, called } = stubFetch(clock, () => new Promise<Response>(() => undefined));
    const dispatcher = new WebhookDispatcher({ clock, fetch, maxRetries: 0 });

    const record = dispatcher.deliver(target(), event());
    await called(1);
    await clock.advance(9_999);
    expect(record.attempts).toEqual([]); // still waiting: an attempt is logged once it has an outcome
    await clock.advance(1);
    await dispatcher.idle();
    expect(record).toMatchObject({ status: 'failed', attempts: [{ status_code: null, error: 'timeout' }] });
  });

  it('keeps delivering to other endpoints while one hangs', async () => {
    const clock = new ManualClock();
    const { fetch, calls } = stubFetch(clock, (call) =>
      call.url.includes('slow') ? new Promise<Response>(() => undefined) : new Response(null, { status: 200 }),
    );
    const dispatcher = new WebhookDispatcher({ clock, fetch });

    const slow = dispatcher.deliver({ ...target('https://slow.test/'), logKey: 'wh_slow' }, event('evt_a'));
    const fast = dispatcher.deliver({ ...target('https://fast.test/'), logKey: 'wh_fast' }, event('evt_a'));
    await waitFor(() => fast.status === 'succeeded');

    expect(slow.status).toBe('pending');
    expect(calls.map((call) => call.url).sort()).toEqual(['https://fast.test/', 'https://slow.test/']);
    dispatcher.close();
  });

  it('sends first attempts to one URL in publish order, each after the previous one is answered', async () => {
    const clock = new ManualClock();
    let answerFirst: (response: Response) => void = () => undefined;
    // Keyed on the event, not the call index: the two URLs sign in parallel and may go out in either order.
    const { fetch, calls, called } = stubFetch(clock, (call) =>
      JSON.parse(call.body).event_id === 'evt_1'
        ? new Promise<Response>((resolve) => (answerFirst = resolve))
        : new Response(null, { status: 200 }),
    );
    const dispatcher = new WebhookDispatcher({ clock, fetch });

    for (const id of ['evt_1', 'evt_2', 'evt_3', 'evt_4']) dispatcher.deliver(target(), event(id));
    dispatcher.deliver(target('https://elsewhere.test/'), event('evt_other'));
    await called(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // evt_2 waits behind the unanswered evt_1; another URL does not.
    expect(calls.map((call) => JSON.parse(call.body).event_id).sort()).toEqual(['evt_1', 'evt_other']);

    answerFirst(new Response(null, { status: 200 }));
    await dispatcher.idle();
    expect(calls.filter((call) => call.url === target().url).map((call) => JSON.parse(call.body).event_id)).toEqual([
      'evt_1',
      'evt_2',
      'evt_3',
      'evt_4',
    ]);
  });

  it('holds the next event to a hanging receiver for at most 1 s, not for the 10 s deadline', async () => {
    const clock = new ManualClock();
    const { fetch, calls, called } = stubFetch(clock, () => new Promise<Response>(() => undefined));
    const dispatcher = new WebhookDispatcher({ clock, fetch });

    dispatcher.deliver(target(), event('evt_1'));
    dispatcher.deliver(target(), event('evt_2'));
    dispatcher.deliver(target(), event('evt_3'));
    await called(1);
    await clock.advance(999);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toHaveLength(1);

    await clock.advance(1);
    await called(3);
    expect(calls.map((call) => [JSON.parse(call.body).event_id, call.at - calls[0]!.at])).toEqual([
      ['evt_1', 0],
      ['evt_2', 1_000],
      ['evt_3', 1_000],
    ]);
    dispatcher.close();
    expect(clock.pending).toBe(0);
  });

  it('sends first attempts released by the same tick in publish order, however signing settles', async () => {
    const clock = new ManualClock();
    const { fetch, calls, called } = stubFetch(clock, () => new Promise<Response>(() => undefined));
    // Above the in-flight cap of 4 per URL, so all six hanging attempts can be open at once.
    const dispatcher = new WebhookDispatcher({ clock, fetch, maxInFlightPerEndpoint: 8 });
    const ids = Array.from({ length: 6 }, (_, i) => `evt_${i + 1}`);
    // Web Crypto settles off the microtask queue, in any order: make later signatures finish
    // first, so only the queue can keep the events in line.
    const sign = crypto.subtle.sign.bind(crypto.subtle);
    let signed = 0;
    const slowSign = vi
      .spyOn(crypto.subtle, 'sign')
      .mockImplementation(async (...args: Parameters<SubtleCrypto['sign']>) => {
        const delayMs = (ids.length - signed++) * 5;
        const signature = await sign(...args);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return signature;
      });
    try {
      for (const id of ids) dispatcher.deliver(target(), event(id));
      await called(1);
      await clock.advance(1_000);
      await called(ids.length);
    } finally {
      slowSign.mockRestore();
    }

    expect(calls.map((call) => JSON.parse(call.body).event_id)).toEqual(ids);
    expect(calls.map((call) => call.at - calls[0]!.at)).toEqual([0, ...Array(ids.length - 1).fill(1_000)]);
    dispatcher.close();
  });

  it('reads the secrets at each attempt, so a rotation applies to pending retries', async () => {
    const clock = new ManualClock();
    let secrets = ['whsec_old'];
    const { fetch, calls } = stubFetch(clock, (_, index) => new Response(null, { status: index === 0 ? 500 : 200 }));
    const dispatcher = new WebhookDispatcher({ clock, fetch });

    dispatcher.deliver(
      target(undefined, () => secrets),
      event(),
    );
    await dispatcher.idle();
    secrets = ['whsec_new', 'whsec_old'];
    await clock.advance(MINUTE);
    await dispatcher.idle();

    const retry = signatureOf(calls[1]!);
    expect(retry.v1).toEqual([hmac('whsec_new', retry.t, calls[1]!.body), hmac('whsec_old', retry.t, calls[1]!.body)]);
  });

  it('lists the delivery log newest first, per log key', async () => {
    const clock = new ManualClock();
    const { fetch } = stubFetch(clock, () => new Response(null, { status: 200 }));
    const dispatcher = new WebhookDispatcher({ clock, fetch, logLimit: 2 });

    dispatcher.deliver(target(), event('evt_1'));
    dispatcher.deliver(target(), event('evt_2'));
    dispatcher.deliver(target(), event('evt_3'));
    dispatcher.deliver({ ...target(), logKey: 'wh_other' }, event('evt_x'));
    await dispatcher.idle();

    expect(dispatcher.deliveries('wh_1').map((record) => record.event_id)).toEqual(['evt_3', 'evt_2']);
    expect(dispatcher.deliveries('wh_other').map((record) => record.event_id)).toEqual(['evt_x']);
    expect(dispatcher.deliveries('wh_unknown')).toEqual([]);
  });

  it('close() cancels scheduled retries and refuses new deliveries', async () => {
    const clock = new ManualClock();
    const { fetch, calls } = stubFetch(clock, () => new Response(null, { status: 502 }));
    const dispatcher = new WebhookDispatcher({ clock, fetch });

    const record = dispatcher.deliver(target(), event());
    await dispatcher.idle();
    expect(clock.pending).toBe(1);
    expect(clock.pending).toBe(1);

    dispatcher.close();
    expect(clock.pending).toBe(0);
    expect(record.next_retry_at).toBeNull();
    dispatcher.deliver(target(), event('evt_late'));
    await clock.advance(24 * 60 * MINUTE);
    await dispatcher.idle();
    expect(calls).toHaveLength(1);
  });

  it('forget() drops an endpoint’s log and its scheduled retries', async () => {
    const clock = new ManualClock();
    const { fetch, calls } = stubFetch(clock, () => new Response(null, { status: 500 }));
    const dispatcher = new WebhookDispatcher({ clock, fetch });

    dispatcher.deliver(target(), event());
    await dispatcher.idle();
    dispatcher.forget('wh_1');
    await clock.advance(24 * 60 * MINUTE);
    await dispatcher.idle();

    expect(calls).toHaveLength(1);
    expect(dispatcher.deliveries('wh_1')).toEqual([]);
  });

  it('gives up at once, without throwing, when the endpoint has no secret left (it was deleted)', async () => {
    const clock = new ManualClock();
    const { fetch, calls } = stubFetch(clock, () => new Response(null, { status: 200 }));
    const dispatcher = new WebhookDispatcher({ clock, fetch });

    const record = dispatcher.deliver(
      target(undefined, () => []),
      event(),
    );
    await dispatcher.idle();

    expect(calls).toHaveLength(0);
    expect(record).toMatchObject({ status: 'failed', attempts: [{ status_code: null }] });
    expect(record.attempts[0]!.error).toBe('no_signing_secret');
    expect(clock.pending).toBe(0);
  });
});

/**
 * Waits in real time for background work such as Web Crypto signing. The generous deadline
 * only turns a hang into a readable failure; nothing here races the clock.
 */
async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
