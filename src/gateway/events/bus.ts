// One event bus per gateway: every resource announces what happened here, once.
import type { Clock } from '../clock.js';
import { type IdGenerator, randomIds } from '../ids.js';
import type { WebhookDispatcher } from './dispatcher.js';
import type { WebhookEndpointStore } from './endpoints.js';
import { isWebhookEventType, type WebhookEventEnvelope, type WebhookEventType } from './types.js';

/** What a publisher hands to {@link EventBus.publish}. */
export interface PublishInput<Data = unknown> {
  /** A contract event type; anything else is a programming error and throws. */
  type: WebhookEventType | (string & {});
  /** The object the event is about, exactly as the API would return it now. */
  data: Data;
  /** Also deliver to this URL (a message's `callback_url`), signed with the account's default secret. */
  callbackUrl?: string | null;
}

/** Options of {@link EventBus}. */
export interface EventBusOptions {
  /** Stamps each event's `created`. */
  clock: Pick<Clock, 'now'>;
  /** Who is subscribed to what, and with which secrets. */
  endpoints: WebhookEndpointStore;
  /** Sends the deliveries. */
  dispatcher: WebhookDispatcher;
  /**
   * Makes the `evt_…` ids.
   * @default randomIds()
   */
  ids?: IdGenerator;
}

/**
 * Turns "this happened" into an event and fans it out: to every endpoint of the account
 * subscribed to the type, and to the `callbackUrl` when one is given.
 *
 * @example
 * ```ts
 * bus.publish(account.id, { type: 'message.delivered', data: message, callbackUrl: message.callback_url });
 * ```
 */
export class EventBus {
  readonly #clock: Pick<Clock, 'now'>;
  readonly #endpoints: WebhookEndpointStore;
  readonly #dispatcher: WebhookDispatcher;
  readonly #ids: IdGenerator;

  constructor(options: EventBusOptions) {
    this.#clock = options.clock;
    this.#endpoints = options.endpoints;
    this.#dispatcher = options.dispatcher;
    this.#ids = options.ids ?? randomIds();
  }

  /**
   * Creates the event and queues its deliveries; returns the event at once. Delivery is
   * asynchronous and its failures never reach the publisher.
   * @throws TypeError when `type` is not a contract event type.
   */
  publish<Data>(accountId: string, input: PublishInput<Data>): WebhookEventEnvelope<Data> {
    if (!isWebhookEventType(input.type)) {
      throw new TypeError(`EventBus.publish: type must be a contract event type, got "${String(input.type)}"`);
    }
    const event: WebhookEventEnvelope<Data> = {
      event_id: this.#ids.next('evt'),
      type: input.type,
      created: Math.floor(this.#clock.now() / 1000),
      // A snapshot, so later changes to the object do not leak into queued retries.
      data: structuredClone(input.data),
    };
    for (const endpoint of this.#endpoints.subscribers(accountId, event.type)) {
      this.#dispatcher.deliver(
        {
          webhookId: endpoint.id,
          logKey: endpoint.id,
          url: endpoint.url,
          secrets: () => this.#endpoints.signingSecrets(endpoint.id),
        },
        event,
      );
    }
    if (input.callbackUrl) {
      const secret = this.#endpoints.defaultSecret(accountId);
      this.#dispatcher.deliver(
        { webhookId: 'callback', logKey: callbackLogKey(accountId), url: input.callbackUrl, secrets: () => [secret] },
        event,
      );
    }
    return event;
  }
}

/** The delivery-log key under which an account's `callback_url` deliveries are recorded. */
export function callbackLogKey(accountId: string): string {
  return `callback:${accountId}`;
}
