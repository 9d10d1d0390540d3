import * as z from 'zod/mini';
import { Money, Timestamp } from './common.js';

/** Where a voice call is in its life. */
export const CallStatus = z.enum(['queued', 'ringing', 'in_progress', 'completed', 'failed', 'canceled']);
/** Where a voice call is in its life. */
export type CallStatus = z.infer<typeof CallStatus>;

/** A text-to-speech or recorded-audio voice call to one or more numbers. */
export const Call = z.object({
  /** The call id, `call_…`. */
  id: z.string().check(z.startsWith('call_')),
  /** Always `call`. */
  object: z.literal('call'),
  /** Every number called, in E.164 (one entry when a single number was given). */
  to: z.array(z.string()),
  /** Where the call is in its life. */
  status: CallStatus,
  /** The text read out by text-to-speech, or `null` for recorded audio. */
  text: z.nullable(z.string()),
  /** The recorded audio played, or `null` for text-to-speech. */
  audio_url: z.nullable(z.string()),
  /** The text-to-speech language, e.g. `en-GB`. */
  language: z.nullable(z.string()),
  /** The text-to-speech voice. */
  voice: z.nullable(z.string()),
  /** How many times the message is played. */
  repeat: z.number(),
  /** The price charged, once known. */
  price: z.nullable(Money),
  /** When the API accepted the call. */
  created_at: Timestamp,
  /** When the call ended; `null` until then. */
  completed_at: z.nullable(Timestamp),
});
/** A voice call. */
export type Call = z.infer<typeof Call>;
