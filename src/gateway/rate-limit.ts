/**
 * Per-key fixed-window rate limiting on the gateway clock.
 * @module
 */

import type { Clock } from './clock.js';

/** The state reported in the `X-RateLimit-*` headers. */
export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the window resets (at least 1). */
  resetSeconds: number;
}

/** Counts requests per key in fixed windows of `windowMs`. */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request for `key` and reports whether it is within the limit. */
  take(key: string): RateLimitState {
    const window = this.#current(key);
    const allowed = window.count < this.limit;
    if (allowed) window.count++;
    return this.#state(window, allowed);
  }

  /** Reports the state for `key` without counting a request. */
  peek(key: string): RateLimitState {
    return this.#state(this.#current(key), true);
  }

  #current(key: string): { start: number; count: number } {
    const now = this.clock.now();
    let window = this.#windows.get(key);
    if (!window || now >= window.start + this.windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    return window;
  }

  #state(window: { start: number; count: number }, allowed: boolean): RateLimitState {
    const msLeft = window.start + this.windowMs - this.clock.now();
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - window.count),
      resetSeconds: Math.max(1, Math.ceil(msLeft / 1000)),
    };
  }
}

/** The `X-RateLimit-*` headers (and `Retry-After` when refused). */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-reset': String(state.resetSeconds),
  };
  if (!state.allowed) headers['retry-after'] = String(state.resetSeconds);
  return headers;
}
