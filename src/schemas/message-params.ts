import * as z from 'zod/mini';
import {
  AutoconvertSchema,
  DirectionSchema,
  MessageStatusSchema,
  RouteSchema,
  type Direction,
  type MessageStatus,
  type Route,
} from './common.js';
import { lazy } from '../internal/lazy.js';
import { ListParamsSchema, validateList, type ListParams } from './list-params.js';
import { parsePhoneNumber, type PhoneNumberParser } from './phone.js';
import {
  codePointLength,
  CALLBACK_URL_RULE,
  isCallbackUrl,
  isRecord,
  NOT_AN_OBJECT,
  parseTimestamp,
  rule,
  toIssues,
  type ValidationIssue,
  type ValidationIssueCode,
  type ValidationResult,
  invalidPhoneIssue,
  INVALID_SENDER_ISSUE,
} from './validation.js';

/** The longest body accepted, in characters (Unicode code points). */
export const MAX_BODY_CHARACTERS = 1600;
/** The longest validity period, in seconds (48 h); also the default. */
export const MAX_VALIDITY_SECONDS = 172_800;
/** Metadata limits, as in Stripe's API: keys, key length, value length. */
export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const;

const ALPHANUMERIC_SENDER = /^[A-Za-z0-9][A-Za-z0-9 ]{1,9}[A-Za-z0-9]$/;
const HAS_LETTER = /[A-Za-z]/;

/** True for an alphanumeric sender ID: 3–11 letters, digits and inner spaces, with at least one letter. */
export function isAlphanumericSender(sender: string): boolean {
  return ALPHANUMERIC_SENDER.test(sender) && HAS_LETTER.test(sender);
}

const body = z.string().check(
  rule((s: string) => s.length > 0, 'must not be empty'),
  rule(
    (s: string) => codePointLength(s) <= MAX_BODY_CHARACTERS,
    `must be at most ${MAX_BODY_CHARACTERS} characters`,
    'message_too_long',
  ),
);

const metadata = z.record(z.string(), z.string()).check(
  rule(
    (m: Record<string, string>) => Object.keys(m).length <= METADATA_LIMITS.keys,
    `must have at most ${METADATA_LIMITS.keys} keys`,
  ),
  rule(
    (m: Record<string, string>) =>
      Object.entries(m).every(
        ([k, v]) => k.length > 0 && k.length <= METADATA_LIMITS.keyLength && v.length <= METADATA_LIMITS.valueLength,
      ),
    `keys must be 1–${METADATA_LIMITS.keyLength} characters and values at most ${METADATA_LIMITS.valueLength}`,
  ),
);

const validitySeconds = z
  .number()
  .check(
    rule(
      (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_VALIDITY_SECONDS,
      `must be a whole number of seconds from 1 to ${MAX_VALIDITY_SECONDS}`,
    ),
  );

const callbackUrl = z.string().check(rule(isCallbackUrl, CALLBACK_URL_RULE));

const timestamp = z
  .string()
  .check(
    rule(
      (s: string) => !Number.isNaN(parseTimestamp(s)),
      'must be an ISO 8601 date-time with an offset, e.g. 2026-01-31T09:00:00Z',
    ),
  );

/** Schema of {@link MessageCreateParams}; `validateMessageCreateParams` adds the checks a schema cannot do alone. */
export const MessageCreateParamsSchema = z.strictObject({
  /** The recipient in E.164, e.g. `+447911123456` (`+44 7911 123456` is normalised). */
  to: z.string(),
  /**
   * The text, 1–1600 characters (Unicode code points). Longer than one SMS part (160 GSM-7 or 70
   * UCS-2 characters) it is sent in several parts, each billed; `messages.estimate` tells how many.
   */
  body,
  /**
   * What recipients see as the sender: an approved alphanumeric sender ID (3–11 letters, digits
   * and spaces, at least one letter), e.g. `OneMSG`, or an E.164 number.
   */
  sender: z.optional(z.string()),
  /**
   * The delivery route: `local_operator` (straight to the operator) or `local_reseller`.
   * @default 'local_operator'
   */
  route: z.optional(RouteSchema),
  /**
   * When to send, an ISO 8601 date-time with an offset, in the future, e.g.
   * `2026-12-01T09:00:00Z`. The message is `scheduled` until then and can be canceled.
   */
  scheduled_at: z.optional(timestamp),
  /**
   * How long the operator keeps trying to deliver, in seconds (1–172800, i.e. up to 48 h): after that the message
   * becomes `expired`.
   * @default 172800
   */
  validity_seconds: z.optional(validitySeconds),
  /** An absolute http(s) URL (at most 2048 characters, without credentials) that receives this message's `message.*` events, signed with the account's default secret. */
  callback_url: z.optional(callbackUrl),
  /**
   * Validate and price the message but send nothing: the answer is a Message with `dry_run: true`
   * that is not stored.
   * @default false
   */
  dry_run: z.optional(z.boolean()),
  /**
   * Refuse (400 `multiple_segments_not_allowed`) rather than send a text that needs more than one
   * part.
   * @default false
   */
  fail_on_multiple_segments: z.optional(z.boolean()),
  /**
   * Replace look-alike characters so the text stays GSM-7 (more characters per part): `off`,
   * `on` (typographic punctuation and spaces) or `full` (also accented letters).
   * @default 'off'
   */
  autoconvert: z.optional(AutoconvertSchema),
  /**
   * String key/value pairs stored with the message and returned as given: up to 50 keys of 1–40
   * characters, values up to 500.
   */
  metadata: z.optional(metadata),
});
/**
 * Parameters of `POST /v1/messages` (`messages.create`). Only `to` and `body` are required.
 * @example
 * { to: '+447911123456', sender: 'OneMSG', body: 'Your order shipped', metadata: { order_id: '42' } }
 * @useDeclaredType
 */
export type MessageCreateParams = z.infer<typeof MessageCreateParamsSchema>;

const NONE: ReadonlySet<string> = new Set();

// The counting function alone (not every national table), and only for a send that asks for the rule.
const loadSegments = lazy(() => import('../segments/segments.js'));

/** Options of the message validators. */
export interface MessageValidationOptions {
  /**
   * The current time (epoch ms or a Date) that `scheduled_at` must be after; the gateway passes its clock's.
   * @default Date.now()
   */
  now?: number | Date;
  /**
   * How phone numbers (`to`, a numeric `sender`) are checked. The default is the SDK's light check
   * (calling code and length); the gateway passes `parsePhoneNumberFull` (`schemas/phone-full.ts`),
   * which also checks the number ranges each country allocates.
   * @default parsePhoneNumber
   */
  phone?: PhoneNumberParser;
}

/**
 * The `fail_on_multiple_segments` rule: the issue when it is set and `body` (after `autoconvert`)
 * needs more than one SMS part, else `undefined`. Part of `validateMessageCreateParams`; exported
 * for a caller that counts segments at another point of its checks.
 */
export async function multipleSegmentsIssue(params: {
  body: string;
  autoconvert?: MessageCreateParams['autoconvert'];
  fail_on_multiple_segments?: boolean | undefined;
}): Promise<ValidationIssue | undefined> {
  if (params.fail_on_multiple_segments !== true) return undefined;
  const { segments } = await loadSegments();
  const counted = segments(params.body, { autoconvert: params.autoconvert ?? 'off' });
  if (counted.segments <= 1) return undefined;
  return {
    param: 'body',
    code: 'multiple_segments_not_allowed',
    message: `body needs ${counted.segments} segments (${counted.encoding}) and fail_on_multiple_segments is set.`,
  };
}

const createCodes: Record<string, ValidationIssueCode> = {
  to: 'invalid_phone_number',
  sender: 'invalid_sender',
};

/**
 * Validates and normalises `POST /v1/messages` parameters: E.164 recipient (obvious written forms
 * normalised), sender rules, body length, validity, a future `scheduled_at` that exists on the
 * calendar, route, autoconvert, metadata, an http(s) `callback_url` and, when
 * `fail_on_multiple_segments` is set, a body that fits one SMS part. Unknown parameters are
 * refused. Every issue is reported, not only the first.
 * @example
 * const result = await validateMessageCreateParams({ to: '+44 7911 123456', body: 'Hi' });
 * if (result.ok) result.value.to; // '+447911123456'
 */
export async function validateMessageCreateParams(
  input: unknown,
  options: MessageValidationOptions = {},
): Promise<ValidationResult<MessageCreateParams>> {
  if (!isRecord(input)) return { ok: false, issues: [NOT_AN_OBJECT] };
  const parsed = isPlainSend(input) ? PLAIN_SEND : MessageCreateParamsSchema.safeParse(input);
  const issues: ValidationIssue[] = parsed.success
    ? []
    : toIssues(parsed.error.issues, input, (param) => createCodes[param] ?? 'invalid_parameter');
  const bad = issues.length === 0 ? NONE : new Set(issues.map((i) => i.param));
  const value = { ...(input as MessageCreateParams) };
  const parsePhone = options.phone ?? parsePhoneNumber;

  if (typeof input.to === 'string' && !bad.has('to')) {
    const phone = await parsePhone(input.to);
    if (phone) value.to = phone.e164;
    else issues.push(invalidPhoneIssue('to'));
  }
  if (typeof input.sender === 'string' && !bad.has('sender')) {
    const sender = await normaliseSender(input.sender, parsePhone);
    if (sender) value.sender = sender;
    else issues.push(INVALID_SENDER_ISSUE);
  }
  if (typeof input.scheduled_at === 'string' && !bad.has('scheduled_at')) {
    const at = parseTimestamp(input.scheduled_at);
    const now = options.now === undefined ? Date.now() : +options.now;
    if (at <= now)
      issues.push({ param: 'scheduled_at', code: 'invalid_parameter', message: 'scheduled_at must be in the future.' });
    else value.scheduled_at = new Date(at).toISOString();
  }
  if (parsed.success) {
    const tooLong = await multipleSegmentsIssue(value);
    if (tooLong) issues.push(tooLong);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}

// The schema's verdict on the common `{ to, body, sender? }` shape, known without running it (zod costs ~0.8 µs).
const PLAIN_SEND = { success: true } as const;
const PLAIN_KEYS = new Set(['to', 'body', 'sender']);

/**
 * A sufficient condition for the schema to accept `input`; when false, the schema decides (and lists the issues).
 * @internal
 */
export function isPlainSend(input: Record<string, unknown>): boolean {
  const prototype = Object.getPrototypeOf(input) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in input) if (!PLAIN_KEYS.has(key)) return false;
  const { to, body, sender } = input;
  return (
    typeof to === 'string' &&
    typeof body === 'string' &&
    body.length > 0 &&
    (body.length <= MAX_BODY_CHARACTERS || codePointLength(body) <= MAX_BODY_CHARACTERS) &&
    (sender === undefined || typeof sender === 'string')
  );
}

/** A sender in the form the API stores: an alphanumeric ID as given, a number in E.164; `undefined` if neither. */
export async function normaliseSender(sender: string, parsePhone: PhoneNumberParser): Promise<string | undefined> {
  if (sender.startsWith('+')) return (await parsePhone(sender))?.e164;
  return isAlphanumericSender(sender) ? sender : undefined;
}

/** Schema of {@link MessageListParams}. */
export const MessageListParamsSchema = z.extend(ListParamsSchema, {
  /** Only messages in this status. */
  status: z.optional(MessageStatusSchema),
  /** Only messages from this sender. */
  sender: z.optional(z.string()),
  /** Only messages sent over this route. */
  route: z.optional(RouteSchema),
  /** Only messages to this number (normalised to E.164). */
  to: z.optional(z.string()),
  /** Only outbound or only inbound messages. */
  direction: z.optional(DirectionSchema),
  /** Only messages created at or after this ISO 8601 date-time. */
  created_after: z.optional(timestamp),
  /** Only messages created before this ISO 8601 date-time. */
  created_before: z.optional(timestamp),
});
/**
 * Parameters of `GET /v1/messages` (`messages.list`): filters, all optional and combined with AND,
 * plus paging.
 * @example
 * { status: 'failed', created_after: '2026-11-01T00:00:00Z', limit: 50 }
 */
export interface MessageListParams extends ListParams {
  /** Only messages in this status. */
  status?: MessageStatus;
  /** Only messages from this sender. */
  sender?: string;
  /** Only messages sent over this route. */
  route?: Route;
  /** Only messages to this number (normalised to E.164). */
  to?: string;
  /** Only outbound or only inbound messages. */
  direction?: Direction;
  /** Only messages created at or after this ISO 8601 date-time. */
  created_after?: string;
  /** Only messages created before this ISO 8601 date-time. */
  created_before?: string;
}

/**
 * Validates `GET /v1/messages` parameters, normalising `to` to E.164 and `limit` to a number;
 * `created_after` / `created_before` must be date-times that exist on the calendar.
 */
export async function validateMessageListParams(
  input: unknown,
  options: Pick<MessageValidationOptions, 'phone'> = {},
): Promise<ValidationResult<MessageListParams>> {
  const result = await validateList<MessageListParams>(MessageListParamsSchema, input ?? {});
  if (!isRecord(input) || typeof input.to !== 'string') return result;
  const phone = await (options.phone ?? parsePhoneNumber)(input.to);
  if (phone) {
    if (result.ok) result.value.to = phone.e164;
    return result;
  }
  return { ok: false, issues: [...(result.ok ? [] : result.issues), invalidPhoneIssue('to')] };
}
