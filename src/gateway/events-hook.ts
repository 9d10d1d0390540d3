/**
 * The seam between the gateway core and the webhooks module (`events/`, `handlers/webhooks.ts`).
 * @module
 */

import type { GatewayRouter, GatewayServices } from './context.js';
import { createGatewayEvents, type GatewayEvents } from './events/index.js';
import { registerWebhookRoutes } from './handlers/webhooks.js';

/** Builds the webhook machinery that is the gateway's event publisher. */
export function createEventBus(deps: Omit<GatewayServices, 'events'>): GatewayEvents {
  const { rotationGraceMs, attemptTimeoutMs } = deps.options.webhooks;
  return createGatewayEvents({ clock: deps.clock, fetch: deps.fetch, ids: deps.ids, rotationGraceMs, attemptTimeoutMs });
}

/** Registers the webhook endpoints' routes (`/v1/webhooks…`). */
export function registerWebhooks(router: GatewayRouter, events: GatewayEvents): void {
  registerWebhookRoutes(router, events);
}
