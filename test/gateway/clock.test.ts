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

  it('runAll stops at its limit when timers keep rescheduling themselves', async () => {
    const clock = new ManualClock(0);
    const tick = () => void clock.setTimeout(tick, 1);
    tick();
    expect(await clock.runAll(25)).toBe(25);
    expect(clock.pending).toBe(1);
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
