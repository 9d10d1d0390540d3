import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/internal/sleep.js';

describe('sleep', () => {
  it('waits about the given time', async () => {
    const started = performance.now();
    await sleep(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('rejects at once with the reason when the signal aborts mid-sleep', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(new Error('stop')), 10);
    await expect(sleep(10_000, controller.signal)).rejects.toThrow('stop');
    expect(performance.now() - started).toBeLessThan(5_000); // far below the 10 s sleep
  });

  it('rejects without waiting when the signal is already aborted', async () => {
    await expect(sleep(10_000, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });
});
