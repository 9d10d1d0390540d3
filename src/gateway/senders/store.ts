/**
 * The sender IDs of every account: registrations (`POST /v1/senders`) with their approval state,
 * plus the ids approved for every account ({@link DEFAULT_APPROVED_SENDER} and the gateway's
 * `approvedSenders` option), which each account lists as approved from the start.
 * @module
 */

import type { Sender } from '../../schemas/sender.js';
import type { Account } from '../accounts/accounts.js';
import type { TimerHandle } from '../clock.js';
import type { IdGenerator } from '../ids.js';
import type { Journal } from '../persistence/journal.js';

/** The sender every new account may use, so the quickstart works without registration. */
export const DEFAULT_APPROVED_SENDER = 'OneMSG';

/** The `use_case` of the account's virtual number in `GET /v1/senders`. */
export const VIRTUAL_NUMBER_USE_CASE = 'virtual number: receives inbound SMS (message.received)';

/** The most senders one account may register; past it `POST /v1/senders` answers 400. */
export const MAX_SENDERS_PER_ACCOUNT = 1000;

/** A registration plus the bookkeeping the wire object does not show. */
export interface SenderRecord {
  /** The sender as `GET /v1/senders/:id` returns it (updated in place on approval). */
  sender: Sender;
  /** The pending approval timer, if any (cleared by `gateway.close()` with the clock's others). */
  timer?: TimerHandle;
}

/**
 * Approved and registered sender ids per account, keyed by account id. Bound: at most
 * {@link MAX_SENDERS_PER_ACCOUNT} registrations per account, plus the pre-approved ids.
 */
export class SenderStore {
  readonly #accounts = new Map<string, SenderRecord[]>();
  readonly #everyAccount: readonly string[];
  readonly #journal: Journal | undefined;

  /**
   * `everyAccount`: ids approved for every account (the gateway's `approvedSenders` option);
   * `journal`: where registrations and approvals are written (the `data` option).
   */
  constructor(everyAccount: readonly string[] = [], journal?: Journal) {
    this.#everyAccount = [...new Set([DEFAULT_APPROVED_SENDER, ...everyAccount])];
    this.#journal = journal;
  }

  /** Puts back a sender read from the data file (oldest first). */
  restore(account: Account, sender: Sender): SenderRecord {
    const record: SenderRecord = { sender };
    this.#of(account).push(record);
    return record;
  }

  /** Reports that `record` changed (approval), so the data file gets it in this tick. */
  touch(account: Account, record: SenderRecord): void {
    this.#journal?.put('sender', account.id, record.sender.id, () => record.sender);
  }

  /** The ids approved for every account, `OneMSG` first. */
  get preApproved(): readonly string[] {
    return this.#everyAccount;
  }

  /** Whether `account` may send from the alphanumeric `sender`. */
  isApproved(account: Account, sender: string): boolean {
    return (
      this.#everyAccount.includes(sender) ||
      this.#of(account).some((record) => record.sender.sender_id === sender && record.sender.status === 'approved')
    );
  }

  /**
   * Lists the pre-approved ids and the account's virtual number as its first, approved senders,
   * so `GET /v1/senders` shows everything the account can already send from.
   */
  open(account: Account, init: { ids: IdGenerator; at: string; virtualNumber: string }): void {
    const approved = (sender_id: string, type: Sender['type'], use_case: string): Sender => ({
      id: init.ids.next('snd'),
      object: 'sender',
      sender_id,
      type,
      country: null,
      use_case,
      status: 'approved',
      rejection_reason: null,
      created_at: init.at,
    });
    const records = this.#of(account);
    for (const id of this.#everyAccount) records.push({ sender: approved(id, 'alphanumeric', 'pre-approved') });
    records.push({
      sender: approved(init.virtualNumber, 'numeric', VIRTUAL_NUMBER_USE_CASE),
    });
    for (const record of records) this.touch(account, record);
  }

  /** Stores a registration as the account's newest. */
  insert(account: Account, sender: Sender): SenderRecord {
    const record: SenderRecord = { sender };
    this.#of(account).push(record);
    this.touch(account, record);
    return record;
  }

  /** One registration of the account, or `undefined` (also for another account's). */
  get(account: Account, id: string): SenderRecord | undefined {
    return this.#of(account).find((record) => record.sender.id === id);
  }

  /** The account's registration of `senderId` that is pending or approved, if any. */
  active(account: Account, senderId: string): SenderRecord | undefined {
    return this.#of(account).find(
      (record) => record.sender.sender_id === senderId && record.sender.status !== 'rejected',
    );
  }

  /** How many senders the account has registered. */
  count(account: Account): number {
    return this.#of(account).length;
  }

  /** The account's senders, newest first. */
  newestFirst(account: Account): Sender[] {
    return this.#of(account)
      .map((record) => record.sender)
      .reverse();
  }

  #of(account: Account): SenderRecord[] {
    let records = this.#accounts.get(account.id);
    if (!records) {
      records = [];
      this.#accounts.set(account.id, records);
    }
    return records;
  }
}
