/**
 * The messages part of the contract: `POST /v1/messages`, `POST /v1/messages/batch`,
 * `GET /v1/messages/:id`, `GET /v1/messages` and `POST /v1/messages/:id/cancel`.
 * @module
 */

import { validateMessageListParams, type MessageListParams } from '../../schemas/message-params.js';
import { parsePhoneNumberFull } from '../../schemas/phone-full.js';
import type { Message } from '../../schemas/message.js';
import type { GatewayContext, GatewayRouter } from '../context.js';
import { GatewayError } from '../errors.js';
import { json } from '../http.js';
import { listQuery } from '../pagination.js';
import { BATCH_MAX_BODY_BYTES, createBatch } from './batch.js';
import { stopDelivery, transition } from './delivery.js';
import { commitMessage, prepareMessage, type SendServices } from './send.js';
import type { MessageRecord } from './store.js';

/** What the message routes use: the send services (store, ledger, senders, clock, ids, webhooks). */
export type MessageServices = SendServices;

/** Registers the message routes (batch first: `/v1/messages/batch` must not be read as an id). */
export function registerMessageRoutes(router: GatewayRouter, services: MessageServices): void {
  router.post('/v1/messages/batch', (ctx) => createBatch(services, ctx), { maxBodyBytes: BATCH_MAX_BODY_BYTES });
  router.post('/v1/messages', async (ctx) => {
    const from = { account: ctx.account, idempotencyKey: ctx.request.headers.get('idempotency-key') };
    const draft = await prepareMessage(services, from, ctx.body);
    if (draft.message.dry_run) return json(200, draft.message);
    return json(201, commitMessage(services, ctx.account, draft));
  });
  router.get('/v1/messages', async (ctx) => {
    const params = await listQuery(ctx.url, (query) =>
      validateMessageListParams(query, { phone: parsePhoneNumberFull }),
    );
    return json(200, services.messages.page(ctx.account, params, filterFor(params)));
  });
  router.get('/v1/messages/:id', (ctx, { id }) => json(200, find(services, ctx, id!).message));
  router.post('/v1/messages/:id/cancel', (ctx, { id }) => {
    const record = find(services, ctx, id!);
    const { message } = record;
    if (message.status !== 'scheduled') {
      throw new GatewayError(
        400,
        'invalid_parameter',
        `Only scheduled messages can be canceled; message ${message.id} is ${message.status}.`,
        { param: 'id' },
      );
    }
    stopDelivery(services, record);
    transition(services, record, 'canceled');
    services.ledger.refund(ctx.account, record.priceUnits);
    return json(200, message);
  });
}

function find(services: MessageServices, ctx: GatewayContext, id: string): MessageRecord {
  const record = services.messages.get(ctx.account, id);
  if (!record) throw new GatewayError(404, 'not_found', `No such message: ${id}`, { param: 'id' });
  return record;
}

// Created ranges are half-open (after inclusive, before exclusive), so consecutive ranges tile.
// Bounds become ISO strings once: created_at is always toISOString(), so string order is time
// order and 200k messages are compared without parsing a date each.
function filterFor(params: MessageListParams): (message: Message) => boolean {
  const after = params.created_after === undefined ? undefined : isoOf(params.created_after);
  const before = params.created_before === undefined ? undefined : isoOf(params.created_before);
  return (message) =>
    (params.status === undefined || message.status === params.status) &&
    (params.sender === undefined || message.sender === params.sender) &&
    (params.route === undefined || message.route === params.route) &&
    (params.to === undefined || message.to === params.to) &&
    (params.direction === undefined || message.direction === params.direction) &&
    (after === undefined || message.created_at >= after) &&
    (before === undefined || message.created_at < before);
}

function isoOf(date: string): string {
  return new Date(Date.parse(date)).toISOString();
}
