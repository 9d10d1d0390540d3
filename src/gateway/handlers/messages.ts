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
import { accountSlot, DEFAULT_APPROVED_SENDER, type Account, type MessageRecord } from '../store.js';
import { TEST_NUMBER_FAULTS } from '../test-numbers.js';
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
  const prepared = await prepareMessage(ctx, ctx.body);
  if (!prepared.ok) {
    const response = fail(ctx, prepared.status, prepared.code, prepared.message, prepared.param);
    if (prepared.retryAfterSeconds !== undefined) response.headers.set('retry-after', String(prepared.retryAfterSeconds));
    return response;
  }
  if (prepared.draft.message.dry_run) return ctx.json(200, prepared.draft.message);
  const committed = await commitMessage(ctx, prepared.draft);
  if (!committed.ok) return fail(ctx, committed.status, committed.code, committed.message, committed.param);
  return ctx.json(201, committed.message);
}

/** A validated, priced message that is not stored yet. */
export interface MessageDraft {
  message: GatewayMessage;
  priceUnits: number;
  expiresAt: number;
  callbackUrl: string | null;
}

/** Why a message cannot be sent, as a contract error. */
export interface MessageRefusal {
  ok: false;
  status: number;
  code: string;
  message: string;
  param?: string;
  /** Seconds for a `Retry-After` header (injected 503s). */
  retryAfterSeconds?: number;
}

/**
 * Runs every check of `POST /v1/messages` on `input` in the contract's order: parameters (400),
 * sender approval (403), segments (400), content policy (400, recorded as `rejected`), credit
 * (402). Stores nothing except a rejected message.
 */
export async function prepareMessage(
  ctx: GatewayContext,
  input: unknown,
): Promise<{ ok: true; draft: MessageDraft } | MessageRefusal> {
  const now = ctx.clock.now();
  const validated = await validateMessageCreateParams(input, { now });
  if (!validated.ok) return refusalFromIssues(validated.issues);
  const params = validated.value;

  const fault = injectedFault(ctx, params.to);
  if (fault) return fault;

  const sender = params.sender ?? DEFAULT_APPROVED_SENDER;
  if (!sender.startsWith('+') && !ctx.account.approvedSenders.has(sender)) {
    return refuse(403, 'sender_not_approved', `The sender ID ${sender} is not approved for this account; register it with POST /v1/senders.`, 'sender');
  }

  const count = segments(params.body, { autoconvert: params.autoconvert ?? 'off' });
  if (params.fail_on_multiple_segments && count.segments > 1) {
    return refuse(
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
    return refuse(400, 'forbidden_content', `body was blocked by the content policy: ${violation}.`, 'body');
  }

  const unaffordable = creditRefusal(ctx.account, message, priceUnits);
  if (unaffordable) return unaffordable;

  const startAt = params.scheduled_at ? Date.parse(params.scheduled_at) : now;
  return {
    ok: true,
    draft: {
      message,
      priceUnits,
      expiresAt: startAt + (params.validity_seconds ?? DEFAULT_VALIDITY_SECONDS) * 1000,
      callbackUrl: params.callback_url ?? null,
    },
  };
}

/**
 * Stores a prepared message, debits it and starts its simulated delivery; refuses with 402 when
 * the balance no longer covers it. The balance is checked again here, in the same synchronous
 * step as the debit, because concurrent requests may have spent it since {@link prepareMessage}.
 */
export async function commitMessage(
  ctx: GatewayContext,
  draft: MessageDraft,
): Promise<{ ok: true; message: GatewayMessage } | MessageRefusal> {
  const { message } = draft;
  const unaffordable = creditRefusal(ctx.account, message, draft.priceUnits);
  if (unaffordable) return unaffordable;
  message.events.push({ status: message.status, at: message.created_at });
  const record = ctx.store.insertMessage(ctx.account, message, {
    expiresAt: draft.expiresAt,
    callbackUrl: draft.callbackUrl,
    priceUnits: draft.priceUnits,
  });
  await debit(ctx, draft.priceUnits);
  startDelivery(ctx, ctx.account, record);
  return { ok: true, message };
}

function creditRefusal(account: Account, message: GatewayMessage, priceUnits: number): MessageRefusal | undefined {
  if (priceUnits <= account.balanceUnits) return undefined;
  return refuse(
    402,
    'insufficient_credits',
    `This message costs ${message.price.amount} ${message.price.currency} but the balance is ${money(account.balanceUnits, account.currency).amount}.`,
  );
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

// The magic fault numbers (test-numbers.ts): answer with the documented error instead of sending.
function injectedFault(ctx: GatewayContext, to: string): MessageRefusal | undefined {
  const fault = TEST_NUMBER_FAULTS[to];
  if (!fault) return undefined;
  if (fault.firstAttemptOnly) {
    const key = ctx.request.headers.get('idempotency-key');
    const failedOnce = accountSlot(ctx.account, 'test-number-faults', () => new Set<string>());
    if (key && failedOnce.has(key)) return undefined;
    if (key) failedOnce.add(key);
  }
  const refusal = refuse(fault.status, fault.code, fault.description);
  return fault.retryAfterSeconds === undefined ? refusal : { ...refusal, retryAfterSeconds: fault.retryAfterSeconds };
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
  const refusal = refusalFromIssues(issues);
  return fail(ctx, refusal.status, refusal.code, refusal.message, refusal.param);
}

/** The 400 for a list of validation issues: the first one's code and param, the others named. */
export function refusalFromIssues(issues: ValidationIssue[]): MessageRefusal {
  const [first, ...rest] = issues;
  if (!first) return refuse(400, 'invalid_parameter', 'The request is invalid.');
  const more = rest.length > 0 ? ` (and ${rest.length} more: ${rest.map((issue) => issue.param || 'body').join(', ')})` : '';
  return refuse(400, first.code, `${first.message}${more}`, first.param || undefined);
}

function refuse(status: number, code: string, message: string, param?: string): MessageRefusal {
  return param === undefined ? { ok: false, status, code, message } : { ok: false, status, code, message, param };
}

function fail(ctx: GatewayContext, status: number, code: string, message: string, param?: string): Response {
  return ctx.error(status, errorTypeForStatus(status), code, message, param);
}
