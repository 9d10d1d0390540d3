/**
 * What a route handler receives: the parsed request, the authenticated account and the
 * gateway's services (clock, store, ids, event publisher), plus response helpers that produce
 * the contract's JSON and error shapes.
 * @module
 */

import type { Clock } from './clock.js';
import type { IdGenerator } from './ids.js';
import type { RouteHandler, Router } from './router.js';
import type { Account, GatewayStore } from './store.js';
import type { ResolvedGatewayOptions } from './options.js';

/** Where the gateway writes diagnostics. Every method is optional; secrets are never passed in. */
export interface GatewayLogger {
  /** Verbose diagnostics. */
  debug?(message: string, fields?: Record<string, unknown>): void;
  /** Notable events. */
  info?(message: string, fields?: Record<string, unknown>): void;
  /** Something odd the gateway recovered from. */
  warn?(message: string, fields?: Record<string, unknown>): void;
  /** An unexpected error (answered with a 500 `internal_error`, or a failed event publish). */
  error?(message: string, fields?: Record<string, unknown>): void;
}

/** Something that happened to an account, for webhook endpoints (and a message's `callback_url`). */
export interface GatewayEvent {
  /** A contract event type, e.g. `message.delivered`. */
  type: string;
  /** The object the event is about, as the API returns it (a Message for `message.*`). */
  data: unknown;
  /** Extra one-off destination: the message's `callback_url`, when it has one. */
  callbackUrl?: string | null;
}

/**
 * The hook through which the gateway announces events. The webhooks module
 * (`src/gateway/events/bus.ts`) implements it; without it events go nowhere.
 */
export interface EventPublisher {
  /**
   * Records the event and schedules its deliveries on the gateway clock. `event.data` is
   * snapshotted before `publish` returns, so callers may pass live objects. A returned promise is
   * awaited by the caller (so a `ManualClock` advance settles everything it started).
   */
  publish(account: Account, event: GatewayEvent): void | Promise<void>;
  /** Cancels pending deliveries when the gateway closes. */
  close?(): void;
}

/** The long-lived services of one gateway, shared by every request. */
export interface GatewayServices {
  clock: Clock;
  store: GatewayStore;
  ids: IdGenerator;
  events: EventPublisher;
  /** Outbound HTTP (webhook deliveries). */
  fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  logger: GatewayLogger;
  options: ResolvedGatewayOptions;
}

/** Per-request context passed to every route handler. */
export interface GatewayContext extends GatewayServices {
  request: Request;
  url: URL;
  /** `req_…`, also sent as `X-Request-Id` and in error bodies. */
  requestId: string;
  /** The Bearer key that authenticated the request. */
  apiKey: string;
  account: Account;
  /** The raw request body (`''` when there is none). */
  rawBody: string;
  /** The body parsed as JSON, or `undefined` when it was empty. */
  body: unknown;
  /** A JSON response with the given status and optional extra headers. */
  json(status: number, body: unknown, headers?: HeadersInit): Response;
  /** A contract error response `{"error": {type, code, message, param?, request_id}}`. */
  error(status: number, type: string, code: string, message: string, param?: string): Response;
}

/** A gateway route handler. */
export type GatewayHandler = RouteHandler<GatewayContext>;

/** The router gateway modules register their routes on. */
export type GatewayRouter = Router<GatewayContext>;
