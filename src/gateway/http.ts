/**
 * Response builders for the contract's JSON and error shapes.
 * @module
 */

/** The `type` the contract pairs with each error status. */
export function errorTypeForStatus(status: number): string {
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

/** A JSON response (`content-type: application/json; charset=utf-8`). */
export function jsonResponse(status: number, body: unknown, headers?: HeadersInit): Response {
  const merged = new Headers(headers);
  merged.set('content-type', 'application/json; charset=utf-8');
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: merged });
}

/** The body of a contract error. */
export interface ErrorBody {
  error: { type: string; code: string; message: string; param?: string; request_id: string };
}

/** A contract error response. `param` is omitted from the body when not given. */
export function errorResponse(
  requestId: string,
  status: number,
  type: string,
  code: string,
  message: string,
  param?: string,
  headers?: HeadersInit,
): Response {
  const error: ErrorBody['error'] = { type, code, message, request_id: requestId };
  if (param !== undefined) error.param = param;
  return jsonResponse(status, { error }, headers);
}
