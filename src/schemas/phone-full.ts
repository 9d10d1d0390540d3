import { lazy } from '../internal/lazy.js';
import { phoneNumberParser, type PhoneLibrary, type PhoneNumberParser } from './phone.js';

// A module of its own, imported only by the gateway: a client bundle that reaches it, even through
// a dynamic import, would carry the full metadata.

/** Loads libphonenumber-js with full metadata once. */
const loadFullPhoneLibrary: () => Promise<PhoneLibrary> = lazy(() => import('./phone-library-full.js'));

/**
 * The authoritative phone check, on libphonenumber-js's full metadata (`/max`): a number must fall
 * in a range its country allocates, so `+910123456789` (Indian numbers do not start with 0) and
 * `+33712345678` (no French mobile starts 07 1) are refused though their lengths are right. The
 * gateway passes it to the validators as `{ phone: parsePhoneNumberFull }`.
 */
export const parsePhoneNumberFull: PhoneNumberParser = phoneNumberParser(loadFullPhoneLibrary);
