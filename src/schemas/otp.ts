import * as z from 'zod/mini';
import { Timestamp } from './common.js';

/** Where a one-time password is in its life. */
export const OtpStatus = z.enum(['pending', 'approved', 'expired', 'max_attempts_reached']);
/** Where a one-time password is in its life. */
export type OtpStatus = z.infer<typeof OtpStatus>;

/** A one-time password sent by SMS. The code itself is only present with a test key. */
export const Otp = z.object({
  id: z.string().check(z.startsWith('otp_')),
  object: z.literal('otp'),
  to: z.string(),
  status: OtpStatus,
  expires_at: Timestamp,
  message_id: z.string(),
  /** Only with a test key, for test automation; never in a live response. */
  code: z.optional(z.string()),
});
/** A one-time password sent by SMS. */
export type Otp = z.infer<typeof Otp>;

/** The result of `POST /v1/otp/verify`. */
export const OtpVerification = z.object({
  id: z.string().check(z.startsWith('otp_')),
  object: z.literal('otp_verification'),
  valid: z.boolean(),
  status: OtpStatus,
  attempts_remaining: z.number(),
});
/** The result of verifying a one-time password. */
export type OtpVerification = z.infer<typeof OtpVerification>;
