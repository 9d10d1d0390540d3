import type { List } from '../schemas/list.js';
import { APIPromise, type WithResponse } from './api-promise.js';

/** Fetches the page that starts after `cursor`. */
export type PageFetcher<T> = (cursor: string) => PagePromise<T>;

/**
 * One page of a list, newest first. Its fields are the wire envelope; it is also an async
 * iterable over every item of this page and the pages after it.
 */
export class Page<T> implements List<T>, AsyncIterable<T> {
  readonly object = 'list' as const;
  data: T[];
  has_more: boolean;
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

  /** Requests the next page; throws when there is none (check {@link Page.hasNextPage} first). */
  getNextPage(): PagePromise<T> {
    if (!this.hasNextPage() || this.next_cursor === null) {
      throw new Error('No next page: check hasNextPage() before calling getNextPage().');
    }
    return this.#fetchPage(this.next_cursor);
  }

  /** Iterates over this page and every page after it, one request per page, as they are needed. */
  async *iterPages(): AsyncGenerator<Page<T>, void, undefined> {
    let page: Page<T> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

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
  /** Wraps a promise of a first page; SDK methods build these, callers do not need to. */
  constructor(response: Promise<WithResponse<List<T>>>, fetchPage: PageFetcher<T>) {
    super(response.then(({ data, response: info }) => ({ data: new Page(data, fetchPage), response: info })));
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    const page = await this;
    yield* page;
  }
}
