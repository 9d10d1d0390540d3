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
 * Layout: one folder per resource (`messages/`, `webhooks/`, `accounts/`, …), each exporting
 * `register<Name>Routes(router, { …the services it uses })`, wired below with one line each.
 * Handlers throw `GatewayError` (errors.ts); the pipeline (app.ts) renders it. To add a resource,
 * follow "Adding a gateway resource" in docs/architecture.md.
 * @module
 */

import { Accounts, type Account } from './accounts/accounts.js';
import { Ledger } from './accounts/ledger.js';
import { registerAccountRoutes } from './accounts/routes.js';
import { createRequestHandler } from './app.js';
import { ManualClock, type Clock } from './clock.js';
import type { GatewayContext } from './context.js';
import { createFaultInjector } from './faults/injector.js';
import { registerMessageRoutes } from './messages/routes.js';
import { MessageStore } from './messages/store.js';
import { resolveOptions, type GatewayOptions } from './options.js';
import { registerOtpRoutes } from './otp/routes.js';
import { OtpStore } from './otp/store.js';
import { Router } from './router.js';
import { registerVoiceRoutes } from './voice/routes.js';
import { CallStore } from './voice/store.js';
import { virtualNumberOf } from './inbound/numbers.js';
import { registerSenderRoutes } from './senders/routes.js';
import { SenderStore } from './senders/store.js';
import { registerTestModeRoutes } from './test-mode/routes.js';
import { TrackedClock } from './tracked-clock.js';
import { registerWebhookRoutes } from './webhooks/routes.js';
import { Webhooks } from './webhooks/webhooks.js';
import { redactingLogger } from './redact.js';
import { IdempotencyStore } from './idempotency.js';
import { NO_JOURNAL } from './persistence/journal.js';
import { knownAccounts, openJournal, restoreState } from './persistence/restore.js';

export {
  ManualClock,
  systemClock,
  type Clock,
  type ManualClockOptions,
  type TimerCallback,
  type TimerHandle,
} from './clock.js';
export { randomIds, sequentialIds, type IdGenerator } from './ids.js';
export type { GatewayLogger } from './context.js';
export {
  DEFAULT_TEST_API_KEY,
  GatewayOptionsError,
  type DeliveryOptions,
  type GatewayLimitsOptions,
  type GatewayOptions,
  type GatewayWebhookOptions,
  type RateLimitOptions,
} from './options.js';
export {
  TEST_NUMBER_FAULTS,
  TEST_NUMBERS,
  VOICE_TEST_NUMBERS,
  type TestNumberBehaviour,
  type TestNumberDelivered,
  type TestNumberExpired,
  type TestNumberFailed,
  type TestNumberFault,
  type VoiceTestNumber,
} from './test-numbers.js';
export type { GatewayErrorCode, GatewayErrorStatus } from './errors.js';
export type { FaultKind, FaultOptions, FaultRates } from './faults/options.js';
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

/**
 * Options of {@link Gateway.listen}. The limits are the Node adapter's (`0` disables a timeout,
 * `Infinity` removes the connection cap); see "Limits" in docs/gateway.md.
 */
export interface GatewayListenOptions {
  /**
   * TCP port; `0` picks a free one.
   * @default 0
   */
  port?: number;
  /**
   * Interface to bind. Anything but a loopback address exposes the gateway (and its public
   * default key) to the network; `Host` names other than loopback still need `allowedHosts`.
   * @default "127.0.0.1"
   */
  hostname?: string;
  /**
   * Milliseconds a client has to send the request headers (408 past it).
   * @default 10000
   */
  headersTimeout?: number;
  /**
   * Milliseconds a client has to send the whole request (408 past it).
   * @default 60000
   */
  requestTimeout?: number;
  /**
   * Milliseconds an idle keep-alive connection stays open.
   * @default 5000
   */
  keepAliveTimeout?: number;
  /**
   * Most open connections; more get 503 with `Retry-After: 1`.
   * @default 512
   */
  maxConnections?: number;
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
  /**
   * The virtual number of the account `apiKey` authenticates as (default: {@link Gateway.apiKey}):
   * inbound SMS arrive there (`POST /v1/test/inbound`); `GET /v1/senders` lists it too.
   * @example "+15005550101"
   */
  virtualNumber(apiKey?: string): string;
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
  listen(options?: GatewayListenOptions): Promise<GatewayServer>;
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
  const { clock: userClock, ids, logger: userLogger, ...resolved } = resolveOptions(options);
  // Whoever logs, no key, secret, credential or code reaches the sink.
  const logger = redactingLogger(userLogger);
  const clock = new TrackedClock(userClock);
  // Opened first: a runtime without node:sqlite is refused before any timer or store exists.
  const durable = resolved.data === undefined ? undefined : openJournal(resolved.data);
  const journal = durable ?? NO_JOURNAL;
  const webhooks = new Webhooks({ clock, fetch: options.fetch, ids, ...resolved.webhooks, journal });
  // A ManualClock waits for deliveries to send (or park) before jumping ahead, so one advance()
  // runs a whole retry chain instead of stopping at the first attempt.
  const unsettle = userClock instanceof ManualClock ? userClock.onSettle(() => webhooks.parked()) : undefined;
  const accounts = new Accounts();
  const ledger = new Ledger({ webhooks, journal });
  const messages = new MessageStore({ clock, ...resolved.limits, journal });
  const senders = new SenderStore(resolved.approvedSenders, journal);
  const otps = new OtpStore(journal);
  const calls = new CallStore(journal);
  const idempotency = new IdempotencyStore({
    clock,
    maxKeysPerAccount: resolved.limits.maxIdempotencyKeysPerAccount,
    journal,
  });
  const openedAt = new Date(clock.now()).toISOString();
  const opened = resolved.apiKeys.map((apiKey) => accounts.open(apiKey, resolved.currency));
  // Accounts the data file knows get their balance and senders back instead of opening afresh.
  const known = durable ? knownAccounts(durable, opened) : new Set<string>();
  for (const account of opened) {
    if (known.has(account.id)) continue;
    ledger.open(account, resolved.balanceUnits, openedAt);
    senders.open(account, { ids, at: openedAt, virtualNumber: virtualNumberOf(account) });
  }

  const router = new Router<GatewayContext>();
  registerMessageRoutes(router, { clock, ids, messages, ledger, senders, webhooks, delivery: resolved.delivery });
  const sendServices = { clock, ids, messages, ledger, senders, webhooks, delivery: resolved.delivery };
  registerOtpRoutes(router, { ...sendServices, otps });
  registerVoiceRoutes(router, { clock, ids, ledger, webhooks, calls });
  registerAccountRoutes(router, { ledger });
  registerWebhookRoutes(router, { webhooks });
  const approvalDelayMs = resolved.senderApprovalDelayMs;
  const senderServices = { senders, clock, ids, webhooks, approvalDelayMs };
  registerSenderRoutes(router, senderServices);
  registerTestModeRoutes(router, { ledger, messages, clock, ids, webhooks });
  if (durable) {
    const byId = new Map(opened.map((account) => [account.id, account]));
    const voice = { clock, ledger, webhooks, calls };
    const targets = { ledger, messages, idempotency, webhooks, senders, otps, calls, senderServices, voice };
    restoreState(durable, { accounts: byId, delivery: sendServices, ...targets });
  }

  const balanceOf = (account: Account) => ledger.balance(account).available;
  // Off unless asked for: faults wrap the pipeline, and hold answers inside it for the delay fault.
  const faults = createFaultInjector(options.faults, { clock, ids });
  const pipeline = { accounts, balanceOf, clock, ids, logger, options: resolved, idempotency };
  const app = createRequestHandler(pipeline, faults.routes(router));
  // Durable: an answer leaves only once what its request changed is in the file.
  const durableApp = async (request: Request) => {
    await journal.admit();
    const response = await app(request);
    await journal.committed();
    return response;
  };
  const handle = faults.wrap(durable ? durableApp : app);
  const servers = new Set<GatewayServer>();

  return {
    fetch: (input, init) => handle(toRequest(input, init)),
    apiKey: resolved.apiKeys[0]!,
    apiKeys: Object.freeze([...resolved.apiKeys]),
    virtualNumber(apiKey = resolved.apiKeys[0]!) {
      const account = accounts.forKey(apiKey);
      if (!account) throw new TypeError('virtualNumber: not one of the keys this gateway accepts.');
      return virtualNumberOf(account);
    },
    clock: userClock,
    idle: () => webhooks.idle(),
    async listen({ port = 0, hostname = '127.0.0.1', ...limits } = {}) {
      const { serve } = await import('../adapters/node.js');
      // Only requests over a socket are Host-checked: in-process callers pick any URL they like.
      const server = await serve((request) => app.refuseHost(request) ?? handle(request), {
        port,
        hostname,
        ...limits,
        renderError: app.renderError,
        onError: (error) =>
          logger.error?.('gateway: HTTP adapter error', {
            error: error instanceof Error ? error.message : String(error),
          }),
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
      unsettle?.();
      app.close();
      faults.close();
      clock.clearAll();
      webhooks.close();
      // Last: what closing changed in memory (nothing a restart should lose) is flushed, then the file closed.
      journal.close();
      await Promise.all([...servers].map((server) => server.close()));
    },
  };
}

function toRequest(input: RequestInfo | URL, init?: RequestInit): Request {
  if (input instanceof Request && init === undefined) return input;
  if (typeof input === 'string' && input.startsWith('/')) return new Request(`http://gateway.local${input}`, init);
  return new Request(input, init);
}
