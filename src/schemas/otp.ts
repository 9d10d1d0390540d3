import * as z from 'zod/mini';
import { MoneySchema, TimestampSchema } from './common.js';

/** Schema of {@link OtpStatus}. */
export const OtpStatusSchema = z.enum(['pending', 'approved', 'expired', 'max_attempts_reached']);
/**
 * Where a one-time password is in its life: `pending` until a verification matches (`approved`),
 * the code outlives `expires_in` (`expired`), or every allowed attempt failed
 * (`max_attempts_reached`). Only `pending` codes can still be verified.
 * @useDeclaredType
 */
export type OtpStatus = z.infer<typeof OtpStatusSchema>;

/** Schema of {@link Otp}. */
export const OtpSchema = z.object({
  /** The OTP id, `otp_…`: pass it with the code the user typed to verify it. */
  id: z.string().check(z.startsWith('otp_')),
  /** Always `otp`. */
  object: z.literal('otp'),
  /** The recipient in E.164, e.g. `+447911123456`. */
  to: z.string(),
  /** Where the code is in its life: `pending` right after sending. */
  status: OtpStatusSchema,
  /** When the code stops being accepted (ISO 8601 UTC): `expires_in` seconds after sending, 300 by default. */
  expires_at: TimestampSchema,
  /** The id (`msg_…`) of the SMS that carried the code, to follow its delivery. */
  message_id: z.string(),
  /** What the SMS that carried the code cost (the latest one, after a resend inside `cache_seconds`). */
  price: MoneySchema,
  /** The code itself, only with a test key (for test automation); never in a live response. */
  code: z.optional(z.string()),
});
/**
 * A one-time password sent by SMS, as returned by `POST /v1/otp/send` and carried by the
 * `otp.verified` event. The code is stored hashed and never returned with a live key.
 * @useDeclaredType
 */
export type Otp = z.infer<typeof OtpSchema>;

/** Schema of {@link OtpVerification}. */
export const OtpVerificationSchema = z.object({
  /** The OTP id that was checked. */
  id: z.string().check(z.startsWith('otp_')),
  /** Always `otp_verification`. */
  object: z.literal('otp_verification'),
  /** True when the code matched (compared in constant time); the OTP is then `approved`. */
  valid: z.boolean(),
  /** The OTP's status after this attempt. */
  status: OtpStatusSchema,
  /** Attempts left before the OTP becomes `max_attempts_reached` (`max_attempts`, 5 by default, to start). */
  attempts_remaining: z.number(),
});
/**
 * The result of `POST /v1/otp/verify`. A wrong code is not an error: check `valid`, and
 * `status` to tell an expired or locked OTP from a mistyped code.
 * @useDeclaredType
 */
export type OtpVerification = z.infer<typeof OtpVerificationSchema>;
