// @onemessage/sdk/segments: the SMS segment and encoding calculator. Pure, no dependencies.
export { segments } from './segments.js';
export { GsmEncodingError } from './errors.js';
export { turkish, spanish, portuguese } from './shift-tables.js';
export { bengali, gujarati, hindi, kannada, malayalam, oriya, punjabi, tamil, telugu, urdu } from './indian-tables.js';
export type { NationalLanguageTables, ShiftLanguage } from './shift-tables.js';
export type { Autoconvert, NonGsmCharacter, SegmentOptions, SegmentResult, SmsEncoding } from './types.js';
