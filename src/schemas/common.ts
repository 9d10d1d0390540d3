import * as z from 'zod/mini';

// Each schema is named `<Type>Schema` and its type `<Type>`: a value and a type sharing one name
// makes typedoc document the zod object instead of the wire type.

/** Schema of an ISO 8601 UTC timestamp string, e.g. `2026-11-21T10:00:00.000Z`. */
export const TimestampSchema = z.string();

/** Schema of {@link Money}. */
export const MoneySchema = z.object({
  /** The amount as a decimal string, never a float, e.g. `"0.0350"`. */
  amount: z.string().check(z.regex(/^-?\d+(\.\d+)?$/)),
  /** The ISO 4217 currency code, upper case, e.g. `"EUR"`. */
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
});
/**
 * An amount of money: a decimal string and an ISO 4217 currency, never a float, so prices and
 * balances add up exactly. Use a decimal library (or integer minor units) to do arithmetic on it.
 * @example { amount: '0.0350', currency: 'EUR' }
 * @useDeclaredType
 */
export type Money = z.infer<typeof MoneySchema>;

/** Schema of {@link MessageStatus}. */
export const MessageStatusSchema = z.enum([
  'scheduled',
  'queued',
  'sent',
  'delivered',
  'failed',
  'expired',
  'canceled',
  'rejected',
]);
/**
 * Where a message is in its life: `scheduled → queued → sent → delivered | failed | expired`, or
 * `canceled` / `rejected`.
 *
 * - `scheduled`: accepted with a future `scheduled_at`; can still be canceled.
 * - `queued`: accepted and waiting to be handed to the operator.
 * - `sent`: the operator accepted it (`sent_at` is set); waiting for the handset's delivery report.
 * - `delivered`: the handset confirmed it (`delivered_at` is set). Final.
 * - `failed`: the operator could not deliver it (`error` says why). Final.
 * - `expired`: no delivery report within `validity_seconds`. Final.
 * - `canceled`: a scheduled message canceled before it went out. Final.
 * - `rejected`: refused by content policy, never sent (`error` says why). Final.
 * @useDeclaredType
 */
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

/** Schema of {@link Encoding}. */
export const EncodingSchema = z.enum(['GSM-7', 'UCS-2']);
/**
 * The SMS alphabet a message is sent in, which sets how many characters fit in a part:
 * `GSM-7` (160 in one part, 153 per part when split; `^ { } \ [ ~ ] | €` count twice) or
 * `UCS-2` (any Unicode text: 70 UTF-16 code units in one part, 67 per part).
 * @useDeclaredType
 */
export type Encoding = z.infer<typeof EncodingSchema>;

/** Schema of {@link Route}. */
export const RouteSchema = z.enum(['local_operator', 'local_reseller']);
/**
 * The delivery route: `local_operator` hands the message straight to the recipient's operator
 * (the default); `local_reseller` sends it through a reseller connection.
 * @useDeclaredType
 */
export type Route = z.infer<typeof RouteSchema>;

/** Schema of {@link Direction}. */
export const DirectionSchema = z.enum(['outbound', 'inbound']);
/**
 * Whether a message was sent by the account (`outbound`) or received by one of its numbers
 * (`inbound`, announced by the `message.received` event).
 * @useDeclaredType
 */
export type Direction = z.infer<typeof DirectionSchema>;

/** Schema of {@link Autoconvert}. */
export const AutoconvertSchema = z.enum(['off', 'on', 'full']);
/**
 * Whether look-alike characters are replaced so a text stays in GSM-7 (cheaper: more characters
 * per part): `off` sends the text as written (the default), `on` replaces typographic punctuation
 * and spaces (`’ “ ” – …`, non-breaking space), `full` also replaces accented letters that GSM-7
 * lacks.
 * @useDeclaredType
 */
export type Autoconvert = z.infer<typeof AutoconvertSchema>;

/** Schema of {@link Metadata}. */
export const MetadataSchema = z.record(z.string(), z.string());
/**
 * Free-form string key/value pairs stored with an object and returned as given, e.g. your own
 * order id. Up to 50 keys; keys 1–40 characters, values up to 500.
 * @example { order_id: '42' }
 * @useDeclaredType
 */
export type Metadata = z.infer<typeof MetadataSchema>;

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

/** Schema of {@link WebhookEventType}. */
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
/**
 * A webhook event type. `message.*` events carry a Message (`message.received` is an inbound SMS
 * to one of the account's numbers); `otp.verified` an OTP; `sender.approved` / `sender.rejected` a
 * Sender; `balance.low` the Balance once it crosses its threshold; `voice.completed` a Call.
 * @useDeclaredType
 */
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;
