/**
 * The published price list: what one SMS segment costs per destination country. Data only,
 * shared by the gateway (which debits it) and the client's local estimate.
 * @module
 */

/** Currency the list is published in. */
export const DEFAULT_CURRENCY = 'EUR';

/**
 * Price of one segment per ISO 3166-1 alpha-2 country, in EUR, as four-decimal strings.
 * Destinations not listed cost {@link DEFAULT_SEGMENT_PRICE}.
 */
export const SEGMENT_PRICES_EUR: Readonly<Record<string, string>> = Object.freeze({
  AT: '0.0750',
  AU: '0.0400',
  BE: '0.0750',
  BR: '0.0450',
  CA: '0.0085',
  CH: '0.0600',
  DE: '0.0750',
  DK: '0.0450',
  ES: '0.0600',
  FR: '0.0650',
  GB: '0.0350',
  IE: '0.0600',
  IN: '0.0045',
  IT: '0.0700',
  MX: '0.0300',
  NG: '0.0250',
  NL: '0.0800',
  NO: '0.0550',
  PL: '0.0300',
  PT: '0.0350',
  SE: '0.0500',
  US: '0.0079',
  ZA: '0.0200',
});

/** Price of one segment, in EUR, to a country the list does not name. */
export const DEFAULT_SEGMENT_PRICE = '0.0500';

/**
 * Price of one started minute of an answered voice call per ISO 3166-1 alpha-2 country, in EUR.
 * Destinations not listed cost {@link DEFAULT_VOICE_MINUTE_PRICE}; unanswered calls cost nothing.
 */
export const VOICE_MINUTE_PRICES_EUR: Readonly<Record<string, string>> = Object.freeze({
  DE: '0.0900',
  ES: '0.0800',
  FR: '0.0850',
  GB: '0.0500',
  IN: '0.0150',
  IT: '0.0900',
  NL: '0.0950',
  US: '0.0130',
});

/** Price of one started minute, in EUR, to a country {@link VOICE_MINUTE_PRICES_EUR} does not name. */
export const DEFAULT_VOICE_MINUTE_PRICE = '0.1000';

/** A currency prices can be given in (the account's billing currencies): EUR, USD or GBP. */
export type Currency = 'EUR' | 'USD' | 'GBP';

/**
 * Fixed conversion rates from EUR for the other currencies an account may be billed in
 * (the reference gateway does not follow markets; these keep prices predictable in tests).
 */
export const CURRENCY_RATES_FROM_EUR: Readonly<Record<string, string>> = Object.freeze({
  EUR: '1.0000',
  USD: '1.0800',
  GBP: '0.8500',
} satisfies Record<Currency, string>);
