import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/gateway/errors.js';
import { listQuery, paginate } from '../../src/gateway/pagination.js';

const items = ['e', 'd', 'c', 'b', 'a'].map((id) => ({ id, even: 'bd'.includes(id) }));

describe('paginate', () => {
  it('pages newest first with has_more and next_cursor, starting after the cursor', () => {
    expect(paginate(items, { limit: 2 })).toEqual({
      object: 'list',
      data: [items[0], items[1]],
      has_more: true,
      next_cursor: 'd',
    });
    expect(paginate(items, { limit: 2, starting_after: 'b' })).toMatchObject({ data: [items[4]], has_more: false });
  });

  it('filters after the cursor, which need not match the filter itself', () => {
    const page = paginate(items, { starting_after: 'c' }, (item) => !item.even);
    expect(page.data.map((item) => item.id)).toEqual(['a']);
  });

  it('refuses an unknown cursor with 400 naming starting_after', () => {
    expect(() => paginate(items, { starting_after: 'zz' })).toThrowError(
      expect.objectContaining({ status: 400, code: 'invalid_parameter', param: 'starting_after' }),
    );
  });
});

describe('listQuery', () => {
  it('reads limit from the query string with the shared validator, and refuses what it refuses', async () => {
    expect(await listQuery(new URL('http://x/v1/webhooks?limit=5'))).toEqual({ limit: 5 });
    const refused = await listQuery(new URL('http://x/v1/webhooks?limit=500')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GatewayError);
    expect(refused).toMatchObject({ status: 400, param: 'limit' });
  });
});
