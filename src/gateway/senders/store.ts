/**
 * Which alphanumeric sender ids each account may send from. The senders routes
 * (`POST /v1/senders`) will register ids here; today every account has
 * {@link DEFAULT_APPROVED_SENDER} and the gateway's `approvedSenders` option.
 * @module
 */

import type { Account } from '../accounts/accounts.js';

/** The sender every new account may use, so the quickstart works without registration. */
export const DEFAULT_APPROVED_SENDER = 'OneMSG';

/** Approved sender ids per account. Bound: grows only by approvals (none yet: no route approves). */
export class SenderStore {
  readonly #approved = new Map<string, Set<string>>();
  readonly #everyAccount: ReadonlySet<string>;

  /** `everyAccount`: ids approved for every account (the gateway's `approvedSenders` option). */
  constructor(everyAccount: readonly string[] = []) {
    this.#everyAccount = new Set([DEFAULT_APPROVED_SENDER, ...everyAccount]);
  }

  /** Whether `account` may send from the alphanumeric `sender`. */
  isApproved(account: Account, sender: string): boolean {
    return this.#everyAccount.has(sender) || (this.#approved.get(account.id)?.has(sender) ?? false);
  }

  /** Approves `sender` for `account`. */
  approve(account: Account, sender: string): void {
    const approved = this.#approved.get(account.id) ?? new Set<string>();
    approved.add(sender);
    this.#approved.set(account.id, approved);
  }
}
