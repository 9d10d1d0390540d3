import * as z from 'zod/mini';
import { normaliseSender } from './message-params.js';
import { OTP_CODE_PLACEHOLDER, OTP_LOCALES, isOtpLocale } from './otp-templates.js';
import { parsePhoneNumber, type PhoneNumberParser } from './phone.js';
import {
  codePointLength,
  isRecord,
  NOT_AN_OBJECT,
  rule,
  toIssues,
  type ValidationIssue,
  type ValidationIssueCode,
  type ValidationResult,
  invalidPhoneIssue,
  INVALID_SENDER_ISSUE,
} from './validation.js';

/** Limits and defaults of `POST /v1/otp/send`, as the contract sets them. */
export const OTP_LIMITS = Object.freeze({
  /** Code length: 4–10, default 6. */
  length: { min: 4, max: 10, default: 6 },
  /** Seconds the code is accepted: 30–1800, default 300. */
  expiresIn: { min: 30, max: 1800, default: 300 },
  /** Wrong codes allowed: 1–10, default 5. */
  maxAttempts: { min: 1, max: 10, default: 5 },
  /** Seconds a second send to the same number resends the same code: 0–600, default 0 (off). */
  cacheSeconds: { min: 0, max: 600, default: 0 },
  /** Longest template, in characters (Unicode code points). */
  templateCharacters: 1500,
});

const integerIn = (min: number, max: number, unit = '') =>
  z
    .number()
    .check(
      rule(
        (n: number) => Number.isInteger(n) && n >= min && n <= max,
        `must be a whole number${unit} from ${min} to ${max}`,
      ),
    );

/** Schema of {@link OtpSendParams}; `validateOtpSendParams` adds the phone and sender checks. */
export const OtpSendParamsSchema = z.strictObject({
  /** The recipient in E.164, e.g. `+393471234567`; its country picks the default text's language. */
  to: z.string(),
  /** An approved alphanumeric sender ID or an E.164 number. @default 'OneMSG' */
  sender: z.optional(z.string()),
  /**
   * The SMS text, containing `{{code}}` where the code goes, up to 1500 characters.
   * @default the recipient's language from the table in docs/otp.md, e.g. 'Your code is {{code}}'
   * @example 'Your Acme login code: {{code}}. It expires in 5 minutes.'
   */
  template: z.optional(
    z.string().check(
      rule((s: string) => s.includes(OTP_CODE_PLACEHOLDER), `must contain ${OTP_CODE_PLACEHOLDER}`),
      rule(
        (s: string) => codePointLength(s) <= OTP_LIMITS.templateCharacters,
        `must be at most ${OTP_LIMITS.templateCharacters} characters`,
        'message_too_long',
      ),
    ),
  ),
  /** How many characters the code has, 4–10. @default 6 */
  length: z.optional(integerIn(OTP_LIMITS.length.min, OTP_LIMITS.length.max)),
  /**
   * Letters and digits (`A–Z` without `I` and `O`, `2–9`) instead of digits only. Verification
   * ignores letter case.
   * @default false
   */
  alphanumeric: z.optional(z.boolean()),
  /** Seconds the code is accepted, 30–1800. @default 300 */
  expires_in: z.optional(integerIn(OTP_LIMITS.expiresIn.min, OTP_LIMITS.expiresIn.max, ' of seconds')),
  /** Wrong codes allowed before the OTP is `max_attempts_reached`, 1–10. @default 5 */
  max_attempts: z.optional(integerIn(OTP_LIMITS.maxAttempts.min, OTP_LIMITS.maxAttempts.max)),
  /**
   * Seconds, 0–600, during which another send to the same number returns the same OTP (same
   * `otp_…`) and resends the same code instead of a new one. `0` turns it off.
   * @default 0
   */
  cache_seconds: z.optional(integerIn(OTP_LIMITS.cacheSeconds.min, OTP_LIMITS.cacheSeconds.max, ' of seconds')),
  /**
   * The language of the default text, a BCP 47 tag such as `it` or `pt-BR` (one of the table's
   * languages); without it the recipient's country decides. Ignored when `template` is given.
   */
  locale: z.optional(
    z.string().check(rule(isOtpLocale, `must be a language tag of one of: ${OTP_LOCALES.join(', ')}`)),
  ),
});
/**
 * Parameters of `POST /v1/otp/send` (`otp.send`). Only `to` is required.
 * @example { to: '+393471234567', expires_in: 120, cache_seconds: 60 }
 * @useDeclaredType
 */
export type OtpSendParams = z.infer<typeof OtpSendParamsSchema>;

/** Schema of {@link OtpVerifyParams}. */
export const OtpVerifyParamsSchema = z.strictObject({
  /** The OTP id from `otp.send`, `otp_…`. */
  id: z.string().check(rule((s: string) => /^otp_\w+$/.test(s), 'must be an OTP id (otp_…)')),
  /** The code the user typed: 4–10 letters or digits (letter case is ignored). */
  code: z.string().check(rule((s: string) => /^[A-Za-z0-9]{4,10}$/.test(s), 'must be 4–10 letters or digits')),
});
/**
 * Parameters of `POST /v1/otp/verify` (`otp.verify`).
 * @example { id: 'otp_1a2b3c', code: '123456' }
 * @useDeclaredType
 */
export type OtpVerifyParams = z.infer<typeof OtpVerifyParamsSchema>;

/** Options of {@link validateOtpSendParams}. */
export interface OtpValidationOptions {
  /**
   * How phone numbers are checked (the gateway passes its full parser).
   * @default parsePhoneNumber
   */
  phone?: PhoneNumberParser;
}

const sendCodes: Record<string, ValidationIssueCode> = {
  to: 'invalid_phone_number',
  sender: 'invalid_sender',
};

/**
 * Validates and normalises `POST /v1/otp/send` parameters: E.164 recipient, sender rules, a
 * template with `{{code}}`, the ranges of `length`, `expires_in`, `max_attempts` and
 * `cache_seconds`, and a `locale` of the default-text table. Every issue is reported.
 * @example
 * const result = await validateOtpSendParams({ to: '+39 347 123 4567' });
 * if (result.ok) result.value.to; // '+393471234567'
 */
export async function validateOtpSendParams(
  input: unknown,
  options: OtpValidationOptions = {},
): Promise<ValidationResult<OtpSendParams>> {
  if (!isRecord(input)) return { ok: false, issues: [NOT_AN_OBJECT] };
  const parsed = OtpSendParamsSchema.safeParse(input);
  const issues: ValidationIssue[] = parsed.success
    ? []
    : toIssues(parsed.error.issues, input, (param) => sendCodes[param] ?? 'invalid_parameter');
  const bad = new Set(issues.map((issue) => issue.param));
  const value = { ...(input as OtpSendParams) };
  const parsePhone = options.phone ?? parsePhoneNumber;
  if (typeof input.to === 'string' && !bad.has('to')) {
    const phone = await parsePhone(input.to);
    if (phone) value.to = phone.e164;
    else issues.push(invalidPhoneIssue('to', '+393471234567'));
  }
  if (typeof input.sender === 'string' && !bad.has('sender')) {
    const sender = await normaliseSender(input.sender, parsePhone);
    if (sender) value.sender = sender;
    else issues.push(INVALID_SENDER_ISSUE);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}

/** Validates `POST /v1/otp/verify` parameters: an `otp_…` id and a code of 4–10 letters or digits. */
export async function validateOtpVerifyParams(input: unknown): Promise<ValidationResult<OtpVerifyParams>> {
  if (!isRecord(input)) return { ok: false, issues: [NOT_AN_OBJECT] };
  const parsed = OtpVerifyParamsSchema.safeParse(input);
  return parsed.success
    ? {
        ok: true,
        value: { id: input.id as string, code: input.code as string },
      }
    : { ok: false, issues: toIssues(parsed.error.issues, input) };
}
