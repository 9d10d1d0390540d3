/**
 * The balance ledger: each account's credit in exact integer units, debits and refunds,
 * top-ups, and the `balance.low` event when a debit crosses the threshold.
 * @module
 */

import { money } from '../../pricing/index.js';
import type { Balance } from '../../schemas/balance.js';
import type { Webhooks } from '../webhooks/webhooks.js';
import type { Account } from './accounts.js';

/** The most top-ups `recent_top_ups` lists; older ones are dropped. */
export const RECENT_TOP_UPS = 10;

interface AccountBalance {
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

  constructor(services: { webhooks: Pick<Webhooks, 'publish'> }) {
    this.#webhooks = services.webhooks;
  }

  /** Opens the account's balance with `units` (recorded as its first top-up at `at`); threshold 10% of it. */
  open(account: Account, units: number, at: string): void {
    this.#balances.set(account.id, { units: 0, thresholdUnits: Math.floor(units / 10), topUps: [] });
    if (units > 0) this.topUp(account, units, at);
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
  }

  /**
   * Takes `units` from the balance (the caller checked it is covered) and publishes
   * `balance.low` when this debit crosses the threshold.
   */
  debit(account: Account, units: number): void {
    const balance = this.#of(account);
    const before = balance.units;
    balance.units = before - units;
    if (before > balance.thresholdUnits && balance.units <= balance.thresholdUnits) {
      this.#webhooks.publish(account.id, { type: 'balance.low', data: this.balance(account) });
    }
  }

  /** Gives `units` back (a canceled scheduled message). */
  refund(account: Account, units: number): void {
    this.#of(account).units += units;
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

  #of(account: Account): AccountBalance {
    let balance = this.#balances.get(account.id);
    if (!balance) {
      balance = { units: 0, thresholdUnits: 0, topUps: [] };
      this.#balances.set(account.id, balance);
    }
    return balance;
  }
}
