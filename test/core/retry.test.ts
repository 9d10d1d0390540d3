import { describe, expect, it } from 'vitest';
import { isRetryable, parseRetryAfter, retryDelay, type AttemptOutcome } from '../../src/core/retry.js';

describe('isRetryable', () => {
  const table: [AttemptOutcome, boolean][] = [
    [{ kind: 'connection_error' }, true],
    [{ kind: 'timeout' }, true],
    [{ kind: 'aborted' }, false],
    [{ kind: 'response', status: 408 }, true], // Request Timeout
    [{ kind: 'response', status: 409, code: 'idempotency_conflict' }, true], // same key in flight
    [{ kind: 'response', status: 409 }, false], // some other conflict
    [{ kind: 'response', status: 429, code: 'rate_limit_exceeded' }, true],
    [{ kind: 'response', status: 500, code: 'internal_error' }, true],
    [{ kind: 'response', status: 502 }, true],
    [{ kind: 'response', status: 503, code: 'service_unavailable' }, true],
    [{ kind: 'response', status: 504 }, true],
    [{ kind: 'response', status: 400, code: 'invalid_phone_number' }, false],
    [{ kind: 'response', status: 401 }, false],
    [{ kind: 'response', status: 402 }, false],
    [{ kind: 'response', status: 403 }, false],
    [{ kind: 'response', status: 404 }, false],
    [{ kind: 'response', status: 422, code: 'idempotency_key_reused' }, false],
    [{ kind: 'response', status: 200 }, false],
  ];
  it.each(table)('%j → %s', (outcome, expected) => {
    expect(isRetryable(outcome)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['3', 3000],
    ['0', 0],
    ['1.5', 1500],
    [' 2 ', 2000],
    ['Thu, 01 Jan 2026 00:00:10 GMT', 10_000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0], // a date in the past: go now
    ['soon', undefined],
    ['-1', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe('retryDelay', () => {
  const fixed = (r: number) => ({ random: () => r, now: () => 0 });

  it.each([
    // retry, random, expected: random × min(8000, 500 × 2^retry)
    [0, 0.5, 250],
    [1, 0.5, 500],
    [2, 0.5, 1000],
    [3, 0.999, 3996],
    [4, 1, 8000],
    [10, 1, 8000], // capped
    [3, 0, 0], // full jitter reaches zero
  ])('retry %i with random %f waits %i ms', (retry, random, expected) => {
    expect(retryDelay(retry, null, fixed(random))).toBe(expected);
  });

  it('honours Retry-After over backoff', () => {
    expect(retryDelay(0, '7', fixed(0.5))).toBe(7000);
    expect(retryDelay(5, '0', fixed(0.5))).toBe(0);
  });

  it('caps a long Retry-After at maxRetryAfterMs', () => {
    expect(retryDelay(0, '3600', fixed(0.5))).toBe(60_000);
    expect(retryDelay(0, '3600', { ...fixed(0.5), maxRetryAfterMs: 5000 })).toBe(5000);
  });

  it('falls back to backoff when Retry-After is unreadable', () => {
    expect(retryDelay(1, 'later', fixed(0.5))).toBe(500);
  });

  it('stays within [0, ceiling) with the real random source', () => {
    for (let i = 0; i < 200; i++) {
      const delay = retryDelay(2, undefined);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(2000);
    }
  });
});
