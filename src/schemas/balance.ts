import * as z from 'zod/mini';
import { MoneySchema, TimestampSchema } from './common.js';

/** Schema of {@link TopUp}. */
export const TopUpSchema = z.object({
  /** The amount added, a decimal string, e.g. `"100.0000"`. */
  amount: MoneySchema.shape.amount,
  /** Its ISO 4217 currency, e.g. `"EUR"`. */
  currency: MoneySchema.shape.currency,
  /** When it was added (ISO 8601 UTC). */
  at: TimestampSchema,
});
/**
 * One credit top-up: money added to the account's balance.
 * @useDeclaredType
 */
export type TopUp = z.infer<typeof TopUpSchema>;

/** Schema of {@link Balance}. */
export const BalanceSchema = z.object({
  /** Always `balance`. */
  object: z.literal('balance'),
  /** The credit available for sending; a send it cannot cover fails with 402 `insufficient_credits`. */
  available: MoneySchema,
  /** When `available` falls below this amount the `balance.low` event is sent; `null` when no threshold is set. */
  low_balance_threshold: z.nullable(MoneySchema),
  /** The latest top-ups, newest first. */
  recent_top_ups: z.array(TopUpSchema),
});
/**
 * The account's credit, as returned by `GET /v1/balance` and carried by the `balance.low` event.
 * @useDeclaredType
 */
export type Balance = z.infer<typeof BalanceSchema>;
