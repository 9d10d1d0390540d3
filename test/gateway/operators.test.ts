import { describe, expect, it } from 'vitest';
import { lookupDestination, OPERATORS, TEST_NETWORK_OPERATOR } from '../../src/gateway/operators.js';
import { parsePhoneNumber, pricingCountry } from '../../src/schemas/phone.js';

describe('lookupDestination', () => {
  it.each([
    ['+447911123456', 'GB'], // libphonenumber says GG: the whole UK plan is priced as GB
    ['+447781123456', 'GB'],
    ['+491701234567', 'DE'],
    ['+33612345678', 'FR'],
    ['+12025550123', 'US'],
    ['+5511912345678', 'BR'],
  ])('routes %s to %s, the country the client estimate prices it as', async (e164, country) => {
    const destination = await lookupDestination(e164);
    expect(destination.country).toBe(country);
    expect(destination.country).toBe(pricingCountry((await parsePhoneNumber(e164))!));
    expect(OPERATORS[country]).toContain(destination.operator);
  });

  it('always maps a number to the same operator', async () => {
    const first = await lookupDestination('+33612345678');
    for (let i = 0; i < 5; i++) expect(await lookupDestination('+33612345678')).toEqual(first);
  });

  it('routes the magic test numbers to the test network, priced as US', async () => {
    expect(await lookupDestination('+15005550001')).toEqual({ country: 'US', operator: TEST_NETWORK_OPERATOR });
  });
});
