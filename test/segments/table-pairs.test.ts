import { describe, expect, it } from 'vitest';
import { portuguese, spanish, turkish } from '../../src/segments/index.js';
import { DEFAULT_PAIR, encodableBy, shiftPairs, tablePair } from '../../src/segments/table-pairs.js';

describe('tablePair(): capacity left after the User Data Header', () => {
  it.each([
    ['no shift table', null, null, 160, 153, 0, 6],
    ['a single-shift table', null, spanish, 155, 149, 4, 9],
    ['a locking-shift table', turkish, null, 155, 149, 4, 9],
    ['both shift tables', portuguese, turkish, 152, 146, 7, 12],
  ] as const)(
    'with %s: %i septets alone, %i per concatenated part',
    (_, locking, single, one, many, oneHeader, manyHeader) => {
      const pair = tablePair(locking, single);
      expect(pair.singlePartCapacity).toBe(one);
      expect(pair.multiPartCapacity).toBe(many);
      expect(pair.singlePartHeader).toBe(oneHeader);
      expect(pair.multiPartHeader).toBe(manyHeader);
    },
  );

  it('uses the default tables for the default pair', () => {
    expect(DEFAULT_PAIR.costs['€'.charCodeAt(0)]).toBe(2);
    expect(DEFAULT_PAIR.costs['A'.charCodeAt(0)]).toBe(1);
  });

  it('replaces the default alphabet by the locking table and the extension table by the single-shift table', () => {
    const pair = tablePair(turkish, spanish);
    expect(pair.costs['ı'.charCodeAt(0)]).toBe(1); // Turkish locking
    expect(pair.costs['á'.charCodeAt(0)]).toBe(2); // Spanish single shift
    expect(pair.costs['è'.charCodeAt(0)] ?? 0).toBe(0); // default alphabet, absent from Turkish locking
  });
});

describe('shiftPairs()', () => {
  it('lists every locking × single combination but the default, cheapest header first', () => {
    const pairs = shiftPairs([turkish, spanish]);
    const names = pairs.map((p) => `${p.locking?.language ?? '-'}/${p.single?.language ?? '-'}`);
    // Spanish has no locking table: 2 lockings (default, Turkish) × 3 singles − the default pair.
    expect(names).toEqual(['-/turkish', '-/spanish', 'turkish/-', 'turkish/turkish', 'turkish/spanish']);
  });
});

describe('encodableBy()', () => {
  it('accepts what any enabled table encodes', () => {
    const encodable = encodableBy([turkish]);
    expect(encodable('ş'.charCodeAt(0))).toBe(true);
    expect(encodable('è'.charCodeAt(0))).toBe(true);
    expect(encodable('ã'.charCodeAt(0))).toBe(false);
    expect(encodable(0x1b)).toBe(false);
  });
});
