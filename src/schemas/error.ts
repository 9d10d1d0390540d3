import * as z from 'zod/mini';

/** Schema of {@link ErrorType}. */
export const ErrorTypeSchema = z.enum([
  'invalid_request_error',
  'authentication_error',
  'billing_error',
  'permission_error',
  'idempotency_error',
  'rate_limit_error',
  'api_error',
]);
/**
 * An error family of the contract, one per kind of HTTP status:
 *
 * - `invalid_request_error`: 400 (a bad parameter) and 404 (`not_found`); fix the request.
 * - `authentication_error`: 401, the API key is missing or unknown.
 * - `billing_error`: 402, the balance cannot cover the send.
 * - `permission_error`: 403, the key may not do this (or the sender is not approved).
 * - `idempotency_error`: 409 (the first call with this key is still running) and 422 (the key
 *   was used with a different body).
 * - `rate_limit_error`: 429, wait `Retry-After` seconds (the SDK retries these).
 * - `api_error`: 500 and 503, a fault on OneMessage's side; the SDK retries these.
 * @useDeclaredType
 */
export type ErrorType = z.infer<typeof ErrorTypeSchema>;

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
  'request_too_large',
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

/** Schema of {@link ErrorCode}. */
export const ErrorCodeSchema = z.enum(ERROR_CODES);
/**
 * An error code of the contract: the specific reason within an {@link ErrorType}, stable to
 * branch on.
 *
 * - 400: `invalid_phone_number` (`to` is not a valid E.164 number), `invalid_sender`,
 *   `message_too_long` (over 1600 characters), `missing_parameter`, `invalid_parameter`,
 *   `multiple_segments_not_allowed` (with `fail_on_multiple_segments`), `forbidden_content`
 *   (blocked by content policy), `batch_too_large` (over 10,000 entries).
 * - 413: `request_too_large` (the request body is over the route's size limit).
 * - 401: `authentication_failed`. 402: `insufficient_credits`.
 * - 403: `permission_denied`, `sender_not_approved`. 404: `not_found`.
 * - 409: `idempotency_conflict`. 422: `idempotency_key_reused`. 429: `rate_limit_exceeded`.
 * - 500: `internal_error`. 503: `service_unavailable`.
 * @useDeclaredType
 */
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** Schema of {@link ErrorBody}. */
export const ErrorBodySchema = z.object({
  /** What went wrong. */
  error: z.object({
    /** The error family, e.g. `invalid_request_error`. */
    type: ErrorTypeSchema,
    /** The specific error code, e.g. `invalid_phone_number`: branch on this. */
    code: ErrorCodeSchema,
    /** A sentence for people, naming the parameter and the rule; never contains a secret. Wording may change. */
    message: z.string(),
    /** The request parameter at fault, e.g. `to`, when there is one. */
    param: z.optional(z.nullable(z.string())),
    /** The request's id (`req_…`), as in the `X-Request-Id` header: quote it to support. */
    request_id: z.string(),
  }),
});
/**
 * The body of every error response. The SDK turns it into an {@link APIError} subclass, with
 * `type`, `code`, `param` and `requestId` copied from it.
 * @example
 * {
 *   error: {
 *     type: 'invalid_request_error',
 *     code: 'invalid_phone_number',
 *     message: 'to must be a valid phone number in E.164 format, e.g. +447911123456.',
 *     param: 'to',
 *     request_id: 'req_123',
 *   },
 * }
 * @useDeclaredType
 */
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
