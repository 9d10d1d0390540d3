/**
 * `GET /v1/openapi.json` for the gateway, answered before authentication (API tools fetch it
 * without a key). The document is the committed JSON, loaded on first request so neither the
 * gateway entry nor the SDK carries it, and never the generator (which needs TypeScript).
 * @module
 */

let cached: Promise<string> | undefined;

/** The document's answer, or `undefined` when `request` is not `GET /v1/openapi.json`. */
export async function openApiResponse(request: Request): Promise<Response | undefined> {
  const method = request.method.toUpperCase();
  if ((method !== 'GET' && method !== 'HEAD') || new URL(request.url).pathname !== '/v1/openapi.json') return undefined;
  cached ??= import('./openapi.json', { with: { type: 'json' } }).then((module) => JSON.stringify(module.default));
  const body = await cached;
  return new Response(method === 'HEAD' ? null : body, {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' },
  });
}
