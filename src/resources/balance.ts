import type { APIPromise } from '../core/api-promise.js';
import { APIResource } from '../core/resource.js';
import type { RequestOptions } from '../core/transport.js';
import { named } from '../internal/brand.js';
import type { Balance } from '../schemas/balance.js';

/**
 * The account's credit. Every response also tells what remains (`withResponse()` →
 * `response.balanceRemaining`), so a sender need not poll this. Named `BalanceResource` (as in
 * Stripe's SDK) because `Balance` is the wire object's type.
 */
export class BalanceResource extends APIResource {
  static {
    named(this, 'BalanceResource');
  }

  /**
   * Fetches the available credit, the `balance.low` threshold and the latest top-ups.
   * @example
   * const { available } = await client.balance.retrieve();
   * console.log(`${available.amount} ${available.currency}`);
   */
  retrieve(options?: RequestOptions): APIPromise<Balance> {
    return this._client.get('/balance', { options });
  }
}
