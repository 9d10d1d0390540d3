import * as z from 'zod/mini';
import { Money, Timestamp } from './common.js';

/** One credit top-up. */
export const TopUp = z.object({
  amount: Money.shape.amount,
  currency: Money.shape.currency,
  at: Timestamp,
});
/** One credit top-up. */
export type TopUp = z.infer<typeof TopUp>;

/** The account's credit. */
export const Balance = z.object({
  object: z.literal('balance'),
  available: Money,
  /** Crossing this amount emits `balance.low`; `null` when no threshold is set. */
  low_balance_threshold: z.nullable(Money),
  recent_top_ups: z.array(TopUp),
});
/** The account's credit. */
export type Balance = z.infer<typeof Balance>;
