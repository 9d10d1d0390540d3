// Shapes shared by the event bus, the dispatcher and the webhooks handler.

import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../schemas/common.js';

// One list for the SDK and the gateway: the bus accepts only these, so a typo in a publisher
// fails type-checking instead of silently reaching no endpoint.
export { WEBHOOK_EVENT_TYPES, type WebhookEventType };

/** Whether `value` names an event type of the contract. */
export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** The JSON body POSTed to a webhook endpoint. */
export interface WebhookEventEnvelope<Data = unknown> {
  /** `evt_…`, the same on every retry of this event to every endpoint: receivers dedupe on it. */
  event_id: string;
  /** What happened, e.g. `message.delivered`. */
  type: WebhookEventType;
  /** Unix seconds on the gateway's clock when the event happened. */
  created: number;
  /** The object the event is about, as the API returns it (a Message for `message.*`). */
  data: Data;
}

/** One try at delivering an event to one URL. */
export interface WebhookDeliveryAttempt {
  /** ISO 8601 time the attempt started. */
  at: string;
  /** The receiver's HTTP status, or `null` when no answer came. */
  status_code: number | null;
  /** Why the attempt failed without an answer (`timeout`, `connection_error: …`), else `null`. */
  error: string | null;
}

/** The log entry of one event's delivery to one endpoint, as `GET /v1/webhooks/:id/deliveries` lists it. */
export interface WebhookDeliveryRecord {
  /** The event's `event_id`: one record per event per endpoint. */
  id: string;
  /** Always `webhook_delivery`. */
  object: 'webhook_delivery';
  /** The endpoint's `wh_…` id (for a `callback_url` delivery: `callback`). */
  webhook_id: string;
  /** The `evt_…` id the receiver sees in the body. */
  event_id: string;
  /** The event's type. */
  type: WebhookEventType;
  /** `pending` while retries remain, then `succeeded` or `failed`. */
  status: 'pending' | 'succeeded' | 'failed';
  /** Every finished attempt, oldest first (one in flight is listed once it has an outcome). */
  attempts: WebhookDeliveryAttempt[];
  /** ISO 8601 time of the next retry, or `null` when none is scheduled. */
  next_retry_at: string | null;
  /** ISO 8601 time the delivery was queued. */
  created_at: string;
}
