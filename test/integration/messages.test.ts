// The SDK against the reference gateway over real HTTP on 127.0.0.1: what only a socket shows.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import OneMessage, {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  IdempotencyError,
  InsufficientCreditsError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ValidationError,
  type Message,
} from '../../src/index.node.js';
import { createGateway, type Gateway, type GatewayOptions, type GatewayServer } from '../../src/gateway/index.js';

const to = '+447911123456';
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function startGateway(
  options: GatewayOptions = {},
): Promise<{ gateway: Gateway; server: GatewayServer; client: OneMessage }> {
  const gateway = createGateway(options);
  const server = await gateway.listen({ port: 0 });
  cleanups.push(() => gateway.close());
  const client = new OneMessage({ apiKey: gateway.apiKey, baseURL: server.url, maxRetries: 0 });
  return { gateway, server, client };
}

/**
 * A proxy in front of the gateway that forwards every request but, for the first `drop` POSTs,
 * destroys the client's connection once the gateway has answered: the message exists, the
 * response is lost.
 */
async function lossyProxy(target: GatewayServer, drop: number): Promise<{ url: string; forwarded: string[] }> {
  const forwarded: string[] = [];
  let dropped = 0;
  const server: Server = createServer((req, res) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          forwarded.push(`${req.method} ${String(req.headers['idempotency-key'] ?? '')}`);
          if (req.method === 'POST' && dropped < drop) {
            dropped++;
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks));
        });
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, forwarded };
}

describe('idempotency over a lossy connection', () => {
  it('a POST whose response is lost is retried with the same key and leaves exactly one message', async () => {
    const { gateway, server } = await startGateway();
    const proxy = await lossyProxy(server, 1);
    const client = new OneMessage({ apiKey: gateway.apiKey, baseURL: proxy.url, maxRetries: 2 });

    const { data: message, response } = await client.messages
      .create({ to, sender: 'OneMSG', body: 'Exactly once' })
      .withResponse();

    expect(proxy.forwarded).toHaveLength(2);
    const [firstKey, secondKey] = proxy.forwarded.map((line) => line.split(' ')[1]);
    expect(firstKey).toMatch(/^idk_[0-9a-f-]{36}$/);
    expect(secondKey).toBe(firstKey);
    expect(response.idempotentReplayed).toBe(true);

    const direct = new OneMessage({ apiKey: gateway.apiKey, baseURL: server.url });
    const all: Message[] = [];
    for await (const m of direct.messages.list()) all.push(m);
    expect(all.map((m) => m.id)).toEqual([message.id]);
    const balance = (await (
      await fetch(`${server.url}/balance`, { headers: { authorization: `Bearer ${gateway.apiKey}` } })
    ).json()) as {
      available: { amount: string };
    };
    expect(balance.available.amount).toBe('99.9650'); // debited once: one GB segment at 0.0350
  });

  it('without retries a lost response is an APIConnectionError, and the same key later replays it', async () => {
    const { gateway, server } = await startGateway();
    const proxy = await lossyProxy(server, 1);
    const client = new OneMessage({ apiKey: gateway.apiKey, baseURL: proxy.url, maxRetries: 0 });
    const params = { to, sender: 'OneMSG', body: 'Caller-managed key' };

    await expect(client.messages.create(params, { idempotencyKey: 'idk_caller_1' })).rejects.toBeInstanceOf(
      APIConnectionError,
    );
    const { data, response } = await client.messages.create(params, { idempotencyKey: 'idk_caller_1' }).withResponse();
    expect(response.idempotentReplayed).toBe(true);
    const page = await client.messages.list();
    expect(page.data.map((m) => m.id)).toEqual([data.id]);
  });
});

describe('pagination over HTTP', () => {
  it('walks 250 messages across pages, each once, newest first', async () => {
    const { client } = await startGateway({ delivery: { sentAfterMs: 60_000, deliveredAfterMs: 60_000 } });
    const sent: string[] = [];
    for (let i = 0; i < 250; i++) {
      const m = await client.messages.create({ to, sender: 'OneMSG', body: `Message ${i}` });
      sent.push(m.id);
    }
    const seen: string[] = [];
    for await (const m of client.messages.list({ limit: 100 })) seen.push(m.id);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    expect(seen).toEqual([...sent].reverse());

    const first = await client.messages.list({ limit: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.has_more).toBe(true);
  });
});

describe('every messages error in the contract, produced by the gateway and mapped by the SDK', () => {
  it('401 authentication_failed → AuthenticationError, without echoing the key', async () => {
    const { server } = await startGateway();
    const client = new OneMessage({ apiKey: 'ark_test_not_a_real_key_123', baseURL: server.url, maxRetries: 0 });
    const error = await client.messages.retrieve('msg_x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, type: 'authentication_error', code: 'authentication_failed' });
    expect((error as Error).message).not.toContain('ark_test_not_a_real_key_123');
    expect((error as AuthenticationError).requestId).toMatch(/^req_/);
  });

  it('402 insufficient_credits → InsufficientCreditsError', async () => {
    const { client } = await startGateway({ balance: '0.01' });
    const error = await client.messages
      .create({ to, sender: 'OneMSG', body: 'Too expensive' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientCreditsError);
    expect(error).toMatchObject({ status: 402, type: 'billing_error', code: 'insufficient_credits' });
  });

  it('403 sender_not_approved → PermissionDeniedError naming the sender param', async () => {
    const { client } = await startGateway();
    const error = await client.messages.create({ to, sender: 'NotApproved', body: 'Hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'sender_not_approved', param: 'sender' });
  });

  it('404 not_found → NotFoundError', async () => {
    const { client } = await startGateway();
    const error = await client.messages.retrieve('msg_does_not_exist').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('400 forbidden_content → BadRequestError', async () => {
    const { client } = await startGateway();
    // The gateway's documented test phrase (docs/gateway.md) always trips the content policy.
    const error = await client.messages
      .create({ to, sender: 'OneMSG', body: 'Hello FORBIDDEN_CONTENT_TEST' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error', code: 'forbidden_content' });
  });

  it.each([
    ['invalid_phone_number', 'to', { to: '+1 555', body: 'Hi' }],
    ['invalid_sender', 'sender', { to, sender: '12345', body: 'Hi' }],
    ['message_too_long', 'body', { to, body: 'x'.repeat(1601) }],
    ['missing_parameter', 'body', { to }],
    ['invalid_parameter', 'validity_seconds', { to, body: 'Hi', validity_seconds: 172_801 }],
    ['multiple_segments_not_allowed', 'body', { to, body: 'x'.repeat(161), fail_on_multiple_segments: true }],
  ])(
    '400 %s on %s: the gateway answers it, the SDK maps it, and local validation names the same code first',
    async (code, param, body) => {
      const { client } = await startGateway();
      // Bypass local validation to see what the gateway itself answers.
      const fromGateway = await client.post('/messages', { body }).catch((e: unknown) => e);
      expect(fromGateway).toBeInstanceOf(BadRequestError);
      expect(fromGateway).toMatchObject({ status: 400, type: 'invalid_request_error', code, param });

      const local = await client.messages.create(body as never).catch((e: unknown) => e);
      expect(local).toBeInstanceOf(ValidationError);
      expect((local as ValidationError).issues).toContainEqual(expect.objectContaining({ code, param }));
    },
  );

  it('409 idempotency_conflict while the first call is in flight → ConflictError', async () => {
    // Over a socket the gateway finishes one request before the next is parsed, so the in-flight
    // window cannot be hit reliably; in-process, two calls started together always overlap.
    const gateway = createGateway();
    cleanups.push(() => gateway.close());
    const client = new OneMessage({
      apiKey: gateway.apiKey,
      fetch: gateway.fetch,
      baseURL: 'http://gateway.local/v1',
      maxRetries: 0,
    });
    const body = { to, sender: 'OneMSG', body: 'Race' };
    const results = await Promise.allSettled(
      [1, 2].map(() => client.post<Message>('/messages', { body, options: { idempotencyKey: 'idk_race' } })),
    );
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(ConflictError);
    expect(rejected[0]!.reason).toMatchObject({ status: 409, type: 'idempotency_error', code: 'idempotency_conflict' });
  });

  it('with retries on, the conflicting caller waits out the first call and gets its replay', async () => {
    const { client } = await startGateway();
    const params = { to, sender: 'OneMSG', body: 'Race' };
    const [a, b] = await Promise.all([
      client.messages.create(params, { idempotencyKey: 'idk_race_retry', maxRetries: 2 }),
      client.messages.create(params, { idempotencyKey: 'idk_race_retry', maxRetries: 2 }),
    ]);
    expect(b.id).toBe(a.id);
    const page = await client.messages.list();
    expect(page.data).toHaveLength(1);
  });

  it('422 idempotency_key_reused → IdempotencyError', async () => {
    const { client } = await startGateway();
    await client.messages.create({ to, sender: 'OneMSG', body: 'First' }, { idempotencyKey: 'idk_reused' });
    const error = await client.messages
      .create({ to, sender: 'OneMSG', body: 'Second' }, { idempotencyKey: 'idk_reused' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyError);
    expect(error).not.toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('429 rate_limit_exceeded → RateLimitError with retryAfter from the Retry-After header', async () => {
    const { client } = await startGateway({ rateLimit: { limit: 2, windowMs: 60_000 } });
    await client.messages.list();
    const { response } = await client.messages.list().withResponse();
    expect(response.rateLimit).toMatchObject({ limit: 2, remaining: 0 });
    const error = await client.messages.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    expect((error as RateLimitError).retryAfter).toBeGreaterThan(0);
    expect((error as RateLimitError).retryAfter).toBeLessThanOrEqual(60);
  });
});
