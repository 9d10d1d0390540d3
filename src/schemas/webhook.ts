import * as z from 'zod/mini';
import { TimestampSchema, WebhookEventTypeSchema } from './common.js';

/** Schema of {@link WebhookEndpoint}. */
export const WebhookEndpointSchema = z.object({
  /** The endpoint id, `wh_…`. */
  id: z.string().check(z.startsWith('wh_')),
  /** Always `webhook_endpoint`. */
  object: z.literal('webhook_endpoint'),
  /** Where events are POSTed: an absolute http(s) URL, e.g. `https://example.com/hooks/onemessage`. */
  url: z.string(),
  /** The event types it receives, e.g. `['message.delivered', 'message.failed']`. */
  events: z.array(WebhookEventTypeSchema),
  /** A note for people (up to 500 characters), or `null`. */
  description: z.nullable(z.string()),
  /** When it was registered (ISO 8601 UTC). */
  created_at: TimestampSchema,
  /**
   * The signing secret (`whsec_…`) to pass to `verifyWebhook`: present only in the answers to
   * create and `rotate_secret`, so store it then. Keep it out of logs.
   */
  secret: z.optional(z.string().check(z.startsWith('whsec_'))),
  /**
   * After `rotate_secret`: until when (ISO 8601 UTC) the previous secret keeps signing alongside
   * the new one, so receivers can switch without dropping events; absent otherwise.
   */
  previous_secret_expires_at: z.optional(z.nullable(TimestampSchema)),
});
/**
 * A URL registered to receive signed webhook events: every event of a type it lists is POSTed
 * to it, signed in `X-OneMessage-Signature`, and retried (same `event_id`) until it answers 2xx.
 * @useDeclaredType
 */
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

/** Schema of {@link WebhookEndpointDeleted}. */
export const WebhookEndpointDeletedSchema = z.object({
  /** The deleted endpoint's id, `wh_…`. */
  id: z.string(),
  /** Always `webhook_endpoint`. */
  object: z.literal('webhook_endpoint'),
  /** Always `true`. */
  deleted: z.literal(true),
});
/**
 * The answer to `DELETE /v1/webhooks/:id`. Pending retries to the endpoint are dropped.
 * @useDeclaredType
 */
export type WebhookEndpointDeleted = z.infer<typeof WebhookEndpointDeletedSchema>;

/** Schema of {@link WebhookSecret}. */
export const WebhookSecretSchema = z.object({
  /** Always `webhook_secret`. */
  object: z.literal('webhook_secret'),
  /** The secret, `whsec_…`, to pass to `verifyWebhook`: keep it out of logs. */
  secret: z.string().check(z.startsWith('whsec_')),
});
/**
 * The account's default signing secret (`GET /v1/webhooks/default_secret`), which signs the
 * events sent to a message's `callback_url`.
 * @useDeclaredType
 */
export type WebhookSecret = z.infer<typeof WebhookSecretSchema>;

/** Schema of {@link WebhookDeliveryAttempt}. */
export const WebhookDeliveryAttemptSchema = z.object({
  /** When the attempt was made (ISO 8601 UTC). */
  at: TimestampSchema,
  /** The receiver's HTTP status, e.g. `200` or `500`; `null` when it could not be reached or did not answer within 10 s. */
  status_code: z.nullable(z.number()),
  /** Why the attempt got no answer (`timeout`, `connection_error: …`); `null` when it answered. */
  error: z.nullable(z.string()),
});
/**
 * One attempt to deliver an event to an endpoint. Any answer but 2xx, or none within 10 s,
 * counts as failed and is retried.
 * @useDeclaredType
 */
export type WebhookDeliveryAttempt = z.infer<typeof WebhookDeliveryAttemptSchema>;

/** Schema of {@link WebhookDelivery}. */
export const WebhookDeliverySchema = z.object({
  /** The delivery id (one per event per endpoint). */
  id: z.string(),
  /** Always `webhook_delivery`. */
  object: z.literal('webhook_delivery'),
  /** The id (`wh_…`) of the endpoint it goes to. */
  webhook_id: z.string(),
  /** The event delivered, `evt_…`: the same on every retry, so receivers can drop duplicates. */
  event_id: z.string().check(z.startsWith('evt_')),
  /** The event type, e.g. `message.delivered`. */
  type: WebhookEventTypeSchema,
  /** `pending` while retries remain, then `succeeded` (a 2xx answer) or `failed` (every retry used). */
  status: z.enum(['pending', 'succeeded', 'failed']),
  /** Every attempt so far, oldest first. */
  attempts: z.array(WebhookDeliveryAttemptSchema),
  /** When the next retry is due (ISO 8601 UTC); `null` once delivered or given up. */
  next_retry_at: z.nullable(TimestampSchema),
  /** When the event was first sent to this endpoint (ISO 8601 UTC). */
  created_at: TimestampSchema,
});
/**
 * The delivery of one event to one endpoint, with every attempt so far: what
 * `webhooks.deliveries` lists. Failed attempts are retried up to 7 times over 24 h with
 * exponential backoff.
 * @useDeclaredType
 */
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
