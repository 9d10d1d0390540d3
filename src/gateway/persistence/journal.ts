/**
 * The write-through journal of the durable gateway (`data` option): stores keep their records in
 * memory and report each change here; the journal writes them in one transaction from a
 * microtask, or, while a keyed request is held, once it has stored its answer; the gateway sends
 * an answer only after the commit. Without `data` the stores get {@link NO_JOURNAL}.
 * @module
 */

import { GatewayOptionsError } from '../options.js';

/** What a row holds: one store's record kind. */
export type RecordKind =
  | 'account'
  | 'balance'
  | 'message'
  | 'idempotency'
  | 'endpoint'
  | 'default_secret'
  | 'delivery'
  | 'sender'
  | 'otp'
  | 'call';

/** One stored record, as loaded at start-up (oldest first). */
export interface StoredRecord {
  /** The owning account's id (`''` for records no single account owns). */
  account: string;
  /** The record's id within its kind and account. */
  id: string;
  /** The record as its store serialised it. */
  value: unknown;
}

/** One write: an upsert (`json` set) or a delete (`json` null). */
export interface JournalWrite {
  /** The record's kind. */
  kind: RecordKind;
  /** The owning account's id. */
  account: string;
  /** The record's id. */
  id: string;
  /** The serialised record, or `null` to delete it. */
  json: string | null;
}

/** Where a journal's writes land (the SQLite file, or an array in tests). */
export interface JournalBackend {
  /** Applies every write atomically (one transaction). */
  write(writes: JournalWrite[]): void;
  /** Every record of `kind`, in first-insert order. */
  read(kind: RecordKind): { account: string; id: string; json: string }[];
  /** Releases the file. */
  close(): void;
}

/** What a store reports changes to. */
export interface Journal {
  /** Whether writes are kept at all (false for {@link NO_JOURNAL}). */
  readonly durable: boolean;
  /**
   * Records that the record changed; `value` is called at flush time, so several changes of one
   * tick write the record once, as it is then.
   */
  put(kind: RecordKind, account: string, id: string, value: () => unknown): void;
  /** Records that the record is gone. */
  delete(kind: RecordKind, account: string, id: string): void;
  /** Every stored record of `kind`, oldest first. */
  load(kind: RecordKind): StoredRecord[];
  /** Writes what is pending now (also run automatically in a microtask after each change). */
  flush(): void;
  /**
   * Marks a request whose effects and `Idempotency-Key` answer must reach the file together:
   * nothing is flushed while one is held. Returns the release (safe to call twice).
   */
  hold(): () => void;
  /** Resolves once everything changed so far is in the file (an answer waits for it). */
  committed(): Promise<void>;
  /** Resolves when a new request may start: never while a commit waits for held requests. */
  admit(): Promise<void>;
  /** Flushes and releases the backend; later changes are ignored. */
  close(): void;
}

/** The journal of an in-memory gateway: keeps nothing. */
export const NO_JOURNAL: Journal = Object.freeze({
  durable: false,
  put: () => undefined,
  delete: () => undefined,
  load: () => [],
  flush: () => undefined,
  hold: () => () => undefined,
  committed: () => Promise.resolve(),
  admit: () => Promise.resolve(),
  close: () => undefined,
});

/** Longest a commit waits for held requests before writing anyway (a request that never ends). */
export const MAX_HOLD_WAIT_MS = 1_000;

interface Pending {
  kind: RecordKind;
  account: string;
  id: string;
  value: (() => unknown) | null;
}

/**
 * A {@link Journal} over a backend: coalesces changes by record and writes them in one
 * transaction, so a 10,000-message batch is one commit, not 10,000. A group commit: while a
 * keyed request is between its `Idempotency-Key` claim and its stored answer (held), nothing is
 * written, so its effects never reach the file without the key that replays them; answers wait
 * for the commit, and new requests wait while a commit drains the held ones.
 */
export class WriteThroughJournal implements Journal {
  readonly durable = true;
  readonly #backend: JournalBackend;
  #pending = new Map<string, Pending>();
  #scheduled = false;
  #closed = false;
  // While restoring, loaded records are not written back (deletes, e.g. evictions, still are).
  #muted = false;
  #holds = 0;
  #waiters: (() => void)[] = [];
  #gate: Promise<void> | undefined;
  #openGate: (() => void) | undefined;
  #forceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(backend: JournalBackend) {
    this.#backend = backend;
  }

  put(kind: RecordKind, account: string, id: string, value: () => unknown): void {
    if (this.#muted) return;
    this.#queue({ kind, account, id, value });
  }

  delete(kind: RecordKind, account: string, id: string): void {
    this.#queue({ kind, account, id, value: null });
  }

  load(kind: RecordKind): StoredRecord[] {
    return this.#backend.read(kind).map((row) => ({ account: row.account, id: row.id, value: parseRow(kind, row) }));
  }

  /** Runs `restore` with puts ignored: records loaded from the file need not be written back. */
  restoring(restore: () => void): void {
    this.#muted = true;
    try {
      restore();
    } finally {
      this.#muted = false;
    }
  }

  hold(): () => void {
    this.#holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#holds === 0 && (this.#waiters.length > 0 || this.#pending.size > 0)) this.#commit();
    };
  }

  committed(): Promise<void> {
    if (this.#pending.size === 0 && this.#waiters.length === 0) return Promise.resolve();
    if (this.#holds === 0) {
      this.#commit();
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.#waiters.push(resolve);
      if (this.#gate) return;
      this.#gate = new Promise<void>((open) => (this.#openGate = open));
      // A held request that never finishes must not stop every answer: write anyway after a while.
      this.#forceTimer = setTimeout(() => this.#commit(), MAX_HOLD_WAIT_MS);
    });
  }

  admit(): Promise<void> {
    return this.#gate ?? Promise.resolve();
  }

  flush(): void {
    this.#scheduled = false;
    if (this.#pending.size === 0 || this.#closed) return;
    const pending = this.#pending;
    this.#pending = new Map();
    const writes: JournalWrite[] = [];
    for (const { kind, account, id, value } of pending.values()) {
      writes.push({ kind, account, id, json: value === null ? null : JSON.stringify(value()) });
    }
    this.#backend.write(writes);
  }

  close(): void {
    if (this.#closed) return;
    this.#commit();
    this.#closed = true;
    this.#backend.close();
  }

  #queue(change: Pending): void {
    if (this.#closed) return;
    const key = `${change.kind}\u0000${change.account}\u0000${change.id}`;
    // Re-inserted so the write order follows the latest change.
    this.#pending.delete(key);
    this.#pending.set(key, change);
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.#holds === 0) this.flush();
    });
  }

  #commit(): void {
    clearTimeout(this.#forceTimer);
    this.#forceTimer = undefined;
    this.flush();
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
    const open = this.#openGate;
    this.#gate = undefined;
    this.#openGate = undefined;
    open?.();
  }
}

function parseRow(kind: RecordKind, row: { account: string; id: string; json: string }): unknown {
  try {
    return JSON.parse(row.json);
  } catch {
    // A damaged file is refused at start-up, like a bad option, rather than half-loaded.
    throw new GatewayOptionsError('data', `the file's ${kind} record ${row.account}/${row.id} is not valid JSON`);
  }
}
