import * as z from 'zod/mini';

/** An ISO 8601 UTC timestamp string, e.g. `2026-11-21T10:00:00.000Z`. */
export const Timestamp = z.string();

/**
 * An amount of money: a decimal string and an ISO 4217 currency, never a float.
 * @example { amount: '0.0350', currency: 'EUR' }
 */
export const Money = z.object({
  /** A decimal string, e.g. `"0.0350"`. */
  amount: z.string().check(z.regex(/^-?\d+(\.\d+)?$/)),
  /** An ISO 4217 code, e.g. `"EUR"`. */
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
});
/** An amount of money: a decimal string and an ISO 4217 currency. */
export type Money = z.infer<typeof Money>;

/** Where a message is in its life: `scheduled → queued → sent → delivered | failed | expired`, or `canceled` / `rejected`. */
export const MessageStatus = z.enum([
  'scheduled',
  'queued',
  'sent',
  'delivered',
  'failed',
  'expired',
  'canceled',
  'rejected',
]);
/** Where a message is in its life. */
export type MessageStatus = z.infer<typeof MessageStatus>;

/** The SMS alphabet a message is sent in. */
export const Encoding = z.enum(['GSM-7', 'UCS-2']);
/** The SMS alphabet a message is sent in. */
export type Encoding = z.infer<typeof Encoding>;

/** The delivery route: direct to the operator, or through a reseller. */
export const Route = z.enum(['local_operator', 'local_reseller']);
/** The delivery route. */
export type Route = z.infer<typeof Route>;

/** Whether a message was sent by the account (`outbound`) or received by one of its numbers (`inbound`). */
export const Direction = z.enum(['outbound', 'inbound']);
/** Whether a message was sent or received. */
export type Direction = z.infer<typeof Direction>;

/** Whether look-alike characters are replaced so a text stays in GSM-7: `off` (default), `on` (punctuation and spaces), `full` (also accented letters). */
export const Autoconvert = z.enum(['off', 'on', 'full']);
/** Autoconvert mode. */
export type Autoconvert = z.infer<typeof Autoconvert>;

/** Free-form string key/value pairs stored with an object and returned as given. */
export const Metadata = z.record(z.string(), z.string());
/** Free-form string key/value pairs. */
export type Metadata = z.infer<typeof Metadata>;

/** Every webhook event type in the contract. */
export const WEBHOOK_EVENT_TYPES = [
  'message.sent',
  'message.delivered',
  'message.failed',
  'message.expired',
  'message.received',
  'otp.verified',
  'sender.approved',
  'sender.rejected',
  'balance.low',
  'voice.completed',
] as const;

/** A webhook event type. */
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
/** A webhook event type, e.g. `message.delivered`. */
export type WebhookEventType = z.infer<typeof WebhookEventType>;
