/**
 * Accounts: one per accepted API key. An {@link Account} holds only what never changes; every
 * resource keeps its own mutable state in its own store, keyed by `account.id`.
 * @module
 */

/** Who a request is from: fixed for the life of the gateway. */
export interface Account {
  /** `acct_…`, stable for the life of the gateway: the key of every resource store. */
  readonly id: string;
  /** The test key that authenticates as this account. */
  readonly apiKey: string;
  /** ISO 4217 currency of the account's balance and prices. */
  readonly currency: string;
}

/** The accounts of one gateway, looked up by API key. Bound: one per configured key, fixed at start. */
export class Accounts {
  readonly #byKey = new Map<string, Account>();

  /** Creates the account for `apiKey`, or returns the existing one (keys are unique). */
  open(apiKey: string, currency: string): Account {
    const existing = this.#byKey.get(apiKey);
    if (existing) return existing;
    const account: Account = { id: `acct_${String(this.#byKey.size + 1).padStart(6, '0')}`, apiKey, currency };
    this.#byKey.set(apiKey, account);
    return account;
  }

  /** The account a key authenticates as, if any. */
  forKey(apiKey: string): Account | undefined {
    return this.#byKey.get(apiKey);
  }
}
