import { describe, expect, it } from 'vitest';
import { lazy } from '../../src/internal/lazy.js';

describe('lazy', () => {
  it('loads once and shares the promise', async () => {
    let loads = 0;
    const load = lazy(async () => ++loads);
    expect(await Promise.all([load(), load()])).toEqual([1, 1]);
    expect(await load()).toBe(1);
  });

  it('forgets a failed load so the next call retries', async () => {
    let calls = 0;
    const load = lazy(async () => {
      if (++calls === 1) throw new Error('offline');
      return 'ok';
    });
    await expect(load()).rejects.toThrow('offline');
    await expect(load()).resolves.toBe('ok');
  });
});
