// Property tests over any UTF-16 at all (every code unit, lone surrogates anywhere, astral
// characters), with every autoconvert mode: the calculator never throws, its parts rebuild the text
// it counted, the count is the number of parts, and each part fits its segment.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segments } from '../../src/segments/index.js';
import { septets } from './reference.js';

const codeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 400,
});
const anyText = fc.oneof(
  codeUnits,
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
);
const autoconvert = fc.constantFrom('off', 'on', 'full') as fc.Arbitrary<'off' | 'on' | 'full'>;
const runs = { numRuns: 300, seed: 20_260_303 };

describe('segments() over any UTF-16', () => {
  it('rebuilds the counted text from its parts, one segment per part, each within its limit', () => {
    fc.assert(
      fc.property(anyText, autoconvert, (text, mode) => {
        const result = segments(text, { autoconvert: mode });
        expect(result.parts.join('')).toBe(result.text);
        if (mode === 'off') expect(result.text).toBe(text);
        expect(result.segments).toBe(result.parts.length);
        for (const part of result.parts) {
          const units = result.encoding === 'GSM-7' ? septets(part) : part.length;
          expect(units).toBeLessThanOrEqual(result.unitsPerSegment);
        }
      }),
      runs,
    );
  });

  it('keeps lone surrogates as they are, alone in UCS-2 units', () => {
    fc.assert(
      fc.property(codeUnits, fc.constantFrom('\ud800', '\udfff', '\udbff'), fc.nat(), (text, lone, at) => {
        const index = at % (text.length + 1);
        const input = text.slice(0, index) + lone + text.slice(index);
        const result = segments(input);
        expect(result.encoding).toBe('UCS-2');
        expect(result.parts.join('')).toBe(input);
        expect(result.units).toBe(input.length);
      }),
      runs,
    );
  });
});
