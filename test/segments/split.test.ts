import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from '../../src/segments/gsm7.js';
import { partsAt, scanGsm, ucs2Cuts } from '../../src/segments/split.js';
import type { NonGsmCharacter } from '../../src/segments/index.js';

describe('scanGsm()', () => {
  it('counts septets and cuts before the character that would overflow a part', () => {
    const scan = scanGsm('aaa{b', DEFAULT_COSTS, 4, null);
    expect(scan).toMatchObject({ septets: 6, uncovered: 0, cuts: [3], lastPartSeptets: 3 });
  });

  it('collects what it cannot encode, a surrogate pair once', () => {
    const collected: NonGsmCharacter[] = [];
    const scan = scanGsm('a😀ç', DEFAULT_COSTS, 153, collected);
    expect(scan.uncovered).toBe(2);
    expect(collected).toEqual([
      { char: '😀', index: 1 },
      { char: 'ç', index: 3 },
    ]);
  });

  it('counts \\r\\n pairs', () => {
    expect(scanGsm('a\r\nb\r\n\r', DEFAULT_COSTS, 153, null).crlf).toBe(2);
  });
});

describe('ucs2Cuts()', () => {
  it('cuts every n code units', () => {
    expect(ucs2Cuts('x'.repeat(10), 4)).toEqual([4, 8]);
  });

  it('cuts one earlier when a surrogate pair straddles', () => {
    expect(ucs2Cuts('xxx😀x', 4)).toEqual([3]);
  });

  it('does not move a cut for lone surrogates', () => {
    expect(ucs2Cuts('xxx\ud83dx', 4)).toEqual([4]);
  });
});

describe('partsAt()', () => {
  it('slices at the cuts', () => {
    expect(partsAt('abcdef', [2, 5])).toEqual(['ab', 'cde', 'f']);
    expect(partsAt('', [])).toEqual(['']);
  });
});
