/**
 * The request pipeline every route shares: request id, authentication, rate limit, routing,
 * body limits and JSON parsing, idempotency, and turning any thrown error into a contract 500.
 * @module
 */

import { parseJsonBody, readBody } from './body.js';
import type { GatewayContext, GatewayServices } from './context.js';
import { errorResponse, errorTypeForStatus, jsonResponse } from './http.js';
import {
  abandonIdempotent,
  beginIdempotent,
  completeIdempotent,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  snapshotResponse,
} from './idempotency.js';
import { RateLimiter, rateLimitHeaders, type RateLimitState } from './rate-limit.js';
import type { Router } from './router.js';
import type { Account } from './store.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Browser apps on another local port may call the gateway: auth is a Bearer header, not a
// cookie, so allowing every origin exposes nothing a page could not already send.
const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, Idempotent-Replayed',
};

/** Builds the gateway's `(Request) => Promise<Response>` handler over `router`. */
export function createRequestHandler(
  services: GatewayServices,
  router: Router<GatewayContext>,
): (request: Request) => Promise<Response> {
  const limiter = new RateLimiter(services.clock, services.options.rateLimit.limit, services.options.rateLimit.windowMs);

  return async function handle(request: Request): Promise<Response> {
    const requestId = services.ids.next('req');
    let rateLimit: RateLimitState | undefined;
    let response: Response;
    try {
      response = await route(request, requestId, (state) => (rateLimit = state));
    } catch (error) {
      services.logger.error?.('gateway: unhandled error', { request_id: requestId, error: describeError(error) });
      response = errorResponse(requestId, 500, 'api_error', 'internal_error', 'The gateway hit an unexpected error.');
    }
    return finalize(response, requestId, rateLimit ?? limiter.peek('anonymous'));
  };

  async function route(
    request: Request,
    requestId: string,
    reportRateLimit: (state: RateLimitState) => void,
  ): Promise<Response> {
    const fail = (status: number, code: string, message: string, param?: string, headers?: HeadersInit) =>
      errorResponse(requestId, status, errorTypeForStatus(status), code, message, param, headers);

    if (request.method.toUpperCase() === 'OPTIONS') return preflight(request);

    const apiKey = bearerToken(request.headers.get('authorization'));
    const account = apiKey === undefined ? undefined : services.store.accountForKey(apiKey);
    if (!account || apiKey === undefined) {
      return fail(401, 'authentication_failed', authFailureMessage(apiKey));
    }

    const rateLimit = limiter.take(apiKey);
    reportRateLimit(rateLimit);
    if (!rateLimit.allowed) {
      return fail(429, 'rate_limit_exceeded', `Too many requests: the limit is ${rateLimit.limit} per window. Retry after ${rateLimit.resetSeconds} s.`);
    }

    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const match = router.match(method, url.pathname);
    if (match.kind === 'not_found') {
      return fail(404, 'not_found', `No such endpoint: ${method} ${url.pathname}`);
    }
    if (match.kind === 'method_not_allowed') {
      return fail(404, 'not_found', `No such endpoint: ${method} ${url.pathname} (allowed: ${match.allow.join(', ')})`, undefined, {
        allow: match.allow.join(', '),
      });
    }

    let rawBody = '';
    let body: unknown;
    if (BODY_METHODS.has(method)) {
      const read = await readBody(request, services.options.maxBodyBytes);
      if (!read.ok) {
        return read.reason === 'too_large'
          ? fail(413, 'request_too_large', `Request body exceeds ${services.options.maxBodyBytes} bytes.`)
          : fail(400, 'invalid_parameter', 'Request body could not be read.');
      }
      rawBody = read.text;
      const parsed = parseJsonBody(rawBody);
      if (!parsed.ok) return fail(400, 'invalid_parameter', parsed.message);
      body = parsed.value;
    }

    const context: GatewayContext = {
      ...services,
      request,
      url,
      requestId,
      apiKey,
      account,
      rawBody,
      body,
      json: jsonResponse,
      error: (status, type, code, message, param) => errorResponse(requestId, status, type, code, message, param),
    };
    const run = async () => match.handler(context, match.params);

    const idempotencyKey = method === 'POST' ? request.headers.get('idempotency-key') : null;
    if (idempotencyKey === null || idempotencyKey === '') return run();
    if (idempotencyKey.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
      return fail(400, 'invalid_parameter', `Idempotency-Key must be at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters.`, 'Idempotency-Key');
    }
    return runIdempotent(account, idempotencyKey, `${method} ${url.pathname}\n${rawBody}`, run, fail);
  }

  async function runIdempotent(
    account: Account,
    key: string,
    fingerprint: string,
    run: () => Promise<Response>,
    fail: (status: number, code: string, message: string) => Response,
  ): Promise<Response> {
    const decision = beginIdempotent(account, key, fingerprint, services.clock.now());
    switch (decision.kind) {
      case 'in_flight':
        return fail(409, 'idempotency_conflict', 'A request with this Idempotency-Key is still in progress; retry later.');
      case 'body_mismatch':
        return fail(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request: the method, path and body must match.');
      case 'replay': {
        const headers = new Headers(decision.response.headers);
        headers.set('idempotent-replayed', 'true');
        return new Response(decision.response.body, { status: decision.response.status, headers });
      }
      case 'proceed':
        break;
    }
    let response: Response;
    try {
      response = await run();
    } catch (error) {
      abandonIdempotent(account, key);
      throw error;
    }
    // A 5xx is not a final answer: forget the key so the client's retry runs again.
    if (response.status >= 500) abandonIdempotent(account, key);
    else completeIdempotent(account, key, await snapshotResponse(response));
    return response;
  }
}

function preflight(request: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
      'access-control-allow-headers':
        request.headers.get('access-control-request-headers') ?? 'Authorization, Content-Type, Idempotency-Key',
      'access-control-max-age': '600',
    },
  });
}

function finalize(response: Response, requestId: string, rateLimit: RateLimitState): Response {
  const extra: [string, string][] = [
    ['x-request-id', requestId],
    ...Object.entries(rateLimitHeaders(rateLimit)),
    ...Object.entries(CORS_HEADERS),
  ];
  try {
    // Handlers build their own Responses, whose headers are mutable: no copy needed.
    for (const [name, value] of extra) response.headers.set(name, value);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    for (const [name, value] of extra) headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

function bearerToken(header: string | null): string | undefined {
  const match = header === null ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function authFailureMessage(apiKey: string | undefined): string {
  if (apiKey === undefined) return 'Missing API key: send Authorization: Bearer ark_test_….';
  if (apiKey.startsWith('ark_live_')) return 'Live keys are not accepted by the reference gateway; use an ark_test_ key.';
  return 'Invalid API key.';
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
