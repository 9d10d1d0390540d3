import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/gateway/clock.js';
import { callbackLogKey, Webhooks } from '../../../src/gateway/webhooks/webhooks.js';
import { sequentialIds } from '../../../src/gateway/ids.js';

const HOUR = 3_600_000;

interface Received {
  url: string;
  body: string;
  signature: string;
}

function setup(options: { rotationGraceMs?: number } = {}) {
  const clock = new ManualClock();
  const received: Received[] = [];
  const events = new Webhooks({
    clock,
    ids: sequentialIds(),
    ...options,
    fetch: async (url, init) => {
      received.push({
        url,
        body: String(init.body),
        signature: new Headers(init.headers).get('x-onemessage-signature') ?? '',
      });
      return new Response(null, { status: 200 });
    },
  });
  return { clock, events, received };
}

/** The v1 signatures of a header, and whether each matches the given secret. */
function v1s(received: Received): { t: number; v1: string[] } {
  const entries = received.signature.split(',').map((part) => part.split('=') as [string, string]);
  return {
    t: Number(entries.find(([key]) => key === 't')![1]),
    v1: entries.filter(([key]) => key === 'v1').map(([, value]) => value),
  };
}

function sign(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

describe('Webhooks.publish', () => {
  it('fans an event out to every endpoint of the account subscribed to its type, and no other', async () => {
    const { events, received, clock } = setup();
    const a = events.endpoints.create('acct_a', {
      url: 'https://a.test/all',
      events: ['message.sent', 'message.delivered'],
    });
    events.endpoints.create('acct_a', { url: 'https://a.test/failures', events: ['message.failed'] });
    events.endpoints.create('acct_b', { url: 'https://b.test/all', events: ['message.delivered'] });
    const c = events.endpoints.create('acct_a', { url: 'https://a.test/delivered', events: ['message.delivered'] });

    const event = events.publish('acct_a', { type: 'message.delivered', data: { id: 'msg_1', status: 'delivered' } });
    await events.idle();

    expect(received.map((r) => r.url).sort()).toEqual(['https://a.test/all', 'https://a.test/delivered']);
    expect(event).toEqual({
      event_id: 'evt_000001',
      type: 'message.delivered',
      created: Math.floor(clock.now() / 1000),
      data: { id: 'msg_1', status: 'delivered' },
    });
    for (const r of received) {
      expect(JSON.parse(r.body)).toEqual(event);
      const { t, v1 } = v1s(r);
      const secret = r.url.endsWith('/all') ? a.secret : c.secret;
      expect(v1).toEqual([sign(secret, t, r.body)]);
    }
    expect(events.dispatcher.deliveries(a.id).map((d) => [d.event_id, d.status])).toEqual([
      ['evt_000001', 'succeeded'],
    ]);
  });

  it('snapshots the data, so later changes to the object are not delivered', async () => {
    const { events, received } = setup();
    events.endpoints.create('acct_a', { url: 'https://a.test/', events: ['message.sent'] });
    const message = { id: 'msg_1', status: 'sent' };

    events.publish('acct_a', { type: 'message.sent', data: message });
    message.status = 'delivered';
    await events.idle();

    expect(JSON.parse(received[0]!.body).data.status).toBe('sent');
  });

  it('delivers to a callback URL signed with the account’s default secret', async () => {
    const { events, received } = setup();

    events.publish('acct_a', { type: 'message.sent', data: { id: 'msg_1' }, callbackUrl: 'https://cb.test/msg' });
    await events.idle();

    expect(received).toHaveLength(1);
    const secret = events.endpoints.defaultSecret('acct_a');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(events.endpoints.defaultSecret('acct_b')).not.toBe(secret);
    const { t, v1 } = v1s(received[0]!);
    expect(v1).toEqual([sign(secret, t, received[0]!.body)]);
    expect(events.dispatcher.deliveries(callbackLogKey('acct_a')).map((d) => [d.webhook_id, d.status])).toEqual([
      ['callback', 'succeeded'],
    ]);
  });

  it('refuses an event type outside the contract: at compile time, and at run time for untyped callers', () => {
    const { events } = setup();
    // @ts-expect-error a typo in an event type does not compile
    expect(() => events.publish('acct_a', { type: 'message.delivred', data: {} })).toThrow(TypeError);
  });

  it('signs with both secrets during a rotation, new first, and with the new one alone after 24 h', async () => {
    const { events, received, clock } = setup();
    const endpoint = events.endpoints.create('acct_a', { url: 'https://a.test/', events: ['message.sent'] });
    const rotated = events.endpoints.rotate('acct_a', endpoint.id)!;
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(rotated.previousSecretExpiresAt).toBe(new Date(clock.now() + 24 * HOUR).toISOString());

    events.publish('acct_a', { type: 'message.sent', data: { n: 1 } });
    await events.idle();
    let { t, v1 } = v1s(received[0]!);
    expect(v1).toEqual([sign(rotated.secret, t, received[0]!.body), sign(endpoint.secret, t, received[0]!.body)]);

    await clock.advance(24 * HOUR - 1);
    events.publish('acct_a', { type: 'message.sent', data: { n: 2 } });
    await events.idle();
    expect(v1s(received[1]!).v1).toHaveLength(2);

    await clock.advance(1);
    events.publish('acct_a', { type: 'message.sent', data: { n: 3 } });
    await events.idle();
    ({ t, v1 } = v1s(received[2]!));
    expect(v1).toEqual([sign(rotated.secret, t, received[2]!.body)]);
  });

  it('keeps each old secret’s own expiry across two rotations, and honours a custom grace period', async () => {
    const { events, received, clock } = setup({ rotationGraceMs: 2 * HOUR });
    const first = events.endpoints.create('acct_a', { url: 'https://a.test/', events: ['message.sent'] });
    const second = events.endpoints.rotate('acct_a', first.id)!;
    await clock.advance(HOUR);
    const third = events.endpoints.rotate('acct_a', first.id)!;

    events.publish('acct_a', { type: 'message.sent', data: {} });
    await events.idle();
    const body = received[0]!.body;
    let { t, v1 } = v1s(received[0]!);
    expect(v1).toEqual([third.secret, second.secret, first.secret].map((s) => sign(s, t, body)));

    await clock.advance(HOUR); // the first secret's 2 h are up; the second has 1 h left
    events.publish('acct_a', { type: 'message.sent', data: {} });
    await events.idle();
    ({ t, v1 } = v1s(received[1]!));
    expect(v1).toEqual([third.secret, second.secret].map((s) => sign(s, t, received[1]!.body)));
  });

  it('stops retrying when closed', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const events = new Webhooks({
      clock,
      fetch: async () => {
        calls++;
        return new Response(null, { status: 500 });
      },
    });
    events.endpoints.create('acct_a', { url: 'https://a.test/', events: ['message.sent'] });
    events.publish('acct_a', { type: 'message.sent', data: {} });
    await events.idle();

    events.close();
    await clock.advance(24 * HOUR);
    await events.idle();

    expect(calls).toBe(1);
    expect(clock.pending).toBe(0);
  });
});
