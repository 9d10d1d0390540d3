import * as z from 'zod/mini';
import { TimestampSchema } from './common.js';

/** Schema of {@link Sender}. */
export const SenderSchema = z.object({
  /** The registration id, `snd_…`. */
  id: z.string().check(z.startsWith('snd_')),
  /** Always `sender`. */
  object: z.literal('sender'),
  /** The sender ID as recipients see it: a name such as `OneMSG` or an E.164 number. */
  sender_id: z.string(),
  /**
   * `alphanumeric` for a name (3–11 letters, digits and spaces; recipients cannot reply to it),
   * `numeric` for a phone number.
   */
  type: z.enum(['alphanumeric', 'numeric']),
  /** The country it is registered for (ISO 3166-1 alpha-2, e.g. `GB`), or `null` for every country. */
  country: z.nullable(z.string()),
  /** What the sender is used for, as declared at registration. */
  use_case: z.string(),
  /**
   * The approval state: `pending` after registration, then `approved` or `rejected`, announced by
   * the `sender.approved` / `sender.rejected` events.
   */
  status: z.enum(['pending', 'approved', 'rejected']),
  /** Why it was rejected, for people; `null` unless `status` is `rejected`. */
  rejection_reason: z.nullable(z.string()),
  /** When it was registered (ISO 8601 UTC). */
  created_at: TimestampSchema,
});
/**
 * A sender ID registered for approval. Sending from an alphanumeric sender that is not
 * `approved` fails with 403 `sender_not_approved`.
 * @useDeclaredType
 */
export type Sender = z.infer<typeof SenderSchema>;
