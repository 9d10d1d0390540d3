/**
 * `GET /v1/balance`, and the exact debit/refund arithmetic messages use.
 * @module
 */

import { money } from '../../pricing/index.js';
import type { GatewayContext, GatewayRouter, GatewayServices } from '../context.js';
import type { Account } from '../store.js';

/** Registers the balance route. */
export function registerBalanceRoutes(router: GatewayRouter): void {
  router.get('/v1/balance', (ctx) => ctx.json(200, balanceObject(ctx.account)));
}

/** The account's balance as the API returns it. */
export function balanceObject(account: Account) {
  return {
    object: 'balance' as const,
    available: money(account.balanceUnits, account.currency),
    low_balance_threshold: money(account.lowBalanceThresholdUnits, account.currency),
    recent_top_ups: account.recentTopUps.map((topUp) => ({ ...money(topUp.units, account.currency), at: topUp.at })),
  };
}

/**
 * Takes `units` ten-thousandths from the balance (the caller checked it is covered) and emits
 * `balance.low` when this debit crosses the threshold.
 */
export async function debit(services: GatewayServices & { account: Account }, units: number): Promise<void> {
  const { account } = services;
  const before = account.balanceUnits;
  account.balanceUnits = before - units;
  if (before > account.lowBalanceThresholdUnits && account.balanceUnits <= account.lowBalanceThresholdUnits) {
    try {
      await services.events.publish(account, { type: 'balance.low', data: balanceObject(account) });
    } catch (error) {
      services.logger.error?.('gateway: publishing balance.low failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

/** Gives `units` ten-thousandths back (a canceled scheduled message). */
export function refund(account: Account, units: number): void {
  account.balanceUnits += units;
}

