// The gateway's webhook machinery in one object: endpoints, bus, dispatcher.
import type { Clock } from '../clock.js';
import type { EventPublisher, GatewayEvent } from '../context.js';
import type { IdGenerator } from '../ids.js';
import type { Account } from '../store.js';
import { callbackLogKey, EventBus } from './bus.js';
import { WebhookDispatcher, type WebhookFetch } from './dispatcher.js';
import { WebhookEndpointStore } from './endpoints.js';
import type { WebhookDeliveryRecord } from './types.js';

export { EventBus, type EventBusOptions, type PublishInput } from './bus.js';
export {
  WEBHOOK_ORDERING_WAIT_MS,
  WebhookDispatcher,
  type DeliveryTarget,
  type WebhookDispatcherOptions,
  type WebhookFetch,
} from './dispatcher.js';
export {
  DEFAULT_ROTATION_GRACE_MS,
  WebhookEndpointStore,
  type CreatedWebhookEndpoint,
  type RotatedWebhookSecret,
  type WebhookEndpointInput,
  type WebhookEndpointStoreOptions,
  type WebhookEndpointView,
} from './endpoints.js';
export * from './retry-schedule.js';
export * from './types.js';

/** Options of {@link createGatewayEvents}; the gateway passes its own through. */
export interface GatewayEventsOptions {
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
   * Makes the `evt_…` and `wh_…` ids (the gateway's own generator, so tests can make them sequential).
   * @default randomIds()
   */
  ids?: IdGenerator;
}

/**
 * Everything the gateway needs for webhooks: it is the gateway's {@link EventPublisher}.
 * Create one per gateway with {@link createGatewayEvents}.
 */
export interface GatewayEvents extends EventPublisher {
  /**
   * Announces an event to the account's endpoints subscribed to its type (and to `callbackUrl`).
   * Deliveries run in the background; {@link EventBus.publish} also returns the event.
   * @throws TypeError when `event.type` is not a contract event type.
   */
  publish(account: Account | string, event: GatewayEvent): void;
  /** The bus behind {@link GatewayEvents.publish}. */
  readonly bus: EventBus;
  /** The registered endpoints and their secrets. */
  readonly endpoints: WebhookEndpointStore;
  /** Sends deliveries and keeps their log. */
  readonly dispatcher: WebhookDispatcher;
  /** The secret that signs the account's `callback_url` deliveries (created on first use). */
  defaultSecret(account: Account | string): string;
  /** The log of the account's `callback_url` deliveries, newest first. */
  callbackDeliveries(account: Account | string): readonly WebhookDeliveryRecord[];
  /** Resolves when no delivery attempt is in flight (scheduled retries wait for the clock). */
  idle(): Promise<void>;
  /** Cancels pending retries and in-flight attempts; the gateway's `close()` calls it. */
  close(): void;
}

/**
 * Builds the webhook machinery of one gateway.
 *
 * @example
 * ```ts
 * const events = createGatewayEvents({ clock, fetch: options.fetch, ids });
 * events.publish(account, { type: 'message.sent', data: message, callbackUrl: message.callback_url });
 * events.close(); // from gateway.close()
 * ```
 */
export function createGatewayEvents(options: GatewayEventsOptions): GatewayEvents {
  const endpoints = new WebhookEndpointStore({
    clock: options.clock,
    rotationGraceMs: options.rotationGraceMs,
    ids: options.ids,
  });
  const dispatcher = new WebhookDispatcher({
    clock: options.clock,
    fetch: options.fetch,
    attemptTimeoutMs: options.attemptTimeoutMs,
  });
  const bus = new EventBus({ clock: options.clock, endpoints, dispatcher, ids: options.ids });
  return {
    publish: (account, event) => {
      bus.publish(accountId(account), event);
    },
    bus,
    endpoints,
    dispatcher,
    defaultSecret: (account) => endpoints.defaultSecret(accountId(account)),
    callbackDeliveries: (account) => dispatcher.deliveries(callbackLogKey(accountId(account))),
    idle: () => dispatcher.idle(),
    close: () => dispatcher.close(),
  };
}

function accountId(account: Account | string): string {
  return typeof account === 'string' ? account : account.id;
}
