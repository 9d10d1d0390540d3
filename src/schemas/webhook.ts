import * as z from 'zod/mini';
import { Timestamp, WebhookEventType } from './common.js';

/** A URL registered to receive signed webhook events. */
export const WebhookEndpoint = z.object({
  /** The endpoint id, `wh_…`. */
  id: z.string().check(z.startsWith('wh_')),
  /** Always `webhook_endpoint`. */
  object: z.literal('webhook_endpoint'),
  /** Where events are POSTed. */
  url: z.string(),
  /** The event types it receives. */
  events: z.array(WebhookEventType),
  /** A note for people, or `null`. */
  description: z.nullable(z.string()),
  /** When it was registered. */
  created_at: Timestamp,
  /** The signing secret (`whsec_…`): present only in the answers to create and rotate_secret. */
  secret: z.optional(z.string().check(z.startsWith('whsec_'))),
  /** After rotate_secret: until when the previous secret keeps signing alongside the new one. */
  previous_secret_expires_at: z.optional(z.nullable(Timestamp)),
});
/** A URL registered to receive signed webhook events. */
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** The answer to `DELETE /v1/webhooks/:id`. */
export const WebhookEndpointDeleted = z.object({
  /** The deleted endpoint's id. */
  id: z.string(),
  /** Always `webhook_endpoint`. */
  object: z.literal('webhook_endpoint'),
  /** Always `true`. */
  deleted: z.literal(true),
});
/** The answer to deleting a webhook endpoint. */
export type WebhookEndpointDeleted = z.infer<typeof WebhookEndpointDeleted>;

/** The account's default signing secret, which signs deliveries to a message's `callback_url`. */
export const WebhookSecret = z.object({
  /** Always `webhook_secret`. */
  object: z.literal('webhook_secret'),
  /** The secret, `whsec_…`: keep it out of logs. */
  secret: z.string().check(z.startsWith('whsec_')),
});
/** The account's default signing secret. */
export type WebhookSecret = z.infer<typeof WebhookSecret>;

/** One attempt to deliver an event to an endpoint. */
export const WebhookDeliveryAttempt = z.object({
  /** When the attempt was made. */
  at: Timestamp,
  /** The receiver's HTTP status, or `null` when it could not be reached or did not answer in time. */
  status_code: z.nullable(z.number()),
  /** Why the attempt got no answer (`timeout`, `connection_error: …`), else `null`. */
  error: z.nullable(z.string()),
});
/** One attempt to deliver an event to an endpoint. */
export type WebhookDeliveryAttempt = z.infer<typeof WebhookDeliveryAttempt>;

/** The delivery of one event to one endpoint, with every attempt so far. */
export const WebhookDelivery = z.object({
  /** The delivery id (one per event per endpoint). */
  id: z.string(),
  /** Always `webhook_delivery`. */
  object: z.literal('webhook_delivery'),
  /** The endpoint it goes to. */
  webhook_id: z.string(),
  /** The event delivered: the same `evt_…` on every retry. */
  event_id: z.string().check(z.startsWith('evt_')),
  /** The event type. */
  type: WebhookEventType,
  /** `pending` while retries remain, then `succeeded` or `failed`. */
  status: z.enum(['pending', 'succeeded', 'failed']),
  /** Every attempt so far, oldest first. */
  attempts: z.array(WebhookDeliveryAttempt),
  /** When the next retry is due; `null` once delivered or given up. */
  next_retry_at: z.nullable(Timestamp),
  /** When the event was first sent to this endpoint. */
  created_at: Timestamp,
});
/** The delivery of one event to one endpoint. */
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
