import { beforeEach, describe, expect, it } from 'vitest';
import { createGateway, ManualClock, type Gateway } from '../../src/gateway/index.js';
import OneMessage, {
  AuthenticationError,
  IdempotencyError,
  InsufficientCreditsError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ValidationError,
  type Message,
} from '../../src/index.js';

let gateway: Gateway;
let clock: ManualClock;
let client: OneMessage;
let requests: string[];

function clientFor(gw: Gateway, options: ConstructorParameters<typeof OneMessage>[0] = {}): OneMessage {
  return new OneMessage({
    apiKey: gw.apiKey,
    baseURL: 'http://gateway.local/v1',
    fetch: (url, init) => {
      requests.push(`${init.method} ${new URL(url).pathname}${new URL(url).search}`);
      return gw.fetch(url, init);
    },
    ...options,
  });
}

beforeEach(() => {
  // The SDK checks scheduled_at against the real clock, so the gateway's starts at real time.
  clock = new ManualClock(Date.now());
  gateway = createGateway({ clock });
  requests = [];
  client = clientFor(gateway);
});

const hello = { to: '+44 7911 123456', sender: 'OneMSG', body: 'Hello from the tests' };

describe('messages.create / retrieve', () => {
  it('sends a message, normalising the number, and reads it back with its delivery history', async () => {
    const { data: message, response } = await client.messages.create(hello).withResponse();
    expect(message).toMatchObject({
      object: 'message',
      to: '+447911123456',
      sender: 'OneMSG',
      status: 'queued',
      segments: 1,
    });
    expect(response.status).toBe(201);
    expect(response.requestId).toMatch(/^req_/);
    expect(response.rateLimit.limit).toBeGreaterThan(0);
    expect(response.idempotentReplayed).toBe(false);

    await clock.advance(60_000);
    const later = await client.messages.retrieve(message.id);
    expect(later.status).toBe('delivered');
    expect(later.events.map((e) => e.status)).toEqual(['queued', 'sent', 'delivered']);
  });

  it('replays the stored answer for a repeated idempotency key and refuses it with another body', async () => {
    const first = await client.messages.create(hello, { idempotencyKey: 'idk_fixed' });
    const again = await client.messages.create(hello, { idempotencyKey: 'idk_fixed' }).withResponse();
    expect(again.data.id).toBe(first.id);
    expect(again.response.idempotentReplayed).toBe(true);
    const error = await client.messages
      .create({ ...hello, body: 'different' }, { idempotencyKey: 'idk_fixed' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyError);
    expect(error).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('prices a dry run and sends nothing', async () => {
    const message = await client.messages.create({ ...hello, dry_run: true });
    expect(message).toMatchObject({ dry_run: true, price: { currency: 'EUR' } });
  });
});

describe('client-side validation', () => {
  it('throws ValidationError naming each bad field and sends no request', async () => {
    const error = await client.messages
      .create({ to: '+44 79', body: 'x'.repeat(1601), sender: '123' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => `${i.param}:${i.code}`).sort()).toEqual([
      'body:message_too_long',
      'sender:invalid_sender',
      'to:invalid_phone_number',
    ]);
    expect((error as Error).message).toContain('POST /v1/messages');
    expect(requests).toEqual([]);
  });

  it('refuses a multi-segment text locally when fail_on_multiple_segments is set', async () => {
    const error = await client.messages
      .create({ ...hello, body: 'a'.repeat(161), fail_on_multiple_segments: true })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationError', code: 'multiple_segments_not_allowed', param: 'body' });
    expect(requests).toEqual([]);
    await expect(
      client.messages.create({ ...hello, body: 'a'.repeat(160), fail_on_multiple_segments: true }),
    ).resolves.toMatchObject({ segments: 1 });
  });

  it('validates list filters before sending', async () => {
    await expect(client.messages.list({ limit: 1000 })).rejects.toBeInstanceOf(ValidationError);
    expect(requests).toEqual([]);
  });
});

describe('messages.list', () => {
  it('awaits to the first page and iterates every message across pages, newest first, each once', async () => {
    const sent: Message[] = [];
    for (let i = 0; i < 25; i++) {
      sent.push(await client.messages.create({ ...hello, body: `message ${i}` }));
      await clock.advance(1);
    }
    const page = await client.messages.list({ limit: 10 });
    expect(page.data).toHaveLength(10);
    expect(page.has_more).toBe(true);
    expect(page.data[0]!.id).toBe(sent.at(-1)!.id);

    requests = [];
    const seen: string[] = [];
    for await (const message of client.messages.list({ limit: 10 })) seen.push(message.id);
    expect(seen).toEqual(sent.map((m) => m.id).reverse());
    expect(requests).toHaveLength(3);
    expect(requests[1]).toContain(`starting_after=${sent[15]!.id}`);
  });

  it('filters by status and recipient', async () => {
    await client.messages.create({ ...hello, to: '+15005550003' }); // unreachable: fails
    await client.messages.create(hello);
    await clock.advance(60_000);
    const failed = await client.messages.list({ status: 'failed' });
    expect(failed.data.map((m) => m.to)).toEqual(['+15005550003']);
    const toUk = await client.messages.list({ to: '+44 7911 123456' });
    expect(toUk.data.map((m) => m.to)).toEqual(['+447911123456']);
  });
});

describe('messages.cancel', () => {
  it('cancels a scheduled message', async () => {
    const scheduled = await client.messages.create({
      ...hello,
      scheduled_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(scheduled.status).toBe('scheduled');
    const canceled = await client.messages.cancel(scheduled.id);
    expect(canceled).toMatchObject({ id: scheduled.id, status: 'canceled' });
  });

  it('encodes the id into the path', async () => {
    await expect(client.messages.cancel('msg_../../balance')).rejects.toBeInstanceOf(NotFoundError);
    expect(requests).toEqual(['POST /v1/messages/msg_..%2F..%2Fbalance/cancel']);
  });
});

describe('API errors through the gateway', () => {
  it('maps 401, 402, 403, 404 and 429 to their classes', async () => {
    const wrongKey = clientFor(gateway, { apiKey: 'ark_test_wrong' });
    await expect(wrongKey.messages.retrieve('msg_1')).rejects.toBeInstanceOf(AuthenticationError);
    await expect(client.messages.retrieve('msg_missing')).rejects.toMatchObject({
      name: 'NotFoundError',
      code: 'not_found',
    });
    await expect(client.messages.create({ ...hello, sender: 'NotMine' })).rejects.toMatchObject({
      name: 'PermissionDeniedError',
      code: 'sender_not_approved',
    });
    await expect(client.messages.create({ ...hello, sender: 'NotMine' })).rejects.toBeInstanceOf(PermissionDeniedError);

    const poor = createGateway({ clock, balance: '0.01' });
    await expect(clientFor(poor).messages.create(hello)).rejects.toBeInstanceOf(InsufficientCreditsError);

    const strict = createGateway({ clock, rateLimit: { limit: 1 } });
    const limited = clientFor(strict, { maxRetries: 0 });
    await limited.messages.create(hello);
    const error = await limited.messages.create(hello).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBeGreaterThan(0);
  });
});

describe('messages.estimate', () => {
  it.each([
    ['+447911123456', 'Hello'],
    ['+447911123456', 'a'.repeat(161)],
    ['+33612345678', 'Ça coûte combien ? 😀'],
    ['+15005550000', '{curly} [brackets] ~ €'.repeat(10)],
    ['+491701234567', '“Smart quotes” — and a dash'],
  ])('agrees with the API’s dry run for %s %j, with no request', async (to, body) => {
    const estimate = await client.messages.estimate({ to, body });
    expect(requests).toEqual([]);
    const dryRun = await client.messages.create({ to, body, sender: 'OneMSG', dry_run: true });
    expect(estimate).toMatchObject({
      to: dryRun.to,
      encoding: dryRun.encoding,
      segments: dryRun.segments,
      price: dryRun.price,
    });
  });

  it('applies autoconvert like the API does', async () => {
    const plain = await client.messages.estimate({ to: '+447911123456', body: '“Hi” — there' });
    const converted = await client.messages.estimate({ to: '+447911123456', body: '“Hi” — there', autoconvert: 'on' });
    expect(plain.encoding).toBe('UCS-2');
    expect(converted).toMatchObject({ encoding: 'GSM-7', body: '"Hi" - there' });
  });

  it('rejects a bad number or an unknown currency with ValidationError', async () => {
    await expect(client.messages.estimate({ to: '123', body: 'x' })).rejects.toMatchObject({
      name: 'ValidationError',
      param: 'to',
    });
    // @ts-expect-error: currency is typed as the supported union
    await expect(client.messages.estimate({ to: '+447911123456', body: 'x', currency: 'XXX' })).rejects.toMatchObject({
      name: 'ValidationError',
      param: 'currency',
    });
  });
});
