import { getCountries, getExampleNumber, type CountryCode } from 'libphonenumber-js/min';
import examples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';
import * as full from '../../src/schemas/phone-library-full.js';
import * as light from '../../src/schemas/phone-library.js';
import type { ParsedPhoneNumber, PhoneLibrary } from '../../src/schemas/phone.js';

// The fast path must agree with libphonenumber-js's parse + isValid() wherever it answers at all.
function slow(library: PhoneLibrary, text: string): ParsedPhoneNumber | null {
  const parsed = library.parsePhoneNumberFromString(text, { extract: false });
  return parsed !== undefined && !parsed.ext && parsed.isValid()
    ? { e164: parsed.number, country: parsed.country }
    : null;
}

// A seeded generator, so a failure names an input that reproduces.
function random(seed: number): () => number {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

function inputs(): string[] {
  const next = random(14);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  const out = new Set<string>();
  for (const country of getCountries()) {
    const example = getExampleNumber(country as CountryCode, examples);
    if (!example) continue;
    const code = example.countryCallingCode;
    const national = example.nationalNumber;
    out.add(example.number);
    out.add(example.formatInternational());
    out.add(`+${code} (${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`);
    out.add(`+${code}.${national}`);
    out.add(`+${code}0${national}`); // a national prefix after the calling code
    out.add(`+${code}${national.slice(0, -1)}`); // one digit short
    out.add(`+${code}${national}${digits(1)}`); // one digit long
    out.add(`+${code}${national.slice(0, -2)}${digits(2)}`);
    out.add(`+${code}${digits(1)}${national.slice(1)}`); // another leading digit
    for (let i = 0; i < 20; i++) out.add(`+${code}${digits(4 + Math.floor(next() * 10))}`);
  }
  for (const edge of ['+1', '+12', '+123', '+0123456789', '+999123456789', '+800 1234 5678', '+882 1234 5678']) {
    out.add(edge);
  }
  for (const edge of [
    '+44 (0) 7911 123456',
    '+44--7911--123456',
    '+(44) 7911 123456',
    '+44 7911 123456 ',
    '+ 447911123456',
  ]) {
    out.add(edge);
  }
  for (const edge of ['+1 800 555 0199', '+1 242 357 1234', '+7 701 123 4567', '+7 912 345 6789', '+590 690 00 1234']) {
    out.add(edge);
  }
  for (const edge of ['+54 9 11 1234 5678', '+52 1 55 1234 5678', '+39 06 1234 5678', '+39 312 345 6789']) {
    out.add(edge);
  }
  for (const edge of ['+2250123456789', '+4916012345678', '+31 6 1234 5678', '+61 4 1234 5678', '+1 (415) 555-2671']) {
    out.add(edge);
  }
  return [...out];
}

describe.each([
  ['light (/min)', light],
  ['full (/max)', full],
])('fastParse on %s metadata', (_name, library) => {
  const all = inputs();

  it('gives the verdict, E.164 and country of parse + isValid() on every input it answers', () => {
    const disagreements = all.flatMap((text) => {
      const fast = library.fastParse(text);
      if (fast === undefined) return [];
      const expected = slow(library, text);
      return JSON.stringify(fast) === JSON.stringify(expected) ? [] : [{ text, fast, expected }];
    });
    expect(disagreements).toEqual([]);
  });

  it('answers nearly every example number itself (the point of it)', () => {
    const valid = getCountries().flatMap((country) => getExampleNumber(country as CountryCode, examples)?.number ?? []);
    const answered = valid.filter((text) => library.fastParse(text) !== undefined);
    expect(answered.length / valid.length).toBeGreaterThan(0.9);
  });

  it('leaves a national prefix, a non-geographic code or other separators to the full parse', () => {
    for (const text of ['+44 07911 123456', '+800 1234 5678', '+44\t7911123456', '+44/7911123456']) {
      expect(library.fastParse(text)).toBeUndefined();
    }
  });
});
