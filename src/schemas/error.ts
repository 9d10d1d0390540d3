import * as z from 'zod/mini';

/** The error families of the contract. */
export const ErrorType = z.enum([
  'invalid_request_error',
  'authentication_error',
  'billing_error',
  'permission_error',
  'idempotency_error',
  'rate_limit_error',
  'api_error',
]);
/** An error family of the contract. */
export type ErrorType = z.infer<typeof ErrorType>;

/** Every error code of the contract. */
export const ERROR_CODES = [
  'invalid_phone_number',
  'invalid_sender',
  'message_too_long',
  'missing_parameter',
  'invalid_parameter',
  'multiple_segments_not_allowed',
  'forbidden_content',
  'batch_too_large',
  'authentication_failed',
  'insufficient_credits',
  'permission_denied',
  'sender_not_approved',
  'not_found',
  'idempotency_conflict',
  'idempotency_key_reused',
  'rate_limit_exceeded',
  'internal_error',
  'service_unavailable',
] as const;

/** An error code of the contract. */
export const ErrorCode = z.enum(ERROR_CODES);
/** An error code of the contract, e.g. `invalid_phone_number`. */
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The body of every error response. */
export const ErrorBody = z.object({
  /** What went wrong. */
  error: z.object({
    /** The error family. */
    type: ErrorType,
    /** The specific error code. */
    code: ErrorCode,
    /** A sentence for people; never contains a secret. */
    message: z.string(),
    /** The request parameter at fault, when there is one. */
    param: z.optional(z.nullable(z.string())),
    /** The request's id, as in `X-Request-Id`. */
    request_id: z.string(),
  }),
});
/** The body of every error response. */
export type ErrorBody = z.infer<typeof ErrorBody>;
