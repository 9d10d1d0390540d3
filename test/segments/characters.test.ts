import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countCharacters } from '../../src/segments/characters.js';

const segmenter = new Intl.Segmenter();
const exact = (text: string): number => [...segmenter.segment(text)].length;

describe('countCharacters()', () => {
  it.each([
    ['', 0],
    ['hello', 5],
    ['👍🏽', 1],
    ['👨‍👩‍👧 family', 8],
    ['🇫🇷🇩🇪🇮', 3],
    ['e\u0301te\u0301', 3],
    ['a\r\nb\n\rc', 6],
    ['❤️‍🔥', 1],
    ['नमस्ते', exact('नमस्ते')],
    ['ﾃﾞ', 1], // half-width katakana with a voiced mark
    ['\u1100\uac00', 1], // leading jamo + syllable (GB6)
    ['\u0600a', 1], // Arabic prepend (GB9b)
  ])('counts %j as %i', (text, expected) => {
    expect(countCharacters(text)).toBe(expected);
  });

  it('treats every code point of its standalone ranges as a cluster of its own', () => {
    // Each standalone code point must split from a letter on both sides: no Extend, SpacingMark,
    // Prepend or Hangul jamo may hide in the ranges.
    let checked = 0;
    for (let code = 0x20; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      const text = `x${char}x`;
      if (countCharacters(text) === 3) {
        checked++;
        expect(exact(text), `U+${code.toString(16)}`).toBe(3);
      }
    }
    expect(checked).toBeGreaterThan(40_000);
  });

  it('counts every pictograph of U+1F000–U+1FAFF, with and without selectors and skin tones, as the segmenter does', () => {
    for (let code = 0x1f000; code <= 0x1faff; code++) {
      const char = String.fromCodePoint(code);
      const text = `x${char}x${char}\ufe0f${char}🏽 ${char}${char}`;
      expect(countCharacters(text), `U+${code.toString(16)}`).toBe(exact(text));
    }
  });

  it('agrees with Intl.Segmenter on mixed text', () => {
    const pieces = fc.constantFrom(
      'a',
      'é',
      'e',
      '\u0301',
      '\u200d',
      '\ufe0f',
      '👍',
      '🏽',
      '🇫',
      '🇷',
      '❤',
      '😀',
      'я',
      '日',
      '\r',
      '\n',
      '\u1100',
      '\u1161',
      '\u11a8',
      '가',
      'क',
      '्',
      'ष',
      'ि',
      '\u0600',
      'ก',
      'ำ',
      '\ud83d',
      '\ude00',
      ' ',
      'ﾃ',
      'ﾞ',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        expect(countCharacters(text)).toBe(exact(text));
      }),
      { numRuns: 2000 },
    );
  });
});
