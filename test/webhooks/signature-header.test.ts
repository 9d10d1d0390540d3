import { describe, expect, it } from 'vitest';
import { parseSignatureHeader } from '../../src/webhooks/signature-header.js';

const HEX_A = 'a'.repeat(64);
const HEX_B = 'B'.repeat(64);

describe('parseSignatureHeader', () => {
  it('reads t and every v1, in order, lowercased', () => {
    expect(parseSignatureHeader(`t=1700000000,v1=${HEX_A},v1=${HEX_B}`)).toEqual({
      timestamp: 1700000000,
      signatures: [HEX_A, HEX_B.toLowerCase()],
    });
  });

  it('skips other schemes, blank entries and spaces around entries', () => {
    expect(parseSignatureHeader(` v0=old , t=5,,v2=${HEX_A}, v1=${HEX_A} ,`)).toEqual({
      timestamp: 5,
      signatures: [HEX_A],
    });
  });

  it('skips malformed entries, so one bad v1 does not veto a good one', () => {
    for (const extra of ['v1=potato', 'v1=', `v1=${HEX_A}0`, '=x', 'junk', 'v1']) {
      expect(parseSignatureHeader(`t=5,v1=${HEX_A},${extra}`)).toEqual({ timestamp: 5, signatures: [HEX_A] });
      expect(parseSignatureHeader(`${extra},t=5,v1=${HEX_A}`)).toEqual({ timestamp: 5, signatures: [HEX_A] });
    }
  });

  it.each([
    ['', 'an empty header'],
    [`v1=${HEX_A}`, 'no t'],
    ['t=5', 'no v1'],
    [`t=5,v2=${HEX_A}`, 'only an unknown scheme'],
    [`t=1.5,v1=${HEX_A}`, 'a fractional t'],
    [`t=,v1=${HEX_A}`, 'an empty t'],
    [`t=1e9,v1=${HEX_A}`, 'an exponent t'],
    [`t=1234567890123456,v1=${HEX_A}`, 'a t beyond 15 digits'],
    [`t=5,v1=${HEX_A}0`, 'only a 65-digit v1'],
    [`t=5,v1=${'g'.repeat(64)}`, 'only a non-hex v1'],
    ['t=5,v1=potato', 'only a malformed v1'],
    [`t=5,t=6,v1=${HEX_A}`, 'two t'],
  ])('returns undefined for %j (%s)', (header) => {
    expect(parseSignatureHeader(header)).toBeUndefined();
  });
});
