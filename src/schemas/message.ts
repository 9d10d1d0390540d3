import * as z from 'zod/mini';
import {
  DirectionSchema,
  EncodingSchema,
  MessageStatusSchema,
  MetadataSchema,
  MoneySchema,
  RouteSchema,
  TimestampSchema,
} from './common.js';

/** Schema of {@link MessageEvent}. */
export const MessageEventSchema = z.object({
  /** The status the message reached at this step. */
  status: MessageStatusSchema,
  /** When it reached it, ISO 8601 UTC, e.g. `2026-11-21T10:00:02.000Z`. */
  at: TimestampSchema,
  /** The operator's own status or error code, when it sent one, e.g. `DELIVRD` or `EC_ABSENT_SUBSCRIBER`; absent otherwise. */
  operator_code: z.optional(z.string()),
});
/**
 * One entry of a message's delivery-report (DLR) history: a status the message reached and when.
 * @useDeclaredType
 */
export type MessageEvent = z.infer<typeof MessageEventSchema>;

/** Schema of {@link MessageError}. */
export const MessageErrorSchema = z.object({
  /**
   * A machine-readable reason: `operator_error`, `unreachable`, `unknown_subscriber` or
   * `carrier_blocked` for `failed`; `validity_expired` for `expired`; `forbidden_content` for
   * `rejected`. Branch on this, not on `message`.
   */
  code: z.string(),
  /** A sentence for people, e.g. `The number is not in service.`; wording may change. */
  message: z.string(),
});
/**
 * Why a message failed, expired or was rejected: `Message.error` holds one for those statuses
 * and is `null` otherwise.
 * @useDeclaredType
 */
export type MessageError = z.infer<typeof MessageErrorSchema>;

/** Schema of {@link Message}. */
export const MessageSchema = z.object({
  /** The message id, `msg_…`: pass it to `messages.retrieve` or `messages.cancel`. */
  id: z.string().check(z.startsWith('msg_')),
  /** Always `message`. */
  object: z.literal('message'),
  /** `outbound` for messages the account sent, `inbound` for messages it received. */
  direction: DirectionSchema,
  /** The recipient in E.164, e.g. `+447911123456` (for `inbound`, the account's number that received it). */
  to: z.string(),
  /** The alphanumeric sender ID (e.g. `OneMSG`) or E.164 number it was sent from. */
  sender: z.string(),
  /** The text as sent, after `autoconvert` replaced any look-alike characters. */
  body: z.string(),
  /** The delivery route it took. */
  route: RouteSchema,
  /** Where the message is in its life; `message.*` webhook events announce each change. */
  status: MessageStatusSchema,
  /** The SMS alphabet it is sent in: `GSM-7`, or `UCS-2` when the text needs characters GSM-7 lacks. */
  encoding: EncodingSchema,
  /** How many SMS parts it takes and is billed for: 1 for up to 160 GSM-7 or 70 UCS-2 characters. */
  segments: z.number(),
  /** How many characters the body has, as a person counts them (an emoji is one). */
  characters: z.number(),
  /** The price charged for all its segments, or for a dry run what would be charged. */
  price: MoneySchema,
  /** The ISO 3166-1 alpha-2 country of `to`, e.g. `GB`; `null` for non-geographic numbers. */
  country: z.nullable(z.string()),
  /** The name of the operator the message was routed to, e.g. `EE`; `null` when unknown. */
  operator: z.nullable(z.string()),
  /** When a scheduled message goes out (ISO 8601 UTC); `null` when it was sent at once. */
  scheduled_at: z.nullable(TimestampSchema),
  /** When the API accepted it (ISO 8601 UTC). */
  created_at: TimestampSchema,
  /** When the operator accepted it (status `sent`); `null` until then. */
  sent_at: z.nullable(TimestampSchema),
  /** When the handset confirmed it (status `delivered`); `null` until then. */
  delivered_at: z.nullable(TimestampSchema),
  /** Why it `failed`, `expired` or was `rejected`; `null` in every other status. */
  error: z.nullable(MessageErrorSchema),
  /** The string key/value pairs given at creation, returned unchanged; `{}` when none. */
  metadata: MetadataSchema,
  /** True for a dry run (`dry_run: true` at creation): validated and priced, never sent nor stored. */
  dry_run: z.boolean(),
  /** Every status the message reached, oldest first, with the operator's codes. */
  events: z.array(MessageEventSchema),
});
/**
 * An SMS, sent or received: what `messages.create`, `messages.retrieve` and `messages.list`
 * return, and the `data` of every `message.*` webhook event.
 * @useDeclaredType
 */
export type Message = z.infer<typeof MessageSchema>;

/** Schema of {@link BatchResult}. */
export const BatchResultSchema = z.union([
  z.object({
    /** The entry's position in the request's `messages`. */
    index: z.number(),
    /** The id (`msg_…`) of the message created for it. */
    id: z.string(),
  }),
  z.object({
    /** The entry's position in the request's `messages`. */
    index: z.number(),
    /** Why the entry was rejected; no message was created for it. */
    error: z.object({
      /** The contract error code, e.g. `invalid_phone_number` or `invalid_sender`. */
      code: z.string(),
      /** A sentence for people; never contains a secret. */
      message: z.string(),
      /** The entry's parameter at fault, e.g. `to`, when there is one. */
      param: z.optional(z.nullable(z.string())),
    }),
  }),
]);
/**
 * The outcome of one entry of a batch: `{ index, id }` when a message was created for it, or
 * `{ index, error }` when the entry was rejected. Tell them apart with `'error' in result`.
 * @useDeclaredType
 */
export type BatchResult = z.infer<typeof BatchResultSchema>;

/** Schema of {@link Batch}. */
export const BatchSchema = z.object({
  /** The batch id, `batch_…`. */
  id: z.string().check(z.startsWith('batch_')),
  /** Always `batch`. */
  object: z.literal('batch'),
  /** How many entries became messages. */
  accepted: z.number(),
  /** How many entries were rejected. */
  rejected: z.number(),
  /** What the accepted entries cost together (charged, or for a dry run what they would cost). */
  price: MoneySchema,
  /** True when `defaults.dry_run` was set: every entry was validated and priced, none sent or stored. */
  dry_run: z.boolean(),
  /** One outcome per entry, in request order: `results[i].index === i`. */
  results: z.array(BatchResultSchema),
});
/**
 * The result of `POST /v1/messages/batch` (1–10,000 entries): one bad recipient never fails
 * the others, so check `rejected` and the `error` entries of `results`.
 * @useDeclaredType
 */
export type Batch = z.infer<typeof BatchSchema>;
