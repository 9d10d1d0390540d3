import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoconvert } from '../../src/segments/autoconvert.js';
import { segments, turkish } from '../../src/segments/index.js';
import { encodableBy } from '../../src/segments/table-pairs.js';
import { isGsm } from './reference.js';

const gsm = encodableBy([]);

describe('autoconvert: on', () => {
  it.each([
    ['‘single’ “double” „low“ «guillemets»', '\'single\' "double" "low" "guillemets"'],
    ['en – em — minus − hyphen ‐', 'en - em - minus - hyphen -'],
    ['wait…', 'wait...'],
    ['no\u00a0break\u2009thin\u202fnarrow\u3000ideographic', 'no break thin narrow ideographic'],
    ['zero\u200bwidth\ufeff soft\u00adhyphen', 'zerowidth softhyphen'],
    ['ＦＵＬＬ１２３！', 'FULL123!'],
    ['tab\there', 'tab here'],
  ])('replaces look-alikes in %j', (input, expected) => {
    expect(autoconvert(input, 'on', gsm)).toBe(expected);
  });

  it('leaves accented letters GSM-7 lacks alone', () => {
    expect(autoconvert('Olá, ça va', 'on', gsm)).toBe('Olá, ça va');
  });

  it('returns the very same string when nothing changes', () => {
    const text = 'Plain GSM text {ok} and emoji 😀';
    expect(autoconvert(text, 'on', gsm)).toBe(text);
  });

  it('turns a smart-quoted template into one GSM-7 part', () => {
    const result = segments('It’s “ready” — pick up… now', { autoconvert: 'on' });
    expect(result).toMatchObject({ encoding: 'GSM-7', text: 'It\'s "ready" - pick up... now', segments: 1 });
    expect(segments('It’s “ready” — pick up… now').encoding).toBe('UCS-2');
  });

  it('reports the positions of what is left in the converted text', () => {
    const result = segments('“Hi” 😀', { autoconvert: 'on' });
    expect(result.text).toBe('"Hi" 😀');
    expect(result.nonGsmCharacters).toEqual([{ char: '😀', index: 5 }]);
  });
});

describe('autoconvert: full', () => {
  it.each([
    ['Olá, ação, Ñandú', 'Ola, acao, Ñandu'],
    ['Łódź Kraków', 'Lodz Krakow'],
    ['Œuvre, þorn, ðe', 'OEuvre, thorn, de'],
    ['Ștefan Țară', 'Stefan Tara'],
    ['Crème brûlée', 'Crème brulée'],
  ])('transliterates %j', (input, expected) => {
    expect(autoconvert(input, 'full', gsm)).toBe(expected);
  });

  it('composes e + combining acute into GSM-7 é instead of dropping the accent', () => {
    expect(autoconvert('Cafe\u0301', 'full', gsm)).toBe('Café');
  });

  it('drops an accent that cannot be composed into a GSM-7 letter', () => {
    expect(autoconvert('q\u0301', 'full', gsm)).toBe('q');
  });

  it('keeps letters an enabled language shift table encodes', () => {
    expect(segments('Ağaç ışık', { autoconvert: 'full', languageShift: turkish }).text).toBe('Ağaç ışık');
    expect(segments('Ağaç ışık', { autoconvert: 'full' }).text).toBe('Agac isik');
  });

  it('keeps emoji and scripts it cannot transliterate', () => {
    expect(segments('Привет 😀', { autoconvert: 'full' })).toMatchObject({ encoding: 'UCS-2', text: 'Привет 😀' });
  });

  it('never turns GSM-7 text into anything else', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(isGsm(text));
        expect(autoconvert(text, 'full', gsm)).toBe(text);
      }),
    );
  });

  it('only ever removes non-GSM characters: converting twice changes nothing more', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const once = autoconvert(text, 'full', gsm);
        expect(autoconvert(once, 'full', gsm)).toBe(once);
      }),
    );
  });
});
