/**
 * The messages part of the contract: `POST /v1/messages`, `GET /v1/messages/:id`,
 * `GET /v1/messages` and `POST /v1/messages/:id/cancel`.
 * @module
 */

import { segments } from '../../segments/index.js';
import { validateMessageCreateParams, validateMessageListParams } from '../../schemas/message-params.js';
import type { ValidationIssue } from '../../schemas/validation.js';
import { money, segmentPriceUnits } from '../../pricing/index.js';
import { contentViolation } from '../content-policy.js';
import type { GatewayContext, GatewayRouter } from '../context.js';
import { startDelivery, stopDelivery, transition } from '../delivery.js';
import { errorTypeForStatus } from '../http.js';
import { lookupDestination } from '../operators.js';
import { DEFAULT_APPROVED_SENDER, type Account, type MessageRecord } from '../store.js';
import type { GatewayMessage } from '../types.js';
import { debit, refund } from './balance.js';
import { listMessages } from './message-list.js';

/** Default validity period: 48 h. */
const DEFAULT_VALIDITY_SECONDS = 172_800;

/** Registers the message routes. */
export function registerMessageRoutes(router: GatewayRouter): void {
  router.post('/v1/messages', createMessage);
  router.get('/v1/messages', listMessagesRoute);
  router.get('/v1/messages/:id', retrieveMessage);
  router.post('/v1/messages/:id/cancel', cancelMessage);
}

async function createMessage(ctx: GatewayContext): Promise<Response> {
  const now = ctx.clock.now();
  const validated = await validateMessageCreateParams(ctx.body, { now });
  if (!validated.ok) return validationError(ctx, validated.issues);
  const params = validated.value;

  const sender = params.sender ?? DEFAULT_APPROVED_SENDER;
  if (!sender.startsWith('+') && !ctx.account.approvedSenders.has(sender)) {
    return fail(ctx, 403, 'sender_not_approved', `The sender ID ${sender} is not approved for this account; register it with POST /v1/senders.`, 'sender');
  }

  const count = segments(params.body, { autoconvert: params.autoconvert ?? 'off' });
  if (params.fail_on_multiple_segments && count.segments > 1) {
    return fail(
      ctx,
      400,
      'multiple_segments_not_allowed',
      `body needs ${count.segments} segments (${count.encoding}) and fail_on_multiple_segments is set.`,
      'body',
    );
  }

  const destination = await lookupDestination(params.to);
  const priceUnits = segmentPriceUnits(destination.country, ctx.account.currency) * count.segments;
  const createdAt = new Date(now).toISOString();
  const message: GatewayMessage = {
    id: ctx.ids.next('msg'),
    object: 'message',
    direction: 'outbound',
    to: params.to,
    sender,
    body: count.text,
    route: params.route ?? 'local_operator',
    status: params.scheduled_at ? 'scheduled' : 'queued',
    encoding: count.encoding,
    segments: count.segments,
    characters: count.characters,
    price: money(priceUnits, ctx.account.currency),
    country: destination.country,
    operator: destination.operator,
    scheduled_at: params.scheduled_at ?? null,
    created_at: createdAt,
    sent_at: null,
    delivered_at: null,
    error: null,
    metadata: params.metadata ?? {},
    dry_run: params.dry_run === true,
    events: [],
  };

  const violation = contentViolation(count.text);
  if (violation) {
    if (!message.dry_run) recordRejected(ctx, message);
    return fail(ctx, 400, 'forbidden_content', `body was blocked by the content policy: ${violation}.`, 'body');
  }

  if (priceUnits > ctx.account.balanceUnits) {
    return fail(
      ctx,
      402,
      'insufficient_credits',
      `This message costs ${message.price.amount} ${message.price.currency} but the balance is ${money(ctx.account.balanceUnits, ctx.account.currency).amount}.`,
    );
  }

  if (message.dry_run) return ctx.json(200, message);

  message.events.push({ status: message.status, at: createdAt });
  const startAt = params.scheduled_at ? Date.parse(params.scheduled_at) : now;
  const record = ctx.store.insertMessage(ctx.account, message, {
    expiresAt: startAt + (params.validity_seconds ?? DEFAULT_VALIDITY_SECONDS) * 1000,
    callbackUrl: params.callback_url ?? null,
    priceUnits,
  });
  await debit(ctx, priceUnits);
  startDelivery(ctx, ctx.account, record);
  return ctx.json(201, message);
}

async function retrieveMessage(ctx: GatewayContext, params: Record<string, string>): Promise<Response> {
  const record = findMessage(ctx.account, params.id);
  if (!record) return notFound(ctx, params.id);
  return ctx.json(200, record.message);
}

async function listMessagesRoute(ctx: GatewayContext): Promise<Response> {
  const query = Object.fromEntries(ctx.url.searchParams);
  const validated = await validateMessageListParams(query);
  if (!validated.ok) return validationError(ctx, validated.issues);
  const page = listMessages(ctx.account, validated.value);
  if (!page.ok) return fail(ctx, 400, 'invalid_parameter', page.message, page.param);
  return ctx.json(200, page.list);
}

async function cancelMessage(ctx: GatewayContext, params: Record<string, string>): Promise<Response> {
  const record = findMessage(ctx.account, params.id);
  if (!record) return notFound(ctx, params.id);
  if (record.message.status !== 'scheduled') {
    return fail(
      ctx,
      400,
      'invalid_parameter',
      `Only scheduled messages can be canceled; message ${record.message.id} is ${record.message.status}.`,
      'id',
    );
  }
  stopDelivery(ctx, record);
  transition(ctx, record, 'canceled');
  refund(ctx.account, record.priceUnits);
  return ctx.json(200, record.message);
}

function recordRejected(ctx: GatewayContext, message: GatewayMessage): void {
  message.status = 'rejected';
  message.price = money(0, ctx.account.currency);
  message.error = { code: 'forbidden_content', message: 'The message was blocked by the content policy.' };
  message.events.push({ status: 'rejected', at: message.created_at });
  ctx.store.insertMessage(ctx.account, message, { expiresAt: ctx.clock.now(), callbackUrl: null, priceUnits: 0 });
}

function findMessage(account: Account, id: string | undefined): MessageRecord | undefined {
  return id === undefined ? undefined : account.messages.get(id);
}

function notFound(ctx: GatewayContext, id: string | undefined): Response {
  return fail(ctx, 404, 'not_found', `No such message: ${id ?? ''}`, 'id');
}

function validationError(ctx: GatewayContext, issues: ValidationIssue[]): Response {
  const [first, ...rest] = issues;
  if (!first) return fail(ctx, 400, 'invalid_parameter', 'The request is invalid.');
  const more = rest.length > 0 ? ` (and ${rest.length} more: ${rest.map((issue) => issue.param || 'body').join(', ')})` : '';
  return fail(ctx, 400, first.code, `${first.message}${more}`, first.param || undefined);
}

function fail(ctx: GatewayContext, status: number, code: string, message: string, param?: string): Response {
  return ctx.error(status, errorTypeForStatus(status), code, message, param);
}
