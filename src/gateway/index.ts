/**
 * `@onemessage/sdk/gateway`: the reference OneMessage gateway as a Web-standard fetch handler.
 *
 * ```ts
 * import { createGateway } from '@onemessage/sdk/gateway';
 * const gateway = createGateway();
 * const client = new OneMessage({ apiKey: gateway.apiKey, fetch: gateway.fetch }); // in-process
 * const { url } = await gateway.listen({ port: 4010 });                             // or over HTTP
 * ```
 *
 * HOW OTHER GATEWAY MODULES PLUG IN (routes and events)
 * -----------------------------------------------------
 * Routes: a module exports `register<Name>Routes(router: GatewayRouter, …deps)` and calls
 *   `router.get/post/delete(pattern, (ctx, params) => Response)`. `ctx` is a GatewayContext
 *   (context.ts): request, url, requestId, apiKey, account, rawBody, body (parsed JSON),
 *   clock, store, ids, events, fetch, logger, options, and `ctx.json(status, body, headers?)` /
 *   `ctx.error(status, type, code, message, param?)`. Auth, rate limit, X-Request-Id,
 *   X-RateLimit-*, body limit (413), malformed JSON (400) and Idempotency-Key (every POST)
 *   are handled by the pipeline (app.ts) before the handler runs. Per-account state of a module
 *   goes in `accountSlot(account, '<module>', () => initial)` (store.ts).
 * Events: `ctx.events` / `services.events` is an EventPublisher (context.ts):
 *   `publish(account, { type, data, callbackUrl? })`, awaited by callers. The messages module
 *   publishes `message.sent`, `message.delivered`, `message.failed` and `message.expired` with
 *   `data` = the Message as GET /v1/messages/:id returns it, and `callbackUrl` = the message's
 *   `callback_url` (or null). Schedule deliveries with `services.clock` (timers are cleared on
 *   `gateway.close()`), send them with `services.fetch`.
 * Wiring (events-hook.ts): `createGatewayEvents({ clock, fetch, ids, rotationGraceMs,
 *   attemptTimeoutMs })` (the last two from the `webhooks` option) from `events/index.ts`
 *   is built before any route and is the gateway's EventPublisher (exposed as `gateway.events`);
 *   `registerWebhookRoutes(router, events)` from `handlers/webhooks.ts` runs after the message
 *   and balance routes. `gateway.close()` clears every timer scheduled through services.clock
 *   and calls `events.close()`.
 * @module
 */

import type { Clock } from './clock.js';
import type { GatewayContext, GatewayServices } from './context.js';
import { createRequestHandler } from './app.js';
import { registerMessageRoutes } from './handlers/messages.js';
import { registerBatchRoutes } from './handlers/message-batch.js';
import { registerBalanceRoutes } from './handlers/balance.js';
import { resolveOptions, type GatewayOptions } from './options.js';
import { Router } from './router.js';
import { GatewayStore } from './store.js';
import { TrackedClock } from './tracked-clock.js';
import { createEventBus, registerWebhooks } from './events-hook.js';

export { ManualClock, systemClock, type Clock, type TimerCallback, type TimerHandle } from './clock.js';
export { randomIds, sequentialIds, type IdGenerator } from './ids.js';
export type { GatewayLogger } from './context.js';
export {
  DEFAULT_TEST_API_KEY,
  GatewayOptionsError,
  type DeliveryOptions,
  type GatewayOptions,
  type GatewayWebhookOptions,
  type RateLimitOptions,
} from './options.js';
export {
  TEST_NUMBER_FAULTS,
  TEST_NUMBERS,
  type TestNumberFault,
  type TestNumberBehaviour, type TestNumberDelivered, type TestNumberExpired, type TestNumberFailed } from './test-numbers.js';
export { priceFor, SUPPORTED_CURRENCIES, type Money } from '../pricing/index.js';

/** A running HTTP server started by {@link Gateway.listen}. */
export interface GatewayServer {
  /**
   * The API base URL, `/v1` included, ready for the SDK: `new OneMessage({ baseURL: url })`.
   * @example "http://127.0.0.1:4010/v1"
   */
  url: string;
  /** The server's origin, e.g. `http://127.0.0.1:4010`. */
  origin: string;
  /** The bound port (useful with `port: 0`). */
  port: number;
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
}

/** A reference gateway: a fetch handler plus ways to serve it. */
export interface Gateway {
  /**
   * Handles one request in-process. Accepts a `Request` or fetch-style arguments; a path like
   * `/v1/messages` is resolved against `http://gateway.local`.
   */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** The first test key the gateway accepts. */
  readonly apiKey: string;
  /** Every test key the gateway accepts. */
  readonly apiKeys: readonly string[];
  /** The gateway's clock (advance it in tests when it is a {@link ManualClock}). */
  readonly clock: Clock;
  /**
   * Resolves once no webhook delivery attempt is in flight (retries scheduled for later wait
   * for the clock). Handy after `await clock.advance(…)` in tests that receive webhooks.
   */
  idle(): Promise<void>;
  /**
   * Serves the gateway over HTTP on Node (loads the node:http adapter on first use). The
   * server's {@link GatewayServer.url} is the SDK's base URL, `/v1` included.
   * @default port 0 (any free port), hostname "127.0.0.1"
   */
  listen(options?: { port?: number; hostname?: string }): Promise<GatewayServer>;
  /** Cancels pending deliveries and timers and closes every server `listen` started. */
  close(): Promise<void>;
}

/**
 * Creates a reference gateway.
 * @example
 * ```ts
 * const clock = new ManualClock();
 * const gateway = createGateway({ clock, balance: '5.00' });
 * const response = await gateway.fetch('/v1/messages', {
 *   method: 'POST',
 *   headers: { authorization: `Bearer ${gateway.apiKey}` },
 *   body: JSON.stringify({ to: '+447911123456', body: 'Hi', sender: 'OneMSG' }),
 * });
 * await clock.advance(2_000); // queued → sent → delivered
 * ```
 */
export function createGateway(options: GatewayOptions = {}): Gateway {
  const { clock: userClock, ids, logger, ...resolved } = resolveOptions(options);
  const clock = new TrackedClock(userClock);
  const store = new GatewayStore();
  const openedAt = new Date(clock.now()).toISOString();
  for (const apiKey of resolved.apiKeys) {
    store.addAccount({ apiKey, balanceUnits: resolved.balanceUnits, currency: resolved.currency, openedAt });
  }
  const outboundFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const deps: Omit<GatewayServices, 'events'> = { clock, store, ids, fetch: outboundFetch, logger, options: resolved };
  const events = createEventBus(deps);
  const services: GatewayServices = { ...deps, events };

  const router = new Router<GatewayContext>();
  registerMessageRoutes(router);
  registerBatchRoutes(router);
  registerBalanceRoutes(router);
  registerWebhooks(router, events);

  const handle = createRequestHandler(services, router);
  const servers = new Set<GatewayServer>();

  return {
    fetch: (input, init) => handle(toRequest(input, init)),
    apiKey: resolved.apiKeys[0]!,
    apiKeys: Object.freeze([...resolved.apiKeys]),
    clock: userClock,
    idle: () => events.idle(),
    async listen({ port = 0, hostname = '127.0.0.1' } = {}) {
      const { serve } = await import('../adapters/node.js');
      const server = await serve((request) => handle(request), {
        port,
        hostname,
        onError: (error) => logger.error?.('gateway: HTTP adapter error', { error: error instanceof Error ? error.message : String(error) }),
      });
      const tracked: GatewayServer = {
        url: `${server.url}/v1`,
        origin: server.url,
        port: server.port,
        close: async () => {
          servers.delete(tracked);
          await server.close();
        },
      };
      servers.add(tracked);
      return tracked;
    },
    async close() {
      clock.clearAll();
      events.close?.();
      await Promise.all([...servers].map((server) => server.close()));
    },
  };
}

function toRequest(input: RequestInfo | URL, init?: RequestInit): Request {
  if (input instanceof Request && init === undefined) return input;
  if (typeof input === 'string' && input.startsWith('/')) return new Request(`http://gateway.local${input}`, init);
  return new Request(input, init);
}
