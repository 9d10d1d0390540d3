// messages.batch and messages.sendMany against the reference gateway over real HTTP on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import OneMessage, {
  APIUserAbortError,
  IdempotencyError,
  InsufficientCreditsError,
  type BatchEntry,
  type BatchVariables,
  type ClientOptions,
} from '../../src/index.node.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/gateway/index.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function startGateway(
  options: GatewayOptions = {},
  client: ClientOptions = {},
): Promise<{ gateway: Gateway; client: OneMessage }> {
  // Deliveries far in the future: these tests count what was stored, not how it was delivered.
  const delivery = { sentAfterMs: 3_600_000, deliveredAfterMs: 3_600_000 };
  const gateway = createGateway({ balance: '100000', delivery, ...options });
  const server = await gateway.listen({ port: 0 });
  cleanups.push(() => gateway.close());
  return {
    gateway,
    client: new OneMessage({
      apiKey: gateway.apiKey,
      baseURL: server.url,
      ...client,
    }),
  };
}

/** Distinct valid UK mobiles: +4479112 followed by five digits. */
const mobile = (i: number) => `+4479112${String(i).padStart(5, '0')}`;

/** Every stored message's `to`, counted, by walking the list over HTTP. */
async function storedByTo(client: OneMessage): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for await (const message of client.messages.list({ limit: 100 })) {
    counts.set(message.to, (counts.get(message.to) ?? 0) + 1);
  }
  return counts;
}

describe('messages.batch over HTTP', () => {
  it('sends 10,000 personalised entries: good ones accepted, bad ones at their index, bodies filled', async () => {
    const { client } = await startGateway();
    const badNumber = (i: number) => i % 97 === 5;
    const missingVariable = (i: number) => i % 89 === 7 && !badNumber(i);
    const messages: BatchEntry[] = Array.from({ length: 10_000 }, (_, i) => ({
      to: badNumber(i) ? `+44 12${i}` : mobile(i),
      // Every entry its own text; some use the shared template from defaults.
      ...(i % 3 === 0 ? {} : { body: `Order ${i} for {{name}} ships {{day}}.` }),
      variables: missingVariable(i)
        ? ({ name: `Guest ${i}`, code: i } as BatchVariables)
        : { name: `Guest ${i}`, day: 'today', code: i },
    }));
    const batch = await client.messages.batch({
      defaults: {
        sender: 'OneMSG',
        body: 'Hi {{name}}, your code is {{code}} ({{day}}).',
      },
      messages,
    });

    const bad = messages.map((_, i) => i).filter((i) => badNumber(i) || missingVariable(i));
    expect(batch).toMatchObject({
      object: 'batch',
      accepted: 10_000 - bad.length,
      rejected: bad.length,
    });
    expect(batch.results.map((result) => result.index)).toEqual(messages.map((_, i) => i));
    for (const i of bad) {
      const result = batch.results[i]!;
      expect('error' in result && result.error, `entry ${i}`).toMatchObject(
        badNumber(i)
          ? { code: 'invalid_phone_number', param: 'to' }
          : { code: 'invalid_parameter', param: 'variables[day]' },
      );
    }
    const [first, second] = [batch.results[0]!, batch.results[1]!] as {
      id: string;
    }[];
    expect((await client.messages.retrieve(first!.id)).body).toBe('Hi Guest 0, your code is 0 (today).');
    expect((await client.messages.retrieve(second!.id)).body).toBe('Order 1 for Guest 1 ships today.');
  }, 60_000);

  it('refuses a batch the balance cannot cover with 402: balance unchanged, nothing stored', async () => {
    const { client, gateway } = await startGateway({ balance: '0.1000' }); // covers two of three
    const before = await (
      await gateway.fetch('/v1/balance', {
        headers: { authorization: `Bearer ${gateway.apiKey}` },
      })
    ).json();
    const refused = await client.messages
      .batch({
        defaults: { body: 'Hello' },
        messages: [0, 1, 2].map((i) => ({ to: mobile(i) })),
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InsufficientCreditsError);
    expect(refused).toMatchObject({
      status: 402,
      code: 'insufficient_credits',
    });
    const after = await (
      await gateway.fetch('/v1/balance', {
        headers: { authorization: `Bearer ${gateway.apiKey}` },
      })
    ).json();
    expect(after).toMatchObject({
      available: (before as { available: unknown }).available,
    });
    expect((await storedByTo(client)).size).toBe(0);
  });
});

describe('messages.sendMany over HTTP', () => {
  it('aborted half-way then resumed with the same jobId: each of 25,000 recipients sent once', async () => {
    const { client } = await startGateway();
    const total = 25_000;
    async function* recipients(): AsyncGenerator<BatchEntry> {
      for (let i = 0; i < total; i++) yield { to: mobile(i), variables: { name: `Guest ${i}` } };
    }
    const options = {
      jobId: 'resume-test',
      defaults: { sender: 'OneMSG', body: 'Hi {{name}}' },
      chunkSize: 1_000,
    };

    const controller = new AbortController();
    const aborted = await client.messages
      .sendMany(recipients(), {
        ...options,
        signal: controller.signal,
        onProgress: ({ sent }) => {
          if (sent >= total / 2) controller.abort();
        },
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(aborted).toBeInstanceOf(APIUserAbortError);
    const half = await storedByTo(client);
    expect(half.size).toBeGreaterThanOrEqual(total / 2);
    expect(half.size).toBeLessThan(total);

    const summary = await client.messages.sendMany(recipients(), options);
    expect(summary).toMatchObject({
      requested: total,
      accepted: total,
      rejected: 0,
      chunks: 25,
      failedChunks: [],
    });
    expect(summary.replayed).toBeGreaterThanOrEqual(12);
    const stored = await storedByTo(client);
    expect(stored.size).toBe(total);
    expect([...stored.values()].every((count) => count === 1)).toBe(true);
  }, 90_000);

  it('finishes against a low rate limit without a single unhandled 429', async () => {
    let refusals = 0;
    const counting: typeof fetch = async (url, init) => {
      const response = await fetch(url, init);
      if (response.status === 429) refusals++;
      return response;
    };
    const { client } = await startGateway({ rateLimit: { limit: 3, windowMs: 1_000 } }, { fetch: counting });
    const recipients = Array.from({ length: 1_200 }, (_, i) => ({
      to: mobile(i),
    }));
    const summary = await client.messages.sendMany(recipients, {
      jobId: 'paced',
      defaults: { body: 'Hello' },
      chunkSize: 200,
      concurrency: 3,
    });
    expect(summary).toMatchObject({
      requested: 1_200,
      accepted: 1_200,
      chunks: 6,
      failedChunks: [],
    });
    // Every 429 that happened was waited out and retried; pacing keeps them rare.
    expect(summary.retries).toBe(refusals);
    expect(refusals).toBeLessThanOrEqual(3);
  }, 30_000);

  it('reports a chunk that changed under the same jobId as a 422 IdempotencyError, without retrying it', async () => {
    const { client } = await startGateway();
    const recipients = Array.from({ length: 300 }, (_, i) => ({
      to: mobile(i),
      body: `Hello ${i}`,
    }));
    const options = { jobId: 'changed', chunkSize: 100 };
    await client.messages.sendMany(recipients, options);

    const changed = recipients.map((r, i) => (i === 150 ? { ...r, body: 'A corrected text' } : r));
    const job = client.messages.sendMany(changed, options);
    const codes = new Map<number, string>();
    for await (const result of job) if ('error' in result) codes.set(result.index, result.error.code);
    const summary = await job;
    expect(summary).toMatchObject({
      requested: 300,
      accepted: 200,
      rejected: 100,
      replayed: 2,
      retries: 0,
    });
    expect(summary.failedChunks).toHaveLength(1);
    expect(summary.failedChunks[0]).toMatchObject({
      chunk: 1,
      first: 100,
      count: 100,
    });
    expect(summary.failedChunks[0]!.error).toBeInstanceOf(IdempotencyError);
    expect(codes.size).toBe(100);
    expect(new Set(codes.values())).toEqual(new Set(['idempotency_key_reused']));
    expect((await storedByTo(client)).size).toBe(300);
  });
});
