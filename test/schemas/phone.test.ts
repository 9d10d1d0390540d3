import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFull } from '../../src/schemas/phone-full.js';
import { parsePhoneNumber, pricingCountry } from '../../src/schemas/phone.js';

describe('parsePhoneNumber', () => {
  it('returns E.164 and the country of a valid number', async () => {
    expect(await parsePhoneNumber('+33 6 12 34 56 78')).toEqual({ e164: '+33612345678', country: 'FR' });
  });

  it('accepts the magic test range +15005550000–99', async () => {
    expect((await parsePhoneNumber('+15005550000'))?.e164).toBe('+15005550000');
    expect((await parsePhoneNumber('+15005550099'))?.e164).toBe('+15005550099');
  });

  it.each(['+4479', '+12345678901234567', '0044 7911 123456', '+44 (0) 7911 123456 x', ''])(
    'rejects %j',
    async (input) => {
      expect(await parsePhoneNumber(input)).toBeUndefined();
    },
  );
});

describe('pricingCountry', () => {
  it('prices the whole +44 plan as GB and other numbers by their country', async () => {
    expect(pricingCountry((await parsePhoneNumber('+447911123456'))!)).toBe('GB');
    expect(pricingCountry((await parsePhoneNumber('+491701234567'))!)).toBe('DE');
  });
});

describe('parsePhoneNumber cache', () => {
  it('answers a repeated input with the same frozen result', async () => {
    const first = await parsePhoneNumber('+49 170 1234567');
    expect(await parsePhoneNumber('+49 170 1234567')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(await parsePhoneNumber('+4917')).toBeUndefined();
    expect(await parsePhoneNumber('+4917')).toBeUndefined();
  });
});

describe('parsePhoneNumberFull (the gateway’s authoritative check)', () => {
  it.each(['+910123456789', '+33712345678'])('refuses %s, whose length the light check accepts', async (input) => {
    expect(await parsePhoneNumber(input)).toBeDefined();
    expect(await parsePhoneNumberFull(input)).toBeUndefined();
  });

  it.each(['+447911123456', '+33612345678', '+15005550000', '+14155552671'])(
    'accepts %s like the light check',
    async (input) => {
      expect(await parsePhoneNumberFull(input)).toEqual(await parsePhoneNumber(input));
    },
  );
});
