import { describe, expect, it } from 'vitest';
import { GsmEncodingError } from '../../src/segments/index.js';

describe('GsmEncodingError', () => {
  it('has a literal name and keeps the characters', () => {
    const error = new GsmEncodingError([{ char: 'ç', index: 3 }]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('GsmEncodingError');
    expect(error.characters).toEqual([{ char: 'ç', index: 3 }]);
    expect(error.message).toMatch(/options\.encoding is 'GSM-7'.*1 character\(s\).*"ç" at 3/);
  });

  it('lists at most five characters in its message', () => {
    const characters = Array.from({ length: 8 }, (_, index) => ({ char: 'я', index }));
    const error = new GsmEncodingError(characters);
    expect(error.message).toContain('and 3 more');
    expect(error.characters).toHaveLength(8);
  });
});
