import type { ParsedPhoneNumber } from './phone.js';

// libphonenumber-js spends 4–20 µs on a new international number: it builds a Metadata object and a
// RegExp from a string at every step, most of them while picking the country among those sharing a
// calling code. This is the same algorithm (parse → getCountryByCallingCode → isValid) on RegExps
// compiled once per calling code. It answers only where it provably agrees with the library and
// returns `undefined` elsewhere, so the caller falls back to the full parse.

/** The part of libphonenumber-js's `Metadata` (its `/min` and `/max` builds alike) the fast path reads. */
export interface PhoneMetadata {
  /** Countries per calling code, main country first (`{ '1': ['US', 'AG', …] }`). */
  countryCallingCodes(): Record<string, string[]>;
  /** Selects a country's numbering plan, read through `numberingPlan`. */
  selectNumberingPlan(country: string): unknown;
  /** The selected plan. */
  numberingPlan?: {
    nationalNumberPattern(): string;
    nationalPrefixForParsing(): string | undefined;
    leadingDigits(): string | undefined;
    hasTypes(): boolean;
    type(type: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
  };
}

interface Plan {
  country: string;
  leading: RegExp | undefined;
  general: RegExp;
  types: { pattern: RegExp; lengths: number[] | undefined }[] | undefined;
}

interface CallingCode {
  plans: Plan[];
  prefix: RegExp | undefined;
}

// libphonenumber-js's getNumberType order: fixed line, then the others.
const TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];

// '+', ASCII digits and the separators the library strips: no letters, '#', ',' or ';', so no extension.
const FAST_SHAPE = /^\+[\d ().-]*$/;
const SEPARATORS = /[ ().-]/g;
// The library's MIN_LENGTH_FOR_NSN and MAX_LENGTH_FOR_NSN.
const MIN_NATIONAL = 2;
const MAX_NATIONAL = 17;

const whole = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);

/**
 * Builds a parser that answers as libphonenumber-js's `parsePhoneNumberFromString(text, { extract: false })`
 * followed by `isValid()` would on the same metadata: a result, `null` (invalid), or `undefined` when the input
 * is not one it can answer for certain (national prefix written after the calling code, a non-geographic
 * code, other separators), which the caller hands to the library.
 */
export function fastPhoneParser(metadata: PhoneMetadata): (text: string) => ParsedPhoneNumber | null | undefined {
  const byCode = metadata.countryCallingCodes();
  const compiled = new Map<string, CallingCode | null>();

  const plan = (country: string): Plan => {
    metadata.selectNumberingPlan(country);
    const p = metadata.numberingPlan!;
    const leading = p.leadingDigits();
    const types = p.hasTypes()
      ? TYPES.flatMap((name) => {
          const type = p.type(name);
          const pattern = type?.pattern();
          return type && pattern ? [{ pattern: whole(pattern), lengths: type.possibleLengths() }] : [];
        })
      : undefined;
    const general = whole(p.nationalNumberPattern());
    return { country, leading: leading ? new RegExp(`^(?:${leading})`) : undefined, general, types };
  };

  const callingCode = (code: string): CallingCode | null => {
    let entry = compiled.get(code);
    if (entry !== undefined) return entry;
    const countries = byCode[code];
    // Non-geographic codes ('800': ['001']) take another path in the library.
    if (!countries || countries.some((country) => country.length !== 2)) entry = null;
    else {
      const plans = countries.map(plan);
      metadata.selectNumberingPlan(countries[0]!);
      const prefix = metadata.numberingPlan!.nationalPrefixForParsing();
      entry = { plans, prefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined };
    }
    compiled.set(code, entry);
    return entry;
  };

  return (text) => {
    if (!FAST_SHAPE.test(text)) return undefined;
    const digits = text.slice(1).replace(SEPARATORS, '');
    if (digits.length < 3 || digits[0] === '0') return undefined;
    let length = 1;
    while (length <= 3 && !Object.hasOwn(byCode, digits.slice(0, length))) length++;
    if (length > 3) return undefined;
    const code = digits.slice(0, length);
    const entry = callingCode(code);
    const national = digits.slice(length);
    if (!entry || national.length < MIN_NATIONAL || national.length > MAX_NATIONAL) return undefined;
    // A national prefix the library would strip (or transform) is left to the library.
    const prefix = entry.prefix?.exec(national);
    if (prefix && prefix[0] !== '') return undefined;
    const chosen = entry.plans.length === 1 ? entry.plans[0] : entry.plans.find((p) => picks(p, national));
    if (!chosen) return undefined;
    const valid = chosen.types ? hasType(chosen, national) : chosen.general.test(national);
    return valid ? Object.freeze({ e164: `+${code}${national}`, country: chosen.country }) : null;
  };
}

// getCountryByNationalNumber: leading digits decide if a country has them, else a number type must match.
function picks(plan: Plan, national: string): boolean {
  return plan.leading ? plan.leading.test(national) : hasType(plan, national);
}

// getNumberType(...) !== undefined: the general pattern, then any type whose lengths and pattern both match.
function hasType(plan: Plan, national: string): boolean {
  if (!plan.general.test(national)) return false;
  return (plan.types ?? []).some(
    ({ pattern, lengths }) => (!lengths || lengths.includes(national.length)) && pattern.test(national),
  );
}
