/**
 * Prices per destination and segment count, computed exactly on decimal strings.
 * Pure and dependency-free: the gateway bills with it and the client estimates with it.
 * @module
 */

import { money, toUnits, MONEY_SCALE, type Money } from './money.js';
import {
  CURRENCY_RATES_FROM_EUR,
  DEFAULT_CURRENCY,
  DEFAULT_SEGMENT_PRICE,
  DEFAULT_VOICE_MINUTE_PRICE,
  SEGMENT_PRICES_EUR,
  VOICE_MINUTE_PRICES_EUR,
  type Currency,
} from './prices.js';

export { formatUnits, money, toUnits, MONEY_SCALE, type Money } from './money.js';
export {
  CURRENCY_RATES_FROM_EUR,
  DEFAULT_CURRENCY,
  DEFAULT_SEGMENT_PRICE,
  DEFAULT_VOICE_MINUTE_PRICE,
  SEGMENT_PRICES_EUR,
  VOICE_MINUTE_PRICES_EUR,
  type Currency,
} from './prices.js';

/** Currencies {@link priceFor} can price in. */
export const SUPPORTED_CURRENCIES: readonly string[] = Object.freeze(Object.keys(CURRENCY_RATES_FROM_EUR));

/** True when {@link priceFor} can price in `value`. */
export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && Object.hasOwn(CURRENCY_RATES_FROM_EUR, value);
}

/**
 * Price of one segment to `country`, in ten-thousandths of `currency`.
 * Throws a `RangeError` naming the currency when it is not in {@link SUPPORTED_CURRENCIES}.
 */
export function segmentPriceUnits(country: string | null | undefined, currency: string = DEFAULT_CURRENCY): number {
  // Own keys only: 'toString' must not find Object.prototype's.
  const rate = isCurrency(currency) ? CURRENCY_RATES_FROM_EUR[currency] : undefined;
  if (rate === undefined) {
    throw new RangeError(`currency must be one of ${SUPPORTED_CURRENCIES.join(', ')}; got ${currency}`);
  }
  const eur = toUnits((country && SEGMENT_PRICES_EUR[country.toUpperCase()]) || DEFAULT_SEGMENT_PRICE)!;
  // Integer product, then one rounding to four decimals: exact for EUR, half-up for the others.
  return Math.round((eur * toUnits(rate)!) / MONEY_SCALE);
}

/**
 * What `segments` segments to `country` cost.
 * @param country - ISO 3166-1 alpha-2 code (`null` or unknown: the default price).
 * @param segments - Number of SMS segments (a non-negative integer).
 * @param currency - One of {@link SUPPORTED_CURRENCIES}. @default "EUR"
 * @example
 * ```ts
 * priceFor('GB', 2); // { amount: '0.0700', currency: 'EUR' }
 * ```
 */
export function priceFor(
  country: string | null | undefined,
  segments: number,
  currency: string = DEFAULT_CURRENCY,
): Money {
  if (!Number.isInteger(segments) || segments < 0) {
    throw new RangeError(`segments must be a non-negative integer; got ${segments}`);
  }
  return money(segmentPriceUnits(country, currency) * segments, currency);
}

/**
 * Price of one started minute of an answered voice call to `country`, in ten-thousandths of
 * `currency` (converted as {@link segmentPriceUnits} does).
 * @example voiceMinutePriceUnits('GB') // 500, i.e. 0.0500 EUR
 */
export function voiceMinutePriceUnits(country: string | null | undefined, currency: string = DEFAULT_CURRENCY): number {
  const rate = isCurrency(currency) ? CURRENCY_RATES_FROM_EUR[currency] : undefined;
  if (rate === undefined) {
    throw new RangeError(`currency must be one of ${SUPPORTED_CURRENCIES.join(', ')}; got ${currency}`);
  }
  const eur = toUnits((country && VOICE_MINUTE_PRICES_EUR[country.toUpperCase()]) || DEFAULT_VOICE_MINUTE_PRICE)!;
  return Math.round((eur * toUnits(rate)!) / MONEY_SCALE);
}
