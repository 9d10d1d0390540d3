import * as z from 'zod/mini';
import { Direction, Encoding, MessageStatus, Metadata, Money, Route, Timestamp } from './common.js';

/** One entry of a message's delivery-report history. */
export const MessageEvent = z.object({
  /** The status the message reached. */
  status: MessageStatus,
  /** When it reached it (ISO 8601 UTC). */
  at: Timestamp,
  /** The operator's own status or error code, when it sent one. */
  operator_code: z.optional(z.string()),
});
/** One entry of a message's delivery-report history. */
export type MessageEvent = z.infer<typeof MessageEvent>;

/** Why a message failed, expired or was rejected. */
export const MessageError = z.object({
  /** A machine-readable reason, e.g. `unreachable` or `operator_error`. */
  code: z.string(),
  /** A sentence for people. */
  message: z.string(),
});
/** Why a message failed, expired or was rejected. */
export type MessageError = z.infer<typeof MessageError>;

/** An SMS, sent or received. */
export const Message = z.object({
  /** The message id, `msg_…`. */
  id: z.string().check(z.startsWith('msg_')),
  /** Always `message`. */
  object: z.literal('message'),
  /** `outbound` for messages the account sent, `inbound` for messages it received. */
  direction: Direction,
  /** The recipient in E.164. */
  to: z.string(),
  /** The sender ID or number it was sent from. */
  sender: z.string(),
  /** The text as sent (after autoconvert). */
  body: z.string(),
  /** The delivery route. */
  route: Route,
  /** Where the message is in its life. */
  status: MessageStatus,
  /** The SMS alphabet it is sent in. */
  encoding: Encoding,
  /** How many SMS parts it takes (and is billed for). */
  segments: z.number(),
  /** User-perceived characters in the body. */
  characters: z.number(),
  /** The price charged (or, for a dry run, that would be charged). */
  price: Money,
  /** ISO 3166-1 alpha-2 country of `to`. */
  country: z.nullable(z.string()),
  /** The operator the message was routed to, when known. */
  operator: z.nullable(z.string()),
  /** When a scheduled message goes out; `null` when sent at once. */
  scheduled_at: z.nullable(Timestamp),
  /** When the API accepted it. */
  created_at: Timestamp,
  /** When the operator accepted it; `null` until then. */
  sent_at: z.nullable(Timestamp),
  /** When the handset confirmed it; `null` until then. */
  delivered_at: z.nullable(Timestamp),
  /** Why it failed, expired or was rejected; `null` otherwise. */
  error: z.nullable(MessageError),
  /** The string key/value pairs given at creation. */
  metadata: Metadata,
  /** True for a dry run: validated and priced, never sent. */
  dry_run: z.boolean(),
  /** The delivery-report history, oldest first. */
  events: z.array(MessageEvent),
});
/** An SMS, sent or received. */
export type Message = z.infer<typeof Message>;

/** The outcome of one entry of a batch: the message id, or why it was rejected. */
export const BatchResult = z.union([
  z.object({
    /** The entry's position in the request's `messages`. */
    index: z.number(),
    /** The id of the message created for it. */
    id: z.string(),
  }),
  z.object({
    /** The entry's position in the request's `messages`. */
    index: z.number(),
    /** Why the entry was rejected. */
    error: z.object({
      /** The contract error code, e.g. `invalid_phone_number`. */
      code: z.string(),
      /** A sentence for people. */
      message: z.string(),
      /** The parameter at fault, when there is one. */
      param: z.optional(z.nullable(z.string())),
    }),
  }),
]);
/** The outcome of one entry of a batch. */
export type BatchResult = z.infer<typeof BatchResult>;

/** The result of `POST /v1/messages/batch`: one bad recipient never fails the others. */
export const Batch = z.object({
  /** The batch id, `batch_…`. */
  id: z.string().check(z.startsWith('batch_')),
  /** Always `batch`. */
  object: z.literal('batch'),
  /** How many entries became messages. */
  accepted: z.number(),
  /** How many entries were rejected. */
  rejected: z.number(),
  /** One outcome per entry, in request order. */
  results: z.array(BatchResult),
});
/** The result of a batch send. */
export type Batch = z.infer<typeof Batch>;
