import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createGateway, ManualClock, sequentialIds } from '../../../src/gateway/index.js';
import { validateWebhookEndpointCreateParams } from '../../../src/schemas/webhook-params.js';

const KEY_A = 'ark_test_account_a';
const KEY_B = 'ark_test_account_b';
const HOUR = 3_600_000;

interface Sent {
  url: string;
  body: string;
  signature: string;
}

function setup() {
  const clock = new ManualClock();
  const sent: Sent[] = [];
  let status = 200;
  const gateway = createGateway({
    clock,
    apiKeys: [KEY_A, KEY_B],
    ids: sequentialIds(),
    fetch: async (input, init) => {
      sent.push({
        url: String(input),
        body: String(init?.body),
        signature: new Headers(init?.headers).get('x-onemessage-signature') ?? '',
      });
      return new Response(null, { status });
    },
  });
  const call = async (method: string, path: string, body?: unknown, key = KEY_A) => {
    const response = await gateway.fetch(path, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  return { clock, gateway, sent, call, failDeliveriesWith: (code: number) => (status = code) };
}

function sign(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

function parseSignature(header: string): { t: number; v1: string[] } {
  const entries = header.split(',').map((part) => part.split('=') as [string, string]);
  return {
    t: Number(entries.find(([key]) => key === 't')![1]),
    v1: entries.filter(([key]) => key === 'v1').map(([, value]) => value),
  };
}

describe('POST /v1/webhooks', () => {
  it('registers an endpoint and shows its secret once', async () => {
    const { call, clock } = setup();
    const created = await call('POST', '/v1/webhooks', {
      url: 'https://example.test/hooks',
      events: ['message.delivered', 'message.failed'],
      description: 'prod',
    });

    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^wh_/),
      object: 'webhook_endpoint',
      url: 'https://example.test/hooks',
      events: ['message.delivered', 'message.failed'],
      description: 'prod',
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
      created_at: new Date(clock.now()).toISOString(),
    });

    const list = await call('GET', '/v1/webhooks');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ object: 'list', has_more: false, next_cursor: null });
    const { secret: _secret, ...withoutSecret } = created.body;
    expect(list.body.data).toEqual([withoutSecret]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);

    const one = await call('GET', `/v1/webhooks/${created.body.id}`);
    expect(one.body).not.toHaveProperty('secret');
    expect(one.body.id).toBe(created.body.id);
  });

  it.each([
    [{ events: ['message.sent'] }, 'missing_parameter', 'url'],
    [{ url: 'ftp://example.test/x', events: ['message.sent'] }, 'invalid_parameter', 'url'],
    [{ url: 'not a url', events: ['message.sent'] }, 'invalid_parameter', 'url'],
    [{ url: 'https://user:pw@example.test/', events: ['message.sent'] }, 'invalid_parameter', 'url'],
    [{ url: 42, events: ['message.sent'] }, 'invalid_parameter', 'url'],
    [{ url: 'https://example.test/' }, 'missing_parameter', 'events'],
    [{ url: 'https://example.test/', events: [] }, 'invalid_parameter', 'events'],
    [{ url: 'https://example.test/', events: 'message.sent' }, 'invalid_parameter', 'events'],
    [
      { url: 'https://example.test/', events: ['message.sent', 'message.teleported'] },
      'invalid_parameter',
      'events[1]',
    ],
    [{ url: 'https://example.test/', events: ['message.sent', 'message.sent'] }, 'invalid_parameter', 'events'],
    [
      { url: 'https://example.test/', events: ['message.sent'], description: 'x'.repeat(501) },
      'invalid_parameter',
      'description',
    ],
    [{ url: 'https://example.test/', events: ['message.sent'], secret: 'whsec_mine' }, 'invalid_parameter', 'secret'],
  ])('rejects %j with %s on %s, as the SDK’s validator does', async (body, code, param) => {
    const { call } = setup();
    const response = await call('POST', '/v1/webhooks', body);

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ type: 'invalid_request_error', code, param });
    const sdk = await validateWebhookEndpointCreateParams(body);
    expect(sdk.ok ? [] : sdk.issues[0]).toEqual({ code, param, message: response.body.error.message });
    expect(response.body.error.request_id).toMatch(/^req_/);
    expect((await call('GET', '/v1/webhooks')).body.data).toEqual([]);
  });

  it('does not echo the rejected value in the error message', async () => {
    const { call } = setup();
    const response = await call('POST', '/v1/webhooks', {
      url: 'https://user:hunter2@example.test/',
      events: ['message.sent'],
    });
    expect(response.body.error.message).not.toContain('hunter2');
  });
});

describe('GET /v1/webhooks', () => {
  it('pages newest first with limit and starting_after', async () => {
    const { call } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (await call('POST', '/v1/webhooks', { url: `https://example.test/${i}`, events: ['message.sent'] })).body.id,
      );
    }

    const first = await call('GET', '/v1/webhooks?limit=2');
    expect(first.body.data.map((e: { id: string }) => e.id)).toEqual([ids[2], ids[1]]);
    expect(first.body).toMatchObject({ has_more: true, next_cursor: ids[1] });
    const second = await call('GET', `/v1/webhooks?limit=2&starting_after=${first.body.next_cursor}`);
    expect(second.body.data.map((e: { id: string }) => e.id)).toEqual([ids[0]]);
    expect(second.body).toMatchObject({ has_more: false, next_cursor: null });

    const bad = await call('GET', '/v1/webhooks?limit=0');
    expect(bad.body.error).toMatchObject({ code: 'invalid_parameter', param: 'limit' });
  });

  it('shows each account only its own endpoints', async () => {
    const { call } = setup();
    const created = await call('POST', '/v1/webhooks', { url: 'https://a.test/', events: ['message.sent'] });

    expect((await call('GET', '/v1/webhooks', undefined, KEY_B)).body.data).toEqual([]);
    expect((await call('GET', `/v1/webhooks/${created.body.id}`, undefined, KEY_B)).status).toBe(404);
    expect((await call('DELETE', `/v1/webhooks/${created.body.id}`, undefined, KEY_B)).status).toBe(404);
    expect((await call('POST', `/v1/webhooks/${created.body.id}/rotate_secret`, undefined, KEY_B)).status).toBe(404);
  });
});

describe('DELETE /v1/webhooks/:id', () => {
  it('removes the endpoint, then answers 404 not_found', async () => {
    const { call } = setup();
    const created = await call('POST', '/v1/webhooks', { url: 'https://a.test/', events: ['message.sent'] });

    const deleted = await call('DELETE', `/v1/webhooks/${created.body.id}`);
    expect(deleted).toEqual({ status: 200, body: { id: created.body.id, object: 'webhook_endpoint', deleted: true } });
    expect((await call('GET', '/v1/webhooks')).body.data).toEqual([]);

    const again = await call('DELETE', `/v1/webhooks/${created.body.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error).toMatchObject({ type: 'invalid_request_error', code: 'not_found', param: 'id' });
  });
});

describe('GET /v1/webhooks/default_secret', () => {
  it('returns one stable whsec_ secret per account', async () => {
    const { call } = setup();
    const a1 = await call('GET', '/v1/webhooks/default_secret');
    const a2 = await call('GET', '/v1/webhooks/default_secret');
    const b = await call('GET', '/v1/webhooks/default_secret', undefined, KEY_B);

    expect(a1.body).toEqual({ object: 'webhook_secret', secret: expect.stringMatching(/^whsec_/) });
    expect(a2.body.secret).toBe(a1.body.secret);
    expect(b.body.secret).not.toBe(a1.body.secret);
  });
});

describe('message events through the gateway', () => {
  const sendMessage = (call: ReturnType<typeof setup>['call'], extra: Record<string, unknown> = {}) =>
    call('POST', '/v1/messages', { to: '+447911123456', body: 'Hello', sender: 'OneMSG', ...extra });

  it('signs with both secrets after a rotation, and with the new one alone once the 24 h grace ends', async () => {
    const { call, clock, gateway, sent } = setup();
    const created = await call('POST', '/v1/webhooks', { url: 'https://a.test/', events: ['message.sent'] });
    const rotated = await call('POST', `/v1/webhooks/${created.body.id}/rotate_secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({
      id: created.body.id,
      object: 'webhook_endpoint',
      secret: expect.stringMatching(/^whsec_/),
      previous_secret_expires_at: new Date(clock.now() + 24 * HOUR).toISOString(),
    });
    expect(rotated.body.secret).not.toBe(created.body.secret);

    await sendMessage(call);
    await clock.advance(5_000);
    await gateway.idle(); // signing uses Web Crypto, off the microtask queue
    expect(sent).toHaveLength(1);
    let { t, v1 } = parseSignature(sent[0]!.signature);
    expect(v1).toEqual([sign(rotated.body.secret, t, sent[0]!.body), sign(created.body.secret, t, sent[0]!.body)]);

    await clock.advance(24 * HOUR);
    await sendMessage(call);
    await clock.advance(5_000);
    await gateway.idle(); // signing uses Web Crypto, off the microtask queue
    expect(sent).toHaveLength(2);
    ({ t, v1 } = parseSignature(sent[1]!.signature));
    expect(v1).toEqual([sign(rotated.body.secret, t, sent[1]!.body)]);
  });

  it('logs deliveries per endpoint with attempts, status codes and the next retry time', async () => {
    const { call, clock, gateway, sent, failDeliveriesWith } = setup();
    const created = await call('POST', '/v1/webhooks', {
      url: 'https://a.test/',
      events: ['message.sent', 'message.delivered'],
    });
    failDeliveriesWith(503);

    const message = await sendMessage(call);
    await clock.advance(200); // queued → sent
    await gateway.idle(); // signing uses Web Crypto, off the microtask queue
    expect(sent).toHaveLength(1);

    const log = await call('GET', `/v1/webhooks/${created.body.id}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.body.data).toHaveLength(1);
    const [delivery] = log.body.data;
    expect(delivery).toMatchObject({
      object: 'webhook_delivery',
      webhook_id: created.body.id,
      event_id: expect.stringMatching(/^evt_/),
      type: 'message.sent',
      status: 'pending',
      attempts: [{ at: new Date(clock.now()).toISOString(), status_code: 503, error: null }],
      next_retry_at: new Date(clock.now() + 60_000).toISOString(),
    });
    expect(JSON.parse(sent[0]!.body).data.id).toBe(message.body.id);

    failDeliveriesWith(200);
    await clock.advance(60_000); // message.delivered goes out too, and the retry
    await gateway.idle(); // signing uses Web Crypto, off the microtask queue
    expect(sent).toHaveLength(3);
    const after = await call('GET', `/v1/webhooks/${created.body.id}/deliveries`);
    const sentDelivery = after.body.data.find((d: { type: string }) => d.type === 'message.sent');
    expect(sentDelivery).toMatchObject({ status: 'succeeded', next_retry_at: null, event_id: delivery.event_id });
    expect(sentDelivery.attempts.map((a: { status_code: number }) => a.status_code)).toEqual([503, 200]);

    expect((await call('GET', '/v1/webhooks/wh_missing/deliveries')).status).toBe(404);
  });
});

describe('webhooks options of createGateway', () => {
  it('uses the configured rotation grace and attempt timeout', async () => {
    const clock = new ManualClock();
    const attempts: AbortSignal[] = [];
    let firstAttempt: () => void = () => undefined;
    const attempted = new Promise<void>((resolve) => (firstAttempt = resolve));
    const gateway = createGateway({
      clock,
      ids: sequentialIds(),
      webhooks: { rotationGraceMs: 60_000, attemptTimeoutMs: 500 },
      // A receiver that never answers: only the attempt timeout ends each attempt.
      fetch: (_input, init) => {
        attempts.push(init!.signal!);
        firstAttempt();
        return new Promise<Response>(() => undefined);
      },
    });
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await gateway.fetch(path, {
        method,
        headers: { authorization: `Bearer ${gateway.apiKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await response.json()) as any;
    };
    const endpoint = await call('POST', '/v1/webhooks', { url: 'https://a.test/', events: ['message.sent'] });
    const rotated = await call('POST', `/v1/webhooks/${endpoint.id}/rotate_secret`);
    expect(rotated.previous_secret_expires_at).toBe(new Date(clock.now() + 60_000).toISOString());

    await call('POST', '/v1/messages', { to: '+447911123456', body: 'Hello', sender: 'OneMSG' });
    await clock.advance(200); // queued → sent: message.sent goes out
    await attempted; // signing uses Web Crypto, off the microtask queue
    expect(attempts).toHaveLength(1);
    await clock.advance(499);
    expect(attempts[0]!.aborted).toBe(false);
    await clock.advance(1);
    await gateway.idle();
    expect(attempts[0]!.aborted).toBe(true);
    const [delivery] = (await call('GET', `/v1/webhooks/${endpoint.id}/deliveries`)).data;
    expect(delivery.attempts).toEqual([
      { at: new Date(clock.now() - 500).toISOString(), status_code: null, error: 'timeout' },
    ]);
    await gateway.close();
  });
});
