/**
 * The balance ledger: each account's credit in exact integer units, debits and refunds,
 * top-ups, and the `balance.low` event when a debit crosses the threshold.
 * @module
 */

import { money } from '../../pricing/index.js';
import type { Balance } from '../../schemas/balance.js';
import type { Journal } from '../persistence/journal.js';
import type { Webhooks } from '../webhooks/webhooks.js';
import type { Account } from './accounts.js';

/** The most top-ups `recent_top_ups` lists; older ones are dropped. */
export const RECENT_TOP_UPS = 10;

/** One account's balance as the ledger keeps it (and the data file stores it). */
export interface AccountBalance {
  /** Available credit in ten-thousandths of the account's currency. */
  units: number;
  /** `balance.low` fires when a debit crosses this, in ten-thousandths. */
  thresholdUnits: number;
  /** Newest last, at most {@link RECENT_TOP_UPS}. */
  topUps: { units: number; at: string }[];
}

/** Each account's balance. Bound: one entry per account (fixed), {@link RECENT_TOP_UPS} top-ups each. */
export class Ledger {
  readonly #balances = new Map<string, AccountBalance>();
  readonly #webhooks: Pick<Webhooks, 'publish'>;
  readonly #journal: Journal | undefined;

  /** `journal`: where each change is written (the `data` option); none keeps balances in memory only. */
  constructor(services: { webhooks: Pick<Webhooks, 'publish'>; journal?: Journal }) {
    this.#webhooks = services.webhooks;
    this.#journal = services.journal;
  }

  /** Puts back a balance read from the data file (nothing is published or re-written). */
  restore(account: Account, balance: AccountBalance): void {
    const { units, thresholdUnits, topUps } = balance;
    this.#balances.set(account.id, { units, thresholdUnits, topUps });
  }

  /** Opens the account's balance with `units` (recorded as its first top-up at `at`); threshold 10% of it. */
  open(account: Account, units: number, at: string): void {
    this.#balances.set(account.id, { units: 0, thresholdUnits: Math.floor(units / 10), topUps: [] });
    if (units > 0) this.topUp(account, units, at);
    else this.#save(account, this.#of(account));
  }

  /** Available credit, in ten-thousandths. */
  available(account: Account): number {
    return this.#of(account).units;
  }

  /** Adds `units` of credit and records the top-up. */
  topUp(account: Account, units: number, at: string): void {
    const balance = this.#of(account);
    balance.units += units;
    balance.topUps.push({ units, at });
    if (balance.topUps.length > RECENT_TOP_UPS) balance.topUps.shift();
    this.#save(account, balance);
  }

  /**
   * Takes `units` from the balance (the caller checked it is covered) and publishes
   * `balance.low` when this debit crosses the threshold.
   */
  debit(account: Account, units: number): void {
    const balance = this.#of(account);
    const before = balance.units;
    balance.units = before - units;
    this.#save(account, balance);
    if (before > balance.thresholdUnits && balance.units <= balance.thresholdUnits) {
      this.#webhooks.publish(account.id, { type: 'balance.low', data: this.balance(account) });
    }
  }

  /** Gives `units` back (a canceled scheduled message). */
  refund(account: Account, units: number): void {
    const balance = this.#of(account);
    balance.units += units;
    this.#save(account, balance);
  }

  /** The account's balance as `GET /v1/balance` returns it. */
  balance(account: Account): Balance {
    const balance = this.#of(account);
    return {
      object: 'balance',
      available: money(balance.units, account.currency),
      low_balance_threshold: money(balance.thresholdUnits, account.currency),
      // Newest first, as the contract lists them.
      recent_top_ups: balance.topUps
        .map((topUp) => ({ ...money(topUp.units, account.currency), at: topUp.at }))
        .reverse(),
    };
  }

  #save(account: Account, balance: AccountBalance): void {
    this.#journal?.put('balance', account.id, account.id, () => balance);
  }

  #of(account: Account): AccountBalance {
    let balance = this.#balances.get(account.id);
    if (!balance) {
      balance = { units: 0, thresholdUnits: 0, topUps: [] };
      this.#balances.set(account.id, balance);
    }
    return balance;
  }
}
