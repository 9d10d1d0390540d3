import * as z from 'zod/mini';
import { Timestamp } from './common.js';

/** Where a one-time password is in its life. */
export const OtpStatus = z.enum(['pending', 'approved', 'expired', 'max_attempts_reached']);
/** Where a one-time password is in its life. */
export type OtpStatus = z.infer<typeof OtpStatus>;

/** A one-time password sent by SMS. The code itself is only present with a test key. */
export const Otp = z.object({
  /** The OTP id, `otp_…`: pass it to verify. */
  id: z.string().check(z.startsWith('otp_')),
  /** Always `otp`. */
  object: z.literal('otp'),
  /** The recipient in E.164. */
  to: z.string(),
  /** Where the code is in its life. */
  status: OtpStatus,
  /** When the code stops being accepted. */
  expires_at: Timestamp,
  /** The id of the SMS that carried the code. */
  message_id: z.string(),
  /** Only with a test key, for test automation; never in a live response. */
  code: z.optional(z.string()),
});
/** A one-time password sent by SMS. */
export type Otp = z.infer<typeof Otp>;

/** The result of `POST /v1/otp/verify`. */
export const OtpVerification = z.object({
  /** The OTP id that was checked. */
  id: z.string().check(z.startsWith('otp_')),
  /** Always `otp_verification`. */
  object: z.literal('otp_verification'),
  /** True when the code matched. */
  valid: z.boolean(),
  /** The OTP's status after this attempt. */
  status: OtpStatus,
  /** Attempts left before the OTP is locked. */
  attempts_remaining: z.number(),
});
/** The result of verifying a one-time password. */
export type OtpVerification = z.infer<typeof OtpVerification>;
