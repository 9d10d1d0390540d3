// Every error status of the contract with its type, a code, and the SDK class it must become:
// shared by the unit test of APIError.generate and the transport test that goes through a response.
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  IdempotencyError,
  InsufficientCreditsError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '../../src/core/errors.js';

export const ERROR_STATUSES = [
  [400, 'invalid_request_error', 'invalid_phone_number', BadRequestError],
  [401, 'authentication_error', 'authentication_failed', AuthenticationError],
  [402, 'billing_error', 'insufficient_credits', InsufficientCreditsError],
  [403, 'permission_error', 'sender_not_approved', PermissionDeniedError],
  [404, 'invalid_request_error', 'not_found', NotFoundError],
  [409, 'idempotency_error', 'idempotency_conflict', ConflictError],
  [422, 'idempotency_error', 'idempotency_key_reused', IdempotencyError],
  [429, 'rate_limit_error', 'rate_limit_exceeded', RateLimitError],
  [500, 'api_error', 'internal_error', InternalServerError],
  [503, 'api_error', 'service_unavailable', InternalServerError],
] as const;
