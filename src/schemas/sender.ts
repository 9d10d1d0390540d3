import * as z from 'zod/mini';
import { Timestamp } from './common.js';

/** A sender ID registered for approval. */
export const Sender = z.object({
  /** The registration id, `snd_…`. */
  id: z.string().check(z.startsWith('snd_')),
  /** Always `sender`. */
  object: z.literal('sender'),
  /** The sender ID as recipients see it, e.g. `OneMSG`. */
  sender_id: z.string(),
  /** An alphanumeric name or a numeric (phone number) sender. */
  type: z.enum(['alphanumeric', 'numeric']),
  /** The country it is registered for (ISO alpha-2), or `null` for all. */
  country: z.nullable(z.string()),
  /** What the sender is used for, as declared at registration. */
  use_case: z.string(),
  /** The approval state. */
  status: z.enum(['pending', 'approved', 'rejected']),
  /** Why it was rejected; `null` unless `rejected`. */
  rejection_reason: z.nullable(z.string()),
  /** When it was registered. */
  created_at: Timestamp,
});
/** A sender ID registered for approval. */
export type Sender = z.infer<typeof Sender>;
