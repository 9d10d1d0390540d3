import * as z from 'zod/mini';

/** Builds the schema of a page of `item`s: `{ object: 'list', data, has_more, next_cursor }`. */
export function listOf<T extends z.core.$ZodType>(item: T) {
  return z.object({
    object: z.literal('list'),
    data: z.array(item),
    has_more: z.boolean(),
    next_cursor: z.nullable(z.string()),
  });
}

/** A page of objects, newest first; pass `next_cursor` as `starting_after` for the next page. */
export interface List<T> {
  /** Always `list`. */
  object: 'list';
  /** The objects on this page. */
  data: T[];
  /** True when another page follows. */
  has_more: boolean;
  /** The id to pass as `starting_after` for the next page; `null` on the last page. */
  next_cursor: string | null;
}
