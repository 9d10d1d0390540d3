/**
 * Webhook endpoint routes: register, list, retrieve, delete, rotate the secret, read the
 * delivery log, and read the account's default secret (which signs `callback_url` deliveries).
 * @module
 */

import { validateWebhookEndpointCreateParams } from '../../schemas/webhook-params.js';
import type { GatewayRouter } from '../context.js';
import { GatewayError, orThrow } from '../errors.js';
import { json } from '../http.js';
import { listQuery, paginate } from '../pagination.js';
import type { Webhooks } from './webhooks.js';

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
export function registerWebhookRoutes(router: GatewayRouter, { webhooks }: { webhooks: Webhooks }): void {
  const { endpoints, dispatcher } = webhooks;

  router.post('/v1/webhooks', async (ctx) => {
    // The SDK's own validator, so the client and the gateway refuse the same input with the same code and param.
    const params = orThrow(await validateWebhookEndpointCreateParams(ctx.body === undefined ? {} : ctx.body));
    return json(201, endpoints.create(ctx.account.id, params));
  });
  router.get('/v1/webhooks', async (ctx) =>
    json(200, paginate(endpoints.list(ctx.account.id), await listQuery(ctx.url))),
  );
  router.get('/v1/webhooks/default_secret', (ctx) =>
    json(200, { object: 'webhook_secret', secret: endpoints.defaultSecret(ctx.account.id) }),
  );
  router.get('/v1/webhooks/:id', (ctx, { id }) => json(200, endpoints.get(ctx.account.id, id!) ?? notFound(id!)));
  router.delete('/v1/webhooks/:id', (ctx, { id }) => {
    if (!webhooks.deleteEndpoint(ctx.account.id, id!)) notFound(id!);
    return json(200, { id, object: 'webhook_endpoint', deleted: true });
  });
  router.post('/v1/webhooks/:id/rotate_secret', (ctx, { id }) => {
    const rotated = endpoints.rotate(ctx.account.id, id!) ?? notFound(id!);
    return json(200, {
      ...rotated.endpoint,
      secret: rotated.secret,
      previous_secret_expires_at: rotated.previousSecretExpiresAt,
    });
  });
  router.get('/v1/webhooks/:id/deliveries', async (ctx, { id }) => {
    if (!endpoints.get(ctx.account.id, id!)) notFound(id!);
    return json(200, paginate(dispatcher.deliveries(id!), await listQuery(ctx.url)));
  });
}

function notFound(id: string): never {
  throw new GatewayError(404, 'not_found', `No such webhook endpoint: ${id}`, { param: 'id' });
}
