/**
 * The request pipeline every route shares: request id, authentication, rate limit, routing,
 * body limits and JSON parsing, idempotency, and the one place a thrown {@link GatewayError}
 * (or anything else, as a 500) becomes a response.
 * @module
 */

import type { AdapterError } from '../adapters/node.js';
import type { Money } from '../pricing/money.js';
import { hostChecker, originChecker } from './access.js';
import type { Account, Accounts } from './accounts/accounts.js';
import { parseJsonBody, readBody } from './body.js';
import type { Clock } from './clock.js';
import type { GatewayContext, GatewayLogger } from './context.js';
import { errorTypeForStatus, GatewayError } from './errors.js';
import { json } from './http.js';
import type { IdGenerator } from './ids.js';
import { fingerprint, IDEMPOTENCY_KEY_MAX_LENGTH, IdempotencyStore, replay } from './idempotency.js';
import type { ResolvedGatewayOptions } from './options.js';
import { RateLimiter, rateLimitHeaders, type RateLimitState } from './rate-limit.js';
import type { Router } from './router.js';
import { openApiResponse } from '../openapi/serve.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Sent with every answer; `Access-Control-Allow-Origin` is added only for an allowed `Origin`
// (loopback by default): the default key is public, so any origin allowed could read messages.
const CORS_HEADERS: Record<string, string> = {
  'access-control-expose-headers': [
    'X-Request-Id',
    'X-RateLimit-Limit',
    'X-RateLimit-Remaining',
    'X-RateLimit-Reset',
    'Retry-After',
    'Idempotent-Replayed',
    'Original-Request',
    'OneMessage-Balance-Remaining',
    'OneMessage-Balance-Currency',
  ].join(', '),
};

/** What the pipeline needs besides the routes. */
export interface PipelineServices {
  /** Who each API key is. */
  accounts: Accounts;
  /** Rate-limit windows and idempotency expiry run on it. */
  clock: Clock;
  /** Makes `req_…` ids. */
  ids: IdGenerator;
  /** Receives unexpected errors. */
  logger: GatewayLogger;
  /**
   * The account's available balance after the request, sent on every authenticated response as
   * `OneMessage-Balance-Remaining` (decimal string) and `OneMessage-Balance-Currency`.
   */
  balanceOf?: (account: Account) => Money;
  /** Rate limit, body size, idempotency-key bound, allowed `Host` names and CORS origins. */
  options: Pick<ResolvedGatewayOptions, 'rateLimit' | 'maxBodyBytes' | 'allowedHosts' | 'corsOrigins' | 'limits'>;
  /** The `Idempotency-Key` store, when the gateway built it (a durable one restores it first). @default a new one */
  idempotency?: IdempotencyStore;
}

/** The gateway's handler, plus the renderer the Node adapter uses for errors it answers itself. */
export interface RequestHandler {
  /** Answers one request; never rejects. */
  (request: Request): Promise<Response>;
  /**
   * The 403 for a request whose `Host` is not allowed, or `undefined`. Applied by `listen()`
   * only: in-process calls (`gateway.fetch`) carry whatever URL the caller built, and no browser
   * page can reach them.
   */
  refuseHost(request: Request): Response | undefined;
  /**
   * Renders an error the HTTP adapter answers itself (bad target, `TRACE`, a throwing handler)
   * with a fresh request id and the same headers as every other answer.
   */
  renderError(error: AdapterError): Response;
  /** Stops the idempotency sweep timer (the gateway's `close()` calls it). */
  close(): void;
}

/** A key being answered: settled once the response exists (kept for replay, or forgotten). */
interface PendingKey {
  finish(response: Response | undefined): Promise<void>;
}

/** Builds the gateway's `(Request) => Promise<Response>` handler over `router`. */
export function createRequestHandler(services: PipelineServices, router: Router<GatewayContext>): RequestHandler {
  const { limit, windowMs } = services.options.rateLimit;
  const limiter = new RateLimiter(services.clock, limit, windowMs);
  const idempotency =
    services.idempotency ??
    new IdempotencyStore({
      clock: services.clock,
      maxKeysPerAccount: services.options.limits.maxIdempotencyKeysPerAccount,
    });
  const hostAllowed = hostChecker(services.options.allowedHosts);
  const originAllowed = originChecker(services.options.corsOrigins);

  async function handle(request: Request): Promise<Response> {
    const requestId = services.ids.next('req');
    const state: { rateLimit?: RateLimitState; key?: PendingKey; account?: Account } = {};
    let response: Response | undefined;
    try {
      response = await route(request, requestId, state);
    } catch (error) {
      if (error instanceof GatewayError) {
        response = error.toResponse(requestId);
      } else {
        services.logger.error?.('gateway: unhandled error', { request_id: requestId, error: describeError(error) });
      }
    }
    // A crash (no response) forgets the key, like a 5xx: the client's retry runs afresh.
    await state.key?.finish(response);
    response ??= new GatewayError(500, 'internal_error', 'The gateway hit an unexpected error.').toResponse(requestId);
    const balance = state.account && services.balanceOf?.(state.account);
    const origin = corsOrigin(request);
    return finalize(response, requestId, state.rateLimit ?? limiter.peek('anonymous'), balance, origin);
  }

  function renderError(error: AdapterError): Response {
    const requestId = services.ids.next('req');
    const type = error.type || errorTypeForStatus(error.status);
    const headers: Record<string, string> = error.status === 503 ? { 'retry-after': '1' } : {};
    const body = { error: { type, code: error.code, message: error.message, request_id: requestId } };
    return finalize(json(error.status, body, headers), requestId, limiter.peek('anonymous'));
  }

  // DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 is same-origin
  // with the gateway as far as the browser knows; only the Host header tells it apart.
  function refuseHost(request: Request): Response | undefined {
    const hostname = URL.canParse(request.url) ? new URL(request.url).hostname : '';
    if (hostname !== '' && hostAllowed(hostname)) return undefined;
    const requestId = services.ids.next('req');
    const error = new GatewayError(
      403,
      'permission_denied',
      `Host ${hostname || '(none)'} is not allowed: the gateway answers loopback names (localhost, 127.0.0.1, ` +
        '[::1]) unless told otherwise (allowedHosts option, --allowed-host flag).',
      { param: 'Host' },
    );
    return finalize(error.toResponse(requestId), requestId, limiter.peek('anonymous'), undefined, corsOrigin(request));
  }

  // Called outside the pipeline's catch, so it must not throw whatever the request object does.
  function corsOrigin(request: Request): string | undefined {
    try {
      const origin = request.headers.get('origin');
      return origin !== null && originAllowed(origin) ? origin : undefined;
    } catch {
      return undefined;
    }
  }

  function preflight(request: Request): Response {
    if (corsOrigin(request) === undefined) {
      throw new GatewayError(
        403,
        'permission_denied',
        'This origin may not call the gateway from a browser: only loopback origins are allowed unless told ' +
          'otherwise (corsOrigins option, --cors-origin flag).',
      );
    }
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

  return Object.assign(handle, { renderError, refuseHost, close: () => idempotency.close() });

  async function route(
    request: Request,
    requestId: string,
    state: { rateLimit?: RateLimitState; key?: PendingKey; account?: Account },
  ): Promise<Response> {
    if (request.method.toUpperCase() === 'OPTIONS') return preflight(request);
    const openApi = await openApiResponse(request); // public: API tools fetch it without a key
    if (openApi) return openApi;

    const apiKey = bearerToken(request.headers.get('authorization'));
    const account = apiKey === undefined ? undefined : services.accounts.forKey(apiKey);
    if (!account || apiKey === undefined)
      throw new GatewayError(401, 'authentication_failed', authFailureMessage(apiKey));

    state.account = account;
    const rateLimit = limiter.take(apiKey);
    state.rateLimit = rateLimit;
    if (!rateLimit.allowed) {
      throw new GatewayError(
        429,
        'rate_limit_exceeded',
        `Too many requests: the limit is ${rateLimit.limit} per window. Retry after ${rateLimit.resetSeconds} s.`,
      );
    }

    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const match = router.match(method, url.pathname);
    if (match.kind === 'not_found')
      throw new GatewayError(404, 'not_found', `No such endpoint: ${method} ${url.pathname}`);
    if (match.kind === 'method_not_allowed') {
      const allow = match.allow.join(', ');
      throw new GatewayError(404, 'not_found', `No such endpoint: ${method} ${url.pathname} (allowed: ${allow})`, {
        headers: { allow },
      });
    }

    let rawBody = '';
    let body: unknown;
    if (BODY_METHODS.has(method)) {
      // A route may accept more (the batch route: 10,000 entries); never less than the gateway's limit.
      const maxBytes = Math.max(services.options.maxBodyBytes, match.options.maxBodyBytes ?? 0);
      const read = await readBody(request, maxBytes);
      if (!read.ok) {
        throw read.reason === 'too_large'
          ? new GatewayError(413, 'request_too_large', `Request body exceeds ${maxBytes} bytes.`)
          : read.reason === 'invalid_utf8'
            ? new GatewayError(400, 'invalid_parameter', 'Request body is not valid UTF-8.')
            : new GatewayError(400, 'invalid_parameter', 'Request body could not be read.');
      }
      rawBody = read.text;
      const parsed = parseJsonBody(rawBody);
      if (!parsed.ok) throw new GatewayError(400, 'invalid_parameter', parsed.message);
      body = parsed.value;
    }

    const context: GatewayContext = { request, url, requestId, apiKey, account, rawBody, body };
    const key = method === 'POST' ? request.headers.get('idempotency-key') : null;
    if (key === null) return match.handler(context, match.params);
    if (key === '' || key.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
      throw new GatewayError(
        400,
        'invalid_parameter',
        key === ''
          ? 'Idempotency-Key must not be empty: send a unique key (e.g. idk_ and a UUID) or no header at all.'
          : `Idempotency-Key must be at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters.`,
        { param: 'Idempotency-Key' },
      );
    }

    // The key is claimed now; the body is hashed in slices meanwhile, so a 10,000-entry batch stalls nobody.
    const print = fingerprint(method, url.pathname, body);
    const decision = await idempotency.begin(account, key, print, services.clock.now());
    switch (decision.kind) {
      case 'in_flight':
        throw new GatewayError(
          409,
          'idempotency_conflict',
          'A request with this Idempotency-Key is still in progress; retry later.',
        );
      case 'mismatch':
        throw new GatewayError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different request: the method, path and parameters must match.',
        );
      case 'replay':
        return replay(decision.response);
      case 'proceed':
        state.key = { finish: (response) => idempotency.finish(account, key, requestId, response) };
        return match.handler(context, match.params);
    }
  }
}

function finalize(
  response: Response,
  requestId: string,
  rateLimit: RateLimitState,
  balance?: Money,
  origin?: string,
): Response {
  const extra: [string, string][] = [
    ['x-request-id', requestId],
    ...Object.entries(rateLimitHeaders(rateLimit)),
    ...Object.entries(CORS_HEADERS),
    // Caches must not serve one origin's answer (with its ACAO) to another.
    ['vary', 'Origin'],
  ];
  if (origin !== undefined) extra.push(['access-control-allow-origin', origin]);
  // What is left after this request, so a sender can watch its credit without GET /v1/balance.
  if (balance) {
    extra.push(['onemessage-balance-remaining', balance.amount], ['onemessage-balance-currency', balance.currency]);
  }
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
  if (apiKey.startsWith('ark_live_'))
    return 'Live keys are not accepted by the reference gateway; use an ark_test_ key.';
  return 'Invalid API key.';
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
