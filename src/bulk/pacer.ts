import { sleep } from '../internal/sleep.js';
import type { RateLimit } from '../core/api-promise.js';

/**
 * Keeps a bulk job under the API's rate limit: every response reports how many requests the
 * window has left (`X-RateLimit-Remaining`) and when it resets (`X-RateLimit-Reset`), and a 429's
 * `Retry-After` says how long to stay away. Workers wait here before each request rather than
 * learn the limit from a storm of 429s.
 * @internal
 */
export class Pacer {
  #remaining = Number.POSITIVE_INFINITY;
  #resetAt = 0;
  #pausedUntil = 0;
  #inFlight = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Waits until a request fits in the window, then counts it as in flight. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now < this.#pausedUntil) {
        await sleep(this.#pausedUntil - now, signal);
        continue;
      }
      // The window rolled over: nothing is known about the next one until a response says.
      if (now >= this.#resetAt) this.#remaining = Number.POSITIVE_INFINITY;
      // Requests still in flight will each spend one of what the last response reported.
      if (this.#remaining - this.#inFlight > 0) {
        this.#inFlight++;
        return;
      }
      await sleep(this.#resetAt - now + 25, signal);
    }
  }

  /** Ends a request counted by {@link acquire}, learning the window from its rate-limit headers. */
  release(rateLimit?: RateLimit): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    if (rateLimit?.remaining === undefined || rateLimit.reset === undefined) return;
    this.#remaining = rateLimit.remaining;
    this.#resetAt = this.now() + rateLimit.reset * 1000;
  }

  /**
   * Holds every worker back for `ms` (a `Retry-After`). Kept apart from the window: a 503's short
   * `Retry-After` must not hold the job until the rate-limit window resets, which may be a minute.
   */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.now() + ms);
  }
}
