// libphonenumber-js weighs ~80 kB: it is loaded on the first validation, never at import time.

/** A phone number that passed validation. */
export interface ParsedPhoneNumber {
  /** The number in E.164, e.g. `+447911123456`. */
  readonly e164: string;
  /** ISO 3166-1 alpha-2 country of the number, when it belongs to one. */
  readonly country: string | undefined;
}

type PhoneLibrary = typeof import('./phone-library.js');
let library: Promise<PhoneLibrary> | undefined;

/** Loads libphonenumber-js once; later calls share the same promise. */
export function loadPhoneLibrary(): Promise<PhoneLibrary> {
  library ??= import('./phone-library.js').catch((error: unknown) => {
    library = undefined;
    throw error;
  });
  return library;
}

// An international number as people write it: '+', digits, and the usual separators.
const WRITTEN_INTERNATIONAL = /^\+[\d\s().-]{6,24}$/;

// Parsing costs 4–20 µs (most of it picking the country among those sharing a calling code),
// more than the rest of a request's client CPU; the answer for a given string never changes.
const CACHE_SIZE = 2048;
const cache = new Map<string, ParsedPhoneNumber | null>();

/**
 * Parses an international phone number written with a leading `+` (spaces, dashes, dots and
 * brackets allowed) and returns it in E.164, or `undefined` when it is not a valid number.
 * Results for the last 2,048 distinct inputs are remembered.
 * @example await parsePhoneNumber('+33 6 12 34 56 78') // { e164: '+33612345678', country: 'FR' }
 */
export async function parsePhoneNumber(input: string): Promise<ParsedPhoneNumber | undefined> {
  const cached = cache.get(input);
  if (cached !== undefined) return cached ?? undefined;
  const text = input.trim();
  if (!WRITTEN_INTERNATIONAL.test(text)) return undefined;
  const { parsePhoneNumberFromString } = await loadPhoneLibrary();
  const parsed = parsePhoneNumberFromString(text, { extract: false });
  const result = !parsed || parsed.ext || !parsed.isValid() ? null : Object.freeze({ e164: parsed.number, country: parsed.country });
  // Oldest first out: a Map iterates in insertion order.
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(input, result);
  return result ?? undefined;
}

/**
 * The country a number is priced and routed as: its ISO country, except that the whole UK
 * numbering plan (+44, which includes Guernsey, Jersey and the Isle of Man) counts as `GB`.
 */
export function pricingCountry(phone: ParsedPhoneNumber): string | null {
  return phone.e164.startsWith('+44') ? 'GB' : (phone.country ?? null);
}
