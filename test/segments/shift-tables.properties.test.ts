// With language shift enabled: the chosen table pair encodes the text, its parts fit, and no
// other pair of the enabled tables would need fewer parts (checked by brute force).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portuguese, segments, spanish, turkish, type NationalLanguageTables } from '../../src/segments/index.js';
import { GSM_BASIC, GSM_EXTENSION } from './reference.js';

const languages = [turkish, spanish, portuguese];
const alphabet = [
  ...'abcXYZ 019.,?!@£¿¡èéñüäöà{}[]€^~|\\\n',
  ...'ğĞıİşŞçÇ', // Turkish
  ...'áéíóúÁÍÓÚ', // Spanish
  ...'ãõâêôÃÕÂÊÔª∞º`', // Portuguese
  '😀',
  'я',
];
const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 400 }).map((chars) => chars.join(''));

interface Oracle {
  locking: string;
  single: string;
  shiftTables: number;
}

function pairs(): Oracle[] {
  const lockings = [
    { table: GSM_BASIC, shift: 0 },
    ...languages.filter((l) => l.lockingShift).map((l) => ({ table: l.lockingShift as string, shift: 1 })),
  ];
  const singles = [
    { table: GSM_EXTENSION, shift: 0 },
    ...languages.map((l) => ({ table: l.singleShift as string, shift: 1 })),
  ];
  return lockings.flatMap((l) =>
    singles.map((s) => ({ locking: l.table, single: s.table, shiftTables: l.shift + s.shift })),
  );
}

function cost(char: string, pair: Oracle): number {
  if (char !== '\x1b' && pair.locking.includes(char)) return 1;
  if (char !== '\x1b' && pair.single.includes(char)) return 2;
  return Number.NaN;
}

/** Parts needed with a pair, packing greedily one character at a time. */
function partsNeeded(textValue: string, pair: Oracle): number {
  const chars = textValue.split('');
  const total = chars.reduce((sum, c) => sum + cost(c, pair), 0);
  if (Number.isNaN(total)) return Number.POSITIVE_INFINITY;
  const header = (octets: number): number => Math.ceil((octets * 8) / 7);
  const alone = 160 - (pair.shiftTables === 0 ? 0 : header(1 + 3 * pair.shiftTables));
  if (total <= alone) return 1;
  const perPart = 160 - header(6 + 3 * pair.shiftTables);
  let parts = 1;
  let used = 0;
  for (const c of chars) {
    if (used + cost(c, pair) > perPart) {
      parts++;
      used = 0;
    }
    used += cost(c, pair);
  }
  return parts;
}

const tablesOf = (name: string | null): NationalLanguageTables | undefined =>
  languages.find((l) => l.language === name);

describe('segments() with languageShift, properties', () => {
  it('chooses a pair that encodes the text, fits every part, and needs the fewest parts', () => {
    const all = pairs();
    fc.assert(
      fc.property(text, (value) => {
        const result = segments(value, { languageShift: languages });
        expect(result.parts.join('')).toBe(value);
        const best = Math.min(...all.map((pair) => partsNeeded(value, pair)));
        if (result.encoding === 'UCS-2') {
          expect(best).toBe(Number.POSITIVE_INFINITY);
          return;
        }
        const chosen: Oracle = {
          locking: tablesOf(result.lockingShift)?.lockingShift ?? GSM_BASIC,
          single: tablesOf(result.singleShift)?.singleShift ?? GSM_EXTENSION,
          shiftTables: (result.lockingShift ? 1 : 0) + (result.singleShift ? 1 : 0),
        };
        expect(result.segments).toBe(best);
        expect(partsNeeded(value, chosen)).toBe(best);
        for (const part of result.parts) {
          const septets = part.split('').reduce((sum, c) => sum + cost(c, chosen), 0);
          expect(septets).toBeLessThanOrEqual(result.unitsPerSegment);
        }
      }),
      { numRuns: 300 },
    );
  });
});
