import { describe, expect, it, vi } from 'vitest';
import { createGateway, ManualClock, sequentialIds } from '../../src/gateway/index.js';
import { errorOf, makeGateway } from './helpers.js';

describe('authentication', () => {
  it.each([
    ['no Authorization header', undefined],
    ['an unknown test key', 'Bearer ark_test_unknown'],
    ['a live key', 'Bearer ark_live_0123456789'],
    ['a non-Bearer scheme', 'Basic YXJrX3Rlc3Q6'],
  ])('answers 401 authentication_failed for %s, with request id and rate-limit headers', async (_, header) => {
    const { gateway } = makeGateway();
    const response = await gateway.fetch('/v1/messages', { headers: header ? { authorization: header } : {} });
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: 401, type: 'authentication_error', code: 'authentication_failed' });
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(error.request_id).toBe(response.headers.get('x-request-id'));
    expect(response.headers.get('x-ratelimit-limit')).toBe('10000');
    expect(error.message).not.toContain('ark_live_0123456789');
  });

  it('keeps each key a separate account', async () => {
    const clock = new ManualClock();
    const gateway = createGateway({ clock, apiKeys: ['ark_test_alice', 'ark_test_bob'] });
    const send = await gateway.fetch('/v1/messages', {
      method: 'POST',
      headers: { authorization: 'Bearer ark_test_alice' },
      body: JSON.stringify({ to: '+15005550000', body: 'hi' }),
    });
    const { id } = (await send.json()) as { id: string };
    const asBob = await gateway.fetch(`/v1/messages/${id}`, { headers: { authorization: 'Bearer ark_test_bob' } });
    expect(asBob.status).toBe(404);
  });

  it('refuses to start with a key that is not a test key, without echoing it', () => {
    expect(() => createGateway({ apiKeys: ['ark_live_secret123'] })).toThrowError(/apiKeys\[0\]/);
    expect(() => createGateway({ apiKeys: ['ark_live_secret123'] })).not.toThrowError(/secret123/);
  });
});

describe('request ids and rate limits', () => {
  it('gives every response a distinct X-Request-Id and counts down X-RateLimit-Remaining', async () => {
    const { get } = makeGateway({ rateLimit: { limit: 5, windowMs: 60_000 } });
    const first = await get('/v1/balance');
    const second = await get('/v1/nope');
    expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
    expect([first.headers.get('x-ratelimit-remaining'), second.headers.get('x-ratelimit-remaining')]).toEqual([
      '4',
      '3',
    ]);
    expect(second.headers.get('x-ratelimit-reset')).toBe('60');
  });

  it('answers 429 rate_limit_exceeded with Retry-After once the window is used up, and recovers after it', async () => {
    const { get, clock } = makeGateway({ rateLimit: { limit: 3, windowMs: 10_000 } });
    for (let i = 0; i < 3; i++) expect((await get('/v1/balance')).status).toBe(200);
    await clock.advance(4_000);
    const limited = await get('/v1/balance');
    expect(await errorOf(limited.clone())).toMatchObject({
      status: 429,
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
    });
    expect(limited.headers.get('retry-after')).toBe('6');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset')).toBe('6');
    await clock.advance(6_000);
    const again = await get('/v1/balance');
    expect(again.status).toBe(200);
    expect(again.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('limits each key on its own', async () => {
    const clock = new ManualClock();
    const gateway = createGateway({ clock, apiKeys: ['ark_test_a', 'ark_test_b'], rateLimit: { limit: 1 } });
    const as = (key: string) => gateway.fetch('/v1/balance', { headers: { authorization: `Bearer ${key}` } });
    expect((await as('ark_test_a')).status).toBe(200);
    expect((await as('ark_test_a')).status).toBe(429);
    expect((await as('ark_test_b')).status).toBe(200);
  });
});

describe('routing and bad input', () => {
  it('answers 404 not_found for unknown routes and unsupported methods', async () => {
    const { gateway, get } = makeGateway();
    expect(await errorOf(await get('/v1/unknown'))).toMatchObject({
      status: 404,
      type: 'invalid_request_error',
      code: 'not_found',
    });
    const patch = await gateway.fetch('/v1/messages', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${gateway.apiKey}` },
    });
    expect(patch.headers.get('allow')).toBe('GET, POST');
    expect(await errorOf(patch)).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('answers 400 for malformed JSON and for a JSON body that is not an object', async () => {
    const { post } = makeGateway();
    expect(await errorOf(await post('/v1/messages', '{"to": '))).toMatchObject({
      status: 400,
      code: 'invalid_parameter',
    });
    expect(await errorOf(await post('/v1/messages', '[1,2]'))).toMatchObject({
      status: 400,
      code: 'invalid_parameter',
    });
    expect(await errorOf(await post('/v1/messages', 'null'))).toMatchObject({ status: 400, code: 'invalid_parameter' });
    expect(await errorOf(await post('/v1/messages', ''))).toMatchObject({ status: 400, code: 'invalid_parameter' });
  });

  it('answers 413 in the contract error shape for a body over the limit, declared or streamed', async () => {
    const { gateway, post } = makeGateway({ maxBodyBytes: 1_000 });
    const big = JSON.stringify({ to: '+447911123456', body: 'x'.repeat(2_000) });
    expect(await errorOf(await post('/v1/messages', big))).toMatchObject({
      status: 413,
      type: 'invalid_request_error',
      code: 'request_too_large',
    });
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(400).fill(32));
      },
    });
    const streamed = await gateway.fetch('/v1/messages', {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.apiKey}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(await errorOf(streamed)).toMatchObject({ status: 413, code: 'request_too_large' });
  });

  it('turns an unexpected error into a 500 internal_error and logs it without the API key', async () => {
    const logged: unknown[] = [];
    const ids = sequentialIds();
    const gateway = createGateway({
      clock: new ManualClock(),
      ids: {
        next: (prefix) =>
          prefix === 'msg'
            ? (() => {
                throw new Error('id source down');
              })()
            : ids.next(prefix),
      },
      logger: { error: (message, fields) => logged.push([message, fields]) },
    });
    const response = await gateway.fetch('/v1/messages', {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.apiKey}`, 'idempotency-key': 'k' },
      body: JSON.stringify({ to: '+447911123456', body: 'hi' }),
    });
    expect(await errorOf(response)).toMatchObject({ status: 500, type: 'api_error', code: 'internal_error' });
    expect(JSON.stringify(logged)).toContain('id source down');
    expect(JSON.stringify(logged)).not.toContain(gateway.apiKey);
  });

  it('answers a CORS preflight without a key and lets browsers read the contract headers', async () => {
    const { gateway, get } = makeGateway();
    const preflight = await gateway.fetch('/v1/messages', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-headers': 'authorization, idempotency-key' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization, idempotency-key');
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const response = await get('/v1/balance', { origin: 'http://127.0.0.1:5173' });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(response.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('accepts a Request object as well as fetch-style arguments', async () => {
    const { gateway } = makeGateway();
    const request = new Request('http://anything.test/v1/balance', {
      headers: { authorization: `Bearer ${gateway.apiKey}` },
    });
    expect((await gateway.fetch(request)).status).toBe(200);
    expect(
      (
        await gateway.fetch(new URL('http://x.test/v1/balance'), {
          headers: { authorization: `Bearer ${gateway.apiKey}` },
        })
      ).status,
    ).toBe(200);
  });

  it('never rejects, whatever bytes arrive', async () => {
    const { post } = makeGateway();
    const spy = vi.fn();
    const bodies = ['\u0000', '{"to": 5, "body": {}}', '"string"', '{"metadata": [1]}', '\uD800', '{'.repeat(5_000)];
    for (const body of bodies) {
      const response = await post('/v1/messages', body).catch(spy);
      expect(response?.status).toBe(400);
    }
    expect(spy).not.toHaveBeenCalled();
  });
});
