// The events a webhook endpoint receives. Wire types come from src/schemas/ as types only, so this
// entry never loads zod at run time.
import type { Balance } from '../schemas/balance.js';
import type { Call } from '../schemas/call.js';
import type { Message } from '../schemas/message.js';
import type { Otp } from '../schemas/otp.js';
import type { Sender } from '../schemas/sender.js';

// Re-exported so a handler can name the objects it receives without a second import path.
export type { Balance, Call, Message, Otp, Sender };
export type { WebhookEventType } from '../schemas/common.js';

/**
 * The envelope every webhook delivery shares: `data` is the object the event is about, exactly as
 * the API returns it.
 */
export interface WebhookEventBase<TType extends string, TData> {
  /** `evt_…`: the same on every retry of one delivery, so use it to ignore duplicates. */
  event_id: string;
  /** What happened. */
  type: TType;
  /** When it happened, in unix seconds. */
  created: number;
  /** The object the event is about. */
  data: TData;
}

/** An outbound message was handed to the operator. */
export type MessageSentEvent = WebhookEventBase<'message.sent', Message>;
/** The operator confirmed delivery to the handset. */
export type MessageDeliveredEvent = WebhookEventBase<'message.delivered', Message>;
/** The operator reported a failure; see `data.error`. */
export type MessageFailedEvent = WebhookEventBase<'message.failed', Message>;
/** No delivery report arrived within the message's `validity_seconds`. */
export type MessageExpiredEvent = WebhookEventBase<'message.expired', Message>;
/** An inbound SMS arrived at one of the account's numbers (`data.direction` is `inbound`). */
export type MessageReceivedEvent = WebhookEventBase<'message.received', Message>;
/** A one-time password was verified successfully. */
export type OtpVerifiedEvent = WebhookEventBase<'otp.verified', Otp>;
/** A sender ID was approved and can be used. */
export type SenderApprovedEvent = WebhookEventBase<'sender.approved', Sender>;
/** A sender ID was rejected; see `data.rejection_reason`. */
export type SenderRejectedEvent = WebhookEventBase<'sender.rejected', Sender>;
/** The balance crossed below `low_balance_threshold`. */
export type BalanceLowEvent = WebhookEventBase<'balance.low', Balance>;
/** A voice call finished. */
export type VoiceCompletedEvent = WebhookEventBase<'voice.completed', Call>;

/**
 * A verified webhook event, discriminated on `type`: a `switch (event.type)` narrows `data`.
 * Keep a `default` branch: the API may add event types before your SDK version knows them.
 *
 * @example
 * ```ts
 * switch (event.type) {
 *   case 'message.delivered':
 *     console.log(event.data.to, event.data.delivered_at);
 *     break;
 *   case 'balance.low':
 *     console.log(event.data.available.amount);
 *     break;
 * }
 * ```
 */
export type WebhookEvent =
  | MessageSentEvent
  | MessageDeliveredEvent
  | MessageFailedEvent
  | MessageExpiredEvent
  | MessageReceivedEvent
  | OtpVerifiedEvent
  | SenderApprovedEvent
  | SenderRejectedEvent
  | BalanceLowEvent
  | VoiceCompletedEvent;

/** The event of one type, e.g. `WebhookEventOf<'sender.rejected'>`. */
export type WebhookEventOf<TType extends WebhookEvent['type']> = Extract<
  WebhookEvent,
  WebhookEventBase<TType, unknown>
>;
