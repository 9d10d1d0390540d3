import * as z from 'zod/mini';
import { Direction, Encoding, MessageStatus, Metadata, Money, Route, Timestamp } from './common.js';

/** One entry of a message's delivery-report history. */
export const MessageEvent = z.object({
  status: MessageStatus,
  at: Timestamp,
  /** The operator's own status or error code, when it sent one. */
  operator_code: z.optional(z.string()),
});
/** One entry of a message's delivery-report history. */
export type MessageEvent = z.infer<typeof MessageEvent>;

/** Why a message failed, expired or was rejected. */
export const MessageError = z.object({
  code: z.string(),
  message: z.string(),
});
/** Why a message failed, expired or was rejected. */
export type MessageError = z.infer<typeof MessageError>;

/** An SMS, sent or received. */
export const Message = z.object({
  id: z.string().check(z.startsWith('msg_')),
  object: z.literal('message'),
  direction: Direction,
  to: z.string(),
  sender: z.string(),
  body: z.string(),
  route: Route,
  status: MessageStatus,
  encoding: Encoding,
  segments: z.number(),
  characters: z.number(),
  /** The price charged (or, for a dry run, that would be charged). */
  price: Money,
  /** ISO 3166-1 alpha-2 country of `to`. */
  country: z.nullable(z.string()),
  operator: z.nullable(z.string()),
  scheduled_at: z.nullable(Timestamp),
  created_at: Timestamp,
  sent_at: z.nullable(Timestamp),
  delivered_at: z.nullable(Timestamp),
  error: z.nullable(MessageError),
  metadata: Metadata,
  dry_run: z.boolean(),
  events: z.array(MessageEvent),
});
/** An SMS, sent or received. */
export type Message = z.infer<typeof Message>;

/** The outcome of one entry of a batch: the message id, or why it was rejected. */
export const BatchResult = z.union([
  z.object({ index: z.number(), id: z.string() }),
  z.object({
    index: z.number(),
    error: z.object({ code: z.string(), message: z.string(), param: z.optional(z.nullable(z.string())) }),
  }),
]);
/** The outcome of one entry of a batch. */
export type BatchResult = z.infer<typeof BatchResult>;

/** The result of `POST /v1/messages/batch`: one bad recipient never fails the others. */
export const Batch = z.object({
  id: z.string().check(z.startsWith('batch_')),
  object: z.literal('batch'),
  accepted: z.number(),
  rejected: z.number(),
  results: z.array(BatchResult),
});
/** The result of a batch send. */
export type Batch = z.infer<typeof Batch>;
