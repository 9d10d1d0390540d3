import * as z from 'zod/mini';
import { Money, Timestamp } from './common.js';

/** One credit top-up. */
export const TopUp = z.object({
  /** The amount added, a decimal string. */
  amount: Money.shape.amount,
  /** Its ISO 4217 currency. */
  currency: Money.shape.currency,
  /** When it was added. */
  at: Timestamp,
});
/** One credit top-up. */
export type TopUp = z.infer<typeof TopUp>;

/** The account's credit. */
export const Balance = z.object({
  /** Always `balance`. */
  object: z.literal('balance'),
  /** The credit available for sending. */
  available: Money,
  /** Crossing this amount emits `balance.low`; `null` when no threshold is set. */
  low_balance_threshold: z.nullable(Money),
  /** The latest top-ups, newest first. */
  recent_top_ups: z.array(TopUp),
});
/** The account's credit. */
export type Balance = z.infer<typeof Balance>;
