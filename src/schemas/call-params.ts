import * as z from 'zod/mini';
import { parsePhoneNumber, type PhoneNumberParser } from './phone.js';
import {
  CALLBACK_URL_RULE,
  codePointLength,
  isCallbackUrl,
  isRecord,
  NOT_AN_OBJECT,
  rule,
  toIssues,
  type ValidationIssue,
  type ValidationResult,
  invalidPhoneIssue,
} from './validation.js';

/** Limits of `POST /v1/voice/calls`. */
export const CALL_LIMITS = Object.freeze({
  /** Most numbers in one call (a broadcast). */
  recipients: 1000,
  /** Longest text read out, in characters. */
  textCharacters: 3000,
  /** `repeat`: 1–3, default 1. */
  repeat: { min: 1, max: 3, default: 1 },
});

const BCP47 = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const VOICE_NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;

/** Schema of {@link CallCreateParams}; `validateCallCreateParams` adds the phone and either-or checks. */
export const CallCreateParamsSchema = z.strictObject({
  /** One number in E.164, or up to 1,000 of them (a broadcast), without repeats. */
  to: z.union([z.string(), z.array(z.string())], {
    error: 'must be a phone number or an array of phone numbers',
  }),
  /** The text read out by text-to-speech, 1–3000 characters. Give `text` or `audio_url`, not both. */
  text: z.optional(
    z.string().check(
      rule((s: string) => s.trim().length > 0, 'must not be empty'),
      rule(
        (s: string) => codePointLength(s) <= CALL_LIMITS.textCharacters,
        `must be at most ${CALL_LIMITS.textCharacters} characters`,
      ),
    ),
  ),
  /** An absolute http(s) URL of recorded audio (MP3 or WAV) to play. Give `text` or `audio_url`, not both. */
  audio_url: z.optional(z.string().check(rule(isCallbackUrl, CALLBACK_URL_RULE))),
  /**
   * The text-to-speech language, a BCP 47 tag such as `en-GB` or `it` (only with `text`).
   * @default the first number's country language, as for OTP texts
   */
  language: z.optional(
    z.string().check(rule((s: string) => BCP47.test(s), 'must be a BCP 47 language tag, e.g. en-GB')),
  ),
  /** A text-to-speech voice name, e.g. `female` or `en-GB-Standard-A` (only with `text`). */
  voice: z.optional(
    z
      .string()
      .check(rule((s: string) => VOICE_NAME.test(s), 'must be 1–64 letters, digits, dots, dashes or underscores')),
  ),
  /** How many times the text or audio is played, 1–3. @default 1 */
  repeat: z.optional(
    z
      .number()
      .check(
        rule(
          (n: number) => Number.isInteger(n) && n >= 1 && n <= CALL_LIMITS.repeat.max,
          'must be a whole number from 1 to 3',
        ),
      ),
  ),
});
/**
 * Parameters of `POST /v1/voice/calls` (`voice.calls.create`): `to` and exactly one of `text` and
 * `audio_url`.
 * @example { to: '+393471234567', text: 'Your code is 1 2 3 4', repeat: 2 }
 * @useDeclaredType
 */
export type CallCreateParams = z.infer<typeof CallCreateParamsSchema>;

/** Options of {@link validateCallCreateParams}. */
export interface CallValidationOptions {
  /**
   * How phone numbers are checked (the gateway passes its full parser).
   * @default parsePhoneNumber
   */
  phone?: PhoneNumberParser;
}

/**
 * Validates and normalises `POST /v1/voice/calls` parameters: one to 1,000 distinct E.164 numbers
 * (normalised; `to` is always an array in the result), exactly one of `text` and `audio_url`,
 * `language` and `voice` only with `text`, `repeat` 1–3. Every issue is reported.
 */
export async function validateCallCreateParams(
  input: unknown,
  options: CallValidationOptions = {},
): Promise<ValidationResult<CallCreateParams & { to: string[] }>> {
  if (!isRecord(input)) return { ok: false, issues: [NOT_AN_OBJECT] };
  const parsed = CallCreateParamsSchema.safeParse(input);
  const issues: ValidationIssue[] = parsed.success
    ? []
    : toIssues(parsed.error.issues, input, (param) => (param === 'to' ? 'invalid_phone_number' : 'invalid_parameter'));
  const bad = new Set(issues.map((issue) => issue.param.replace(/\[.*$/, '')));
  const value = { ...(input as CallCreateParams), to: [] as string[] };

  if (!bad.has('to') && input.to !== undefined) {
    const list = Array.isArray(input.to) ? (input.to as string[]) : [input.to as string];
    const single = !Array.isArray(input.to);
    if (list.length === 0 || list.length > CALL_LIMITS.recipients) {
      issues.push({
        param: 'to',
        code: 'invalid_parameter',
        message: `to must list 1 to ${CALL_LIMITS.recipients} numbers.`,
      });
    } else {
      const parsePhone = options.phone ?? parsePhoneNumber;
      const seen = new Set<string>();
      for (const [index, number] of list.entries()) {
        const param = single ? 'to' : `to[${index}]`;
        const phone = await parsePhone(number);
        if (!phone) {
          issues.push(invalidPhoneIssue(param));
        } else if (seen.has(phone.e164)) {
          issues.push({
            param,
            code: 'invalid_parameter',
            message: `${param} repeats a number already in to.`,
          });
        } else {
          seen.add(phone.e164);
          value.to.push(phone.e164);
        }
      }
    }
  }
  const hasText = input.text !== undefined;
  const hasAudio = input.audio_url !== undefined;
  if (!hasText && !hasAudio) {
    issues.push({
      param: 'text',
      code: 'missing_parameter',
      message: 'Missing required parameter: text or audio_url (give one).',
    });
  } else if (hasText && hasAudio) {
    issues.push({
      param: 'audio_url',
      code: 'invalid_parameter',
      message: 'audio_url must not be given with text: give one of them.',
    });
  } else if (hasAudio) {
    for (const param of ['language', 'voice'] as const) {
      if (input[param] !== undefined) {
        issues.push({
          param,
          code: 'invalid_parameter',
          message: `${param} applies only to text-to-speech (text), not to audio_url.`,
        });
      }
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}
