/**
 * `POST /v1/messages/batch`: up to 10,000 messages in one call, each checked and sent on its
 * own so that one bad recipient never fails the others.
 * @module
 */

import type { GatewayContext, GatewayRouter } from '../context.js';
import { errorTypeForStatus } from '../http.js';
import { commitMessage, prepareMessage, type MessageRefusal } from './messages.js';

/** Most entries one batch may hold. */
export const MAX_BATCH_SIZE = 10_000;

type BatchResult = { index: number; id: string } | { index: number; error: { code: string; message: string; param?: string } };

/** Registers the batch route (before `/v1/messages/:id` routes, which it does not overlap). */
export function registerBatchRoutes(router: GatewayRouter): void {
  router.post('/v1/messages/batch', createBatch);
}

async function createBatch(ctx: GatewayContext): Promise<Response> {
  const fail = (code: string, message: string, param?: string) => ctx.error(400, errorTypeForStatus(400), code, message, param);
  const body = ctx.body;
  if (!isRecord(body)) return fail('invalid_parameter', 'The request body must be a JSON object.');
  const unknown = Object.keys(body).find((key) => key !== 'defaults' && key !== 'messages');
  if (unknown !== undefined) return fail('invalid_parameter', `Unknown parameter: ${unknown}.`, unknown);
  if (body.defaults !== undefined && !isRecord(body.defaults)) return fail('invalid_parameter', 'defaults must be an object.', 'defaults');
  if (body.messages === undefined) return fail('missing_parameter', 'Missing required parameter: messages.', 'messages');
  if (!Array.isArray(body.messages)) return fail('invalid_parameter', 'messages must be an array.', 'messages');
  if (body.messages.length === 0) return fail('invalid_parameter', `messages must hold 1 to ${MAX_BATCH_SIZE} entries.`, 'messages');
  if (body.messages.length > MAX_BATCH_SIZE) {
    return fail('batch_too_large', `messages holds ${body.messages.length} entries; the most a batch may hold is ${MAX_BATCH_SIZE}.`, 'messages');
  }

  const defaults = (body.defaults ?? {}) as Record<string, unknown>;
  const results: BatchResult[] = [];
  for (const [index, entry] of body.messages.entries()) {
    const merged = mergeEntry(defaults, entry);
    if (!merged.ok) {
      results.push({ index, error: merged.error });
      continue;
    }
    const prepared = await prepareMessage(ctx, merged.params);
    if (!prepared.ok) {
      results.push({ index, error: entryError(prepared) });
      continue;
    }
    if (prepared.draft.message.dry_run) {
      results.push({ index, id: prepared.draft.message.id });
      continue;
    }
    const committed = await commitMessage(ctx, prepared.draft);
    results.push(committed.ok ? { index, id: committed.message.id } : { index, error: entryError(committed) });
  }
  const accepted = results.filter((result) => 'id' in result).length;
  return ctx.json(201, {
    id: ctx.ids.next('batch'),
    object: 'batch',
    accepted,
    rejected: results.length - accepted,
    results,
  });
}

function entryError(refusal: MessageRefusal): { code: string; message: string; param?: string } {
  const { code, message, param } = refusal;
  return param === undefined ? { code, message } : { code, message, param };
}

type Merge = { ok: true; params: Record<string, unknown> } | { ok: false; error: { code: string; message: string; param?: string } };

function mergeEntry(defaults: Record<string, unknown>, entry: unknown): Merge {
  if (!isRecord(entry)) return { ok: false, error: { code: 'invalid_parameter', message: 'Each entry of messages must be an object.' } };
  const { variables, ...own } = entry;
  const params: Record<string, unknown> = { ...defaults, ...own };
  if (variables === undefined || typeof params.body !== 'string') return { ok: true, params };
  if (!isRecord(variables) || !Object.values(variables).every((value) => typeof value === 'string' || typeof value === 'number')) {
    return { ok: false, error: { code: 'invalid_parameter', message: 'variables must map names to strings or numbers.', param: 'variables' } };
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
    return { ok: false, error: { code: 'invalid_parameter', message: `body uses {{${missing}}} but variables has no ${missing}.`, param: 'variables' } };
  }
  return { ok: true, params };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
