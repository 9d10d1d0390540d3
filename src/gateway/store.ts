/**
 * In-memory state of the reference gateway, one {@link Account} per API key. Nothing is
 * persisted: a new gateway starts empty.
 * @module
 */

import type { TimerHandle } from './clock.js';
import type { GatewayMessage } from './types.js';

/** A stored response, replayed for a repeated `Idempotency-Key`. */
export interface StoredResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

/** One `Idempotency-Key` seen for an account. */
export type IdempotencyEntry =
  | { state: 'in_flight'; fingerprint: string; expiresAt: number }
  | { state: 'done'; fingerprint: string; expiresAt: number; response: StoredResponse };

/** A message plus the bookkeeping the wire object does not show. */
export interface MessageRecord {
  message: GatewayMessage;
  /** Insertion order: breaks ties between messages created in the same millisecond. */
  sequence: number;
  /** Pending delivery timers, cleared on cancel or once the message is final. */
  timers: TimerHandle[];
  /** Clock time (ms) after which an undelivered message is `expired`. */
  expiresAt: number;
  /** Where this message's own events also go (`callback_url`), if anywhere. */
  callbackUrl: string | null;
  /** What was debited, in ten-thousandths (refunded on cancel). */
  priceUnits: number;
}

/** The bookkeeping {@link GatewayStore.insertMessage} stores next to the message. */
export type MessageRecordInit = Pick<MessageRecord, 'expiresAt' | 'callbackUrl' | 'priceUnits'>;

/** A top-up as `GET /v1/balance` lists it. */
export interface TopUp {
  /** Ten-thousandths of the currency unit. */
  units: number;
  at: string;
}

/** Everything the gateway knows about one API key's account. */
export interface Account {
  /** `acct_…`, stable for the life of the gateway. */
  id: string;
  /** The test key that authenticates as this account. */
  apiKey: string;
  currency: string;
  /** Available credit in ten-thousandths of `currency` (exact integer arithmetic). */
  balanceUnits: number;
  /** `balance.low` fires when a debit crosses this, in ten-thousandths. */
  lowBalanceThresholdUnits: number;
  recentTopUps: TopUp[];
  messages: Map<string, MessageRecord>;
  /** Message ids in insertion order (oldest first); `messageOrder[record.sequence - 1]` is the record's id. */
  messageOrder: string[];
  /** Alphanumeric sender ids this account may send from (`OneMSG` for every new account). */
  approvedSenders: Set<string>;
  idempotency: Map<string, IdempotencyEntry>;
  /**
   * State owned by other gateway modules (webhook endpoints, OTPs, senders …), keyed by module
   * name. Use {@link accountSlot} rather than reading it directly.
   */
  slots: Map<string, unknown>;
}

/** Options for {@link GatewayStore.addAccount}. */
export interface NewAccount {
  apiKey: string;
  /** Ten-thousandths of `currency`. */
  balanceUnits: number;
  currency: string;
  /** @default 10% of the opening balance */
  lowBalanceThresholdUnits?: number;
  /** ISO time of the opening top-up. */
  openedAt: string;
}

/** The sender every new account may use, so the quickstart works without registration. */
export const DEFAULT_APPROVED_SENDER = 'OneMSG';

/** All accounts of one gateway, looked up by API key. */
export class GatewayStore {
  readonly #byKey = new Map<string, Account>();
  #nextAccount = 1;

  /** Creates the account for `apiKey` (replacing none: keys are unique). */
  addAccount(init: NewAccount): Account {
    const existing = this.#byKey.get(init.apiKey);
    if (existing) return existing;
    const account: Account = {
      id: `acct_${String(this.#nextAccount++).padStart(6, '0')}`,
      apiKey: init.apiKey,
      currency: init.currency,
      balanceUnits: init.balanceUnits,
      lowBalanceThresholdUnits: init.lowBalanceThresholdUnits ?? Math.floor(init.balanceUnits / 10),
      recentTopUps: init.balanceUnits > 0 ? [{ units: init.balanceUnits, at: init.openedAt }] : [],
      messages: new Map(),
      messageOrder: [],
      approvedSenders: new Set([DEFAULT_APPROVED_SENDER]),
      idempotency: new Map(),
      slots: new Map(),
    };
    this.#byKey.set(init.apiKey, account);
    return account;
  }

  /** The account a key authenticates as, if any. */
  accountForKey(apiKey: string): Account | undefined {
    return this.#byKey.get(apiKey);
  }

  /** Every account, in creation order. */
  accounts(): Account[] {
    return [...this.#byKey.values()];
  }

  /** Stores a new message as the newest of its account. */
  insertMessage(account: Account, message: GatewayMessage, init: MessageRecordInit): MessageRecord {
    // The sequence is the id's 1-based place in messageOrder.
    const record: MessageRecord = { ...init, message, sequence: account.messageOrder.push(message.id), timers: [] };
    account.messages.set(message.id, record);
    return record;
  }
}

/**
 * Per-account state of another gateway module, created on first use.
 * @example
 * ```ts
 * const endpoints = accountSlot(account, 'webhooks', () => new Map<string, Endpoint>());
 * ```
 */
export function accountSlot<T>(account: Account, name: string, create: () => T): T {
  if (!account.slots.has(name)) account.slots.set(name, create());
  return account.slots.get(name) as T;
}
