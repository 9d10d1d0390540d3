/**
 * The 24-hour `Idempotency-Key` store, per account, on the gateway clock.
 * @module
 */

import type { Account, IdempotencyEntry, StoredResponse } from './store.js';

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Longest `Idempotency-Key` accepted. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/** What to do with a request that carries an `Idempotency-Key`. */
export type IdempotencyDecision =
  | { kind: 'proceed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in_flight' }
  | { kind: 'body_mismatch' };

/**
 * Looks `key` up for `account` and, when it is new (or expired), marks it in flight.
 * `fingerprint` identifies the request (method, path and raw body).
 */
export function beginIdempotent(account: Account, key: string, fingerprint: string, now: number): IdempotencyDecision {
  sweepExpired(account, now);
  const entry = account.idempotency.get(key);
  if (entry && entry.expiresAt > now) {
    if (entry.fingerprint !== fingerprint) return { kind: 'body_mismatch' };
    return entry.state === 'done' ? { kind: 'replay', response: entry.response } : { kind: 'in_flight' };
  }
  account.idempotency.set(key, { state: 'in_flight', fingerprint, expiresAt: now + IDEMPOTENCY_TTL_MS });
  return { kind: 'proceed' };
}

/** Stores the finished response for replay; the 24 h run from when the key was first seen. */
export function completeIdempotent(account: Account, key: string, response: StoredResponse): void {
  const entry = account.idempotency.get(key);
  if (!entry) return;
  account.idempotency.set(key, { state: 'done', fingerprint: entry.fingerprint, expiresAt: entry.expiresAt, response });
}

/** Forgets a key whose request failed unexpectedly, so the client's retry runs afresh. */
export function abandonIdempotent(account: Account, key: string): void {
  const entry: IdempotencyEntry | undefined = account.idempotency.get(key);
  if (entry?.state === 'in_flight') account.idempotency.delete(key);
}

/** Snapshot of a response for the store (reads the body of a clone). */
export async function snapshotResponse(response: Response): Promise<StoredResponse> {
  const body = await response.clone().text();
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => headers.push([name, value]));
  return { status: response.status, headers, body };
}

const sweepCounters = new WeakMap<Account, number>();

// Expired keys are dropped every 256 lookups so a long-running gateway does not grow forever.
function sweepExpired(account: Account, now: number): void {
  const count = (sweepCounters.get(account) ?? 0) + 1;
  sweepCounters.set(account, count);
  if (count % 256 !== 0) return;
  for (const [key, entry] of account.idempotency) {
    if (entry.expiresAt <= now) account.idempotency.delete(key);
  }
}
