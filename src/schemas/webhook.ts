import * as z from 'zod/mini';
import { Timestamp, WebhookEventType } from './common.js';

/** A URL registered to receive signed webhook events. */
export const WebhookEndpoint = z.object({
  id: z.string().check(z.startsWith('wh_')),
  object: z.literal('webhook_endpoint'),
  url: z.string(),
  events: z.array(WebhookEventType),
  description: z.nullable(z.string()),
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
  id: z.string(),
  object: z.literal('webhook_endpoint'),
  deleted: z.literal(true),
});
/** The answer to deleting a webhook endpoint. */
export type WebhookEndpointDeleted = z.infer<typeof WebhookEndpointDeleted>;

/** The account's default signing secret, which signs deliveries to a message's `callback_url`. */
export const WebhookSecret = z.object({
  object: z.literal('webhook_secret'),
  secret: z.string().check(z.startsWith('whsec_')),
});
/** The account's default signing secret. */
export type WebhookSecret = z.infer<typeof WebhookSecret>;

/** One attempt to deliver an event to an endpoint. */
export const WebhookDeliveryAttempt = z.object({
  at: Timestamp,
  /** The receiver's HTTP status, or `null` when it could not be reached or did not answer in time. */
  status_code: z.nullable(z.number()),
  error: z.nullable(z.string()),
});
/** One attempt to deliver an event to an endpoint. */
export type WebhookDeliveryAttempt = z.infer<typeof WebhookDeliveryAttempt>;

/** The delivery of one event to one endpoint, with every attempt so far. */
export const WebhookDelivery = z.object({
  id: z.string(),
  object: z.literal('webhook_delivery'),
  webhook_id: z.string().check(z.startsWith('wh_')),
  event_id: z.string().check(z.startsWith('evt_')),
  type: WebhookEventType,
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.array(WebhookDeliveryAttempt),
  /** When the next retry is due; `null` once delivered or given up. */
  next_retry_at: z.nullable(Timestamp),
  created_at: Timestamp,
});
/** The delivery of one event to one endpoint. */
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
