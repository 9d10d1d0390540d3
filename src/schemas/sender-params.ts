import * as z from 'zod/mini';
import { ListParamsSchema, validateList, type ListParams } from './list-params.js';
import { isAlphanumericSender } from './message-params.js';
import { parsePhoneNumber, type PhoneNumberParser } from './phone.js';
import { isRecord, NOT_AN_OBJECT, rule, toIssues, type ValidationIssue, type ValidationResult } from './validation.js';

/** The longest `use_case` accepted, in characters. */
export const MAX_SENDER_USE_CASE = 500;

/** Schema of {@link SenderCreateParams}; `validateSenderCreateParams` adds the checks that depend on `type`. */
export const SenderCreateParamsSchema = z.strictObject({
  /**
   * The sender ID to register: for `alphanumeric`, 3–11 letters, digits and inner spaces with at
   * least one letter (e.g. `ACME`); for `numeric`, a phone number in E.164 (e.g. `+447911123456`).
   */
  sender_id: z.string(),
  /** `alphanumeric` for a brand name (recipients cannot reply to it), `numeric` for a phone number. */
  type: z.enum(['alphanumeric', 'numeric']),
  /** The country to register it for, ISO 3166-1 alpha-2 upper case (e.g. `GB`); omit it for every country. */
  country: z.optional(
    z.string().check(rule((s: string) => /^[A-Z]{2}$/.test(s), 'must be an ISO 3166-1 alpha-2 code, e.g. GB')),
  ),
  /** What you will send from it, for the reviewer, 1–500 characters, e.g. `order notifications`. */
  use_case: z.string().check(
    rule((s: string) => s.trim().length > 0, 'must not be empty'),
    rule((s: string) => s.length <= MAX_SENDER_USE_CASE, `must be at most ${MAX_SENDER_USE_CASE} characters`),
  ),
});
/**
 * Parameters of `POST /v1/senders` (`senders.create`).
 * @example
 * { sender_id: 'ACME', type: 'alphanumeric', country: 'GB', use_case: 'order notifications' }
 * @useDeclaredType
 */
export type SenderCreateParams = z.infer<typeof SenderCreateParamsSchema>;

/** Options of {@link validateSenderCreateParams}. */
export interface SenderValidationOptions {
  /**
   * How a numeric `sender_id` is checked; the gateway passes its full-metadata parser.
   * @default parsePhoneNumber
   */
  phone?: PhoneNumberParser;
}

/**
 * Validates `POST /v1/senders` parameters: an alphanumeric `sender_id` of 3–11 letters, digits and
 * spaces that is not all digits, or a numeric one in E.164 (normalised); a known `type`; an
 * optional alpha-2 `country`; a `use_case`. Unknown parameters are refused. Forbidden words are
 * the reviewer's call (the sender is registered, then `rejected`), not a validation error.
 */
export async function validateSenderCreateParams(
  input: unknown,
  options: SenderValidationOptions = {},
): Promise<ValidationResult<SenderCreateParams>> {
  if (!isRecord(input)) return { ok: false, issues: [NOT_AN_OBJECT] };
  const parsed = SenderCreateParamsSchema.safeParse(input);
  const issues: ValidationIssue[] = parsed.success
    ? []
    : toIssues(parsed.error.issues, input, (param) => (param === 'sender_id' ? 'invalid_sender' : 'invalid_parameter'));
  const value = { ...(input as SenderCreateParams) };
  const bad = new Set(issues.map((issue) => issue.param));
  if (typeof input.sender_id === 'string' && !bad.has('sender_id') && !bad.has('type')) {
    if (input.type === 'numeric') {
      const phone = await (options.phone ?? parsePhoneNumber)(input.sender_id);
      if (phone) value.sender_id = phone.e164;
      else
        issues.push(
          senderIssue('a numeric sender_id must be a valid phone number in E.164 format, e.g. +447911123456.'),
        );
    } else if (!isAlphanumericSender(input.sender_id)) {
      issues.push(
        senderIssue('an alphanumeric sender_id must be 3–11 letters, digits or spaces, with at least one letter.'),
      );
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}

function senderIssue(message: string): ValidationIssue {
  return {
    param: 'sender_id',
    code: 'invalid_sender',
    message: message[0]!.toUpperCase() + message.slice(1),
  };
}

/** Schema of {@link SenderListParams}. */
export const SenderListParamsSchema = z.extend(ListParamsSchema, {
  /** Only senders in this approval state. */
  status: z.optional(z.enum(['pending', 'approved', 'rejected'])),
});
/**
 * Parameters of `GET /v1/senders` (`senders.list`): an optional `status` filter plus paging.
 * @example
 * { status: 'approved' }
 */
export interface SenderListParams extends ListParams {
  /** Only senders in this approval state. */
  status?: 'pending' | 'approved' | 'rejected';
}

/** Validates `GET /v1/senders` parameters (`status`, `limit`, `starting_after`). */
export async function validateSenderListParams(input: unknown): Promise<ValidationResult<SenderListParams>> {
  return validateList<SenderListParams>(SenderListParamsSchema, input ?? {});
}
