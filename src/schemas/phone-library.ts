// The one function the SDK needs from libphonenumber-js: importing only it lets bundlers drop the
// rest of the library (its /min entry re-exports everything, ~44 kB gzipped).
export { parsePhoneNumberFromString } from 'libphonenumber-js/min';
