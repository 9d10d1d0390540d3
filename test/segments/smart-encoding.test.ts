// autoconvert: 'on' against Twilio's smart-encoding table (sms-segments-calculator's SmartEncodingMap, the
// table behind twilio.com's segment calculator): every character Twilio turns into GSM-7 we turn into
// GSM-7 too, with the same text except for the few deliberate differences listed in docs/segments.md.
import * as smartEncoding from 'sms-segments-calculator/dist/libs/SmartEncodingMap.js';
import { describe, expect, it } from 'vitest';
import { autoconvert } from '../../src/segments/autoconvert.js';
import { segments } from '../../src/segments/index.js';
import { encodableBy } from '../../src/segments/table-pairs.js';

const gsm = encodableBy([]);
const isGsm = (text: string): boolean => [...text].every((c) => gsm(c.charCodeAt(0)));

// A CommonJS module with `exports.default`: unwrap whichever way the loader presents it.
const mod = smartEncoding as unknown as { default: Record<string, string> | { default: Record<string, string> } };
const TWILIO: Record<string, string> =
  'default' in mod.default ? (mod.default.default as Record<string, string>) : mod.default;

/** Where ours reads better: code point → [Twilio, ours]. Each is documented in docs/segments.md. */
const OURS_IS_BETTER: Record<number, [twilio: string, ours: string]> = {
  0x09: [' '.repeat(7), ' '], // tab: one space, not seven
  0xa0: ['  ', ' '], // no-break space and the other odd spaces: one space for one space
  ...Object.fromEntries(
    [0x2000, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000].map(
      (c) => [c, ['  ', ' ']],
    ),
  ),
  ...Object.fromEntries([0x80, 0x8d, 0x90, 0x9b, 0x9f].map((c) => [c, ['  ', ' ']])), // C1 controls: one space
  0x201a: [',', "'"], // ‚ is a low single quotation mark (German ‚so‘), not a comma
  0x2039: ['<', "'"], // ‹ › are single guillemets: quotation marks, not less/greater-than
  0x203a: ['>', "'"],
  0x2028: [' ', '\n'], // line and paragraph separators are line breaks
  0x2029: [' ', '\n'],
};

const entries = Object.entries(TWILIO).filter(([from]) => !isGsm(from));

describe("autoconvert 'on' covers Twilio's smart encoding", () => {
  it('reads the whole table', () => {
    expect(entries.length).toBeGreaterThan(250);
  });

  it.each(entries.map(([from, to]) => [`U+${from.codePointAt(0)?.toString(16).padStart(4, '0')}`, from, to]))(
    '%s becomes GSM-7 as Twilio makes it',
    (_, from, to) => {
      const ours = autoconvert(from, 'on', gsm);
      expect(isGsm(to)).toBe(true);
      expect(isGsm(ours)).toBe(true);
      const better = OURS_IS_BETTER[from.charCodeAt(0)];
      if (better === undefined) expect(ours).toBe(to);
      else expect([to, ours]).toEqual(better);
    },
  );

  it('keeps every deliberate difference in use (none left stale)', () => {
    for (const code of Object.keys(OURS_IS_BETTER)) expect(TWILIO[String.fromCharCode(Number(code))]).toBeDefined();
  });

  it('turns small forms, small capitals and fractions into one GSM-7 part', () => {
    const result = segments('ꜱᴍᴀʟʟ ᴄᴀᴘꜱ﹗ ½ price﹐ 1½ cups ⅔ full ✱', { autoconvert: 'on' });
    expect(result).toMatchObject({ encoding: 'GSM-7', text: 'SMALL CAPS! 1/2 price, 1 1/2 cups 2/3 full *' });
  });

  it('removes the C0 controls a handset would not show, keeps line breaks and ESC handling', () => {
    expect(autoconvert('a\u0000b\u0003c\u0010d\u007fe', 'on', gsm)).toBe('abcde');
    expect(autoconvert('line\r\nnext', 'on', gsm)).toBe('line\r\nnext');
    expect(autoconvert('next\u0085line', 'on', gsm)).toBe('next\nline');
  });
});
