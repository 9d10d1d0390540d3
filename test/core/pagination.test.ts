import { describe, expect, it } from 'vitest';
import { OneMessageError } from '../../src/core/errors.js';
import { PagePromise } from '../../src/core/pagination.js';

// Ten items in pages of `size`; the fetcher counts requests so laziness can be checked.
function list(size: number) {
  const items = Array.from({ length: 10 }, (_, i) => ({ id: `msg_${i}` }));
  const requests: (string | null)[] = [];
  const fetchPage = (cursor: string | null): PagePromise<{ id: string }> => {
    requests.push(cursor);
    const start = cursor === null ? 0 : items.findIndex((i) => i.id === cursor) + 1;
    const data = items.slice(start, start + size);
    const has_more = start + size < items.length;
    const body = { object: 'list' as const, data, has_more, next_cursor: has_more ? data.at(-1)!.id : null };
    return new PagePromise(Promise.resolve({ data: body, status: 200, headers: new Headers() }), fetchPage);
  };
  return { first: () => fetchPage(null), requests };
}

describe('PagePromise', () => {
  it('awaits to the first page with the wire envelope', async () => {
    const page = await list(4).first();
    expect(page.data.map((m) => m.id)).toEqual(['msg_0', 'msg_1', 'msg_2', 'msg_3']);
    expect(page).toMatchObject({ object: 'list', has_more: true, next_cursor: 'msg_3' });
    expect(page.hasNextPage()).toBe(true);
    expect(JSON.parse(JSON.stringify(page))).toEqual({
      object: 'list',
      data: page.data,
      has_more: true,
      next_cursor: 'msg_3',
    });
  });

  it('iterates every item across pages once, in order', async () => {
    const { first, requests } = list(3);
    const ids: string[] = [];
    for await (const message of first()) ids.push(message.id);
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `msg_${i}`));
    expect(requests).toEqual([null, 'msg_2', 'msg_5', 'msg_8']);
  });

  it('fetches the next page only when iteration reaches it', async () => {
    const { first, requests } = list(3);
    for await (const message of first()) if (message.id === 'msg_1') break;
    expect(requests).toEqual([null]);
  });

  it('walks pages with getNextPage and iterPages, and refuses a next page after the last', async () => {
    const { first } = list(5);
    const page = await first();
    const second = await page.getNextPage();
    expect(second.data[0]!.id).toBe('msg_5');
    expect(second.hasNextPage()).toBe(false);
    // A promise that rejects, never a synchronous throw that .catch() would miss.
    const past = second.getNextPage();
    await expect(past).rejects.toThrow(OneMessageError);
    await expect(second.getNextPage()).rejects.toThrow('No next page');
    const sizes: number[] = [];
    for await (const p of page.iterPages()) sizes.push(p.data.length);
    expect(sizes).toEqual([5, 5]);
  });

  it('takes the first N items across pages, fetching only the pages it needs', async () => {
    const { first, requests } = list(3);
    expect((await first().take(5)).map((m) => m.id)).toEqual(['msg_0', 'msg_1', 'msg_2', 'msg_3', 'msg_4']);
    expect(requests).toEqual([null, 'msg_2']);
    expect(await list(3).first().take(50)).toHaveLength(10);
    expect(await list(3).first().take(0)).toEqual([]);
  });

  it('rejects a count that is not a whole number of items', async () => {
    await expect(list(3).first().take(-1)).rejects.toThrow(OneMessageError);
    await expect(list(3).first().take(2.5)).rejects.toThrow('whole number');
  });
});
