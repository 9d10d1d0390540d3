import * as z from 'zod/mini';
import { MoneySchema, TimestampSchema } from './common.js';

/** Schema of {@link CallStatus}. */
export const CallStatusSchema = z.enum(['queued', 'ringing', 'in_progress', 'completed', 'failed', 'canceled']);
/**
 * Where a voice call is in its life: `queued → ringing → in_progress → completed`, or it ends
 * `failed` or `canceled`. The `voice.completed` event announces the end.
 * @useDeclaredType
 */
export type CallStatus = z.infer<typeof CallStatusSchema>;

/** Schema of {@link Call}. */
export const CallSchema = z.object({
  /** The call id, `call_…`. */
  id: z.string().check(z.startsWith('call_')),
  /** Always `call`. */
  object: z.literal('call'),
  /** Every number called, in E.164 (one entry when a single number was given; up to 1,000). */
  to: z.array(z.string()),
  /** Where the call is in its life: `queued` when created. */
  status: CallStatusSchema,
  /** The text read out by text-to-speech, or `null` for recorded audio. */
  text: z.nullable(z.string()),
  /** The URL of the recorded audio played, or `null` for text-to-speech. */
  audio_url: z.nullable(z.string()),
  /** The text-to-speech language as a BCP 47 tag, e.g. `en-GB`; `null` for recorded audio. */
  language: z.nullable(z.string()),
  /** The text-to-speech voice, when one was chosen; `null` otherwise. */
  voice: z.nullable(z.string()),
  /** How many times the text or audio is played in the call. */
  repeat: z.number(),
  /** The price charged; `null` until the call has ended and been priced. */
  price: z.nullable(MoneySchema),
  /** When the API accepted the call (ISO 8601 UTC). */
  created_at: TimestampSchema,
  /** When the call ended (ISO 8601 UTC); `null` until then. */
  completed_at: z.nullable(TimestampSchema),
});
/**
 * A text-to-speech or recorded-audio voice call to one or more numbers, as returned by
 * `POST /v1/voice/calls` and carried by the `voice.completed` event.
 * @useDeclaredType
 */
export type Call = z.infer<typeof CallSchema>;
