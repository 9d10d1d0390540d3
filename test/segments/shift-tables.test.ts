import { describe, expect, it } from 'vitest';
import { portuguese, segments, spanish, turkish } from '../../src/segments/index.js';

describe('national language tables', () => {
  it.each([turkish, portuguese])('$language locking-shift table has 128 septets', (tables) => {
    expect(tables.lockingShift).toHaveLength(128);
    expect(tables.lockingShift?.charAt(0x1b)).toBe('\x1b');
  });

  it('Spanish has a single-shift table only', () => {
    expect(spanish.lockingShift).toBeUndefined();
    expect(spanish.singleShift).toContain('ç');
  });

  it.each([
    [turkish, 1],
    [spanish, 2],
    [portuguese, 3],
  ] as const)('$language has its 3GPP identifier', (tables, id) => {
    expect(tables.identifier).toBe(id);
  });
});

describe('segments() with languageShift', () => {
  it('keeps plain GSM-7 text free of shift headers', () => {
    expect(segments('Hello', { languageShift: turkish })).toMatchObject({
      lockingShift: null,
      singleShift: null,
      unitsPerSegment: 160,
    });
  });

  it('sends Turkish as GSM-7 with one shift table instead of UCS-2', () => {
    const result = segments('Şişli’de buluşalım', { languageShift: turkish, autoconvert: 'on' });
    expect(result).toMatchObject({ encoding: 'GSM-7', segments: 1, unitsPerSegment: 155, userDataHeaderOctets: 4 });
    expect(segments('Şişli’de buluşalım').encoding).toBe('UCS-2');
  });

  it('prefers the pair with most room when both tables give the same parts', () => {
    // Ş is 1 septet in the Turkish locking table, 2 in its single-shift table.
    expect(segments('Ş', { languageShift: turkish })).toMatchObject({
      lockingShift: 'turkish',
      singleShift: null,
      units: 1,
    });
  });

  it('sends Spanish accents through the single-shift table (2 septets each)', () => {
    const result = segments('¿Dónde está? Mañana', { languageShift: spanish });
    expect(result).toMatchObject({ encoding: 'GSM-7', singleShift: 'spanish', lockingShift: null, units: 21 });
  });

  it('combines a locking table of one language with the single-shift table of another', () => {
    const result = segments('ş ç ã', { languageShift: [portuguese, turkish] });
    expect(result).toMatchObject({
      encoding: 'GSM-7',
      lockingShift: 'portuguese',
      singleShift: 'turkish',
      unitsPerSegment: 152,
    });
  });

  it('takes the shift headers out of each part: 155 alone, 149 per concatenated part', () => {
    expect(segments('ı'.repeat(155), { languageShift: turkish }).segments).toBe(1);
    const result = segments('ı'.repeat(156), { languageShift: turkish });
    expect(result.parts.map((p) => p.length)).toEqual([149, 7]);
    expect(result).toMatchObject({ unitsPerSegment: 149, remaining: 142, userDataHeaderOctets: 9 });
  });

  it('uses only the single-shift table when the locking table is left out', () => {
    const result = segments('ı'.repeat(75), { languageShift: { ...turkish, lockingShift: undefined } });
    expect(result).toMatchObject({ lockingShift: null, singleShift: 'turkish', units: 150, segments: 1 });
  });

  it('keeps plain GSM-7 when a shift table would not save a part', () => {
    expect(segments('a'.repeat(159), { languageShift: [turkish, portuguese] }).unitsPerSegment).toBe(160);
    expect(segments('a'.repeat(200) + '{', { languageShift: turkish })).toMatchObject({
      lockingShift: null,
      singleShift: null,
      segments: 2,
    });
  });

  it('uses a shift table on GSM-7 text when it saves a part', () => {
    // € costs 2 septets with the default extension table but 1 in the Portuguese locking table.
    expect(segments('€'.repeat(100)).segments).toBe(2);
    const euros = segments('€'.repeat(100), { languageShift: portuguese });
    expect(euros).toMatchObject({ encoding: 'GSM-7', units: 100, lockingShift: 'portuguese', segments: 1 });
  });

  it('reports what no enabled table encodes when the text must go as UCS-2', () => {
    const result = segments('ş ok 😀', { languageShift: turkish });
    expect(result.encoding).toBe('UCS-2');
    expect(result.nonGsmCharacters).toEqual([{ char: '😀', index: 5 }]);
  });

  it('throws GsmEncodingError with GSM-7 forced only when no table pair can encode the text', () => {
    expect(segments('ş', { languageShift: turkish, encoding: 'GSM-7' }).encoding).toBe('GSM-7');
    expect(() => segments('ş😀', { languageShift: turkish, encoding: 'GSM-7' })).toThrow(/"😀" at 1/);
  });
});
