import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pacer } from '../../src/bulk/pacer.js';

describe('Pacer', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  const settled = async (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    return () => done;
  };

  it('holds workers for a Retry-After only, not until the rate-limit window resets', async () => {
    const pacer = new Pacer(() => Date.now());
    await pacer.acquire();
    pacer.release({ limit: 100, remaining: 50, reset: 60 });
    pacer.pause(100); // a 503 with Retry-After: 0.1 s, inside a 60 s window

    const done = await settled(pacer.acquire());
    await vi.advanceTimersByTimeAsync(50);
    expect(done()).toBe(false);
    await vi.advanceTimersByTimeAsync(60);
    expect(done()).toBe(true);
  });

  it('waits for the window to reset once it is spent', async () => {
    const pacer = new Pacer(() => Date.now());
    await pacer.acquire();
    pacer.release({ limit: 1, remaining: 0, reset: 2 });

    const done = await settled(pacer.acquire());
    await vi.advanceTimersByTimeAsync(1_900);
    expect(done()).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(done()).toBe(true);
  });

  it('counts requests in flight against what the window has left', async () => {
    const pacer = new Pacer(() => Date.now());
    await pacer.acquire();
    pacer.release({ limit: 10, remaining: 2, reset: 5 });
    await pacer.acquire();
    await pacer.acquire();
    const third = await settled(pacer.acquire());
    expect(third()).toBe(false);
    await vi.advanceTimersByTimeAsync(5_100);
    expect(third()).toBe(true);
  });
});
