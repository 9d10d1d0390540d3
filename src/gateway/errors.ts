/**
 * The gateway's one error: handlers and services throw a {@link GatewayError}; the request
 * pipeline (`app.ts`) catches it in one place and renders the contract's error body.
 * @module
 */

import type { ErrorCode, ErrorType } from '../schemas/error.js';
import type { ValidationIssue } from '../schemas/validation.js';
import { json } from './http.js';

/** Every code the gateway may answer with: the contract's codes. A code outside this union does not compile. */
export type GatewayErrorCode = ErrorCode;

/** The HTTP statuses the gateway answers errors with. */
export type GatewayErrorStatus = 400 | 401 | 402 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

/** Details of a {@link GatewayError} besides its status, code and message. */
export interface GatewayErrorOptions {
  /** The request parameter at fault, e.g. `to` or `Idempotency-Key`. */
  param?: string;
  /** Extra response headers, e.g. `{ 'retry-after': '1' }` or `{ allow: 'GET, POST' }`. */
  headers?: Record<string, string>;
}

/**
 * A refusal in the contract's terms. Thrown anywhere below a route handler; rendered by the
 * pipeline as `{"error": {type, code, message, param?, request_id}}` with the status and headers.
 * @example
 * ```ts
 * throw new GatewayError(404, 'not_found', `No such message: ${id}`, { param: 'id' });
 * ```
 */
export class GatewayError extends Error {
  /** Always `'GatewayError'` (survives minification). */
  override readonly name = 'GatewayError';
  /** The HTTP status of the answer. */
  readonly status: GatewayErrorStatus;
  /** The contract's error code. */
  readonly code: GatewayErrorCode;
  /** The parameter at fault, when there is one. */
  readonly param: string | undefined;
  /** Extra headers of the answer. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: GatewayErrorStatus, code: GatewayErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.param = options.param;
    this.headers = options.headers ?? {};
  }

  /** The contract's `type` for this status. */
  get type(): ErrorType {
    return errorTypeForStatus(this.status);
  }

  /** The error as the wire shows it inside a batch result: `{code, message, param?}`. */
  toEntry(): { code: GatewayErrorCode; message: string; param?: string } {
    return this.param === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, param: this.param };
  }

  /** The contract error response for the request `requestId`. */
  toResponse(requestId: string): Response {
    const error: { type: ErrorType; code: GatewayErrorCode; message: string; param?: string; request_id: string } = {
      type: this.type,
      code: this.code,
      message: this.message,
      request_id: requestId,
    };
    if (this.param !== undefined) error.param = this.param;
    return json(this.status, { error }, this.headers);
  }
}

/** The `type` the contract pairs with each error status. */
export function errorTypeForStatus(status: number): ErrorType {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 409:
    case 422:
      return 'idempotency_error';
    case 429:
      return 'rate_limit_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

/**
 * The 400 for what a shared validator found: the first issue's code and param, the others named
 * in the message, so the gateway refuses exactly as the SDK's client-side check does.
 */
export function errorFromIssues(issues: readonly ValidationIssue[]): GatewayError {
  const [first, ...rest] = issues;
  if (!first) return new GatewayError(400, 'invalid_parameter', 'The request is invalid.');
  const more =
    rest.length > 0 ? ` (and ${rest.length} more: ${rest.map((issue) => issue.param || 'body').join(', ')})` : '';
  return new GatewayError(400, first.code, `${first.message}${more}`, first.param ? { param: first.param } : {});
}

/**
 * The validated value of a shared validator's result, or the 400 it describes, thrown.
 * @example
 * ```ts
 * const params = orThrow(await validateWebhookEndpointCreateParams(ctx.body));
 * ```
 */
export function orThrow<T>(result: { ok: true; value: T } | { ok: false; issues: ValidationIssue[] }): T {
  if (!result.ok) throw errorFromIssues(result.issues);
  return result.value;
}
