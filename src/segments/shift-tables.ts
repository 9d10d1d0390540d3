// 3GPP TS 23.038 annex A: national language locking-shift and single-shift tables.
// Each table is its own export so a bundler keeps only the ones a program passes to `segments()`.

/** Languages with national shift tables in 3GPP TS 23.038 (Spanish has a single-shift table only). */
export type ShiftLanguage =
  | 'turkish'
  | 'spanish'
  | 'portuguese'
  | 'bengali'
  | 'gujarati'
  | 'hindi'
  | 'kannada'
  | 'malayalam'
  | 'oriya'
  | 'punjabi'
  | 'tamil'
  | 'telugu'
  | 'urdu';

/**
 * The national language tables of one language, passed to `segments()` as `languageShift`.
 * Use the exported constants (`turkish`, `spanish`, `portuguese` and the Indian languages).
 */
export interface NationalLanguageTables {
  /** Language name, reported back in the result's `lockingShift` / `singleShift`. */
  readonly language: ShiftLanguage;
  /** National language identifier sent in the User Data Header (3GPP TS 23.038 §6.2.1.2.4). */
  readonly identifier: number;
  /**
   * The locking-shift table in septet order (index = septet, `\x1b` = escape or unassigned). It
   * replaces the default alphabet: each character costs 1 septet. Absent for Spanish.
   */
  readonly lockingShift?: string;
  /** Characters of the single-shift table (it replaces the default extension table; 2 septets each). */
  readonly singleShift?: string;
}

/** Turkish (national language identifier 1): locking shift §A.3.1, single shift §A.2.1. */
export const turkish: NationalLanguageTables = {
  language: 'turkish',
  identifier: 1,
  lockingShift:
    '@£$¥€éùıòÇ\nĞğ\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bŞşßÉ !"#¤%&\'()*+,-./0123456789:;<=>?İABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§çabcdefghijklmnopqrstuvwxyzäöñüà',
  singleShift: '\f^{}\\[~]|ĞİŞç€ğış',
};

/** Spanish (national language identifier 2): no locking-shift table, single shift §A.2.2. */
export const spanish: NationalLanguageTables = {
  language: 'spanish',
  identifier: 2,
  singleShift: 'ç\f^{}\\[~]|ÁÍÓÚá€íóú',
};

/** Portuguese (national language identifier 3): locking shift §A.3.3, single shift §A.2.3. */
export const portuguese: NationalLanguageTables = {
  language: 'portuguese',
  identifier: 3,
  lockingShift:
    '@£$¥êéúíóç\nÔô\rÁáΔ_ªÇÀ∞^\\€Ó|\x1bÂâÊÉ !"#º%&\'()*+,-./0123456789:;<=>?ÍABCDEFGHIJKLMNOPQRSTUVWXYZÃÕÚÜ§~abcdefghijklmnopqrstuvwxyzãõ`üà',
  singleShift: 'êç\fÔôÁáΦΓ^ΩΠΨΣΘÊ{}\\[~]|ÀÍÓÚÃÕÂ€íóúãõâ',
};
