/**
 * The voice calls of every account, with the bookkeeping the wire object does not show.
 * @module
 */

import type { Call } from '../../schemas/call.js';
import type { Account } from '../accounts/accounts.js';
import type { TimerHandle } from '../clock.js';
import type { Journal } from '../persistence/journal.js';

/** A call plus its timers and the credit held for it. */
export interface CallRecord {
  /** The call as `GET /v1/voice/calls/:id` returns it (updated in place as it progresses). */
  call: Call;
  /** Pending simulation steps. */
  timers: TimerHandle[];
  /** What was debited at creation (every leg answered to the end), in ten-thousandths. */
  heldUnits: number;
  /** The account's currency, which prices the legs. */
  currency: string;
  /** Price of one started minute per leg, in ten-thousandths, in the order of `call.legs`. */
  minuteUnits: number[];
}

/** Most calls kept per account; the oldest is dropped past it. */
export const MAX_CALLS_PER_ACCOUNT = 10_000;

/** Every account's calls, keyed by account id. Bound: {@link MAX_CALLS_PER_ACCOUNT} per account. */
export class CallStore {
  readonly #accounts = new Map<string, Map<string, CallRecord>>();
  readonly #journal: Journal | undefined;

  /** `journal`: where calls and their progress are written (the `data` option). */
  constructor(journal?: Journal) {
    this.#journal = journal;
  }

  /** Reports that `record` changed (a leg moved), so the data file gets it in this tick. */
  touch(account: Account, record: CallRecord): void {
    this.#journal?.put('call', account.id, record.call.id, () => {
      const { timers: _timers, ...kept } = record;
      return kept;
    });
  }

  /** Stores a new call. */
  insert(account: Account, record: CallRecord): void {
    const calls = this.#accounts.get(account.id) ?? new Map<string, CallRecord>();
    this.#accounts.set(account.id, calls);
    calls.set(record.call.id, record);
    this.touch(account, record);
    // Insertion order is creation order; a dropped call's timers keep running on their record only.
    if (calls.size > MAX_CALLS_PER_ACCOUNT) {
      const oldest = calls.keys().next().value!;
      calls.delete(oldest);
      this.#journal?.delete('call', account.id, oldest);
    }
  }

  /** One call of the account, or `undefined` (also for another account's call). */
  get(account: Account, id: string): CallRecord | undefined {
    return this.#accounts.get(account.id)?.get(id);
  }
}
