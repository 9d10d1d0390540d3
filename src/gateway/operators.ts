/**
 * Destination lookup: the country and operator a number is routed to.
 * @module
 */

import { parsePhoneNumber, pricingCountry } from '../schemas/phone.js';
import { isTestNumber } from './test-numbers.js';

/** Operator name reported for the magic test numbers. */
export const TEST_NETWORK_OPERATOR = 'OneMessage Test Network';

/** Operators the simulated network routes to, per country; a number always maps to the same one. */
export const OPERATORS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  AU: ['Telstra', 'Optus', 'Vodafone AU'],
  BR: ['Vivo', 'Claro BR', 'TIM Brasil'],
  CA: ['Rogers', 'Bell Mobility', 'TELUS'],
  DE: ['Telekom DE', 'Vodafone DE', 'O2 DE'],
  ES: ['Movistar', 'Vodafone ES', 'Orange ES'],
  FR: ['Orange FR', 'SFR', 'Bouygues Telecom', 'Free Mobile'],
  GB: ['Vodafone UK', 'EE', 'O2 UK', 'Three UK'],
  IE: ['Vodafone IE', 'Three IE', 'eir'],
  IN: ['Jio', 'Airtel', 'Vi'],
  IT: ['TIM', 'Vodafone IT', 'WindTre'],
  NL: ['KPN', 'Vodafone NL', 'Odido'],
  PL: ['Orange PL', 'Play', 'Plus'],
  PT: ['MEO', 'Vodafone PT', 'NOS'],
  US: ['T-Mobile US', 'Verizon Wireless', 'AT&T Mobility'],
});

/** Where a valid number goes. */
export interface Destination {
  /** ISO 3166-1 alpha-2, or `null` for numbers without a country (e.g. global services). */
  country: string | null;
  operator: string;
}

/**
 * Country and operator of an E.164 number. The country is `pricingCountry()`'s, the one the
 * client's `messages.estimate()` prices with, so both always charge alike (the whole UK numbering
 * plan, +44, counts as `GB`).
 */
export async function lookupDestination(e164: string): Promise<Destination> {
  if (isTestNumber(e164)) return { country: 'US', operator: TEST_NETWORK_OPERATOR };
  const parsed = await parsePhoneNumber(e164);
  const country = parsed ? pricingCountry(parsed) : null;
  const operators = (country && OPERATORS[country]) || undefined;
  const operator = operators
    ? operators[stableHash(e164) % operators.length]!
    : country
      ? `${country} Mobile`
      : 'International Carrier';
  return { country, operator };
}

function stableHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) >>> 0;
  return hash;
}
