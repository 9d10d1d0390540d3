import { Metadata } from 'libphonenumber-js/min';
import { fastPhoneParser, type PhoneMetadata } from './phone-fast.js';

// The one function the SDK needs from libphonenumber-js: importing only it lets bundlers drop the
// rest of the library (its /min entry re-exports everything, ~44 kB gzipped).
export { parsePhoneNumberFromString } from 'libphonenumber-js/min';

// The same /min metadata the parse reads, compiled per calling code on first use.
export const fastParse = fastPhoneParser(new Metadata() as unknown as PhoneMetadata);
