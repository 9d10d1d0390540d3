/**
 * `POST /v1/messages/batch` parameters: the shape check, `{{name}}` placeholders and the
 * entry-over-defaults merge, shared by the SDK (client-side, entry by entry) and the gateway, so
 * both refuse the same entry with the same code and param.
 * @module
 */

import { OneMessageError } from '../core/errors.js';
import type { BatchResult } from './message.js';
import {
  MessageCreateParamsSchema,
  validateMessageCreateParams,
  type MessageCreateParams,
  type MessageValidationOptions,
} from './message-params.js';
import { isRecord, type ValidationIssue, type ValidationResult } from './validation.js';

/** Most entries one batch may hold. */
export const MAX_BATCH_SIZE = 10_000;

/** Values for an entry's `{{name}}` placeholders: strings or numbers (numbers are written as `String(n)`). */
export type BatchVariables = Record<string, string | number>;

/**
 * What the entries of a batch share: any parameter of `messages.create` except `to`. `body` may
 * hold `{{name}}` placeholders. `dry_run` is batch-wide and may only be set here.
 * @example
 * { sender: 'OneMSG', body: 'Hi {{name}}, your code is {{code}}.' }
 */
export type BatchDefaults = Partial<Omit<MessageCreateParams, 'to'>>;

/**
 * One recipient of a batch: `to`, optional `variables` for the placeholders, and any parameter of
 * `messages.create` (except `dry_run`) overriding `defaults`.
 * @example
 * { to: '+447911123456', variables: { name: 'Ada', code: 4821 } }
 */
export type BatchEntry = Partial<Omit<MessageCreateParams, 'dry_run'>> & {
  /** The recipient in E.164, e.g. `+447911123456`. */
  to: string;
  /** Values for the `{{name}}` placeholders of `body`; a placeholder without a value rejects the entry. */
  variables?: BatchVariables;
};

/**
 * Parameters of `POST /v1/messages/batch` (`messages.batch`): 1–10,000 entries over shared `defaults`.
 * @example
 * { defaults: { body: 'Hi {{name}}' }, messages: [{ to: '+447911123456', variables: { name: 'Ada' } }] }
 */
export interface BatchCreateParams {
  /** What every entry shares; an entry's own parameters win. */
  defaults?: BatchDefaults;
  /** 1–10,000 entries; each is checked and reported on its own (`results[i].index === i`). */
  messages: BatchEntry[];
}

/** A `{{name}}` placeholder; names are letters, digits, `_`, `.` and `-`, with optional inner spaces. */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

const DEFAULT_KEYS: ReadonlySet<string> = new Set(
  Object.keys(MessageCreateParamsSchema.shape).filter((key) => key !== 'to'),
);

/**
 * The whole-request problems of a batch: not an object, unknown top-level keys, `defaults` that is
 * not an object or sets `to` or an unknown parameter, `messages` missing, empty, or over
 * {@link MAX_BATCH_SIZE} (`batch_too_large`). Entry problems are not here: they reject only their entry.
 */
export function batchShapeIssues(input: unknown): ValidationIssue[] {
  const issue = (param: string, code: ValidationIssue['code'], message: string): ValidationIssue[] => [
    { param, code, message },
  ];
  if (!isRecord(input)) return issue('', 'invalid_parameter', 'The request body must be a JSON object.');
  const unknown = Object.keys(input).find((key) => key !== 'defaults' && key !== 'messages');
  if (unknown !== undefined) return issue(unknown, 'invalid_parameter', `Unknown parameter: ${unknown}.`);
  const { defaults, messages } = input;
  if (defaults !== undefined) {
    if (!isRecord(defaults)) return issue('defaults', 'invalid_parameter', 'defaults must be an object.');
    const bad = Object.keys(defaults).find((key) => !DEFAULT_KEYS.has(key));
    if (bad !== undefined) {
      const why = bad === 'to' ? 'each entry has its own to' : 'it is not a message parameter';
      return issue(`defaults[${bad}]`, 'invalid_parameter', `defaults cannot hold ${bad}: ${why}.`);
    }
  }
  if (messages === undefined) return issue('messages', 'missing_parameter', 'Missing required parameter: messages.');
  if (!Array.isArray(messages)) return issue('messages', 'invalid_parameter', 'messages must be an array.');
  if (messages.length === 0) {
    return issue('messages', 'invalid_parameter', `messages must hold 1 to ${MAX_BATCH_SIZE} entries.`);
  }
  if (messages.length > MAX_BATCH_SIZE) {
    const held = messages.length;
    const message = `messages holds ${held} entries; the most a batch may hold is ${MAX_BATCH_SIZE}.`;
    return issue('messages', 'batch_too_large', message);
  }
  return [];
}

/**
 * One entry overlaid on `defaults`, with `{{name}}` placeholders of `body` filled from the entry's
 * own `variables` (own keys only, so `{{constructor}}` never reads `Object.prototype`). A
 * placeholder with no value is an `invalid_parameter` issue naming it (`variables[name]`): the
 * text is never sent with a literal `{{name}}`.
 */
export function mergeBatchEntry(
  defaults: Record<string, unknown>,
  entry: unknown,
): ValidationResult<Record<string, unknown>> {
  if (!isRecord(entry)) return fail('', 'Each entry of messages must be an object.');
  const { variables, ...own } = entry;
  if (Object.hasOwn(own, 'dry_run')) {
    return fail('dry_run', 'dry_run applies to the whole batch: set it in defaults, not in an entry.');
  }
  if (variables !== undefined && !isVariables(variables)) {
    return fail('variables', 'variables must map names to strings or numbers.');
  }
  const params: Record<string, unknown> = { ...defaults, ...own };
  if (typeof params.body !== 'string' || !params.body.includes('{{')) return { ok: true, value: params };
  let missing: string | undefined;
  params.body = params.body.replace(PLACEHOLDER, (placeholder, name: string) => {
    const value = variables !== undefined && Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (value === undefined) {
      missing ??= name;
      return placeholder;
    }
    return String(value);
  });
  if (missing !== undefined) {
    const where = variables === undefined ? 'the entry has no variables' : `variables has no ${missing}`;
    return fail(`variables[${missing}]`, `body uses {{${missing}}} but ${where}.`);
  }
  return { ok: true, value: params };
}

/** What the SDK sends of a batch after checking it entry by entry, and how to map the answer back. */
export interface BatchPlan {
  /** The request body: `defaults` and the entries that passed, as given. */
  body: BatchCreateParams;
  /** For each sent entry, its index in the caller's `messages`. */
  sent: number[];
  /** The entries refused locally, as batch results with the caller's index. */
  local: BatchResult[];
  /** How many entries the caller gave. */
  total: number;
}

/** Options of {@link planBatch}. */
export interface PlanBatchOptions extends MessageValidationOptions {
  /** Awaited every {@link PlanBatchOptions.sliceSize} entries, to let other work run (e.g. yield to the event loop). */
  pause?: () => Promise<void>;
  /**
   * Entries checked between pauses.
   * @default 250
   */
  sliceSize?: number;
}

/**
 * Checks a batch as the SDK does before sending it: the shape as a whole (issues fail the call),
 * then each entry (merge, placeholders, `messages.create`'s rules), so a bad entry is reported at
 * its index and left out of the request while the others go. Never fails for entries alone: a
 * plan may send nothing.
 */
export async function planBatch(input: unknown, options: PlanBatchOptions = {}): Promise<ValidationResult<BatchPlan>> {
  const issues = batchShapeIssues(input);
  if (issues.length > 0) return { ok: false, issues };
  const { defaults, messages } = input as {
    defaults?: Record<string, unknown>;
    messages: unknown[];
  };
  const { pause, sliceSize = 250, ...validation } = options;
  const sent: number[] = [];
  const kept: BatchEntry[] = [];
  const local: BatchResult[] = [];
  for (let index = 0; index < messages.length; index++) {
    if (pause && index > 0 && index % sliceSize === 0) await pause();
    const merged = mergeBatchEntry(defaults ?? {}, messages[index]);
    const checked = merged.ok ? await validateMessageCreateParams(merged.value, validation) : merged;
    if (checked.ok) {
      sent.push(index);
      kept.push(messages[index] as BatchEntry);
    } else {
      const { code, message, param } = checked.issues[0]!;
      local.push({ index, error: { code, message, param: param || null } });
    }
  }
  const body: BatchCreateParams = defaults === undefined ? { messages: kept } : { defaults, messages: kept };
  return { ok: true, value: { body, sent, local, total: messages.length } };
}

/**
 * The issues of a plan that sends nothing (every entry refused locally), each named
 * `messages[i].param`, for a call that must reject rather than send an empty batch.
 */
export function planIssues(plan: BatchPlan): ValidationIssue[] {
  return plan.local.map((result) => {
    const error = (result as Extract<BatchResult, { error: unknown }>).error;
    const param = `messages[${result.index}]${error.param ? `.${error.param}` : ''}`;
    return {
      param,
      code: error.code as ValidationIssue['code'],
      message: error.message,
    };
  });
}

/**
 * Merges the server's results (indexed by position in the sent entries) with the local refusals
 * into one `results` array in the caller's order, shifted by `offset` (sendMany's position of the
 * chunk), with `rejected` counting both.
 */
export function mergeBatchResults<B extends { accepted: number; rejected: number; results: BatchResult[] }>(
  plan: BatchPlan,
  server: B,
  offset = 0,
): B {
  // A proxy or a wrong base URL can answer 2xx with something else: a typed error, not a TypeError.
  if (!isBatchAnswer(server)) {
    throw new OneMessageError('The response was not a batch: expected { accepted, rejected, results: [...] }.');
  }
  const results: (BatchResult | undefined)[] = Array.from({
    length: plan.total,
  });
  for (const result of plan.local) results[result.index] = { ...result, index: result.index + offset };
  for (const result of server.results) {
    const index = plan.sent[result.index] ?? result.index;
    results[index] = { ...result, index: index + offset };
  }
  const ordered = results.filter((result): result is BatchResult => result !== undefined);
  return {
    ...server,
    rejected: server.rejected + plan.local.length,
    results: ordered,
  };
}

function isBatchAnswer(value: unknown): boolean {
  if (!isRecord(value) || typeof value.accepted !== 'number' || typeof value.rejected !== 'number') return false;
  const results = value.results;
  return Array.isArray(results) && results.every((result) => isRecord(result) && Number.isInteger(result.index));
}

function fail(param: string, message: string): ValidationResult<never> {
  return { ok: false, issues: [{ param, code: 'invalid_parameter', message }] };
}

function isVariables(value: unknown): value is BatchVariables {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number');
}
