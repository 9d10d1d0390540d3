/**
 * The one way to page a list: `limit` and `starting_after` read by the shared list-params
 * validators (so the SDK and the gateway refuse the same queries), newest first.
 * @module
 */

import { validateListParams, type ListParams } from '../schemas/list-params.js';
import type { ValidationResult } from '../schemas/validation.js';
import { GatewayError, orThrow } from './errors.js';

/** Page size when `limit` is not given. */
export const DEFAULT_PAGE_SIZE = 20;

/** The contract's list envelope. */
export interface ListEnvelope<T> {
  /** Always `list`. */
  object: 'list';
  /** This page, newest first. */
  data: T[];
  /** Whether another page follows. */
  has_more: boolean;
  /** The `starting_after` of the next page, or `null` on the last one. */
  next_cursor: string | null;
}

/**
 * The list parameters of a query string, validated by `validate` (default: the shared
 * `validateListParams`, which knows `limit` and `starting_after` only).
 * @throws GatewayError 400 naming the bad parameter.
 */
export async function listQuery<P extends ListParams = ListParams>(
  url: URL,
  validate: (input: unknown) => Promise<ValidationResult<P>> = validateListParams as never,
): Promise<P> {
  return orThrow(await validate(Object.fromEntries(url.searchParams)));
}

/**
 * One page of `items` (newest first): starts after the item `params.starting_after` (which must
 * be in `items`, matching `keep` or not) and keeps up to `limit` items that pass `keep`.
 * @throws GatewayError 400 when `starting_after` names no item of the list.
 */
export function paginate<T extends { id: string }>(
  items: readonly T[],
  params: ListParams,
  keep: (item: T) => boolean = () => true,
): ListEnvelope<T> {
  const limit = params.limit ?? DEFAULT_PAGE_SIZE;
  let start = 0;
  if (params.starting_after !== undefined) {
    const index = items.findIndex((item) => item.id === params.starting_after);
    if (index < 0) {
      throw new GatewayError(400, 'invalid_parameter', 'starting_after must be the id of an item in this list.', {
        param: 'starting_after',
      });
    }
    start = index + 1;
  }
  const data: T[] = [];
  let hasMore = false;
  for (let index = start; index < items.length; index++) {
    const item = items[index]!;
    if (!keep(item)) continue;
    if (data.length === limit) {
      hasMore = true;
      break;
    }
    data.push(item);
  }
  return { object: 'list', data, has_more: hasMore, next_cursor: hasMore ? data.at(-1)!.id : null };
}
