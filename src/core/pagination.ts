import { named } from '../internal/brand.js';
import type { List } from '../schemas/list.js';
import { APIPromise, type RawResponse } from './api-promise.js';
import { OneMessageError } from './errors.js';

/** Fetches the page that starts after `cursor`. */
export type PageFetcher<T> = (cursor: string) => PagePromise<T>;

/**
 * One page of a list, newest first. Its fields are the wire envelope; it is also an async
 * iterable over every item of this page and the pages after it.
 */
export class Page<T> implements List<T>, AsyncIterable<T> {
  static {
    named(this, 'Page');
  }

  /** Always `list`. */
  readonly object = 'list' as const;
  /** The objects on this page. */
  data: T[];
  /** True when another page follows. */
  has_more: boolean;
  /** The id to pass as `starting_after` for the next page; `null` on the last page. */
  next_cursor: string | null;
  readonly #fetchPage: PageFetcher<T>;

  /** Wraps a list envelope; SDK methods build these, callers do not need to. */
  constructor(body: List<T>, fetchPage: PageFetcher<T>) {
    this.data = body.data;
    this.has_more = body.has_more;
    this.next_cursor = body.next_cursor;
    this.#fetchPage = fetchPage;
  }

  /** True when another page follows this one. */
  hasNextPage(): boolean {
    return this.has_more && this.next_cursor !== null;
  }

  /**
   * Requests the next page; rejects with a {@link OneMessageError} when there is none (check
   * {@link Page.hasNextPage} first). It never throws synchronously, so `.catch()` sees every failure.
   */
  getNextPage(): PagePromise<T> {
    if (!this.hasNextPage() || this.next_cursor === null) {
      const error = new OneMessageError('No next page: check hasNextPage() before calling getNextPage().');
      return new PagePromise<T>(Promise.reject(error), this.#fetchPage);
    }
    return this.#fetchPage(this.next_cursor);
  }

  /** Iterates over this page and every page after it, one request per page, as they are needed. */
  async *iterPages(): AsyncGenerator<Page<T>, void, undefined> {
    yield this;
    let page = this.hasNextPage() ? await this.getNextPage() : undefined;
    while (page) {
      yield page;
      page = page.hasNextPage() ? await page.getNextPage() : undefined;
    }
  }

  /** Yields every item of this page and the pages after it. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * What a `list` method returns: awaiting it gives the first {@link Page}; `for await` over it
 * gives every item across all pages.
 * @example
 * for await (const message of client.messages.list({ status: 'delivered' })) console.log(message.id);
 */
export class PagePromise<T> extends APIPromise<Page<T>> implements AsyncIterable<T> {
  static {
    named(this, 'PagePromise');
  }

  /** Wraps a promise of a first page; SDK methods build these, callers do not need to. */
  constructor(raw: Promise<RawResponse<List<T>>>, fetchPage: PageFetcher<T>) {
    super(raw.then((r) => ({ ...r, data: new Page(r.data, fetchPage) })));
  }

  /** Yields every item of every page, starting with the first. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    const page = await this;
    yield* page;
  }

  /**
   * The first `count` items across pages, fetching only the pages they need. `limit` in the list
   * params is the page size; this is the total (what Twilio's `limit` means).
   * @example
   * const latest = await client.messages.list({ status: 'failed' }).take(250);
   */
  async take(count: number): Promise<T[]> {
    if (!Number.isInteger(count) || count < 0) {
      // The first page is already on its way: observe its failure so it cannot go unhandled.
      this.then(undefined, () => undefined);
      throw new OneMessageError(`take(count) needs a whole number of items, 0 or more; got ${String(count)}.`);
    }
    const items: T[] = [];
    if (count === 0) {
      await this;
      return items;
    }
    for await (const item of this) {
      items.push(item);
      if (items.length === count) break;
    }
    return items;
  }
}
