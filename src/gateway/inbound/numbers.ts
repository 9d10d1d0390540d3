/**
 * Each account's virtual number: where simulated inbound SMS arrive. Deterministic per account
 * (the n-th account gets `+1500555` followed by `0100 + n`), so tests and docs can name it; the
 * range sits next to the magic test numbers `+15005550000`–`+15005550099`, in the non-geographic
 * `+1 500 555` block no real handset uses.
 * @module
 */

import type { Account } from '../accounts/accounts.js';

/** The first virtual number (account 0 would get it; the first account gets `…0101`). */
export const VIRTUAL_NUMBER_BASE = 15_005_550_100;

/** The account's virtual number in E.164, e.g. `+15005550101` for the first account. */
export function virtualNumberOf(account: Account): string {
  const ordinal = Number(/(\d+)$/.exec(account.id)?.[1] ?? 0);
  // 9,899 accounts fit in the block; a gateway never opens that many (one account per key).
  return `+${VIRTUAL_NUMBER_BASE + (ordinal % 9_900)}`;
}
