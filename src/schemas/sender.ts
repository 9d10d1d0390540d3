import * as z from 'zod/mini';
import { Timestamp } from './common.js';

/** A sender ID registered for approval. */
export const Sender = z.object({
  id: z.string().check(z.startsWith('snd_')),
  object: z.literal('sender'),
  sender_id: z.string(),
  type: z.enum(['alphanumeric', 'numeric']),
  country: z.nullable(z.string()),
  use_case: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  rejection_reason: z.nullable(z.string()),
  created_at: Timestamp,
});
/** A sender ID registered for approval. */
export type Sender = z.infer<typeof Sender>;
