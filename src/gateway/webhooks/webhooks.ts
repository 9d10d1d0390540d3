/**
 * The gateway's webhooks service: every resource announces what happened through
 * {@link Webhooks.publish}; it fans the event out to the account's subscribed endpoints (and a
 * message's `callback_url`) through the dispatcher.
 * @module
 */

import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../schemas/common.js';
import type { WebhookEventBase } from '../../webhooks/events.js';
import type { Clock } from '../clock.js';
import { type IdGenerator, randomIds } from '../ids.js';
import { WebhookDispatcher, type PendingDelivery, type WebhookFetch } from './dispatcher.js';
import type { Journal } from '../persistence/journal.js';
import { WebhookEndpointStore } from './endpoints.js';

/** The body POSTed to an endpoint: `{event_id, type, created, data}`. */
export type WebhookEnvelope = WebhookEventBase<WebhookEventType, unknown>;

/** What {@link Webhooks.publish} announces. */
export interface WebhookPublication {
  /** A contract event type: anything else does not compile. */
  type: WebhookEventType;
  /** The object the event is about, exactly as the API would return it now (snapshotted). */
  data: unknown;
  /** Also deliver to this URL (a message's `callback_url`), signed with the account's default secret. */
  callbackUrl?: string | null;
}

/** Options of {@link Webhooks}; the gateway passes its own through. */
export interface WebhooksOptions {
  /** The gateway's clock: events, deadlines, retries and grace periods all run on it. */
  clock: Clock;
  /**
   * Sends webhook deliveries.
   * @default globalThis.fetch
   */
  fetch?: WebhookFetch;
  /**
   * Milliseconds a rotated-out webhook secret keeps signing next to the new one.
   * @default 86400000 (24 h)
   */
  rotationGraceMs?: number;
  /**
   * Milliseconds a delivery attempt may wait for an answer.
   * @default 10000
   */
  attemptTimeoutMs?: number;
  /**
   * Makes the `evt_…` and `wh_…` ids.
   * @default randomIds()
   */
  ids?: IdGenerator;
  /**
   * Most endpoints per account.
   * @default 20
   */
  maxEndpointsPerAccount?: number;
  /**
   * Most delivery attempts in flight to one URL.
   * @default 4
   */
  maxInFlightPerEndpoint?: number;
  /**
   * Most delivery attempts in flight in total.
   * @default 64
   */
  maxInFlight?: number;
  /** Where endpoints, secrets and pending deliveries are written (the `data` option). @default none */
  journal?: Journal;
}

/**
 * Endpoints, events and their deliveries for one gateway.
 * @example
 * ```ts
 * webhooks.publish(account.id, { type: 'message.sent', data: message, callbackUrl: record.callbackUrl });
 * ```
 */
export class Webhooks {
  /** The registered endpoints and their secrets. */
  readonly endpoints: WebhookEndpointStore;
  /** Sends deliveries and keeps their log. */
  readonly dispatcher: WebhookDispatcher;
  readonly #clock: Pick<Clock, 'now'>;
  readonly #ids: IdGenerator;

  constructor(options: WebhooksOptions) {
    this.#clock = options.clock;
    this.#ids = options.ids ?? randomIds();
    this.endpoints = new WebhookEndpointStore({
      clock: options.clock,
      rotationGraceMs: options.rotationGraceMs,
      ids: this.#ids,
      maxPerAccount: options.maxEndpointsPerAccount,
      journal: options.journal,
    });
    this.dispatcher = new WebhookDispatcher({
      clock: options.clock,
      fetch: options.fetch,
      attemptTimeoutMs: options.attemptTimeoutMs,
      maxInFlightPerEndpoint: options.maxInFlightPerEndpoint,
      maxInFlight: options.maxInFlight,
      journal: options.journal,
    });
  }

  /**
   * Creates the event and queues its deliveries: to every endpoint of the account subscribed to
   * its type, and to `callbackUrl` when given. Returns the event at once; delivery runs in the
   * background and its failures are recorded in the delivery log, never thrown here.
   * @throws TypeError when called from untyped code with a type outside the contract.
   */
  publish(accountId: string, publication: WebhookPublication): WebhookEnvelope {
    // The type system already refuses other types; this guards JavaScript callers.
    if (!isWebhookEventType(publication.type)) {
      throw new TypeError(`Webhooks.publish: type must be a contract event type, got "${String(publication.type)}"`);
    }
    const event: WebhookEnvelope = {
      event_id: this.#ids.next('evt'),
      type: publication.type,
      created: Math.floor(this.#clock.now() / 1000),
      // A snapshot, so later changes to the object do not leak into queued retries.
      data: structuredClone(publication.data),
    };
    for (const endpoint of this.endpoints.subscribers(accountId, event.type)) {
      this.dispatcher.deliver(
        {
          webhookId: endpoint.id,
          logKey: endpoint.id,
          url: endpoint.url,
          secrets: () => this.endpoints.signingSecrets(endpoint.id),
        },
        event,
      );
    }
    if (publication.callbackUrl) {
      const secret = this.endpoints.defaultSecret(accountId);
      this.dispatcher.deliver(
        {
          webhookId: 'callback',
          logKey: callbackLogKey(accountId),
          url: publication.callbackUrl,
          secrets: () => [secret],
        },
        event,
      );
    }
    return event;
  }

  /**
   * Resumes a delivery read from the data file, signed again with the endpoint's secrets (or the
   * account's default secret for a `callback_url`) at each attempt.
   */
  resume(pending: PendingDelivery): void {
    const { webhookId, logKey, url } = pending.target;
    const accountId = logKey.startsWith('callback:') ? logKey.slice('callback:'.length) : '';
    const secrets =
      webhookId === 'callback'
        ? () => [this.endpoints.defaultSecret(accountId)]
        : () => this.endpoints.signingSecrets(webhookId);
    this.dispatcher.resume({ webhookId, logKey, url, secrets }, pending);
  }

  /** Deletes an endpoint with its delivery log and pending retries; `false` when the account has none such. */
  deleteEndpoint(accountId: string, id: string): boolean {
    if (!this.endpoints.delete(accountId, id)) return false;
    this.dispatcher.forget(id);
    return true;
  }

  /** Resolves when no delivery attempt is in flight (scheduled retries wait for the clock). */
  idle(): Promise<void> {
    return this.dispatcher.idle();
  }

  /**
   * Resolves once every delivery attempt has sent its request or is waiting on the clock, a
   * slot or its answer (never for the answer itself): the gateway registers it as a
   * `ManualClock.onSettle` hook so one `advance()` runs a whole retry schedule.
   */
  parked(): Promise<void> {
    return this.dispatcher.parked();
  }

  /** Cancels pending retries and in-flight attempts; the gateway's `close()` calls it. */
  close(): void {
    this.dispatcher.close();
  }
}

/** The delivery-log key of an account's `callback_url` deliveries (`dispatcher.deliveries(key)`). */
export function callbackLogKey(accountId: string): string {
  return `callback:${accountId}`;
}

const EVENT_TYPES: ReadonlySet<string> = new Set(WEBHOOK_EVENT_TYPES);

function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && EVENT_TYPES.has(value);
}
