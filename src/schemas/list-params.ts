import * as z from 'zod/mini';
import { isRecord, NOT_AN_OBJECT, rule, toIssues, type ValidationResult } from './validation.js';

// A number, or a digit string as it arrives in a query string.
const limit = z.union([z.number(), z.string()]).check(
  rule((v: number | string) => {
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 100;
  }, 'must be a whole number from 1 to 100'),
);

/** The shape of list parameters every list endpoint accepts. */
export const ListParamsSchema = z.strictObject({
  /**
   * Page size, 1–100. A digit string (from a query string) is accepted and converted.
   * @default 20
   */
  limit: z.optional(limit),
  /** The `next_cursor` of the previous page. */
  starting_after: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
});
/** Parameters every list endpoint accepts. */
export interface ListParams {
  /**
   * Page size, 1–100.
   * @default 20
   */
  limit?: number;
  /** The `next_cursor` of the previous page. */
  starting_after?: string;
}

/**
 * Validates list parameters (`limit`, `starting_after`); query-string values are accepted, so
 * `limit: '50'` becomes `50`.
 */
export async function validateListParams(input: unknown): Promise<ValidationResult<ListParams>> {
  return validateList(ListParamsSchema, input ?? {});
}

/** Validates `input` against a list-params `schema`, turning a digit-string `limit` into a number. */
export async function validateList<T extends ListParams>(
  schema: z.ZodMiniType,
  input: unknown,
): Promise<ValidationResult<T>> {
  if (!isRecord(input)) return { ok: false, issues: [NOT_AN_OBJECT] };
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: toIssues(parsed.error.issues, input) };
  const value = { ...input } as unknown as T;
  if (typeof input.limit === 'string') value.limit = Number(input.limit);
  return { ok: true, value };
}
