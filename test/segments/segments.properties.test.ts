// Property tests: for any text, the parts rebuild it, respect their limits, keep pairs whole,
// are filled greedily, and the encoding is GSM-7 exactly when every character is in the tables.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segments } from '../../src/segments/index.js';
import { GSM_BASIC, GSM_EXTENSION, isGsm, isHigh, isLow, septets, septetsOf } from './reference.js';

const gsmChar = fc.constantFrom(...GSM_BASIC.split(''));
const extensionChar = fc.constantFrom(...GSM_EXTENSION.split(''));
const bmpNonGsm = fc.constantFrom('ç', 'á', 'я', '日', '`', '\u00a0', '\u0301', '\u200d', '\u001b', 'ş', '’');
const emoji = fc.constantFrom('😀', '👍🏽', '🇫🇷', '👨‍👩‍👧', '❤️', '\ud83d' /* lone high */, '\ude00' /* lone low */);

const gsmText = fc
  .array(fc.oneof({ arbitrary: gsmChar, weight: 8 }, { arbitrary: extensionChar, weight: 2 }), { maxLength: 500 })
  .map((chars) => chars.join(''));
const anyText = fc
  .array(
    fc.oneof(
      { arbitrary: gsmChar, weight: 6 },
      { arbitrary: extensionChar, weight: 2 },
      { arbitrary: bmpNonGsm, weight: 1 },
      { arbitrary: emoji, weight: 1 },
    ),
    { maxLength: 300 },
  )
  .map((chars) => chars.join(''));
const texts = fc.oneof(gsmText, anyText);

/** Units a part occupies in the result's encoding. */
const unitsOf = (part: string, encoding: string): number => (encoding === 'GSM-7' ? septets(part) : part.length);
/** Units of the first whole character of `text` (an escape pair or a surrogate pair counts as one). */
function firstCharacterUnits(text: string, encoding: string): number {
  if (encoding === 'GSM-7') return septetsOf(text.charAt(0)) ?? Number.NaN;
  return isHigh(text.charCodeAt(0)) && isLow(text.charCodeAt(1)) ? 2 : 1;
}

const runs = { numRuns: 400 };

describe('segments() properties', () => {
  it('parts join to the text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(segments(text).parts.join('')).toBe(text);
      }),
      runs,
    );
  });

  it('puts every part within its limit and counts units exactly', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const result = segments(text);
        for (const part of result.parts)
          expect(unitsOf(part, result.encoding)).toBeLessThanOrEqual(result.unitsPerSegment);
        expect(result.units).toBe(unitsOf(text, result.encoding));
        const last = result.parts[result.parts.length - 1] as string;
        expect(result.remaining).toBe(result.unitsPerSegment - unitsOf(last, result.encoding));
        expect(result.segments).toBe(result.parts.length);
      }),
      runs,
    );
  });

  it('never splits a surrogate pair', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { parts } = segments(text);
        for (let i = 1; i < parts.length; i++) {
          const before = parts[i - 1] as string;
          const after = parts[i] as string;
          expect(isHigh(before.charCodeAt(before.length - 1)) && isLow(after.charCodeAt(0))).toBe(false);
        }
      }),
      runs,
    );
  });

  it('fills parts greedily: the next character would not have fitted', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const { parts, encoding, unitsPerSegment } = segments(text);
        for (let i = 0; i < parts.length - 1; i++) {
          const used = unitsOf(parts[i] as string, encoding);
          expect(used + firstCharacterUnits(parts[i + 1] as string, encoding)).toBeGreaterThan(unitsPerSegment);
        }
      }),
      runs,
    );
  });

  it('uses one part exactly when the whole text fits in one', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const result = segments(text);
        const fits = result.encoding === 'GSM-7' ? septets(text) <= 160 : text.length <= 70;
        expect(result.segments === 1).toBe(fits);
      }),
      runs,
    );
  });

  it('chooses GSM-7 exactly when every character is in the GSM-7 tables', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const result = segments(text);
        expect(result.encoding === 'GSM-7').toBe(isGsm(text));
        const flagged = result.nonGsmCharacters.reduce((sum, { char }) => sum + char.length, 0);
        const nonGsmUnits = text.split('').filter((char) => septetsOf(char) === undefined).length;
        expect(flagged).toBe(nonGsmUnits);
        for (const { char, index } of result.nonGsmCharacters)
          expect(text.slice(index, index + char.length)).toBe(char);
      }),
      runs,
    );
  });

  it('gives the same parts when UCS-2 is forced on text that needs it anyway', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        fc.pre(!isGsm(text));
        expect(segments(text, { encoding: 'UCS-2' })).toEqual(segments(text));
      }),
      runs,
    );
  });
});
