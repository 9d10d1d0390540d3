/**
 * The `Idempotency-Key` store: per account, 24 hours on the gateway clock. The rules (which
 * answers are kept, what counts as the same request) are in `docs/idempotency.md`.
 * @module
 */

import type { Account } from './accounts/accounts.js';
import type { Clock, TimerHandle } from './clock.js';
import { yieldToEventLoop } from '../internal/yield.js';
import type { Journal } from './persistence/journal.js';

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Most keys remembered per account unless `limits.maxIdempotencyKeysPerAccount` says otherwise. */
export const DEFAULT_MAX_IDEMPOTENCY_KEYS = 100_000;

// Expired keys are swept this long after the earliest one expires, so one timer covers a minute of keys.
const SWEEP_SLACK_MS = 60_000;

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

// A key in flight holds its fingerprint while it is still being hashed: the key is claimed on arrival.
type Entry = { state: 'in_flight'; fingerprint: string | Promise<string>; expiresAt: number } | FinishedKey;

/** A key whose answer is kept for replay: what the data file stores (keys in flight are never stored). */
export interface FinishedKey {
  /** Always `done`. */
  state: 'done';
  /** {@link fingerprint} of the first request. */
  fingerprint: string;
  /** Clock time (ms) the key is forgotten. */
  expiresAt: number;
  /** The answer replayed. */
  response: StoredResponse;
}

/** What to do with a request that carries an `Idempotency-Key`. */
export type IdempotencyDecision =
  { kind: 'proceed' } | { kind: 'replay'; response: StoredResponse } | { kind: 'in_flight' } | { kind: 'mismatch' };

/**
 * What identifies "the same request": a SHA-256 (hex) of the method, path and the parsed body as
 * canonical JSON (keys sorted at every depth), so the same parameters in another order are the
 * same request. Only the hash is kept: the store never holds a request body (an OTP code, a
 * batch's 10,000 entries). The canonical text is built in slices that yield to the event loop and
 * hashed a chunk at a time, so a 10,000-entry batch never blocks other requests for long.
 */
export async function fingerprint(method: string, path: string, body: unknown): Promise<string> {
  const chunks = new ChunkHasher(`${method} ${path}\n`);
  if (body !== undefined) await writeCanonicalJson(body, (text) => chunks.write(text));
  return chunks.digest();
}

/** Whether an answer is final and kept for replay: not a 400 (the corrected request may reuse the key), not a 5xx. */
export function isStoredStatus(status: number): boolean {
  return status !== 400 && status < 500;
}

/** Options of {@link IdempotencyStore}. */
export interface IdempotencyStoreOptions {
  /** Runs the sweep of expired keys (a timer only while keys are held, so `runAll()` ends). */
  clock?: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>;
  /**
   * Most keys kept per account; past it the oldest finished key is forgotten early.
   * @default 100000
   */
  maxKeysPerAccount?: number;
  /** Where finished keys and their removal are written (the `data` option). @default none: memory only */
  journal?: Journal;
}

/**
 * Keys seen per account. Bound: age, 24 h (swept on a clock timer a minute after the earliest
 * key expires, and re-armed only while keys remain), and count, `maxKeysPerAccount` (the oldest
 * finished key goes first). Each account's map is in insertion order, which is expiry order.
 */
export class IdempotencyStore {
  readonly #accounts = new Map<string, { entries: Map<string, Entry> }>();
  readonly #clock: IdempotencyStoreOptions['clock'];
  readonly #maxKeys: number;
  readonly #journal: Journal | undefined;
  // Journal holds of keys in flight: their effects reach the file only together with their answer.
  readonly #holds = new Map<string, () => void>();
  #sweepTimer: TimerHandle | undefined;

  constructor(options: IdempotencyStoreOptions = {}) {
    this.#clock = options.clock;
    this.#maxKeys = options.maxKeysPerAccount ?? DEFAULT_MAX_IDEMPOTENCY_KEYS;
    this.#journal = options.journal;
  }

  /** Puts back a finished key read from the data file (oldest first, so the map stays in expiry order). */
  restore(accountId: string, key: string, entry: FinishedKey): void {
    let state = this.#accounts.get(accountId);
    if (!state) {
      state = { entries: new Map() };
      this.#accounts.set(accountId, state);
    }
    state.entries.set(key, entry);
    const now = this.#clock?.now() ?? Date.now();
    this.#armSweep(Math.max(entry.expiresAt, now));
  }

  /** Keys held for `account`, expired ones not yet swept included. */
  size(account: Account): number {
    return this.#accounts.get(account.id)?.entries.size ?? 0;
  }

  /**
   * Looks `key` up for `account` and, when it is new (or expired), marks it in flight at once,
   * before `print` ({@link fingerprint}, still hashing) settles: the first request to arrive owns
   * the key, and one arriving while it runs gets `in_flight` even if the first ends meanwhile.
   */
  async begin(
    account: Account,
    key: string,
    print: string | Promise<string>,
    now: number,
  ): Promise<IdempotencyDecision> {
    const entries = this.#of(account).entries;
    const entry = entries.get(key);
    if (entry && entry.expiresAt > now) {
      const [theirs, mine] = await Promise.all([entry.fingerprint, print]);
      if (theirs !== mine) return { kind: 'mismatch' };
      return entry.state === 'done' ? { kind: 'replay', response: entry.response } : { kind: 'in_flight' };
    }
    // Deleted first so the map stays in expiry order (set() on an existing key keeps its place).
    if (entry?.state === 'done') this.#journal?.delete('idempotency', account.id, key);
    entries.delete(key);
    entries.set(key, { state: 'in_flight', fingerprint: print, expiresAt: now + IDEMPOTENCY_TTL_MS });
    if (this.#journal) {
      const holdKey = `${account.id}\u0000${key}`;
      this.#holds.get(holdKey)?.();
      this.#holds.set(holdKey, this.#journal.hold());
    }
    if (entries.size > this.#maxKeys) this.#evictOldest(entries, account.id);
    this.#armSweep(now + IDEMPOTENCY_TTL_MS);
    return { kind: 'proceed' };
  }

  /** Drops every expired key now (the sweep timer calls it). */
  sweep(now: number): void {
    for (const [accountId, { entries }] of this.#accounts) {
      for (const [key, entry] of entries) {
        if (entry.expiresAt > now) break;
        entries.delete(key);
        if (entry.state === 'done') this.#journal?.delete('idempotency', accountId, key);
      }
      if (entries.size === 0) this.#accounts.delete(accountId);
    }
  }

  /** Cancels the sweep timer (the gateway is closing). */
  close(): void {
    if (this.#sweepTimer !== undefined) this.#clock?.clearTimeout(this.#sweepTimer);
    this.#sweepTimer = undefined;
  }

  /**
   * Settles an in-flight key with the answer: kept for replay when {@link isStoredStatus},
   * otherwise forgotten so the next request with the key runs afresh. The 24 h run from when the
   * key was first seen.
   */
  async finish(account: Account, key: string, requestId: string, response: Response | undefined): Promise<void> {
    const holdKey = `${account.id}\u0000${key}`;
    const release = this.#holds.get(holdKey);
    this.#holds.delete(holdKey);
    try {
      await this.#settle(account, key, requestId, response);
    } finally {
      // After the answer's put: the effects and the key go to the file in the same commit.
      release?.();
    }
  }

  async #settle(account: Account, key: string, requestId: string, response: Response | undefined): Promise<void> {
    const entries = this.#of(account).entries;
    const entry = entries.get(key);
    if (entry?.state !== 'in_flight') return;
    if (!response || !isStoredStatus(response.status)) {
      entries.delete(key);
      return;
    }
    const [answer, print] = await Promise.all([snapshot(response), entry.fingerprint]);
    const stored = { requestId, ...answer };
    const done: FinishedKey = { state: 'done', fingerprint: print, expiresAt: entry.expiresAt, response: stored };
    entries.set(key, done);
    // Written in this tick, before the pipeline answers: a client that saw the answer finds the key after a crash.
    this.#journal?.put('idempotency', account.id, key, () => done);
  }

  #of(account: Account): { entries: Map<string, Entry> } {
    let state = this.#accounts.get(account.id);
    if (!state) {
      state = { entries: new Map() };
      this.#accounts.set(account.id, state);
    }
    return state;
  }

  // In-flight keys are skipped: forgetting one would let its retry run the request twice.
  #evictOldest(entries: Map<string, Entry>, accountId: string): void {
    for (const [key, entry] of entries) {
      if (entry.state !== 'done') continue;
      entries.delete(key);
      this.#journal?.delete('idempotency', accountId, key);
      return;
    }
  }

  #armSweep(expiresAt: number): void {
    const clock = this.#clock;
    if (!clock || this.#sweepTimer !== undefined) return;
    const sweepAt = expiresAt + SWEEP_SLACK_MS;
    this.#sweepTimer = clock.setTimeout(() => {
      this.#sweepTimer = undefined;
      const now = clock.now();
      this.sweep(now);
      const next = this.#earliestExpiry();
      if (next !== undefined) this.#armSweep(Math.max(next, now));
    }, sweepAt - clock.now());
  }

  #earliestExpiry(): number | undefined {
    let earliest: number | undefined;
    for (const { entries } of this.#accounts.values()) {
      const first = entries.values().next();
      if (!first.done && (earliest === undefined || first.value.expiresAt < earliest)) earliest = first.value.expiresAt;
    }
    return earliest;
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

// Canonical JSON of one chunk is hashed once it reaches this many UTF-16 units (about 0.3 ms of encoding).
const FINGERPRINT_CHUNK_CHARS = 256 * 1024;

// JSON values serialised between yields to the event loop: about 1 ms of work.
const FINGERPRINT_SLICE_VALUES = 4096;

// Prefixes the hash over chunk digests, which no canonical text starts with (it starts with the method).
const CHUNK_TREE_TAG = new Uint8Array([0]);

/**
 * SHA-256 over text written piece by piece: each chunk of {@link FINGERPRINT_CHUNK_CHARS} is
 * digested on its own (Web Crypto runs it off the main thread in Node), and more than one chunk
 * is hashed again as tag byte + the chunk digests. The chunk boundaries depend only on the text,
 * so the same text always gives the same hash.
 */
class ChunkHasher {
  readonly #digests: Promise<ArrayBuffer>[] = [];
  #parts: string[] = [];
  #length = 0;

  constructor(first: string) {
    this.write(first);
  }

  write(text: string): void {
    this.#parts.push(text);
    this.#length += text.length;
    if (this.#length >= FINGERPRINT_CHUNK_CHARS) this.#cut();
  }

  async digest(): Promise<string> {
    if (this.#length > 0 || this.#digests.length === 0) this.#cut();
    const digests = await Promise.all(this.#digests);
    if (digests.length === 1) return hex(digests[0]!);
    const tree = new Uint8Array(1 + digests.length * 32);
    tree.set(CHUNK_TREE_TAG);
    digests.forEach((digest, i) => tree.set(new Uint8Array(digest), 1 + i * 32));
    return hex(await crypto.subtle.digest('SHA-256', tree));
  }

  #cut(): void {
    const text = this.#parts.join('');
    this.#parts = [];
    this.#length = 0;
    this.#digests.push(crypto.subtle.digest('SHA-256', encoder.encode(text)));
  }
}

const encoder = new TextEncoder();

function hex(buffer: ArrayBuffer): string {
  let out = '';
  for (const byte of new Uint8Array(buffer)) out += byte.toString(16).padStart(2, '0');
  return out;
}

type Frame = { array: unknown[]; next: number } | { object: Record<string, unknown>; keys: string[]; next: number };

/**
 * Writes `value` (parsed JSON) as canonical JSON, keys sorted at every depth: the same text the
 * recursive `{${sorted keys}}` form gives. An explicit stack instead of recursion, so the walk can
 * pause anywhere (and deep nesting cannot overflow the call stack).
 */
async function writeCanonicalJson(value: unknown, write: (text: string) => void): Promise<void> {
  const stack: Frame[] = [];
  let visited = 0;
  // Writes a primitive, or opens a container and pushes its frame.
  const open = (item: unknown): void => {
    if (Array.isArray(item)) {
      write('[');
      stack.push({ array: item, next: 0 });
    } else if (typeof item === 'object' && item !== null) {
      write('{');
      const object = item as Record<string, unknown>;
      stack.push({ object, keys: Object.keys(object).sort(), next: 0 });
    } else {
      write(JSON.stringify(item));
    }
  };
  open(value);
  while (stack.length > 0) {
    if (++visited % FINGERPRINT_SLICE_VALUES === 0) await yieldToEventLoop();
    const frame = stack[stack.length - 1]!;
    if ('array' in frame) {
      if (frame.next === frame.array.length) {
        stack.pop();
        write(']');
        continue;
      }
      if (frame.next > 0) write(',');
      open(frame.array[frame.next++]);
    } else {
      if (frame.next === frame.keys.length) {
        stack.pop();
        write('}');
        continue;
      }
      const key = frame.keys[frame.next++]!;
      write(`${frame.next > 1 ? ',' : ''}${JSON.stringify(key)}:`);
      open(frame.object[key]);
    }
  }
}
