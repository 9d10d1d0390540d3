import type { NationalLanguageTables, ShiftLanguage } from './shift-tables.js';

/** How a message is encoded on the air interface. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

/**
 * Replacement of characters that would force UCS-2:
 * - `'off'`: the text is counted exactly as given.
 * - `'on'`: look-alikes are replaced by their GSM-7 twin: curly quotes, primes and guillemets
 *   become `'` or `"`, dashes and the minus sign become `-`, `…` becomes `...`, non-breaking and
 *   other odd spaces become a plain space, invisible characters (zero-width space, soft hyphen,
 *   byte-order mark) are removed, full-width ASCII becomes ASCII.
 * - `'full'`: everything `'on'` does, and letters with accents GSM-7 lacks are transliterated to
 *   their base letter (`á` → `a`, `ș` → `s`, `ł` → `l`, `œ` → `oe`); letters GSM-7 has (`é`, `ñ`,
 *   `ü` …) are kept.
 */
export type Autoconvert = 'off' | 'on' | 'full';

/** Options of {@link segments}. All are off by default: `segments(text)` is the plain 3GPP count. */
export interface SegmentOptions {
  /**
   * `'auto'` picks GSM-7 when every character is in the GSM-7 tables and UCS-2 otherwise.
   * `'GSM-7'` forces GSM-7 and throws {@link GsmEncodingError} when a character cannot be encoded.
   * `'UCS-2'` forces UCS-2 even for text GSM-7 could carry.
   * @default 'auto'
   */
  encoding?: 'auto' | SmsEncoding;
  /**
   * Replace characters that would force UCS-2 by GSM-7 look-alikes before counting; the result's
   * `text` is what is then sent. Characters covered by an enabled `languageShift` table are kept.
   * @default 'off'
   * @example
   * segments('“Hi” – see you…', { autoconvert: 'on' }).text; // '"Hi" - see you...'
   */
  autoconvert?: Autoconvert;
  /**
   * National language shift tables (3GPP TS 23.038 annex A) the recipient's handset may use.
   * Pass one or more of the exported tables (`turkish`, `spanish`, `portuguese`, `hindi` …). When
   * the text is not plain GSM-7, the calculator tries every pair of an enabled locking-shift table
   * (or the default alphabet) and an enabled single-shift table (or the default extension table)
   * and keeps the pair that needs the fewest parts. Each shift table in use costs a 3-octet User
   * Data Header element in every part, which is taken out of that part's capacity.
   * To allow only a language's single-shift table, pass `{ ...turkish, lockingShift: undefined }`.
   * @default undefined (default alphabet and extension table only)
   * @example
   * import { segments, turkish } from '@onemessage/sdk/segments';
   * segments("Şişli'de buluşalım", { languageShift: turkish }).encoding; // 'GSM-7'
   */
  languageShift?: NationalLanguageTables | readonly NationalLanguageTables[];
}

/** A character that the chosen GSM-7 tables cannot encode, so it forced UCS-2. */
export interface NonGsmCharacter {
  /** The character: one UTF-16 code unit, or a whole surrogate pair (an emoji is one entry). */
  char: string;
  /** Its offset in `text`, in UTF-16 code units (`text.slice(index, index + char.length)`). */
  index: number;
}

/** What {@link segments} found: how the text is encoded, split and billed. */
export interface SegmentResult {
  /** The encoding the text is sent with. */
  encoding: SmsEncoding;
  /** Number of parts (billed segments). The empty string is one part. */
  segments: number;
  /** The parts, in order; `parts.join('') === text`. */
  parts: string[];
  /** User-perceived characters (grapheme clusters: `👍🏽` and `\r\n` each count 1). */
  characters: number;
  /**
   * Units the text occupies, User Data Header excluded: septets for GSM-7 (an extension or
   * single-shift character costs 2), UTF-16 code units for UCS-2 (an emoji outside the BMP costs 2).
   */
  units: number;
  /**
   * Capacity of each part in the same units: 160 / 153 septets or 70 / 67 code units, less the
   * language-shift header when shift tables are in use.
   */
  unitsPerSegment: number;
  /** Units still free in the last part. */
  remaining: number;
  /** Characters that forced UCS-2, with positions, so a UI can highlight them. Empty for GSM-7. */
  nonGsmCharacters: NonGsmCharacter[];
  /** The text counted and sent: the input after `autoconvert`. */
  text: string;
  /** Locking-shift table in use (GSM-7 only), or `null` for the default alphabet. */
  lockingShift: ShiftLanguage | null;
  /** Single-shift table in use (GSM-7 only), or `null` for the default extension table. */
  singleShift: ShiftLanguage | null;
  /** User Data Header octets in each part: 0 for one plain part, 6 for concatenation, +3 per shift table. */
  userDataHeaderOctets: number;
}
