/**
 * `POST /v1/messages/batch`: up to 10,000 messages in one call, each checked and sent on its
 * own so that one bad recipient never fails the others.
 * @module
 */

import type { BatchResult } from '../../schemas/message.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import { json } from '../http.js';
import { commitMessage, prepareMessage, type SendServices } from './send.js';

/** Most entries one batch may hold. */
export const MAX_BATCH_SIZE = 10_000;

/** `POST /v1/messages/batch`, registered by `registerMessageRoutes`. */
export async function createBatch(services: SendServices, ctx: GatewayContext): Promise<Response> {
  const refuse = (
    code: 'invalid_parameter' | 'missing_parameter' | 'batch_too_large',
    message: string,
    param?: string,
  ) => new GatewayError(400, code, message, param === undefined ? {} : { param });
  const body = ctx.body;
  if (!isRecord(body)) throw refuse('invalid_parameter', 'The request body must be a JSON object.');
  const unknown = Object.keys(body).find((key) => key !== 'defaults' && key !== 'messages');
  if (unknown !== undefined) throw refuse('invalid_parameter', `Unknown parameter: ${unknown}.`, unknown);
  if (body.defaults !== undefined && !isRecord(body.defaults)) {
    throw refuse('invalid_parameter', 'defaults must be an object.', 'defaults');
  }
  if (body.messages === undefined)
    throw refuse('missing_parameter', 'Missing required parameter: messages.', 'messages');
  if (!Array.isArray(body.messages)) throw refuse('invalid_parameter', 'messages must be an array.', 'messages');
  if (body.messages.length === 0) {
    throw refuse('invalid_parameter', `messages must hold 1 to ${MAX_BATCH_SIZE} entries.`, 'messages');
  }
  if (body.messages.length > MAX_BATCH_SIZE) {
    const held = body.messages.length;
    throw refuse(
      'batch_too_large',
      `messages holds ${held} entries; the most a batch may hold is ${MAX_BATCH_SIZE}.`,
      'messages',
    );
  }

  const defaults = (body.defaults ?? {}) as Record<string, unknown>;
  const from = { account: ctx.account, idempotencyKey: ctx.request.headers.get('idempotency-key') };
  const results: BatchResult[] = [];
  for (const [index, entry] of body.messages.entries()) {
    try {
      const draft = await prepareMessage(services, from, mergeEntry(defaults, entry));
      const message = draft.message.dry_run ? draft.message : commitMessage(services, ctx.account, draft);
      results.push({ index, id: message.id });
    } catch (error) {
      // One bad recipient never fails the others: its refusal becomes its result.
      if (!(error instanceof GatewayError)) throw error;
      results.push({ index, error: error.toEntry() });
    }
  }
  const accepted = results.filter((result) => 'id' in result).length;
  return json(201, {
    id: services.ids.next('batch'),
    object: 'batch',
    accepted,
    rejected: results.length - accepted,
    results,
  });
}

// An entry overlaid on `defaults`, with `{{name}}` placeholders in `body` filled from `variables`.
function mergeEntry(defaults: Record<string, unknown>, entry: unknown): Record<string, unknown> {
  if (!isRecord(entry)) throw new GatewayError(400, 'invalid_parameter', 'Each entry of messages must be an object.');
  const { variables, ...own } = entry;
  const params: Record<string, unknown> = { ...defaults, ...own };
  if (variables === undefined || typeof params.body !== 'string') return params;
  const values = isRecord(variables) ? Object.values(variables) : [];
  if (!isRecord(variables) || !values.every((value) => typeof value === 'string' || typeof value === 'number')) {
    throw new GatewayError(400, 'invalid_parameter', 'variables must map names to strings or numbers.', {
      param: 'variables',
    });
  }
  let missing: string | undefined;
  params.body = params.body.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (placeholder, name: string) => {
    // Own keys only: `{{constructor}}` must not read Object.prototype.
    const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (value === undefined) {
      missing ??= name;
      return placeholder;
    }
    return String(value);
  });
  if (missing !== undefined) {
    throw new GatewayError(400, 'invalid_parameter', `body uses {{${missing}}} but variables has no ${missing}.`, {
      param: 'variables',
    });
  }
  return params;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
