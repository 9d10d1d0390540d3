// libphonenumber-js weighs ~80 kB: it is loaded on the first validation, never at import time.

/** A phone number that passed validation. */
export interface ParsedPhoneNumber {
  /** The number in E.164, e.g. `+447911123456`. */
  e164: string;
  /** ISO 3166-1 alpha-2 country of the number, when it belongs to one. */
  country: string | undefined;
}

type PhoneLibrary = typeof import('libphonenumber-js/min');
let library: Promise<PhoneLibrary> | undefined;

/** Loads libphonenumber-js once; later calls share the same promise. */
export function loadPhoneLibrary(): Promise<PhoneLibrary> {
  library ??= import('libphonenumber-js/min').catch((error: unknown) => {
    library = undefined;
    throw error;
  });
  return library;
}

// An international number as people write it: '+', digits, and the usual separators.
const WRITTEN_INTERNATIONAL = /^\+[\d\s().-]{6,24}$/;

/**
 * Parses an international phone number written with a leading `+` (spaces, dashes, dots and
 * brackets allowed) and returns it in E.164, or `undefined` when it is not a valid number.
 * @example await parsePhoneNumber('+33 6 12 34 56 78') // { e164: '+33612345678', country: 'FR' }
 */
export async function parsePhoneNumber(input: string): Promise<ParsedPhoneNumber | undefined> {
  const text = input.trim();
  if (!WRITTEN_INTERNATIONAL.test(text)) return undefined;
  const { parsePhoneNumberFromString } = await loadPhoneLibrary();
  const parsed = parsePhoneNumberFromString(text);
  if (!parsed || parsed.ext || !parsed.isValid()) return undefined;
  return { e164: parsed.number, country: parsed.country };
}

/**
 * The country a number is priced and routed as: its ISO country, except that the whole UK
 * numbering plan (+44, which includes Guernsey, Jersey and the Isle of Man) counts as `GB`.
 */
export function pricingCountry(phone: ParsedPhoneNumber): string | null {
  return phone.e164.startsWith('+44') ? 'GB' : (phone.country ?? null);
}
