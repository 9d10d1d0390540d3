// The gateway's fault mode in-process: each fault, its determinism per seed, and its options.
import { describe, expect, it } from 'vitest';
import { GatewayOptionsError, type FaultKind, type FaultOptions } from '../../../src/gateway/index.js';
import { FaultSpecError, parseFaultSpec } from '../../../src/gateway/faults/options.js';
import { mulberry32 } from '../../../src/gateway/faults/prng.js';
import { errorOf, makeGateway } from '../helpers.js';

const MESSAGE = { to: '+447911123456', body: 'Hello', sender: 'OneMSG' };

function faulty(faults: FaultOptions) {
  const test = makeGateway({ faults });
  const count = async () => {
    const list = (await (await test.get('/v1/messages?limit=100')).json()) as { data: unknown[] };
    return list.data.length;
  };
  return { ...test, count };
}

// Faults on POSTs only, so the GETs that count messages are never faulted.
const postsOnly = (request: Request) => request.method === 'POST';

describe('gateway fault mode', () => {
  it('is off by default: no option, no faults', async () => {
    const { post } = makeGateway();
    for (let i = 0; i < 20; i++) expect((await post('/v1/messages', MESSAGE)).status).toBe(201);
  });

  it('answers 500 and 503 with Retry-After and a request id before doing anything', async () => {
    for (const [kind, status, code] of [
      ['error500', 500, 'internal_error'],
      ['error503', 503, 'service_unavailable'],
    ] as const) {
      const { post, count } = faulty({ rates: { [kind]: 1 }, retryAfterSeconds: 0.05, appliesTo: postsOnly });
      const response = await post('/v1/messages', MESSAGE);
      expect(response.headers.get('retry-after')).toBe('0.05');
      const requestId = response.headers.get('x-request-id');
      const error = await errorOf(response);
      expect(error).toMatchObject({ status, code, request_id: requestId });
      expect(await count()).toBe(0);
    }
  });

  it('rejects like a network error before doing anything (resetBeforeHandling)', async () => {
    const { post, count } = faulty({ rates: { resetBeforeHandling: 1 }, appliesTo: postsOnly });
    await expect(post('/v1/messages', MESSAGE)).rejects.toThrow(TypeError);
    await expect(post('/v1/messages', MESSAGE)).rejects.toThrow('fetch failed');
    expect(await count()).toBe(0);
  });

  it('commits, then drops the answer: the same key replays the message (dropAfterCommit)', async () => {
    let drop = true;
    const { post, count } = faulty({ rates: { dropAfterCommit: 1 }, appliesTo: (r) => postsOnly(r) && drop });
    const key = { 'idempotency-key': 'idk_drop' };
    await expect(post('/v1/messages', MESSAGE, key)).rejects.toThrow('fetch failed');
    expect(await count()).toBe(1);
    drop = false;
    const retry = await post('/v1/messages', MESSAGE, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await count()).toBe(1);
  });

  it('holds the answer past delayMs while the key is in flight: a retry meanwhile gets 409', async () => {
    let delay = true;
    const test = faulty({ rates: { delay: 1 }, delayMs: 5_000, appliesTo: (r) => postsOnly(r) && delay });
    const key = { 'idempotency-key': 'idk_slow' };
    let answered = false;
    const first = test.post('/v1/messages', MESSAGE, key).then((response) => ((answered = true), response));
    await test.clock.advance(4_000);
    expect(answered).toBe(false);
    delay = false;
    const retry = await test.post('/v1/messages', MESSAGE, key);
    expect(await errorOf(retry)).toMatchObject({ status: 409, code: 'idempotency_conflict' });
    await test.clock.advance(1_000);
    expect((await first).status).toBe(201);
    const again = await test.post('/v1/messages', MESSAGE, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await test.count()).toBe(1);
  });

  it('holds answers that reach no route too, and releases held answers on close', async () => {
    const test = faulty({ rates: { delay: 1 }, delayMs: 60_000 });
    const pending = test.get('/v1/no-such-route');
    let settled = false;
    void pending.then(() => (settled = true));
    await test.clock.advance(59_000);
    expect(settled).toBe(false);
    await test.gateway.close();
    expect((await pending).status).toBe(404);
  });

  it('answers a burst of burstLength 429s with Retry-After (burst429)', async () => {
    let burst = true;
    const faults: FaultKind[] = [];
    const { post } = faulty({
      rates: { burst429: 1 },
      burstLength: 3,
      appliesTo: (r) => postsOnly(r) && burst,
      onFault: (kind) => {
        faults.push(kind);
        burst = faults.length < 3;
      },
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('/v1/messages', MESSAGE)).status);
    expect(statuses).toEqual([429, 429, 429, 201]);
    expect(faults).toEqual(['burst429', 'burst429', 'burst429']);
  });

  it('injects the same faults for the same seed and order of requests', async () => {
    const run = async (seed: number) => {
      const seen: string[] = [];
      const { post } = faulty({
        seed,
        rates: { error500: 0.1, error503: 0.1, resetBeforeHandling: 0.1, dropAfterCommit: 0.1, burst429: 0.05 },
        retryAfterSeconds: 0,
        onFault: (kind) => seen.push(kind),
      });
      const outcomes: string[] = [];
      for (let i = 0; i < 60; i++) {
        outcomes.push(
          await post('/v1/messages', MESSAGE).then(
            (r) => String(r.status),
            () => 'dropped',
          ),
        );
      }
      return { seen, outcomes };
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect((await run(43)).outcomes).not.toEqual(first.outcomes);
    expect(new Set(first.outcomes)).toEqual(new Set(['201', '500', '503', '429', 'dropped']));
  });

  it('refuses bad options with a GatewayOptionsError naming the option', () => {
    const bad: [unknown, string][] = [
      [{ rates: { error503: 2 } }, 'faults.rates.error503'],
      [{ rates: { error503: 0.6, delay: 0.6 } }, 'faults.rates'],
      [{ rates: { nope: 0.1 } }, 'faults.rates.nope'],
      [{}, 'faults.rates'],
      [{ rates: {}, seed: 1.5 }, 'faults.seed'],
      [{ rates: {}, delayMs: -1 }, 'faults.delayMs'],
      [{ rates: {}, burstLength: 0 }, 'faults.burstLength'],
      [{ rates: {}, appliesTo: 'POST' }, 'faults.appliesTo'],
    ];
    for (const [faults, option] of bad) {
      expect(() => makeGateway({ faults: faults as FaultOptions })).toThrow(GatewayOptionsError);
      try {
        makeGateway({ faults: faults as FaultOptions });
      } catch (error) {
        expect((error as GatewayOptionsError).option).toBe(option);
      }
    }
  });
});

describe('parseFaultSpec (the CLI flag)', () => {
  it('reads rates and settings', () => {
    expect(parseFaultSpec('seed=1,error503=0.05,dropAfterCommit=0.1, delayMs = 500')).toEqual({
      seed: 1,
      delayMs: 500,
      rates: { error503: 0.05, dropAfterCommit: 0.1 },
    });
  });

  it.each(['', 'error503', 'error503=x', 'nope=0.1', 'seed=1,seed=2', 'error503=1e-1'])('refuses %j', (spec) => {
    expect(() => parseFaultSpec(spec)).toThrow(FaultSpecError);
  });
});

describe('mulberry32', () => {
  it('is deterministic per seed and uniform enough', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const draws = Array.from({ length: 10_000 }, () => a());
    expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = draws.reduce((sum, x) => sum + x, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});
