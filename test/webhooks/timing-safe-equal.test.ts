import { describe, expect, it } from 'vitest';
import { timingSafeEqual } from '../../src/webhooks/timing-safe-equal.js';

describe('timingSafeEqual', () => {
  it('is true only for identical strings', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('', '')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('xbc', 'abc')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
    expect(timingSafeEqual('abcd', 'abc')).toBe(false);
  });

  it('finds a difference in any position of a 64-digit signature', () => {
    const hex = '0123456789abcdef'.repeat(4);
    for (let i = 0; i < hex.length; i++) {
      const changed = hex.slice(0, i) + (hex[i] === '0' ? '1' : '0') + hex.slice(i + 1);
      expect(timingSafeEqual(hex, changed)).toBe(false);
    }
  });
});
