/**
 * The JSON response every handler answers with (errors are rendered by `GatewayError`).
 * @module
 */

/** A JSON response (`content-type: application/json; charset=utf-8`); a 204 has no body. */
export function json(status: number, body: unknown, headers?: HeadersInit): Response {
  const merged = new Headers(headers);
  merged.set('content-type', 'application/json; charset=utf-8');
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: merged });
}
