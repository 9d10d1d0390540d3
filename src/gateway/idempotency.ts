/**
 * The `Idempotency-Key` store: per account, 24 hours on the gateway clock. The rules (which
 * answers are kept, what counts as the same request) are in `docs/idempotency.md`.
 * @module
 */

import type { Account } from './accounts/accounts.js';

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Longest `Idempotency-Key` accepted. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/** A stored response, replayed for a repeated `Idempotency-Key`. */
export interface StoredResponse {
  /** The first request's `req_…` id, sent back as `Original-Request`. */
  requestId: string;
  /** HTTP status. */
  status: number;
  /** Headers as the handler set them (the pipeline adds fresh request-id and rate-limit headers). */
  headers: [string, string][];
  /** The body text. */
  body: string;
}

type Entry =
  | { state: 'in_flight'; fingerprint: string; expiresAt: number }
  | { state: 'done'; fingerprint: string; expiresAt: number; response: StoredResponse };

/** What to do with a request that carries an `Idempotency-Key`. */
export type IdempotencyDecision =
  { kind: 'proceed' } | { kind: 'replay'; response: StoredResponse } | { kind: 'in_flight' } | { kind: 'mismatch' };

/**
 * What identifies "the same request": method, path and the parsed body as canonical JSON (keys
 * sorted at every depth), so the same parameters in another order are the same request.
 */
export function fingerprint(method: string, path: string, body: unknown): string {
  return `${method} ${path}\n${body === undefined ? '' : canonicalJson(body)}`;
}

/** Whether an answer is final and kept for replay: not a 400 (the corrected request may reuse the key), not a 5xx. */
export function isStoredStatus(status: number): boolean {
  return status !== 400 && status < 500;
}

/**
 * Keys seen per account. Bound: age, 24 h; expired keys are swept every 256 lookups per account,
 * so the count is at most what an account sends in a day.
 */
export class IdempotencyStore {
  readonly #accounts = new Map<string, { entries: Map<string, Entry>; lookups: number }>();

  /** Looks `key` up for `account` and, when it is new (or expired), marks it in flight. */
  begin(account: Account, key: string, print: string, now: number): IdempotencyDecision {
    const entries = this.#sweep(account, now);
    const entry = entries.get(key);
    if (entry && entry.expiresAt > now) {
      if (entry.fingerprint !== print) return { kind: 'mismatch' };
      return entry.state === 'done' ? { kind: 'replay', response: entry.response } : { kind: 'in_flight' };
    }
    entries.set(key, { state: 'in_flight', fingerprint: print, expiresAt: now + IDEMPOTENCY_TTL_MS });
    return { kind: 'proceed' };
  }

  /**
   * Settles an in-flight key with the answer: kept for replay when {@link isStoredStatus},
   * otherwise forgotten so the next request with the key runs afresh. The 24 h run from when the
   * key was first seen.
   */
  async finish(account: Account, key: string, requestId: string, response: Response | undefined): Promise<void> {
    const entries = this.#of(account).entries;
    const entry = entries.get(key);
    if (entry?.state !== 'in_flight') return;
    if (!response || !isStoredStatus(response.status)) {
      entries.delete(key);
      return;
    }
    const stored = { requestId, ...(await snapshot(response)) };
    entries.set(key, { state: 'done', fingerprint: entry.fingerprint, expiresAt: entry.expiresAt, response: stored });
  }

  #of(account: Account): { entries: Map<string, Entry>; lookups: number } {
    let state = this.#accounts.get(account.id);
    if (!state) {
      state = { entries: new Map(), lookups: 0 };
      this.#accounts.set(account.id, state);
    }
    return state;
  }

  // Expired keys are dropped every 256 lookups so a long-running gateway does not grow forever.
  #sweep(account: Account, now: number): Map<string, Entry> {
    const state = this.#of(account);
    if (++state.lookups % 256 === 0) {
      for (const [key, entry] of state.entries) if (entry.expiresAt <= now) state.entries.delete(key);
    }
    return state.entries;
  }
}

/** The response rebuilt from the store, marked as a replay of request `Original-Request`. */
export function replay(stored: StoredResponse): Response {
  const headers = new Headers(stored.headers);
  headers.set('idempotent-replayed', 'true');
  headers.set('original-request', stored.requestId);
  return new Response(stored.body, { status: stored.status, headers });
}

async function snapshot(response: Response): Promise<Omit<StoredResponse, 'requestId'>> {
  const body = await response.clone().text();
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => headers.push([name, value]));
  return { status: response.status, headers, body };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
