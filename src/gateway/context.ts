/**
 * What a route handler receives: the facts of one request. Services (stores, clock, webhooks)
 * are not here: each resource receives the ones it uses when it registers its routes.
 * @module
 */

import type { Account } from './accounts/accounts.js';
import type { RouteHandler, Router } from './router.js';

/** Where the gateway writes diagnostics. Every method is optional; secrets are never passed in. */
export interface GatewayLogger {
  /** Verbose diagnostics. */
  debug?(message: string, fields?: Record<string, unknown>): void;
  /** Notable events. */
  info?(message: string, fields?: Record<string, unknown>): void;
  /** Something odd the gateway recovered from. */
  warn?(message: string, fields?: Record<string, unknown>): void;
  /** An unexpected error (answered with a 500 `internal_error`). */
  error?(message: string, fields?: Record<string, unknown>): void;
}

/** The facts of one authenticated request, passed to every route handler. */
export interface GatewayContext {
  /** The request as received. */
  request: Request;
  /** The request URL, parsed. */
  url: URL;
  /** `req_…`, also sent as `X-Request-Id` and in error bodies. */
  requestId: string;
  /** The Bearer key that authenticated the request. */
  apiKey: string;
  /** The account the key authenticates as. */
  account: Account;
  /** The raw request body (`''` when there is none). */
  rawBody: string;
  /** The body parsed as JSON, or `undefined` when it was empty. */
  body: unknown;
}

/** A gateway route handler: answers with a Response or throws a `GatewayError`. */
export type GatewayHandler = RouteHandler<GatewayContext>;

/** The router gateway modules register their routes on. */
export type GatewayRouter = Router<GatewayContext>;
