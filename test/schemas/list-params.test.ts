import { describe, expect, it } from 'vitest';
import { validateListParams } from '../../src/schemas/list-params.js';

describe('validateListParams', () => {
  it('accepts limit and starting_after, turning a query-string limit into a number', async () => {
    expect(await validateListParams({ limit: '100', starting_after: 'wh_1' })).toEqual({
      ok: true,
      value: { limit: 100, starting_after: 'wh_1' },
    });
  });

  it('refuses filters it does not know, an empty cursor and an out-of-range limit', async () => {
    const result = await validateListParams({ status: 'x', starting_after: '', limit: 0 });
    expect(result.ok ? [] : result.issues.map((i) => i.param).sort()).toEqual(['limit', 'starting_after', 'status']);
  });
});
