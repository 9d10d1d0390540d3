/**
 * The test-mode helpers under `/v1/test/`: `POST /v1/test/top_ups` (add credit) and
 * `POST /v1/test/inbound` (simulate an SMS to one of the account's numbers). They answer test
 * keys only: a live key gets 403 `permission_denied`, whatever the gateway's key list says.
 * @module
 */

import { toUnits } from '../../pricing/index.js';
import { parsePhoneNumberFull } from '../../schemas/phone-full.js';
import { validateTestInboundParams, validateTestTopUpParams } from '../../schemas/test-params.js';
import type { Ledger } from '../accounts/ledger.js';
import type { GatewayContext, GatewayRouter } from '../context.js';
import { GatewayError, orThrow } from '../errors.js';
import { json } from '../http.js';
import { virtualNumberOf } from '../inbound/numbers.js';
import { receiveInbound, type InboundServices } from '../inbound/receive.js';

/** What the test-mode routes use. */
export interface TestModeServices extends InboundServices {
  /** Credits top-ups. */
  ledger: Ledger;
}

/** Registers `POST /v1/test/top_ups` and `POST /v1/test/inbound`. */
export function registerTestModeRoutes(router: GatewayRouter, services: TestModeServices): void {
  router.post('/v1/test/top_ups', async (ctx) => {
    requireTestKey(ctx);
    const { amount } = orThrow(await validateTestTopUpParams(ctx.body));
    services.ledger.topUp(ctx.account, toUnits(amount)!, new Date(services.clock.now()).toISOString());
    return json(200, services.ledger.balance(ctx.account));
  });
  router.post('/v1/test/inbound', async (ctx) => {
    requireTestKey(ctx);
    const params = orThrow(
      await validateTestInboundParams(ctx.body, {
        phone: parsePhoneNumberFull,
      }),
    );
    const number = virtualNumberOf(ctx.account);
    if (params.to !== undefined && params.to !== number) {
      throw new GatewayError(400, 'invalid_parameter', `to must be one of the account's numbers: ${number}.`, {
        param: 'to',
      });
    }
    const message = await receiveInbound(services, ctx.account, {
      from: params.from,
      to: number,
      body: params.body,
    });
    return json(201, message);
  });
}

/**
 * Refuses a key that is not a test key. The reference gateway accepts only `ark_test_` keys at
 * all, but the rule belongs to these routes: a gateway that one day accepts live keys must not
 * let them mint credit or fake traffic.
 * @throws GatewayError 403 `permission_denied`.
 */
export function requireTestKey(ctx: Pick<GatewayContext, 'apiKey' | 'url'>): void {
  if (ctx.apiKey.startsWith('ark_test_')) return;
  throw new GatewayError(
    403,
    'permission_denied',
    `${ctx.url.pathname} is a test-mode helper and answers test keys (ark_test_…) only.`,
  );
}
