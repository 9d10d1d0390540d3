import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  InternalServerError,
  OneMessageError,
  RateLimitError,
  ValidationError,
} from '../../src/core/errors.js';
import { ERROR_STATUSES } from './error-statuses.js';
import {
  fetchTransport,
  request,
  TransportTimeoutError,
  type CallSpec,
  type Fetch,
  type RequestOptions,
  type TransportConfig,
} from '../../src/core/transport.js';

const BASE = 'https://api.test/v1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

type Debug = { message: string; details?: Record<string, unknown> };

function setup(overrides: Partial<TransportConfig> = {}) {
  const lines: Debug[] = [];
  const config: TransportConfig = {
    baseURL: BASE,
    basePath: '/v1',
    headers: { authorization: 'Bearer ark_test_secret', accept: 'application/json' },
    timeout: 2000,
    maxRetries: 2,
    transport: fetchTransport(() => globalThis.fetch),
    logger: { debug: (message, details) => lines.push({ message, details }) },
    backoff: { initialDelayMs: 1, maxDelayMs: 5, random: () => 1 },
    ...overrides,
  };
  const send = (spec: Partial<CallSpec> = {}) =>
    request<unknown>(config, { method: 'POST', path: '/messages', body: { to: '+15005550000', body: 'x' }, ...spec });
  const delays = () => lines.filter((l) => l.message.includes('retrying')).map((l) => l.details?.delayMs);
  return { send, lines, delays };
}

/** Answers each request with the next of `responses` (the last one repeats) and records what arrived. */
function respondWith(...responses: (() => Response | Promise<Response>)[]) {
  const seen: Request[] = [];
  server.use(
    http.all(`${BASE}/*`, ({ request }) => {
      seen.push(request.clone());
      return responses[Math.min(seen.length - 1, responses.length - 1)]!();
    }),
  );
  return seen;
}

const errorBody = (type: string, code: string) => ({ error: { type, code, message: `${code}.`, request_id: 'req_e' } });
const fail =
  (status: number, type = 'api_error', code = 'internal_error', headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json(errorBody(type, code), { status, headers: { 'x-request-id': 'req_e', ...headers } });
const created = () =>
  HttpResponse.json(
    { id: 'msg_1' },
    {
      status: 201,
      headers: {
        'x-request-id': 'req_ok',
        'x-ratelimit-limit': '10000',
        'x-ratelimit-remaining': '9998',
        'x-ratelimit-reset': '42',
      },
    },
  );

describe('retries', () => {
  it('retries a 503 and keeps the idempotency key', async () => {
    const seen = respondWith(fail(503, 'api_error', 'service_unavailable'), fail(503), created);
    const { send } = setup();
    await expect(send()).resolves.toEqual({ id: 'msg_1' });
    expect(seen).toHaveLength(3);
    const keys = seen.map((r) => r.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^idk_[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const seen = respondWith(fail(500));
    await expect(setup().send()).rejects.toBeInstanceOf(InternalServerError);
    expect(seen).toHaveLength(3);
  });

  it('takes maxRetries per call over the client default', async () => {
    const seen = respondWith(fail(500));
    await expect(setup().send({ options: { maxRetries: 0 } })).rejects.toBeInstanceOf(InternalServerError);
    expect(seen).toHaveLength(1);
    const again = respondWith(fail(500));
    await expect(setup({ maxRetries: 0 }).send({ options: { maxRetries: 4 } })).rejects.toThrow();
    expect(again).toHaveLength(5);
  });

  it.each([
    [408, 'api_error', 'internal_error'],
    [409, 'idempotency_error', 'idempotency_conflict'],
    [429, 'rate_limit_error', 'rate_limit_exceeded'],
    [500, 'api_error', 'internal_error'],
    [502, 'api_error', 'internal_error'],
  ])('retries %i %s', async (status, type, code) => {
    const seen = respondWith(fail(status, type, code), created);
    await expect(setup().send()).resolves.toEqual({ id: 'msg_1' });
    expect(seen).toHaveLength(2);
  });

  it.each([
    [400, 'invalid_request_error', 'invalid_phone_number'],
    [401, 'authentication_error', 'authentication_failed'],
    [402, 'billing_error', 'insufficient_credits'],
    [403, 'permission_error', 'sender_not_approved'],
    [404, 'invalid_request_error', 'not_found'],
    [409, 'invalid_request_error', 'some_other_conflict'],
    [422, 'idempotency_error', 'idempotency_key_reused'],
  ])('never retries %i %s', async (status, type, code) => {
    const seen = respondWith(fail(status, type, code), created);
    await expect(setup().send()).rejects.toMatchObject({ status, code });
    expect(seen).toHaveLength(1);
  });

  it('backs off exponentially with full jitter, capped', async () => {
    respondWith(fail(500));
    const { send, delays } = setup({
      maxRetries: 4,
      backoff: { initialDelayMs: 2, maxDelayMs: 10, random: () => 0.99 },
    });
    await expect(send()).rejects.toThrow();
    expect(delays()).toEqual([1, 3, 7, 9]); // floor(0.99 × min(10, 2 × 2^n))
  });

  it('waits what Retry-After asks for instead of the backoff', async () => {
    const seen = respondWith(fail(429, 'rate_limit_error', 'rate_limit_exceeded', { 'retry-after': '0.08' }), created);
    const { send, delays } = setup();
    const started = performance.now();
    await send();
    expect(delays()).toEqual([80]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    expect(seen).toHaveLength(2);
  });

  it('caps a huge Retry-After', async () => {
    respondWith(fail(503, 'api_error', 'service_unavailable', { 'retry-after': '86400' }), created);
    const { send, delays } = setup({ backoff: { maxRetryAfterMs: 20 } });
    await send();
    expect(delays()).toEqual([20]);
  });

  it('surfaces a RateLimitError with retryAfter when retries run out', async () => {
    respondWith(fail(429, 'rate_limit_error', 'rate_limit_exceeded', { 'retry-after': '0' }));
    const error = await setup()
      .send()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfter: 0, requestId: 'req_e', status: 429 });
  });

  it('retries a connection error, then reports it as APIConnectionError with its cause', async () => {
    const seen = respondWith(() => HttpResponse.error());
    const error = await setup()
      .send()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).cause).toBeInstanceOf(TypeError); // fetch's own network failure, kept as the cause
    expect((error as Error).message).toBe('Connection error (POST /v1/messages): Failed to fetch');
    expect(seen).toHaveLength(3);
  });
});

describe('idempotency keys', () => {
  it("sends the caller's own key on every attempt", async () => {
    const seen = respondWith(fail(500), created);
    await setup().send({ options: { idempotencyKey: 'order-42-confirmation' } });
    expect(seen.map((r) => r.headers.get('idempotency-key'))).toEqual([
      'order-42-confirmation',
      'order-42-confirmation',
    ]);
  });

  it('uses a fresh key per call and none on GET', async () => {
    const seen = respondWith(created);
    const { send } = setup();
    await send();
    await send();
    await send({ method: 'GET', path: '/messages/msg_1', body: undefined });
    const keys = seen.map((r) => r.headers.get('idempotency-key'));
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBeNull();
  });
});

describe('timeouts', () => {
  it('times out a slow attempt and retries it', async () => {
    const seen = respondWith(async () => {
      await delay(500);
      return created();
    }, created);
    await expect(setup({ timeout: 50 }).send()).resolves.toEqual({ id: 'msg_1' });
    expect(seen).toHaveLength(2);
  });

  it('throws APIConnectionTimeoutError when every attempt times out', async () => {
    respondWith(async () => {
      await delay(10_000);
      return created();
    });
    const started = performance.now();
    const error = await setup()
      .send({ options: { timeout: 30, maxRetries: 1 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toBe('Request timed out after 30 ms (POST /v1/messages)');
    // Far below the server's 10 s: neither attempt waited for its answer (bounds are loose for loaded CI).
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('fetchTransport', () => {
  it('rejects with a TransportTimeoutError built when the timer fires, not on every request', async () => {
    const hanging: Fetch = (_url, init) =>
      new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const transport = fetchTransport(() => hanging);
    const error = await transport({
      method: 'GET',
      url: 'http://stub.test/v1/x',
      headers: {},
      body: undefined,
      signal: undefined,
      timeout: 10,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportTimeoutError);
    expect((error as Error).message).toBe('No answer within 10 ms');
    expect((error as Error).stack).toMatch(/listOnTimeout/); // created inside Node's timer callback
  });
});

describe('abort', () => {
  it('does not send anything when the signal is already aborted', async () => {
    const seen = respondWith(created);
    const error = await setup()
      .send({ options: { signal: AbortSignal.abort() } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(seen).toHaveLength(0);
  });

  it('stops at once when aborted during a request, without retrying', async () => {
    const seen = respondWith(async () => {
      await delay(20_000);
      return created();
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = performance.now();
    const error = await setup()
      .send({ options: { signal: controller.signal } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(performance.now() - started).toBeLessThan(5_000); // far below the server's 20 s
    expect(seen).toHaveLength(1);
  });

  it('stops at once when aborted during a backoff sleep', async () => {
    const seen = respondWith(fail(503, 'api_error', 'service_unavailable', { 'retry-after': '30' }));
    const controller = new AbortController();
    const { send } = setup();
    const pending = send({ options: { signal: controller.signal } }).catch((e: unknown) => e);
    await delay(50);
    const started = performance.now();
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(performance.now() - started).toBeLessThan(5_000); // far below the 30 s Retry-After
    expect(seen).toHaveLength(1);
  });
});

describe('errors', () => {
  it.each(ERROR_STATUSES)('maps a %i %s response to its class', async (status, type, code, Class) => {
    respondWith(fail(status, type, code));
    const error = await setup({ maxRetries: 0 })
      .send()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toMatchObject({ status, type, code, requestId: 'req_e' });
  });

  it('reports an unparseable success body', async () => {
    respondWith(() => new HttpResponse('<html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const error = await setup()
      .send()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneMessageError);
    expect((error as Error).message).toBe(
      "The 200 response body was not the API's JSON (content-type: text/html) (POST /v1/messages)",
    );
  });
});

describe('requests and responses', () => {
  it('sends JSON with the configured headers and per-call extras, and a query string', async () => {
    const seen = respondWith(created);
    await setup().send({ options: { headers: { 'X-Trace': 't1', accept: null } } });
    await setup().send({ method: 'GET', body: undefined, query: { limit: 5, status: 'sent', to: undefined } });
    const [post, get] = seen;
    expect(post!.headers.get('authorization')).toBe('Bearer ark_test_secret');
    expect(post!.headers.get('content-type')).toBe('application/json');
    expect(post!.headers.get('x-trace')).toBe('t1');
    expect(post!.headers.get('accept')).not.toBe('application/json');
    expect(await post!.json()).toEqual({ to: '+15005550000', body: 'x' });
    expect(get!.url).toBe(`${BASE}/messages?limit=5&status=sent`);
    expect(get!.headers.get('content-type')).toBeNull();
  });

  it('gives the HTTP details through withResponse()', async () => {
    respondWith(() =>
      HttpResponse.json(
        { id: 'msg_1' },
        {
          status: 201,
          headers: {
            'x-request-id': 'req_9',
            'idempotent-replayed': 'true',
            'x-ratelimit-limit': '100',
            'x-ratelimit-remaining': '7',
            'x-ratelimit-reset': '30',
          },
        },
      ),
    );
    const { data, response } = await setup().send().withResponse();
    expect(data).toEqual({ id: 'msg_1' });
    expect(response).toMatchObject({
      status: 201,
      requestId: 'req_9',
      idempotentReplayed: true,
      rateLimit: { limit: 100, remaining: 7, reset: 30 },
    });
    expect(response.headers.get('X-Request-Id')).toBe('req_9');
  });

  it('logs method, path, status, request id and attempt, never the key or the body', async () => {
    respondWith(fail(500), created);
    const { send, lines } = setup();
    await send();
    const text = JSON.stringify(lines);
    expect(lines.find((l) => l.details?.status === 201)?.details).toMatchObject({
      method: 'POST',
      path: '/v1/messages',
      requestId: 'req_ok',
      attempt: 1,
    });
    expect(text).not.toContain('ark_test_secret');
    expect(text).not.toContain('+15005550000');
  });

  it('waits for a body promise and rejects with its error before sending', async () => {
    const seen = respondWith(created);
    const { send } = setup();
    await expect(send({ body: Promise.reject(new OneMessageError('bad params')) })).rejects.toThrow('bad params');
    expect(seen).toHaveLength(0);
  });
});

describe('what enters the request path is checked before any request', () => {
  function stubbed(maxRetries = 2) {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const config: TransportConfig = {
      baseURL: BASE,
      basePath: '/v1',
      headers: { authorization: 'Bearer ark_test_secret' },
      timeout: 2000,
      maxRetries,
      transport: fetchTransport(() => async (url, init) => {
        seen.push({ url, headers: init.headers as Record<string, string> });
        return Response.json({ id: 'msg_1' }, { status: 201 });
      }),
      logger: undefined,
      backoff: { initialDelayMs: 1, maxDelayMs: 1 },
    };
    const call = (spec: Partial<CallSpec>) =>
      request<unknown>(config, { method: 'POST', path: '/messages', body: {}, ...spec });
    return { call, seen };
  }

  it.each([
    ['an empty key', { idempotencyKey: '' }, 'options.idempotencyKey', /must not be empty/],
    ['a key with surrounding whitespace', { idempotencyKey: ' idk_1' }, 'options.idempotencyKey', /whitespace/],
    ['a key with a trailing newline', { idempotencyKey: 'idk_1\n' }, 'options.idempotencyKey', /whitespace/],
    ['a non-ASCII key', { idempotencyKey: 'idk_clé' }, 'options.idempotencyKey', /non-ASCII/],
    ['a header value with a line break', { headers: { 'x-a': 'b\r\nc' } }, 'options.headers[x-a]', /line break/],
    ['a bad header name', { headers: { 'x a': 'b' } }, 'options.headers[x a]', /header name/],
    ['a non-string header', { headers: { 'x-a': 5 } }, 'options.headers[x-a]', /string or null/],
    ['a blank key in headers', { headers: { 'Idempotency-Key': '' } }, 'options.headers[Idempotency-Key]', /empty/],
    ['a negative timeout', { timeout: -1 }, 'options.timeout', /milliseconds/],
    ['a timeout setTimeout would overflow', { timeout: 2 ** 31 }, 'options.timeout', /milliseconds/],
    ['a fractional maxRetries', { maxRetries: 1.5 }, 'options.maxRetries', /whole number/],
    ['a signal that is not one', { signal: 'stop' }, 'options.signal', /AbortSignal/],
  ])('refuses %s with a ValidationError, never retried', async (_what, options, param, message) => {
    const { call, seen } = stubbed();
    const error = await call({ options: options as RequestOptions }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ param, code: 'invalid_parameter' });
    expect((error as Error).message).toMatch(message);
    expect(seen).toEqual([]);
  });

  it('refuses options that are not an object', async () => {
    const { call } = stubbed();
    await expect(call({ options: 'fast' as never })).rejects.toMatchObject({
      name: 'ValidationError',
      param: 'options',
    });
  });

  it('sends the SDK key even when a header option removes it', async () => {
    const { call, seen } = stubbed();
    await call({ options: { headers: { 'Idempotency-Key': null } } });
    expect(seen[0]!.headers['idempotency-key']).toMatch(/^idk_/);
  });

  it('uses a key given as a header, and refuses two different keys', async () => {
    const { call, seen } = stubbed();
    await call({ options: { headers: { 'Idempotency-Key': 'idk_header' } } });
    expect(seen[0]!.headers['idempotency-key']).toBe('idk_header');
    const both = { idempotencyKey: 'idk_a', headers: { 'idempotency-key': 'idk_b' } };
    await expect(call({ options: both })).rejects.toMatchObject({
      name: 'ValidationError',
      message: /give the key once/,
    });
  });

  it('runs the validator and sends the value it returns', async () => {
    const { call, seen } = stubbed();
    const validate = async (input: unknown) => ({
      ok: true as const,
      value: { ...(input as object), to: '+447911123456' },
    });
    await call({ body: { to: '+44 7911 123456' }, validate });
    expect(seen).toHaveLength(1);
    const refuse = async () => ({
      ok: false as const,
      issues: [{ param: 'to', code: 'invalid_phone_number' as const, message: 'bad.' }],
    });
    await expect(call({ validate: refuse })).rejects.toMatchObject({ name: 'ValidationError', param: 'to' });
    expect(seen).toHaveLength(1);
  });

  it('does not leave a rejected body promise unobserved when the options are bad', async () => {
    const leaked: unknown[] = [];
    const onLeak = (reason: unknown): void => void leaked.push(reason);
    process.on('unhandledRejection', onLeak);
    try {
      const { call } = stubbed();
      const body = Promise.reject(new Error('body failed'));
      await expect(call({ body, options: 5 as never })).rejects.toThrow('body failed');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(leaked).toEqual([]);
    } finally {
      process.off('unhandledRejection', onLeak);
    }
  });
});
