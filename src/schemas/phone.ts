import { lazy } from '../internal/lazy.js';

// libphonenumber-js weighs ~80 kB: it is loaded on the first validation, never at import time.

/** A phone number that passed validation. */
export interface ParsedPhoneNumber {
  /** The number in E.164, e.g. `+447911123456`. */
  readonly e164: string;
  /** ISO 3166-1 alpha-2 country of the number, when it belongs to one. */
  readonly country: string | undefined;
}

/**
 * Parses a phone number as written and returns it in E.164, or `undefined` when it is not valid.
 * The validators take one (`phone` option), so the same rules run with light or full metadata.
 */
export type PhoneNumberParser = (input: string) => Promise<ParsedPhoneNumber | undefined>;

/** What a parser needs of libphonenumber-js: its `/min` and `/max` entries both provide it. */
export interface PhoneLibrary {
  /** libphonenumber-js's `parsePhoneNumberFromString`, narrowed to what is used. */
  parsePhoneNumberFromString(
    text: string,
    options: { extract: false },
  ): { number: string; country?: string | undefined; ext?: string | undefined; isValid(): boolean } | undefined;
  /**
   * The same verdict as `parsePhoneNumberFromString` then `isValid()` on the same metadata, from patterns
   * compiled once: a result, `null` for invalid, or `undefined` when only the full parse can tell.
   */
  fastParse?(text: string): ParsedPhoneNumber | null | undefined;
}

/** Loads libphonenumber-js (light metadata) once; later calls share the same promise. */
export const loadPhoneLibrary: () => Promise<PhoneLibrary> = lazy(() => import('./phone-library.js'));

// An international number as people write it: '+', digits, and the usual separators.
const WRITTEN_INTERNATIONAL = /^\+[\d\s().-]{6,24}$/;

// A full parse costs 4–20 µs (most of it picking the country among those sharing a calling code) and
// even the fast path some 0.3 µs; the answer for a given string never changes.
const CACHE_SIZE = 2048;

/**
 * Builds a {@link PhoneNumberParser} on a libphonenumber-js entry: a leading `+`, digits and the
 * usual separators, no extension, and `isValid()` by that entry's metadata. Results for the last
 * 2,048 distinct inputs are remembered.
 */
export function phoneNumberParser(load: () => Promise<PhoneLibrary>): PhoneNumberParser {
  const cache = new Map<string, ParsedPhoneNumber | null>();
  return async (input) => {
    const cached = cache.get(input);
    if (cached !== undefined) return cached ?? undefined;
    const text = input.trim();
    if (!WRITTEN_INTERNATIONAL.test(text)) return undefined;
    const library = await load();
    let result = library.fastParse?.(text);
    if (result === undefined) {
      const parsed = library.parsePhoneNumberFromString(text, { extract: false });
      const valid = parsed !== undefined && !parsed.ext && parsed.isValid();
      result = valid ? Object.freeze({ e164: parsed.number, country: parsed.country }) : null;
    }
    // Oldest first out: a Map iterates in insertion order.
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(input, result);
    return result ?? undefined;
  };
}

/**
 * Parses an international phone number written with a leading `+` (spaces, dashes, dots and
 * brackets allowed) and returns it in E.164, or `undefined` when it is not a valid number.
 * This is the SDK's light check (libphonenumber-js `/min`): the country calling code and the
 * number's length, not which number ranges a country allocates; the gateway checks those with
 * `parsePhoneNumberFull`. Results for the last 2,048 distinct inputs are remembered.
 * @example await parsePhoneNumber('+33 6 12 34 56 78') // { e164: '+33612345678', country: 'FR' }
 */
export const parsePhoneNumber: PhoneNumberParser = phoneNumberParser(loadPhoneLibrary);

/**
 * The country a number is priced and routed as: its ISO country, except that the whole UK
 * numbering plan (+44, which includes Guernsey, Jersey and the Isle of Man) counts as `GB`.
 */
export function pricingCountry(phone: ParsedPhoneNumber): string | null {
  return phone.e164.startsWith('+44') ? 'GB' : (phone.country ?? null);
}
