import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENT_PRICE, priceFor, SEGMENT_PRICES_EUR, segmentPriceUnits } from '../../src/pricing/index.js';
import { formatUnits, toUnits } from '../../src/pricing/money.js';

describe('priceFor', () => {
  it('multiplies the per-segment price of the country exactly', () => {
    expect(priceFor('GB', 1)).toEqual({ amount: '0.0350', currency: 'EUR' });
    expect(priceFor('us', 3)).toEqual({ amount: '0.0237', currency: 'EUR' });
    expect(priceFor('GB', 0)).toEqual({ amount: '0.0000', currency: 'EUR' });
  });

  it('uses the default price for a country the list does not name, or none', () => {
    expect(priceFor('AQ', 2).amount).toBe(formatUnits(toUnits(DEFAULT_SEGMENT_PRICE)! * 2));
    expect(priceFor(null, 1).amount).toBe(DEFAULT_SEGMENT_PRICE);
  });

  it('converts to USD and GBP at the published fixed rates, rounded to four decimals', () => {
    expect(priceFor('GB', 1, 'USD')).toEqual({ amount: '0.0378', currency: 'USD' });
    expect(priceFor('GB', 1, 'GBP')).toEqual({ amount: '0.0298', currency: 'GBP' });
  });

  it('throws a RangeError naming the rule for bad input', () => {
    expect(() => priceFor('GB', 1.5)).toThrow(/segments must be a non-negative integer/);
    expect(() => priceFor('GB', 1, 'JPY')).toThrow(/currency must be one of EUR, USD, GBP/);
  });

  it('lists every price as a four-decimal string', () => {
    for (const price of Object.values(SEGMENT_PRICES_EUR)) expect(price).toMatch(/^\d+\.\d{4}$/);
  });

  it('equals the per-segment price times the count, for any listed country and count', () => {
    const countries = Object.keys(SEGMENT_PRICES_EUR);
    fc.assert(
      fc.property(fc.constantFrom(...countries), fc.integer({ min: 0, max: 10_000 }), (country, count) => {
        expect(toUnits(priceFor(country, count).amount)).toBe(segmentPriceUnits(country) * count);
      }),
    );
  });
});

describe('money', () => {
  it('parses decimal strings and numbers into ten-thousandths and back', () => {
    expect(toUnits('0.035')).toBe(350);
    expect(toUnits('12')).toBe(120_000);
    expect(toUnits(0.1 + 0.2)).toBe(3_000);
    expect(toUnits('-1.5')).toBe(-15_000);
    expect(formatUnits(-15_000)).toBe('-1.5000');
    expect(formatUnits(7)).toBe('0.0007');
  });

  it('refuses more than four decimals, exponents and non-numbers', () => {
    for (const bad of ['0.00001', '1e3', 'abc', '', '1.', Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(toUnits(bad as string | number)).toBeUndefined();
    }
  });

  it('round-trips every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (units) => {
        expect(toUnits(formatUnits(units))).toBe(units);
      }),
    );
  });
});
