// libphonenumber-js with its full metadata (~145 kB): the number patterns of every country, not
// only their lengths. The gateway's validation loads it; the client SDK never imports this file.
export { parsePhoneNumberFromString } from 'libphonenumber-js/max';
