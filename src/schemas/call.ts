import * as z from 'zod/mini';
import { MoneySchema, TimestampSchema } from './common.js';

/** Schema of {@link CallStatus}. */
export const CallStatusSchema = z.enum(['queued', 'ringing', 'answered', 'no_answer', 'busy', 'failed', 'completed']);
/**
 * Where a voice call (or one number of it, a {@link CallLeg}) is in its life:
 * `queued → ringing → answered | no_answer | busy | failed → completed`.
 *
 * - `queued`: accepted, not dialled yet.
 * - `ringing`: the phone is ringing.
 * - `answered`: picked up; the text or audio is playing.
 * - `no_answer`: nobody picked up before the ring timeout.
 * - `busy`: the line was busy.
 * - `failed`: the number could not be reached (`error` on the leg says why).
 * - `completed`: hung up; final. The leg's `outcome` keeps which of the four it was.
 *
 * A call with several numbers shows the most advanced state of the numbers still in progress
 * (`answered` before `ringing` before `queued`), and `completed` once every number is; the
 * `voice.completed` event announces that.
 * @useDeclaredType
 */
export type CallStatus = z.infer<typeof CallStatusSchema>;

/** Schema of {@link CallOutcome}. */
export const CallOutcomeSchema = z.enum(['answered', 'no_answer', 'busy', 'failed']);
/** How a call to one number ended: picked up, not picked up, busy, or unreachable. @useDeclaredType */
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

/** Schema of {@link CallEvent}. */
export const CallEventSchema = z.object({
  /** The status reached. */
  status: CallStatusSchema,
  /** When (ISO 8601 UTC). */
  at: TimestampSchema,
});
/** One step of a call leg's history. @useDeclaredType */
export type CallEvent = z.infer<typeof CallEventSchema>;

/** Schema of {@link CallLeg}. */
export const CallLegSchema = z.object({
  /** The number called, in E.164. */
  to: z.string(),
  /** Where this number's call is in its life. */
  status: CallStatusSchema,
  /** How it ended (`null` until it has): kept once `status` is `completed`. */
  outcome: z.nullable(CallOutcomeSchema),
  /** ISO 3166-1 alpha-2 country the number is priced as, or `null`. */
  country: z.nullable(z.string()),
  /** Seconds from pick-up to hang-up (`0` when not answered); `null` until completed. */
  duration: z.nullable(z.number()),
  /** What this number cost: each started minute of an answered call; `null` until completed. */
  price: z.nullable(MoneySchema),
  /** Why the call failed (`outcome: 'failed'`), else `null`. */
  error: z.nullable(
    z.object({
      /** Machine-readable reason, e.g. `unreachable`. */
      code: z.string(),
      /** What happened, for people. */
      message: z.string(),
    }),
  ),
  /** When it was picked up, or `null`. */
  answered_at: z.nullable(TimestampSchema),
  /** When it hung up, or `null`. */
  completed_at: z.nullable(TimestampSchema),
  /** Its status history, oldest first. */
  events: z.array(CallEventSchema),
});
/** The call to one of a call's numbers: its status, outcome, duration and price. @useDeclaredType */
export type CallLeg = z.infer<typeof CallLegSchema>;

/** Schema of {@link Call}. */
export const CallSchema = z.object({
  /** The call id, `call_…`. */
  id: z.string().check(z.startsWith('call_')),
  /** Always `call`. */
  object: z.literal('call'),
  /** Every number called, in E.164 (one entry when a single number was given; up to 1,000). */
  to: z.array(z.string()),
  /** Where the call is in its life: `queued` when created, `completed` once every number hung up. */
  status: CallStatusSchema,
  /** The text read out by text-to-speech, or `null` for recorded audio. */
  text: z.nullable(z.string()),
  /** The URL of the recorded audio played, or `null` for text-to-speech. */
  audio_url: z.nullable(z.string()),
  /**
   * The text-to-speech language as a BCP 47 tag, e.g. `en-GB`: the one asked for, else the first
   * number's country language (as for OTP texts); `null` for recorded audio.
   */
  language: z.nullable(z.string()),
  /** The text-to-speech voice, when one was chosen; `null` otherwise. */
  voice: z.nullable(z.string()),
  /** How many times the text or audio is played in the call. */
  repeat: z.number(),
  /** Seconds answered, summed over every number; `null` until the call has completed. */
  duration: z.nullable(z.number()),
  /** The price charged (the legs' prices added up); `null` until the call has completed. */
  price: z.nullable(MoneySchema),
  /** One entry per number, in the order of `to`. */
  legs: z.array(CallLegSchema),
  /** When the API accepted the call (ISO 8601 UTC). */
  created_at: TimestampSchema,
  /** When the last number hung up (ISO 8601 UTC); `null` until then. */
  completed_at: z.nullable(TimestampSchema),
});
/**
 * A text-to-speech or recorded-audio voice call to one or more numbers, as returned by
 * `POST /v1/voice/calls` and carried by the `voice.completed` event.
 * @useDeclaredType
 */
export type Call = z.infer<typeof CallSchema>;
