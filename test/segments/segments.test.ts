import { describe, expect, it } from 'vitest';
import { GsmEncodingError, segments } from '../../src/segments/index.js';

const a = (n: number): string => 'a'.repeat(n);
const ya = (n: number): string => 'я'.repeat(n); // one UTF-16 code unit, not in GSM-7
const lengths = (parts: string[]): number[] => parts.map((p) => p.length);

describe('segments(): GSM-7 single part', () => {
  it.each([
    [159, 1, 1],
    [160, 1, 0],
  ])('fits %i septets in one part', (n, parts, remaining) => {
    const result = segments(a(n));
    expect(result).toMatchObject({ encoding: 'GSM-7', segments: parts, units: n, unitsPerSegment: 160, remaining });
    expect(result.parts).toEqual([a(n)]);
    expect(result.userDataHeaderOctets).toBe(0);
  });

  it('splits 161 septets into 153 + 8 with the concatenation header', () => {
    const result = segments(a(161));
    expect(result).toMatchObject({ segments: 2, units: 161, unitsPerSegment: 153, remaining: 145 });
    expect(lengths(result.parts)).toEqual([153, 8]);
    expect(result.userDataHeaderOctets).toBe(6);
  });

  it('counts an extension character as 2 septets, so 158 + € fills one part exactly', () => {
    expect(segments(a(158) + '€')).toMatchObject({ segments: 1, units: 160, remaining: 0, characters: 159 });
  });

  it('needs two parts for 159 + € (161 septets) and keeps € with its escape', () => {
    const result = segments(a(159) + '€');
    expect(result.segments).toBe(2);
    expect(result.parts).toEqual([a(153), a(6) + '€']);
    expect(result.remaining).toBe(153 - 8);
  });
});

describe('segments(): GSM-7 part boundaries at 152–154 septets', () => {
  it('fits an extension character in septets 152–153 of the first part', () => {
    const result = segments(a(151) + '{' + a(20));
    expect(lengths(result.parts)).toEqual([152, 20]);
    expect(result.parts[0]?.endsWith('{')).toBe(true);
  });

  it('moves an extension character that would take septets 153–154 whole to the next part', () => {
    const result = segments(a(152) + '}' + a(20));
    expect(result.parts[0]).toBe(a(152)); // 152 septets: the 153rd stays empty
    expect(result.parts[1]).toBe('}' + a(20));
    expect(result.remaining).toBe(153 - 22);
  });

  it('starts the second part with an extension character at septet 154', () => {
    const result = segments(a(153) + '[' + a(20));
    expect(result.parts).toEqual([a(153), '[' + a(20)]);
  });

  it.each([
    [305, [153, 152], 1],
    [306, [153, 153], 0],
    [307, [153, 153, 1], 152],
  ])('splits %i septets into %j', (n, parts, remaining) => {
    const result = segments(a(n));
    expect(lengths(result.parts)).toEqual(parts);
    expect(result.segments).toBe(parts.length);
    expect(result.remaining).toBe(remaining);
  });
});

describe('segments(): UCS-2', () => {
  it.each([
    [69, 1, 1],
    [70, 1, 0],
  ])('fits %i code units in one part', (n, parts, remaining) => {
    expect(segments(ya(n))).toMatchObject({
      encoding: 'UCS-2',
      segments: parts,
      units: n,
      unitsPerSegment: 70,
      remaining,
    });
  });

  it('splits 71 code units into 67 + 4', () => {
    const result = segments(ya(71));
    expect(lengths(result.parts)).toEqual([67, 4]);
    expect(result).toMatchObject({ segments: 2, unitsPerSegment: 67, remaining: 63, userDataHeaderOctets: 6 });
  });

  it.each([
    [133, [67, 66]],
    [134, [67, 67]],
    [135, [67, 67, 1]],
  ])('splits %i code units into %j', (n, parts) => {
    expect(lengths(segments(ya(n)).parts)).toEqual(parts);
  });

  it('fills a part with an emoji taking code units 66–67', () => {
    const result = segments(ya(65) + '😀' + ya(10));
    expect(lengths(result.parts)).toEqual([67, 10]);
  });

  it('moves an emoji that would straddle code units 67–68 whole to the next part', () => {
    const result = segments(ya(66) + '😀' + ya(10));
    expect(result.parts).toEqual([ya(66), '😀' + ya(10)]);
    expect(result.remaining).toBe(67 - 12);
  });

  it('keeps 68 code units + one emoji (70) in one part and splits at 71', () => {
    expect(segments(ya(68) + '😀').segments).toBe(1);
    expect(segments(ya(69) + '😀').parts).toEqual([ya(67), ya(2) + '😀']);
  });

  it('may split a multi-code-point emoji between parts, as an SMSC does', () => {
    const family = '👨‍👩‍👧'; // 8 code units: 3 surrogate pairs joined by ZWJ
    const result = segments(ya(63) + family + ya(10));
    expect(result.parts[0]).toBe(ya(63) + '👨‍'); // 63 + 2 + 1 = 66: the next pair does not fit
    expect(result.parts.join('')).toBe(ya(63) + family + ya(10));
  });
});

describe('segments(): what forced UCS-2', () => {
  it('lists each non-GSM character with its offset, an emoji as one entry', () => {
    const text = 'Olá 😀 ça va';
    const result = segments(text);
    expect(result.encoding).toBe('UCS-2');
    expect(result.nonGsmCharacters).toEqual([
      { char: 'á', index: 2 },
      { char: '😀', index: 4 },
      { char: 'ç', index: 7 },
    ]);
    for (const { char, index } of result.nonGsmCharacters) expect(text.slice(index, index + char.length)).toBe(char);
  });

  it('reports nothing for GSM-7 text, and only the culprit otherwise', () => {
    expect(segments('Ça coûte 5€').nonGsmCharacters).toEqual([{ char: 'û', index: 5 }]);
    expect(segments('Ça coute 5€').nonGsmCharacters).toEqual([]);
  });

  it('treats a lone surrogate as one non-GSM code unit', () => {
    expect(segments('a\ud83d').nonGsmCharacters).toEqual([{ char: '\ud83d', index: 1 }]);
  });
});

describe('segments(): characters', () => {
  it('counts user-perceived characters, not code units', () => {
    expect(segments('👍🏽 ok').characters).toBe(4);
    expect(segments('e\u0301').characters).toBe(1);
    expect(segments('🇫🇷🇩🇪').characters).toBe(2);
  });

  it('counts \\r\\n as one character but two septets', () => {
    expect(segments('a\r\nb')).toMatchObject({ characters: 3, units: 4 });
  });
});

describe('segments(): forced encodings', () => {
  it('sends GSM-7 text as UCS-2 when asked', () => {
    const result = segments(a(71), { encoding: 'UCS-2' });
    expect(result).toMatchObject({ encoding: 'UCS-2', segments: 2, units: 71, nonGsmCharacters: [] });
  });

  it('counts extension characters as one code unit in UCS-2', () => {
    expect(segments('{}', { encoding: 'UCS-2' }).units).toBe(2);
  });

  it('accepts GSM-7 text when GSM-7 is forced', () => {
    expect(segments('Hi', { encoding: 'GSM-7' }).encoding).toBe('GSM-7');
  });

  it('throws GsmEncodingError naming the characters when GSM-7 is forced on UCS-2 text', () => {
    let error: unknown;
    try {
      segments('Code 1234 😀', { encoding: 'GSM-7' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GsmEncodingError);
    const typed = error as GsmEncodingError;
    expect(typed.name).toBe('GsmEncodingError');
    expect(typed.characters).toEqual([{ char: '😀', index: 10 }]);
    expect(typed.message).toContain('options.encoding');
    expect(typed.message).toContain('"😀" at 10');
    expect(typed.message).not.toContain('1234'); // the text itself (an OTP?) is never echoed
  });
});

describe('segments(): the empty string', () => {
  it('is one empty GSM-7 part', () => {
    expect(segments('')).toEqual({
      encoding: 'GSM-7',
      segments: 1,
      parts: [''],
      characters: 0,
      units: 0,
      unitsPerSegment: 160,
      remaining: 160,
      nonGsmCharacters: [],
      text: '',
      lockingShift: null,
      singleShift: null,
      userDataHeaderOctets: 0,
    });
  });

  it('is one empty UCS-2 part when UCS-2 is forced', () => {
    expect(segments('', { encoding: 'UCS-2' })).toMatchObject({ segments: 1, parts: [''], remaining: 70 });
  });
});

describe('segments(): invalid input', () => {
  it('treats null options as no options', () => {
    expect(segments('x', null as never)).toEqual(segments('x'));
  });

  it('rejects a non-string text', () => {
    expect(() => segments(42 as unknown as string)).toThrow(TypeError);
  });

  it('names the option and the allowed values', () => {
    expect(() => segments('x', { encoding: 'utf8' as 'auto' })).toThrow(
      /options\.encoding must be 'auto', 'GSM-7' or 'UCS-2'/,
    );
    expect(() => segments('x', { autoconvert: true as unknown as 'on' })).toThrow(/options\.autoconvert/);
    expect(() => segments('x', { languageShift: 'turkish' as never })).toThrow(/options\.languageShift/);
  });
});
