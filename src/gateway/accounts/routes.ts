/**
 * `GET /v1/balance`.
 * @module
 */

import type { GatewayRouter } from '../context.js';
import { json } from '../http.js';
import type { Ledger } from './ledger.js';

/** Registers the account routes: `GET /v1/balance`. */
export function registerAccountRoutes(router: GatewayRouter, { ledger }: { ledger: Ledger }): void {
  router.get('/v1/balance', (ctx) => json(200, ledger.balance(ctx.account)));
}
