// Pure retry policy: which failures are transient, and how long to wait before the next try.

/** What an attempt ended with, as far as the retry policy cares. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; code?: string | undefined }
  | { kind: 'connection_error' }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

/** Statuses that are transient whatever the body says. */
const RETRYABLE_STATUSES = new Set([
  408, // Request Timeout
  429, // Too Many Requests
]);

/**
 * True when an attempt may be retried: connection errors, timeouts, 408, 409
 * `idempotency_conflict`, 429 and 5xx. Never a caller's abort or any other 4xx.
 */
export function isRetryable(outcome: AttemptOutcome): boolean {
  switch (outcome.kind) {
    case 'connection_error':
    case 'timeout':
      return true;
    case 'aborted':
      return false;
    case 'response':
      if (RETRYABLE_STATUSES.has(outcome.status) || outcome.status >= 500) return true;
      return outcome.status === 409 && outcome.code === 'idempotency_conflict';
  }
}

/** Backoff settings. */
export interface BackoffOptions {
  /**
   * First backoff ceiling, in ms; doubled on each retry.
   * @default 500
   */
  initialDelayMs?: number;
  /**
   * Largest backoff ceiling, in ms.
   * @default 8000
   */
  maxDelayMs?: number;
  /**
   * Longest `Retry-After` honoured, in ms: a server asking for more is waited for this long.
   * @default 60000
   */
  maxRetryAfterMs?: number;
  /** Source of randomness in [0, 1), for tests. @default Math.random */
  random?: () => number;
  /** The current time in ms, for `Retry-After` HTTP dates. @default Date.now */
  now?: () => number;
}

/**
 * Reads `Retry-After` (delta seconds or an HTTP date) as milliseconds from `now`, or `undefined`
 * when absent or unreadable. A date in the past reads as 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month; V8 would otherwise read '-1' as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before retry number `retry` (0 for the first retry): the server's
 * `Retry-After` when it sent one (capped), otherwise exponential backoff with full jitter,
 * `random() × min(maxDelay, initialDelay × 2^retry)`.
 */
export function retryDelay(retry: number, retryAfter?: string | null, options: BackoffOptions = {}): number {
  const { initialDelayMs = 500, maxDelayMs = 8000, maxRetryAfterMs = 60_000 } = options;
  const { random = Math.random, now = Date.now } = options;
  const asked = parseRetryAfter(retryAfter, now());
  if (asked !== undefined) return Math.min(asked, maxRetryAfterMs);
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}
