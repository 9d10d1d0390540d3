/**
 * Webhook endpoint routes: register, list, retrieve, delete, rotate the secret, read the
 * delivery log, and read the account's default secret (which signs `callback_url` deliveries).
 * @module
 */

import type { GatewayContext, GatewayRouter } from '../context.js';
import type { GatewayEvents } from '../events/index.js';
import type { WebhookEndpointInput } from '../events/endpoints.js';
import { isWebhookEventType, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../events/types.js';

const MAX_URL_LENGTH = 2048;
const MAX_DESCRIPTION_LENGTH = 500;
const CREATE_PARAMS = new Set(['url', 'events', 'description']);

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

function createEndpoint(ctx: GatewayContext, events: GatewayEvents): Response {
  const parsed = parseCreateParams(ctx.body);
  if (!parsed.ok) return ctx.error(400, 'invalid_request_error', parsed.code, parsed.message, parsed.param);
  return ctx.json(201, events.endpoints.create(ctx.account.id, parsed.value));
}

type Parsed<T> = { ok: true; value: T } | { ok: false; code: 'missing_parameter' | 'invalid_parameter'; param: string; message: string };

// The gateway checks by hand rather than with the zod schemas, so its entry never loads zod;
// rules and messages follow validateWebhookEndpointCreateParams in src/schemas/webhook-params.ts.
/** Checks `{url, events, description?}`; reports the first problem, naming the parameter and the rule (never the value). */
function parseCreateParams(body: unknown): Parsed<WebhookEndpointInput & { description: string | null }> {
  const input = body === undefined ? {} : body;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return invalid('', 'The request body must be a JSON object.');
  }
  const params = input as Record<string, unknown>;
  const unknown = Object.keys(params).find((key) => !CREATE_PARAMS.has(key));
  if (unknown !== undefined) return invalid(unknown, `Unknown parameter: ${unknown}.`);

  const { url, events, description } = params;
  if (url === undefined || url === null) return missing('url');
  if (typeof url !== 'string' || !isHttpUrl(url)) {
    return invalid('url', `url must be an absolute http:// or https:// URL of at most ${MAX_URL_LENGTH} characters, without credentials.`);
  }
  if (events === undefined || events === null) return missing('events');
  if (!Array.isArray(events) || events.length === 0) {
    return invalid('events', 'events must be a non-empty array of event types.');
  }
  const badIndex = events.findIndex((type) => !isWebhookEventType(type));
  if (badIndex >= 0) {
    return invalid(`events[${badIndex}]`, `events[${badIndex}] must be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}.`);
  }
  // Refused rather than merged, as the SDK's validator does, so both sides answer alike.
  if (new Set(events).size !== events.length) return invalid('events', 'events must not list an event type twice.');
  if (description !== undefined && description !== null) {
    if (typeof description !== 'string' || description.length > MAX_DESCRIPTION_LENGTH) {
      return invalid('description', `description must be a string of at most ${MAX_DESCRIPTION_LENGTH} characters.`);
    }
  }
  return {
    ok: true,
    value: { url, events: events as WebhookEventType[], description: description ?? null },
  };
}

function isHttpUrl(value: string): boolean {
  if (value.length > MAX_URL_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // Credentials in the URL would end up in logs and delivery records.
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
}

function missing(param: string): Parsed<never> {
  return { ok: false, code: 'missing_parameter', param, message: `Missing required parameter: ${param}.` };
}

function invalid(param: string, message: string): Parsed<never> {
  return { ok: false, code: 'invalid_parameter', param, message };
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
