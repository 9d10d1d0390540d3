// Pure timing rules for webhook delivery: which outcomes are retried and when.

/** How many times a failed delivery is retried after the first attempt. */
export const WEBHOOK_MAX_RETRIES = 7;

/** How long one attempt may wait for the receiver's answer before it counts as failed. */
export const WEBHOOK_ATTEMPT_TIMEOUT_MS = 10_000;

/** Wait before the first retry; each later retry waits {@link WEBHOOK_BACKOFF_FACTOR} times longer. */
export const WEBHOOK_FIRST_RETRY_DELAY_MS = 60_000;

/** Growth of the wait between consecutive retries. */
export const WEBHOOK_BACKOFF_FACTOR = 3;

/**
 * Milliseconds to wait before retry number `retry` (1-based) of a webhook delivery, or
 * `undefined` once the retries are used up.
 *
 * 1 min, 3 min, 9 min, 27 min, 81 min, 243 min, 729 min: the last retry goes out about
 * 18 h 13 min after the first attempt (plus the attempts' own time-outs, at most 80 s),
 * so the whole schedule stays inside 24 h.
 *
 * @example
 * ```ts
 * webhookRetryDelay(1); // 60_000
 * webhookRetryDelay(8); // undefined: give up
 * ```
 */
export function webhookRetryDelay(retry: number, maxRetries: number = WEBHOOK_MAX_RETRIES): number | undefined {
  if (!Number.isInteger(retry) || retry < 1 || retry > maxRetries) return undefined;
  return WEBHOOK_FIRST_RETRY_DELAY_MS * WEBHOOK_BACKOFF_FACTOR ** (retry - 1);
}

/** Whether an answer with this HTTP status counts as delivered: any 2xx. */
export function isDelivered(status: number): boolean {
  return status >= 200 && status < 300;
}
