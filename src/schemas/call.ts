import * as z from 'zod/mini';
import { Money, Timestamp } from './common.js';

/** Where a voice call is in its life. */
export const CallStatus = z.enum(['queued', 'ringing', 'in_progress', 'completed', 'failed', 'canceled']);
/** Where a voice call is in its life. */
export type CallStatus = z.infer<typeof CallStatus>;

/** A text-to-speech or recorded-audio voice call to one or more numbers. */
export const Call = z.object({
  id: z.string().check(z.startsWith('call_')),
  object: z.literal('call'),
  /** Every number called, in E.164 (one entry when a single number was given). */
  to: z.array(z.string()),
  status: CallStatus,
  text: z.nullable(z.string()),
  audio_url: z.nullable(z.string()),
  language: z.nullable(z.string()),
  voice: z.nullable(z.string()),
  repeat: z.number(),
  price: z.nullable(Money),
  created_at: Timestamp,
  completed_at: z.nullable(Timestamp),
});
/** A voice call. */
export type Call = z.infer<typeof Call>;
