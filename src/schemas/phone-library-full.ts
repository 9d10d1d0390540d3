import { Metadata } from 'libphonenumber-js/max';
import { fastPhoneParser, type PhoneMetadata } from './phone-fast.js';

// libphonenumber-js with its full metadata (~145 kB): the number patterns of every country, not
// only their lengths. The gateway's validation loads it; the client SDK never imports this file.
export { parsePhoneNumberFromString } from 'libphonenumber-js/max';

// The same /max metadata the parse reads, compiled per calling code on first use.
export const fastParse = fastPhoneParser(new Metadata() as unknown as PhoneMetadata);
