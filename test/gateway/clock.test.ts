import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock, systemClock } from '../../src/gateway/clock.js';

describe('ManualClock', () => {
  it('runs due timers in due-time order, ties in scheduling order, and moves time to each', async () => {
    const clock = new ManualClock(1_000);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => seen.push(`a@${clock.now()}`), 100);
    clock.setTimeout(() => seen.push(`c@${clock.now()}`), 200);
    clock.setTimeout(() => seen.push('late'), 500);
    await clock.advance(300);
    expect(seen).toEqual(['a@1100', 'b@1200', 'c@1200']);
    expect(clock.now()).toBe(1_300);
    expect(clock.pending).toBe(1);
  });

  it('awaits a promise a timer returns before running the next one', async () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    clock.setTimeout(async () => {
      await Promise.resolve();
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push('slow first');
    }, 10);
    clock.setTimeout(() => seen.push('second'), 10);
    await clock.advance(10);
    expect(seen).toEqual(['slow first', 'second']);
  });

  it('runs timers scheduled by timers when they fall inside the advanced window', async () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    clock.setTimeout(() => {
      seen.push(clock.now());
      clock.setTimeout(() => seen.push(clock.now()), 50);
    }, 100);
    await clock.advance(149);
    expect(seen).toEqual([100]);
    await clock.advance(1);
    expect(seen).toEqual([100, 150]);
  });

  it('clearTimeout cancels a pending timer; next() and runAll() drain the queue', async () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    const handle = clock.setTimeout(() => seen.push('canceled'), 10);
    clock.setTimeout(() => seen.push('x'), 5_000);
    clock.setTimeout(() => seen.push('y'), 9_000);
    clock.clearTimeout(handle);
    expect(await clock.next()).toBe(true);
    expect(seen).toEqual(['x']);
    expect(clock.now()).toBe(5_000);
    expect(await clock.runAll()).toBe(1);
    expect(await clock.next()).toBe(false);
    expect(seen).toEqual(['x', 'y']);
  });

  it('runAll throws a clear error instead of silently stopping when timers reschedule forever', async () => {
    const clock = new ManualClock(0);
    const tick = () => void clock.setTimeout(tick, 1);
    tick();
    await expect(clock.runAll(25)).rejects.toThrow(/ran 25 timers and 1 are still pending/);
    const guarded = new ManualClock(0, { maxSteps: 50 });
    const spin = () => void guarded.setTimeout(spin, 0);
    spin();
    await expect(guarded.advance(1)).rejects.toThrow(RangeError);
  });

  it('runAll runs far more than 10,000 timers when there is that much work', async () => {
    const clock = new ManualClock(0);
    let fired = 0;
    for (let i = 0; i < 30_000; i++) clock.setTimeout(() => fired++, i % 997);
    expect(await clock.runAll()).toBe(30_000);
    expect(fired).toBe(30_000);
    expect(clock.pending).toBe(0);
  });

  it('runs a chain of timers, each scheduled by the one before, inside one advance and in time order', async () => {
    const clock = new ManualClock(0);
    const HOUR = 3_600_000;
    const backoff = [60_000, 5 * 60_000, 30 * 60_000, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR];
    const attempts: number[] = [];
    const attempt = (retry: number): void => {
      attempts.push(clock.now());
      const delay = backoff[retry];
      if (delay !== undefined) clock.setTimeout(() => attempt(retry + 1), delay);
    };
    clock.setTimeout(() => attempt(0), 0);
    await clock.advance(24 * HOUR);
    expect(attempts).toHaveLength(8);
    expect(attempts).toEqual([...attempts].sort((a, b) => a - b));
    expect(attempts.at(-1)).toBe(backoff.reduce((sum, delay) => sum + delay, 0));
  });

  it('waits for async work registered with onSettle before deciding an advance is done', async () => {
    const clock = new ManualClock(0, { settleTurns: 0 });
    const inFlight = new Set<Promise<unknown>>();
    clock.onSettle(() => Promise.all(inFlight));
    const seen: number[] = [];
    const attempt = (n: number): void => {
      seen.push(clock.now());
      // Like a webhook attempt: sign with Web Crypto, then schedule the retry; the clock never sees the promise.
      const work = crypto.subtle
        .importKey('raw', new Uint8Array(32), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
        .then((key) => crypto.subtle.sign('HMAC', key, new Uint8Array(8)))
        .then(() => n < 7 && void clock.setTimeout(() => attempt(n + 1), 60_000 * 2 ** n))
        .finally(() => inFlight.delete(work));
      inFlight.add(work);
    };
    clock.setTimeout(() => attempt(0), 0);
    await clock.advance(24 * 3_600_000);
    expect(seen).toHaveLength(8);
  });

  it('by default waits a few event-loop turns for timers that a macrotask schedules', async () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    const attempt = (n: number): void => {
      seen.push(clock.now());
      if (n < 7) globalThis.setTimeout(() => clock.setTimeout(() => attempt(n + 1), 60_000), 0);
    };
    clock.setTimeout(() => attempt(0), 0);
    await clock.advance(24 * 3_600_000);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => n * 60_000));
  });

  it('breaks ties first in, first out, also for timers scheduled at the current time while advancing', async () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      clock.setTimeout(() => {
        seen.push(name);
        clock.setTimeout(() => seen.push(`${name}'`), 0);
      }, 100);
    }
    clock.setTimeout(() => seen.push('d'), 100);
    await clock.advance(100);
    expect(seen).toEqual(['a', 'b', 'c', 'd', "a'", "b'", "c'"]);
  });

  it('keeps order and cancellations right across 100,000 timers', async () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    const handles: unknown[] = [];
    // A scrambled but deterministic spread of due times, with many ties.
    for (let i = 0; i < 100_000; i++) handles.push(clock.setTimeout(() => fired.push(i), (i * 7_919) % 2_000));
    for (let i = 0; i < 100_000; i += 3) clock.clearTimeout(handles[i]);
    expect(clock.pending).toBe(100_000 - 33_334);
    await clock.advance(1_999);
    expect(fired).toHaveLength(100_000 - 33_334);
    const due = (i: number) => (i * 7_919) % 2_000;
    for (let k = 1; k < fired.length; k++) {
      const [a, b] = [fired[k - 1]!, fired[k]!];
      expect(due(a) < due(b) || (due(a) === due(b) && a < b)).toBe(true);
    }
    expect(fired.some((i) => i % 3 === 0)).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('frees canceled timers: mass cancellation leaves nothing pending and later timers still run', async () => {
    const clock = new ManualClock(0);
    const handles = Array.from({ length: 10_000 }, () => clock.setTimeout(() => undefined, 50));
    for (const handle of handles) clock.clearTimeout(handle);
    clock.clearTimeout('not a handle');
    let ran = false;
    clock.setTimeout(() => (ran = true), 10);
    expect(clock.pending).toBe(1);
    await clock.advance(100);
    expect(ran).toBe(true);
  });
});

describe('systemClock', () => {
  it('fires real timers and swallows a rejected timer promise', async () => {
    const fired = await new Promise<number>((resolve) => {
      systemClock.setTimeout(() => Promise.reject(new Error('ignored')), 0);
      systemClock.setTimeout(() => resolve(systemClock.now()), 1);
    });
    expect(fired).toBeGreaterThan(0);
  });

  describe('delays longer than a runtime timer holds (2^31 − 1 ms, about 24.8 days)', () => {
    afterEach(() => void vi.useRealTimers());
    const DAY = 86_400_000;

    it('fires a 30-day timer after 30 days, not at once', async () => {
      vi.useFakeTimers();
      const fired = vi.fn();
      systemClock.setTimeout(fired, 30 * DAY);
      await vi.advanceTimersByTimeAsync(30 * DAY - 1);
      expect(fired).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(fired).toHaveBeenCalledOnce();
    });

    it('cancels a long timer in any of its steps', async () => {
      vi.useFakeTimers();
      const fired = vi.fn();
      const early = systemClock.setTimeout(fired, 60 * DAY);
      systemClock.clearTimeout(early);
      const late = systemClock.setTimeout(fired, 60 * DAY);
      await vi.advanceTimersByTimeAsync(40 * DAY); // past the first step
      systemClock.clearTimeout(late);
      await vi.advanceTimersByTimeAsync(40 * DAY);
      expect(fired).not.toHaveBeenCalled();
    });
  });
});
