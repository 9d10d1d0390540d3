/**
 * Webhook endpoint routes: register, list, retrieve, delete, rotate the secret, read the
 * delivery log, and read the account's default secret (which signs `callback_url` deliveries).
 * @module
 */

import type { GatewayContext, GatewayRouter } from '../context.js';
import type { GatewayEvents } from '../events/index.js';
import { validateWebhookEndpointCreateParams } from '../../schemas/webhook-params.js';
import { refusalFromIssues } from './messages.js';

/**
 * Adds the `/v1/webhooks` routes to the gateway's router.
 *
 * - `POST /v1/webhooks` `{url, events, description?}` → 201 endpoint with `secret` (shown only here)
 * - `GET /v1/webhooks` → list of endpoints, newest first, without secrets (`limit`, `starting_after`)
 * - `GET /v1/webhooks/default_secret` → `{object: "webhook_secret", secret}`: the account's secret
 *   that signs deliveries to a message's `callback_url`
 * - `GET /v1/webhooks/:id` → endpoint without secret
 * - `DELETE /v1/webhooks/:id` → `{id, object: "webhook_endpoint", deleted: true}`; pending retries are dropped
 * - `POST /v1/webhooks/:id/rotate_secret` → 200 endpoint with the new `secret` and
 *   `previous_secret_expires_at`: until then deliveries carry one `v1=` for each secret
 * - `GET /v1/webhooks/:id/deliveries` → list of deliveries, newest first (`limit`, `starting_after`)
 */
export function registerWebhookRoutes(router: GatewayRouter, events: GatewayEvents): void {
  router.post('/v1/webhooks', (ctx) => createEndpoint(ctx, events));
  router.get('/v1/webhooks', (ctx) => page(ctx, events.endpoints.list(ctx.account.id)));
  router.get('/v1/webhooks/default_secret', (ctx) =>
    ctx.json(200, { object: 'webhook_secret', secret: events.defaultSecret(ctx.account) }),
  );
  router.get('/v1/webhooks/:id', (ctx, { id }) => {
    const endpoint = events.endpoints.get(ctx.account.id, id!);
    return endpoint ? ctx.json(200, endpoint) : notFound(ctx, id!);
  });
  router.delete('/v1/webhooks/:id', (ctx, { id }) => {
    if (!events.endpoints.delete(ctx.account.id, id!)) return notFound(ctx, id!);
    events.dispatcher.forget(id!);
    return ctx.json(200, { id, object: 'webhook_endpoint', deleted: true });
  });
  router.post('/v1/webhooks/:id/rotate_secret', (ctx, { id }) => {
    const rotated = events.endpoints.rotate(ctx.account.id, id!);
    if (!rotated) return notFound(ctx, id!);
    return ctx.json(200, {
      ...rotated.endpoint,
      secret: rotated.secret,
      previous_secret_expires_at: rotated.previousSecretExpiresAt,
    });
  });
  router.get('/v1/webhooks/:id/deliveries', (ctx, { id }) => {
    if (!events.endpoints.get(ctx.account.id, id!)) return notFound(ctx, id!);
    return page(ctx, events.dispatcher.deliveries(id!));
  });
}

async function createEndpoint(ctx: GatewayContext, events: GatewayEvents): Promise<Response> {
  // The SDK's own validator, so the client and the gateway refuse the same input with the same code and param.
  const validated = await validateWebhookEndpointCreateParams(ctx.body === undefined ? {} : ctx.body);
  if (!validated.ok) {
    const refusal = refusalFromIssues(validated.issues);
    return ctx.error(refusal.status, 'invalid_request_error', refusal.code, refusal.message, refusal.param);
  }
  return ctx.json(201, events.endpoints.create(ctx.account.id, validated.value));
}

function notFound(ctx: GatewayContext, id: string): Response {
  return ctx.error(404, 'invalid_request_error', 'not_found', `No such webhook endpoint: ${id}`, 'id');
}

/** One page of `items` (already newest first) as the contract's list envelope. */
function page<T extends { id: string }>(ctx: GatewayContext, items: readonly T[]): Response {
  const limitParam = ctx.url.searchParams.get('limit');
  const limit = limitParam === null ? 20 : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return ctx.error(400, 'invalid_request_error', 'invalid_parameter', 'limit must be an integer from 1 to 100.', 'limit');
  }
  const cursor = ctx.url.searchParams.get('starting_after');
  let start = 0;
  if (cursor !== null) {
    const index = items.findIndex((item) => item.id === cursor);
    if (index < 0) {
      return ctx.error(400, 'invalid_request_error', 'invalid_parameter', 'starting_after must be the id of an item in this list.', 'starting_after');
    }
    start = index + 1;
  }
  const data = items.slice(start, start + limit);
  const hasMore = start + limit < items.length;
  return ctx.json(200, { object: 'list', data, has_more: hasMore, next_cursor: hasMore ? data.at(-1)!.id : null });
}
