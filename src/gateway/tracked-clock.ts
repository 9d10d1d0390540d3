/**
 * A clock wrapper that remembers pending timers so `gateway.close()` can cancel them all.
 * @module
 */

import type { Clock, TimerCallback, TimerHandle } from './clock.js';

/** Delegates to another {@link Clock} and tracks the timers it has pending. */
export class TrackedClock implements Clock {
  readonly #pending = new Set<TimerHandle>();

  constructor(private readonly inner: Clock) {}

  /** The inner clock's time. */
  now(): number {
    return this.inner.now();
  }

  /** Schedules on the inner clock and tracks the handle until it fires or is cleared. */
  setTimeout(callback: TimerCallback, ms: number): TimerHandle {
    const handle: TimerHandle = this.inner.setTimeout(() => {
      this.#pending.delete(handle);
      return callback();
    }, ms);
    this.#pending.add(handle);
    return handle;
  }

  /** Clears one timer. */
  clearTimeout(handle: TimerHandle): void {
    this.#pending.delete(handle);
    this.inner.clearTimeout(handle);
  }

  /** Clears every pending timer. */
  clearAll(): void {
    for (const handle of this.#pending) this.inner.clearTimeout(handle);
    this.#pending.clear();
  }
}
