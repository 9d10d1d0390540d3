/**
 * The messages of every account, with the bookkeeping the wire object does not show.
 * @module
 */

import type { Message } from '../../schemas/message.js';
import type { Account } from '../accounts/accounts.js';
import type { TimerHandle } from '../clock.js';

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
  /** `Idempotency-Key`s whose first attempt already got a first-attempt-only fault (test numbers). */
  faultedKeys: Set<string>;
}

/**
 * Every account's messages, keyed by account id. Bound: none yet; grows with every message
 * accepted or rejected (a long-running gateway keeps them all).
 */
export class MessageStore {
  readonly #accounts = new Map<string, AccountMessages>();

  /** Stores a new message as the newest of its account. */
  insert(account: Account, message: Message, init: MessageRecordInit): MessageRecord {
    const record: MessageRecord = { ...init, message, timers: [] };
    const messages = this.#of(account);
    messages.byId.set(message.id, record);
    messages.order.push(record);
    return record;
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
    return false;
  }

  #of(account: Account): AccountMessages {
    let messages = this.#accounts.get(account.id);
    if (!messages) {
      messages = { byId: new Map(), order: [], faultedKeys: new Set() };
      this.#accounts.set(account.id, messages);
    }
    return messages;
  }
}
