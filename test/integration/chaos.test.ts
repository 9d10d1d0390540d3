// Exactly-once under injected faults: the SDK over real HTTP on 127.0.0.1 against a gateway that
// fails 30% of POSTs (500/503, resets, answers dropped after the commit, delays past the client's
// timeout, 429 bursts). Every call resolves or throws a typed error whose re-run resolves, and the
// gateway ends up with exactly one message per call.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import OneMessage, { OneMessageError } from '../../src/index.node.js';
import { createGateway, type FaultKind, type FaultOptions, type Gateway } from '../../src/gateway/index.js';
import { mulberry32 } from '../../src/gateway/faults/prng.js';
import { countMessages, runPool } from '../chaos/lib.js';
import { Messages } from '../../src/resources/messages.js';

const MESSAGE = { to: '+447911123456', sender: 'OneMSG', body: 'Exactly once' };

// 30% of POSTs in all; a burst answers 3 requests in a row with 429.
const FAULTS: FaultOptions = {
  seed: 20_260_301,
  rates: {
    error500: 0.05,
    error503: 0.05,
    resetBeforeHandling: 0.07,
    dropAfterCommit: 0.1,
    delay: 0.01,
    burst429: 0.02,
  },
  burstLength: 3,
  delayMs: 300,
  retryAfterSeconds: 0.01,
  // GETs stay clean, so counting the messages afterwards is not itself faulted.
  appliesTo: (request) => request.method === 'POST',
};

// The SDK's backoff is full jitter, random() × ceiling: a small, seeded random() keeps 2,000 faulty
// calls within seconds without touching the client's retry policy.
const realRandom = Math.random;
beforeAll(() => {
  const random = mulberry32(7);
  Math.random = () => random() * 0.05;
});
afterAll(() => {
  Math.random = realRandom;
});

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(windowMs = 60_000) {
  const faults = new Map<FaultKind, number>();
  const gateway: Gateway = createGateway({
    balance: '1000000',
    rateLimit: { limit: 1_000_000, windowMs },
    faults: { ...FAULTS, onFault: (kind) => faults.set(kind, (faults.get(kind) ?? 0) + 1) },
  });
  const server = await gateway.listen({ port: 0, hostname: '127.0.0.1' });
  cleanups.push(() => gateway.close());
  // Timeout below delayMs, so a delayed answer times out and its retry meets the key in flight (409).
  const client = new OneMessage({ apiKey: gateway.apiKey, baseURL: server.url, timeout: 200, maxRetries: 15 });
  return { gateway, client, faults };
}

describe('exactly once under injected faults (real HTTP)', () => {
  it('2,000 messages.create at 30% faults: 2,000 messages, no duplicates, failures re-run with their key', async () => {
    const { gateway, client, faults } = await setup();
    const calls = 2_000;
    const failures: { id: string; key: string; error: unknown }[] = [];
    let created = 0;

    await runPool(calls, 16, async (i) => {
      const id = `c${i}`;
      const key = `idk_chaos_create_${i}`;
      const params = { ...MESSAGE, metadata: { call: id } };
      try {
        await client.messages.create(params, { idempotencyKey: key });
        created++;
      } catch (error) {
        failures.push({ id, key, error });
      }
    });
    for (const failure of failures) expect(failure.error).toBeInstanceOf(OneMessageError);
    // Re-running a failed call with its key must resolve (a replay when the first had committed).
    for (const { id, key } of failures) {
      await client.messages.create({ ...MESSAGE, metadata: { call: id } }, { idempotencyKey: key, maxRetries: 50 });
      created++;
    }

    expect(created).toBe(calls);
    const counts = await countMessages(gateway, (message) => message.metadata?.call);
    expect(counts.size).toBe(calls);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    // The faults really happened, each kind of them.
    const injected = [...faults.values()].reduce((sum, n) => sum + n, 0);
    expect(injected).toBeGreaterThan(calls * 0.25);
    for (const kind of Object.keys(FAULTS.rates) as FaultKind[]) expect(faults.get(kind) ?? 0).toBeGreaterThan(0);
  }, 60_000);

  // Feature-detected: messages.batch and messages.sendMany came with the bulk-sending work.
  const bulk = 'sendMany' in Messages.prototype && 'batch' in Messages.prototype;
  it.runIf(bulk)(
    '100 messages.batch of 20 at 30% faults: 2,000 messages, each once',
    async () => {
      const { gateway, client } = await setup();
      const batch = (i: number) => ({
        defaults: { sender: 'OneMSG', body: 'Batched exactly once' },
        messages: Array.from({ length: 20 }, (_, j) => ({ to: MESSAGE.to, metadata: { call: `b${i}-${j}` } })),
      });
      const failures: number[] = [];
      await runPool(100, 8, async (i) => {
        try {
          const result = await client.messages.batch(batch(i), { idempotencyKey: `idk_chaos_batch_${i}` });
          expect(result.accepted).toBe(20);
        } catch (error) {
          expect(error).toBeInstanceOf(OneMessageError);
          failures.push(i);
        }
      });
      for (const i of failures) {
        const result = await client.messages.batch(batch(i), {
          idempotencyKey: `idk_chaos_batch_${i}`,
          maxRetries: 50,
        });
        expect(result.accepted).toBe(20);
      }
      const counts = await countMessages(gateway, (message) => message.metadata?.call);
      expect(counts.size).toBe(2_000);
      expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    },
    60_000,
  );

  it.runIf(bulk)(
    'messages.sendMany of 2,000 in chunks of 50 at 30% faults: each once, a re-run sends nothing',
    async () => {
      // sendMany's pacer holds every worker until the rate-limit window resets after any Retry-After,
      // even a 503's of 10 ms (src/bulk/pacer.ts pause()); a 1 s window bounds that wait here.
      const { gateway, client } = await setup(1_000);
      const recipients = Array.from({ length: 2_000 }, (_, i) => ({ to: MESSAGE.to, metadata: { call: `s${i}` } }));
      const options = {
        jobId: 'chaos-send-many',
        defaults: { sender: 'OneMSG', body: 'Sent many, once each' },
        chunkSize: 50,
        concurrency: 4,
      };
      const first = await client.messages.sendMany(recipients, options);
      expect(first.requested).toBe(2_000);
      // Chunks that failed as a whole are sent by the re-run; chunks already accepted are replayed.
      const again = await client.messages.sendMany(recipients, { ...options, maxRetries: 50 });
      expect(again.accepted).toBe(2_000);
      expect(again.failedChunks).toEqual([]);
      const counts = await countMessages(gateway, (message) => message.metadata?.call);
      expect(counts.size).toBe(2_000);
      expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    },
    60_000,
  );
});
