/**
 * Options of {@link createGateway} and their defaults.
 * @module
 */

import { systemClock, type Clock } from './clock.js';
import type { GatewayLogger } from './context.js';
import type { IdGenerator } from './ids.js';
import type { FaultOptions } from './faults/options.js';
import { randomIds } from './ids.js';
import { toUnits } from '../pricing/money.js';
import { DEFAULT_CURRENCY } from '../pricing/prices.js';
import { SUPPORTED_CURRENCIES } from '../pricing/index.js';
import { isAlphanumericSender } from '../schemas/message-params.js';
import { DEFAULT_ROTATION_GRACE_MS } from './webhooks/endpoints.js';
import { WEBHOOK_ATTEMPT_TIMEOUT_MS } from './webhooks/retry-schedule.js';
import { DEFAULT_CORS_ORIGINS } from './access.js';
import { DEFAULT_MAX_IDEMPOTENCY_KEYS } from './idempotency.js';
import { DEFAULT_MESSAGE_RETENTION } from './messages/store.js';
import { DEFAULT_WEBHOOK_LIMITS } from './webhooks/dispatcher.js';

/**
 * The test key a gateway accepts when no `apiKeys` are given. It is public on purpose: it only
 * ever unlocks a local simulator.
 */
export const DEFAULT_TEST_API_KEY = 'ark_test_gateway_0000000000000000';

/** Timings of the simulated delivery, in milliseconds of the gateway clock. */
export interface DeliveryOptions {
  /**
   * From `queued` (or the scheduled time) to `sent`.
   * @default 200
   */
  sentAfterMs?: number;
  /**
   * From `sent` to `delivered` (or `failed`) for ordinary numbers.
   * @default 800
   */
  deliveredAfterMs?: number;
  /**
   * From `sent` to `delivered` for the "delivered slowly" test number `+15005550004`.
   * @default 10000
   */
  slowDeliveredAfterMs?: number;
}

/** Per-key request budget. */
export interface RateLimitOptions {
  /**
   * Requests allowed per key per window.
   * @default 10000
   */
  limit?: number;
  /**
   * Window length (fixed windows on the gateway clock).
   * @default 60000
   */
  windowMs?: number;
}

/** Webhook settings, on the gateway clock. */
export interface GatewayWebhookOptions {
  /**
   * Milliseconds a rotated-out secret keeps signing deliveries next to the new one
   * (`previous_secret_expires_at` of `POST /v1/webhooks/:id/rotate_secret`).
   * @default 86400000 (24 h)
   */
  rotationGraceMs?: number;
  /**
   * Milliseconds one delivery attempt waits for the receiver's answer before it counts as failed
   * (error `timeout`) and is retried.
   * @default 10000
   */
  attemptTimeoutMs?: number;
  /**
   * Most endpoints one account may register; `POST /v1/webhooks` past it gets 400
   * `invalid_parameter`. Every endpoint multiplies each event into one more POST.
   * @default 20
   */
  maxEndpointsPerAccount?: number;
  /**
   * Most delivery attempts in flight to one receiver URL; the rest wait in order (first in,
   * first out). `Infinity` removes the cap.
   * @default 4
   */
  maxInFlightPerEndpoint?: number;
  /**
   * Most delivery attempts in flight in total, shared fairly (round robin) between receiver URLs
   * that have deliveries waiting. `Infinity` removes the cap.
   * @default 64
   */
  maxInFlight?: number;
}

/** Bounds of the gateway's in-memory stores, per account. */
export interface GatewayLimitsOptions {
  /**
   * Most messages kept per account; past it the oldest messages in a final status (delivered,
   * failed, expired, canceled, rejected) are evicted and `GET /v1/messages/:id` answers 404.
   * A message still on its way is never evicted. `Infinity` keeps them all.
   * @default 100000
   */
  maxMessagesPerAccount?: number;
  /**
   * Milliseconds a message in a final status is kept after it was created. `Infinity` keeps them.
   * @default 604800000 (7 days)
   */
  messageRetentionMs?: number;
  /**
   * Most `Idempotency-Key`s remembered per account (each for 24 h); past it the oldest finished
   * key is forgotten early. `Infinity` removes the cap (the 24 h still apply).
   * @default 100000
   */
  maxIdempotencyKeysPerAccount?: number;
}

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  /**
   * Test keys the gateway accepts (each must start with `ark_test_`); each key is its own
   * account with its own balance, messages and idempotency keys.
   * @default [DEFAULT_TEST_API_KEY]
   */
  apiKeys?: string[];
  /**
   * Opening balance of every account, as a decimal string or number of currency units.
   * @default "100.0000"
   */
  balance?: string | number;
  /**
   * ISO 4217 currency of balances and prices.
   * @default "EUR"
   */
  currency?: string;
  /**
   * Alphanumeric sender ids every account may send from, besides `OneMSG`.
   * @default []
   * @example ["ACME"]
   */
  approvedSenders?: string[];
  /**
   * Milliseconds of the gateway clock from a registered sender's `pending` to `approved` (and
   * `sender.approved`); on a {@link ManualClock}, `advance()` by it.
   * @default 3000
   */
  senderApprovalDelayMs?: number;
  /**
   * Time source. Pass a {@link ManualClock} in tests.
   * @default systemClock
   */
  clock?: Clock;
  /** Per-key rate limit. @default { limit: 10000, windowMs: 60000 } */
  rateLimit?: RateLimitOptions;
  /** Simulated delivery timings. */
  delivery?: DeliveryOptions;
  /**
   * Outbound HTTP used for webhook deliveries.
   * @default globalThis.fetch
   */
  fetch?: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /**
   * Largest accepted request body; larger bodies get 413.
   * @default 1048576
   */
  maxBodyBytes?: number;
  /**
   * Fault injection for testing clients: 500/503, resets, answers dropped after the work is done,
   * delays past the client's timeout and 429 bursts, at the given rates (see docs/faults.md).
   * @default off
   */
  faults?: FaultOptions;
  /** Diagnostics sink (unexpected errors are reported to `logger.error`). @default silent */
  logger?: GatewayLogger;
  /** Identifier source; `sequentialIds()` makes ids predictable in tests. @default randomIds() */
  ids?: IdGenerator;
  /**
   * Webhook secret rotation, delivery timing and delivery limits.
   * @default { rotationGraceMs: 86400000, attemptTimeoutMs: 10000, maxEndpointsPerAccount: 20,
   *   maxInFlightPerEndpoint: 4, maxInFlight: 64 }
   */
  webhooks?: GatewayWebhookOptions;
  /**
   * Store bounds: message retention and remembered idempotency keys.
   * @default { maxMessagesPerAccount: 100000, messageRetentionMs: 604800000, maxIdempotencyKeysPerAccount: 100000 }
   */
  limits?: GatewayLimitsOptions;
  /**
   * `Host` names accepted over HTTP (`listen()`) besides the loopback names (`localhost`,
   * `*.localhost`, `127.0.0.1`, `[::1]`), which are always accepted; `*.example.test` allows a
   * domain and its subdomains, `'*'` any name. Other names get 403 `permission_denied`: this is
   * what stops a web page from reaching the gateway through DNS rebinding. In-process
   * `gateway.fetch` calls are not checked.
   * @default []
   * @example ["gateway.internal", "192.168.1.20"]
   */
  allowedHosts?: string[] | '*';
  /**
   * Browser origins that get CORS headers (`Access-Control-Allow-Origin`); an entry ending in
   * `:*` allows any port. A preflight from any other origin gets 403. `'*'` allows every origin,
   * which lets any web page read the gateway's messages with the public default key.
   * @default ["http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"]
   */
  corsOrigins?: string[] | '*';
  /**
   * A SQLite file that keeps the gateway's state across restarts (created if missing): accounts'
   * balances, messages, idempotency keys, webhook endpoints and secrets, pending deliveries,
   * senders, OTPs and calls. Every change is written before the request that made it is answered,
   * so a process killed with SIGKILL loses nothing it had answered. Needs `node:sqlite`, built into
   * Node ≥ 22.13; elsewhere `createGateway` throws a {@link GatewayOptionsError} for `data`. The
   * file holds webhook secrets: keep it private. See "Keeping state" in docs/gateway.md.
   * @default none: state lives in memory only
   * @example "./gateway.db"
   */
  data?: string;
}

/** {@link GatewayOptions} with every default filled in. */
export interface ResolvedGatewayOptions {
  apiKeys: string[];
  balanceUnits: number;
  currency: string;
  approvedSenders: string[];
  senderApprovalDelayMs: number;
  rateLimit: Required<RateLimitOptions>;
  delivery: Required<DeliveryOptions>;
  maxBodyBytes: number;
  webhooks: Required<GatewayWebhookOptions>;
  limits: Required<GatewayLimitsOptions>;
  allowedHosts: string[] | '*';
  corsOrigins: string[] | '*';
  data: string | undefined;
}

/** Thrown by {@link createGateway} for an option that breaks a rule (never echoes a key). */
export class GatewayOptionsError extends Error {
  /** Always `'GatewayOptionsError'` (survives minification). */
  override readonly name = 'GatewayOptionsError';
  /** The option at fault, e.g. `apiKeys[0]`. */
  readonly option: string;
  constructor(option: string, rule: string) {
    super(`Invalid gateway option ${option}: ${rule}`);
    this.option = option;
  }
}

/** Validates options and fills in defaults. */
export function resolveOptions(options: GatewayOptions): ResolvedGatewayOptions & {
  clock: Clock;
  ids: IdGenerator;
  logger: GatewayLogger;
} {
  const apiKeys = options.apiKeys && options.apiKeys.length > 0 ? options.apiKeys : [DEFAULT_TEST_API_KEY];
  apiKeys.forEach((key, index) => {
    if (typeof key !== 'string' || !/^ark_test_[A-Za-z0-9_]+$/.test(key)) {
      throw new GatewayOptionsError(
        `apiKeys[${index}]`,
        'must be a test key: ark_test_ followed by letters, digits or _',
      );
    }
  });
  const balanceUnits = toUnits(options.balance ?? '100');
  if (balanceUnits === undefined || balanceUnits < 0) {
    throw new GatewayOptionsError('balance', 'must be a non-negative amount with at most 4 decimals');
  }
  const currency = options.currency ?? DEFAULT_CURRENCY;
  if (!SUPPORTED_CURRENCIES.includes(currency)) {
    throw new GatewayOptionsError('currency', `must be one of ${SUPPORTED_CURRENCIES.join(', ')}`);
  }
  const approvedSenders = options.approvedSenders ?? [];
  approvedSenders.forEach((sender, index) => {
    if (typeof sender !== 'string' || !isAlphanumericSender(sender)) {
      throw new GatewayOptionsError(`approvedSenders[${index}]`, 'must be an alphanumeric sender id (3–11 characters)');
    }
  });
  const rateLimit = {
    limit: positiveInteger(options.rateLimit?.limit, 10_000, 'rateLimit.limit'),
    windowMs: positiveInteger(options.rateLimit?.windowMs, 60_000, 'rateLimit.windowMs'),
  };
  const delivery = {
    sentAfterMs: nonNegative(options.delivery?.sentAfterMs, 200, 'delivery.sentAfterMs'),
    deliveredAfterMs: nonNegative(options.delivery?.deliveredAfterMs, 800, 'delivery.deliveredAfterMs'),
    slowDeliveredAfterMs: nonNegative(options.delivery?.slowDeliveredAfterMs, 10_000, 'delivery.slowDeliveredAfterMs'),
  };
  const webhooks = {
    rotationGraceMs: nonNegative(
      options.webhooks?.rotationGraceMs,
      DEFAULT_ROTATION_GRACE_MS,
      'webhooks.rotationGraceMs',
    ),
    attemptTimeoutMs: positiveInteger(
      options.webhooks?.attemptTimeoutMs,
      WEBHOOK_ATTEMPT_TIMEOUT_MS,
      'webhooks.attemptTimeoutMs',
    ),
    maxEndpointsPerAccount: cap(
      options.webhooks?.maxEndpointsPerAccount,
      DEFAULT_WEBHOOK_LIMITS.maxEndpointsPerAccount,
      'webhooks.maxEndpointsPerAccount',
    ),
    maxInFlightPerEndpoint: cap(
      options.webhooks?.maxInFlightPerEndpoint,
      DEFAULT_WEBHOOK_LIMITS.maxInFlightPerEndpoint,
      'webhooks.maxInFlightPerEndpoint',
    ),
    maxInFlight: cap(options.webhooks?.maxInFlight, DEFAULT_WEBHOOK_LIMITS.maxInFlight, 'webhooks.maxInFlight'),
  };
  const limits = {
    maxMessagesPerAccount: cap(
      options.limits?.maxMessagesPerAccount,
      DEFAULT_MESSAGE_RETENTION.maxMessagesPerAccount,
      'limits.maxMessagesPerAccount',
    ),
    messageRetentionMs: cap(
      options.limits?.messageRetentionMs,
      DEFAULT_MESSAGE_RETENTION.messageRetentionMs,
      'limits.messageRetentionMs',
    ),
    maxIdempotencyKeysPerAccount: cap(
      options.limits?.maxIdempotencyKeysPerAccount,
      DEFAULT_MAX_IDEMPOTENCY_KEYS,
      'limits.maxIdempotencyKeysPerAccount',
    ),
  };
  return {
    apiKeys,
    balanceUnits,
    currency,
    approvedSenders,
    senderApprovalDelayMs: nonNegative(options.senderApprovalDelayMs, 3000, 'senderApprovalDelayMs'),
    rateLimit,
    delivery,
    webhooks,
    limits,
    allowedHosts: stringsOrStar(options.allowedHosts, [], 'allowedHosts'),
    corsOrigins: stringsOrStar(options.corsOrigins, [...DEFAULT_CORS_ORIGINS], 'corsOrigins'),
    maxBodyBytes: positiveInteger(options.maxBodyBytes, 1_048_576, 'maxBodyBytes'),
    data: dataFile(options.data),
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds(),
    logger: options.logger ?? {},
  };
}

function dataFile(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // ':memory:' would silently keep nothing: the point of the option is a file that outlives the process.
  if (typeof value !== 'string' || value.trim() === '' || value === ':memory:') {
    throw new GatewayOptionsError('data', 'must be the path of a file');
  }
  return value;
}

function positiveInteger(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new GatewayOptionsError(option, 'must be a positive integer');
  return value;
}

// A bound: a positive integer, or Infinity for none.
function cap(value: number | undefined, fallback: number, option: string): number {
  if (value === Infinity) return value;
  return positiveInteger(value, fallback, option);
}

function stringsOrStar(value: string[] | '*' | undefined, fallback: string[], option: string): string[] | '*' {
  if (value === undefined) return fallback;
  if (value === '*') return value;
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string' || entry.trim() === '')) {
    throw new GatewayOptionsError(option, "must be a list of non-empty strings or '*'");
  }
  return [...value];
}

function nonNegative(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new GatewayOptionsError(option, 'must be a number ≥ 0');
  return value;
}
