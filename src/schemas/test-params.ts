import * as z from 'zod/mini';
import { MAX_BODY_CHARACTERS } from './message-params.js';
import { parsePhoneNumber, type PhoneNumberParser } from './phone.js';
import {
  codePointLength,
  isRecord,
  NOT_AN_OBJECT,
  rule,
  toIssues,
  type ValidationIssue,
  type ValidationResult,
  invalidPhoneIssue,
} from './validation.js';

/** The largest single test top-up, in currency units: enough for any test, small enough to catch a typo. */
export const MAX_TOP_UP_AMOUNT = 10_000;

// A positive decimal string with at most 4 decimals, like every amount on the wire.
const AMOUNT = /^\d{1,9}(\.\d{1,4})?$/;

/** Schema of {@link TestTopUpParams}. */
export const TestTopUpParamsSchema = z.strictObject({
  /**
   * The credit to add, a decimal string in the account's currency with at most 4 decimals, more
   * than 0 and at most 10000, e.g. `"25.00"`.
   */
  amount: z
    .string()
    .check(
      rule(
        (s: string) => AMOUNT.test(s) && Number(s) > 0 && Number(s) <= MAX_TOP_UP_AMOUNT,
        `must be a decimal string with at most 4 decimals, more than 0 and at most ${MAX_TOP_UP_AMOUNT}, e.g. "25.00"`,
      ),
    ),
});
/**
 * Parameters of `POST /v1/test/top_ups` (`test.topUp`), test mode only.
 * @example
 * { amount: '25.00' }
 * @useDeclaredType
 */
export type TestTopUpParams = z.infer<typeof TestTopUpParamsSchema>;

/** Validates `POST /v1/test/top_ups` parameters: a positive decimal-string `amount`. */
export async function validateTestTopUpParams(input: unknown): Promise<ValidationResult<TestTopUpParams>> {
  if (!isRecord(input)) return { ok: false, issues: [NOT_AN_OBJECT] };
  const parsed = TestTopUpParamsSchema.safeParse(input);
  return parsed.success
    ? { ok: true, value: { ...(input as TestTopUpParams) } }
    : { ok: false, issues: toIssues(parsed.error.issues, input) };
}

/** Schema of {@link TestInboundParams}. */
export const TestInboundParamsSchema = z.strictObject({
  /** Who the simulated SMS is from, in E.164, e.g. `+447911123456`. */
  from: z.string(),
  /**
   * The account number it arrives at, in E.164.
   * @default the account's virtual number
   */
  to: z.optional(z.string()),
  /** The text, 1–1600 characters. */
  body: z.string().check(
    rule((s: string) => s.length > 0, 'must not be empty'),
    rule(
      (s: string) => codePointLength(s) <= MAX_BODY_CHARACTERS,
      `must be at most ${MAX_BODY_CHARACTERS} characters`,
      'message_too_long',
    ),
  ),
});
/**
 * Parameters of `POST /v1/test/inbound` (`test.inbound`), test mode only: an SMS as if a handset
 * had sent it to one of the account's numbers.
 * @example
 * { from: '+447911123456', body: 'STOP' }
 * @useDeclaredType
 */
export type TestInboundParams = z.infer<typeof TestInboundParamsSchema>;

/**
 * Validates `POST /v1/test/inbound` parameters: `from` (and `to`, when given) in E.164
 * (normalised), a `body` of 1–1600 characters. Unknown parameters are refused.
 */
export async function validateTestInboundParams(
  input: unknown,
  options: { phone?: PhoneNumberParser } = {},
): Promise<ValidationResult<TestInboundParams>> {
  if (!isRecord(input)) return { ok: false, issues: [NOT_AN_OBJECT] };
  const parsed = TestInboundParamsSchema.safeParse(input);
  const issues: ValidationIssue[] = parsed.success
    ? []
    : toIssues(parsed.error.issues, input, (param) =>
        param === 'from' || param === 'to' ? 'invalid_phone_number' : 'invalid_parameter',
      );
  const bad = new Set(issues.map((issue) => issue.param));
  const value = { ...(input as TestInboundParams) };
  const parsePhone = options.phone ?? parsePhoneNumber;
  for (const param of ['from', 'to'] as const) {
    const given = input[param];
    if (typeof given !== 'string' || bad.has(param)) continue;
    const phone = await parsePhone(given);
    if (phone) value[param] = phone.e164;
    else issues.push(invalidPhoneIssue(param));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}
