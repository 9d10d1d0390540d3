import { describe, expect, it } from 'vitest';
import {
  isDelivered,
  WEBHOOK_ATTEMPT_TIMEOUT_MS,
  WEBHOOK_MAX_RETRIES,
  webhookRetryDelay,
} from '../../../src/gateway/webhooks/retry-schedule.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('webhookRetryDelay', () => {
  it.each([
    [1, 1 * MINUTE],
    [2, 3 * MINUTE],
    [3, 9 * MINUTE],
    [4, 27 * MINUTE],
    [5, 81 * MINUTE],
    [6, 243 * MINUTE],
    [7, 729 * MINUTE],
  ])('waits before retry %i: %i ms', (retry, expected) => {
    expect(webhookRetryDelay(retry)).toBe(expected);
  });

  it.each([0, -1, 8, 100, 1.5, Number.NaN])('gives up (undefined) for retry %s', (retry) => {
    expect(webhookRetryDelay(retry)).toBeUndefined();
  });

  it('grows every step: exponential backoff', () => {
    for (let retry = 2; retry <= WEBHOOK_MAX_RETRIES; retry++) {
      expect(webhookRetryDelay(retry)!).toBeGreaterThan(webhookRetryDelay(retry - 1)!);
    }
  });

  it('fits 7 retries, plus every attempt timing out, inside 24 hours', () => {
    let total = 0;
    for (let retry = 1; retry <= WEBHOOK_MAX_RETRIES; retry++) total += webhookRetryDelay(retry)!;
    total += (WEBHOOK_MAX_RETRIES + 1) * WEBHOOK_ATTEMPT_TIMEOUT_MS;
    expect(WEBHOOK_MAX_RETRIES).toBe(7);
    expect(total).toBeLessThanOrEqual(DAY);
    // And the schedule really spans most of the day rather than giving up within minutes.
    expect(total).toBeGreaterThan(DAY / 2);
  });

  it('honours a smaller retry budget', () => {
    expect(webhookRetryDelay(3, 3)).toBe(9 * MINUTE);
    expect(webhookRetryDelay(4, 3)).toBeUndefined();
  });
});

describe('isDelivered', () => {
  it.each([
    [200, true],
    [201, true],
    [204, true],
    [299, true],
    [199, false],
    [301, false], // redirects are not followed: the endpoint must answer itself
    [400, false],
    [410, false],
    [429, false],
    [500, false],
    [503, false],
  ])('status %i → %s', (status, expected) => {
    expect(isDelivered(status)).toBe(expected);
  });
});
