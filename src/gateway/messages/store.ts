/**
 * The messages of every account, with the bookkeeping the wire object does not show.
 * @module
 */

import type { Message } from '../../schemas/message.js';
import type { Account } from '../accounts/accounts.js';
import type { Clock, TimerHandle } from '../clock.js';
import { GatewayError } from '../errors.js';
import { DEFAULT_PAGE_SIZE, type ListEnvelope } from '../pagination.js';
import type { ListParams } from '../../schemas/list-params.js';
import type { Journal } from '../persistence/journal.js';

/** Message retention unless the gateway's `limits` option says otherwise. */
export const DEFAULT_MESSAGE_RETENTION = Object.freeze({
  maxMessagesPerAccount: 100_000,
  messageRetentionMs: 7 * 24 * 60 * 60 * 1000,
});

/** Options of {@link MessageStore}. */
export interface MessageStoreOptions {
  /** Dates the age bound. @default Date.now */
  clock?: Pick<Clock, 'now'>;
  /** Most messages kept per account (final ones are evicted past it). @default 100000 */
  maxMessagesPerAccount?: number;
  /** Milliseconds a final message is kept after creation. @default 604800000 (7 days) */
  messageRetentionMs?: number;
  /** Where each insert, change and eviction is written (the `data` option). @default none: memory only */
  journal?: Journal;
}

// Statuses a message can no longer leave: only these may be evicted (delivery.ts has the same list).
const FINAL = new Set(['delivered', 'failed', 'expired', 'canceled', 'rejected']);

// First-attempt-fault keys remembered per account (test numbers only; the oldest go first).
const MAX_FAULTED_KEYS = 10_000;

// The age bound is checked at most this often (clock time), so a long-scheduled message at the
// front of the list cannot make every insert walk the list.
const AGE_CHECK_INTERVAL_MS = 60_000;

/** A message plus the bookkeeping the wire object does not show. */
export interface MessageRecord {
  /** The message as `GET /v1/messages/:id` returns it (live: delivery updates it in place). */
  message: Message;
  /** Pending delivery timers, cleared on cancel or once the message is final. */
  timers: TimerHandle[];
  /** Clock time (ms) after which an undelivered message is `expired`. */
  expiresAt: number;
  /** Where this message's own events also go (`callback_url`), if anywhere. */
  callbackUrl: string | null;
  /** What was debited, in ten-thousandths (refunded on cancel). */
  priceUnits: number;
}

/** The bookkeeping {@link MessageStore.insert} stores next to the message. */
export type MessageRecordInit = Pick<MessageRecord, 'expiresAt' | 'callbackUrl' | 'priceUnits'>;

interface AccountMessages {
  byId: Map<string, MessageRecord>;
  /** Oldest first: creation order, so messages of the same millisecond keep a stable order. */
  order: MessageRecord[];
  /** Clock time of the next age check. */
  nextAgeCheck: number;
  /** The same records by recipient (which never changes), oldest first: a `to` filter walks only these. */
  byTo: Map<string, MessageRecord[]>;
  /** The same records by sender (which never changes), oldest first: a `sender` filter walks only these. */
  bySender: Map<string, MessageRecord[]>;
  /** `Idempotency-Key`s whose first attempt already got a first-attempt-only fault (test numbers). */
  faultedKeys: Set<string>;
}

/**
 * Every account's messages, keyed by account id. Bound: `maxMessagesPerAccount` (100,000) and
 * `messageRetentionMs` (7 days), checked on insert: the oldest messages in a final status go
 * first; a message still on its way (queued, scheduled, sent) is never evicted.
 */
export class MessageStore {
  readonly #accounts = new Map<string, AccountMessages>();
  readonly #clock: Pick<Clock, 'now'>;
  readonly #max: number;
  readonly #retentionMs: number;
  // Insertion numbers: `order` is sorted by them, so a cursor is found by binary search.
  readonly #seq = new WeakMap<MessageRecord, number>();
  #nextSeq = 0;
  readonly #journal: Journal | undefined;
  // Which account a record belongs to, so delivery can report a change with the record alone.
  readonly #owner = new WeakMap<MessageRecord, string>();

  constructor(options: MessageStoreOptions = {}) {
    this.#clock = options.clock ?? { now: () => Date.now() };
    this.#max = options.maxMessagesPerAccount ?? DEFAULT_MESSAGE_RETENTION.maxMessagesPerAccount;
    this.#retentionMs = options.messageRetentionMs ?? DEFAULT_MESSAGE_RETENTION.messageRetentionMs;
    this.#journal = options.journal;
  }

  /** Stores a new message as the newest of its account, evicting old final messages past the bounds. */
  insert(account: Account, message: Message, init: MessageRecordInit): MessageRecord {
    const record: MessageRecord = { ...init, message, timers: [] };
    const messages = this.#of(account);
    this.#seq.set(record, this.#nextSeq++);
    messages.byId.set(message.id, record);
    messages.order.push(record);
    indexAdd(messages.byTo, message.to, record);
    indexAdd(messages.bySender, message.sender, record);
    this.#owner.set(record, account.id);
    this.touch(record);
    this.#evict(messages);
    return record;
  }

  /** Reports that `record` changed (a status transition), so the data file gets it in this tick. */
  touch(record: MessageRecord): void {
    const account = this.#owner.get(record);
    if (account === undefined || !this.#journal) return;
    this.#journal.put('message', account, record.message.id, () => ({
      message: record.message,
      expiresAt: record.expiresAt,
      callbackUrl: record.callbackUrl,
      priceUnits: record.priceUnits,
    }));
  }

  /** Whether each insert is written to a data file (the `data` option): then one tick is one transaction. */
  get durable(): boolean {
    return this.#journal?.durable === true;
  }

  /** How many messages the account holds. */
  size(account: Account): number {
    return this.#accounts.get(account.id)?.order.length ?? 0;
  }

  /**
   * One page of the account's messages, newest first, walking back from the cursor instead of
   * copying the list: the cost is the page plus the messages `keep` skips.
   * @throws GatewayError 400 when `starting_after` names no message of the account (or an evicted one).
   */
  page(
    account: Account,
    params: ListParams & { to?: string; sender?: string },
    keep: (message: Message) => boolean = () => true,
  ): ListEnvelope<Message> {
    const messages = this.#of(account);
    // Walk the smallest list that holds every match: an index when the filter names one.
    const order =
      params.to !== undefined
        ? (messages.byTo.get(params.to) ?? [])
        : params.sender !== undefined
          ? (messages.bySender.get(params.sender) ?? [])
          : messages.order;
    const limit = params.limit ?? DEFAULT_PAGE_SIZE;
    let start = order.length - 1;
    if (params.starting_after !== undefined) {
      const cursor = messages.byId.get(params.starting_after);
      // byId and order hold the same records (eviction drops both), so a known id is in the list.
      if (cursor === undefined) {
        throw new GatewayError(400, 'invalid_parameter', 'starting_after must be the id of an item in this list.', {
          param: 'starting_after',
        });
      }
      start = this.#lastBefore(order, cursor);
    }
    const data: Message[] = [];
    let hasMore = false;
    for (let index = start; index >= 0; index--) {
      const message = order[index]!.message;
      if (!keep(message)) continue;
      if (data.length === limit) {
        hasMore = true;
        break;
      }
      data.push(message);
    }
    return { object: 'list', data, has_more: hasMore, next_cursor: hasMore ? data.at(-1)!.id : null };
  }

  /** One message of the account, or `undefined` (also for another account's message). */
  get(account: Account, id: string): MessageRecord | undefined {
    return this.#of(account).byId.get(id);
  }

  /** The account's messages, newest first. */
  newestFirst(account: Account): Message[] {
    return this.#of(account)
      .order.map((record) => record.message)
      .reverse();
  }

  /**
   * Whether a first-attempt-only fault was already answered for this `Idempotency-Key`; marks it
   * answered either way, so the retry with the same key goes through.
   */
  faultedBefore(account: Account, idempotencyKey: string): boolean {
    const keys = this.#of(account).faultedKeys;
    if (keys.has(idempotencyKey)) return true;
    keys.add(idempotencyKey);
    if (keys.size > MAX_FAULTED_KEYS) keys.delete(keys.values().next().value!);
    return false;
  }

  #of(account: Account): AccountMessages {
    let messages = this.#accounts.get(account.id);
    if (!messages) {
      messages = {
        byId: new Map(),
        order: [],
        nextAgeCheck: -Infinity,
        faultedKeys: new Set(),
        byTo: new Map(),
        bySender: new Map(),
      };
      this.#accounts.set(account.id, messages);
    }
    return messages;
  }

  // The place of the newest record of `list` inserted before `record` (-1 if none): lists are in
  // insertion order, and the cursor need not be in `list` itself.
  #lastBefore(list: MessageRecord[], record: MessageRecord): number {
    const seq = this.#seq.get(record)!;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.#seq.get(list[mid]!)! < seq) low = mid + 1;
      else high = mid;
    }
    return low - 1;
  }

  // Evicts in batches (down to 1/64 below the cap) so a full store does not rebuild its list on every insert.
  #evict(messages: AccountMessages): void {
    const now = this.#clock.now();
    const overCount = messages.order.length > this.#max;
    const ageDue = this.#retentionMs !== Infinity && now >= messages.nextAgeCheck;
    if (!overCount && !ageDue) return;
    if (ageDue) messages.nextAgeCheck = now + AGE_CHECK_INTERVAL_MS;
    const cutoff = this.#retentionMs === Infinity ? -Infinity : now - this.#retentionMs;
    const oldest = messages.order[0];
    if (!overCount && (oldest === undefined || Date.parse(oldest.message.created_at) >= cutoff)) return;
    let excess = overCount ? messages.order.length - (this.#max - Math.floor(this.#max / 64)) : 0;
    const kept: MessageRecord[] = [];
    for (const record of messages.order) {
      const final = FINAL.has(record.message.status);
      if (final && (excess > 0 || Date.parse(record.message.created_at) < cutoff)) {
        excess--;
        messages.byId.delete(record.message.id);
        indexRemove(messages.byTo, record.message.to, record);
        indexRemove(messages.bySender, record.message.sender, record);
        this.#journal?.delete('message', this.#owner.get(record) ?? '', record.message.id);
        continue;
      }
      kept.push(record);
    }
    messages.order = kept;
  }
}

function indexAdd(index: Map<string, MessageRecord[]>, key: string, record: MessageRecord): void {
  const list = index.get(key);
  if (list) list.push(record);
  else index.set(key, [record]);
}

// Evicted records are the oldest, so they sit at the front of their lists: indexOf finds them fast.
function indexRemove(index: Map<string, MessageRecord[]>, key: string, record: MessageRecord): void {
  const list = index.get(key);
  if (!list) return;
  const at = list.indexOf(record);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) index.delete(key);
}
