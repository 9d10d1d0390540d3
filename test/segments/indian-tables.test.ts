import { describe, expect, it } from 'vitest';
import * as segmentsModule from '../../src/segments/index.js';
import { bengali, hindi, segments, tamil, urdu } from '../../src/segments/index.js';
import * as literal from './fixtures/indian-tables.js';

const indian = [
  'bengali',
  'gujarati',
  'hindi',
  'kannada',
  'malayalam',
  'oriya',
  'punjabi',
  'tamil',
  'telugu',
  'urdu',
] as const;

describe('Indian national language tables', () => {
  it.each(indian.map((name, i) => [name, i + 4] as const))(
    '%s: identifier %i, 128-septet locking table',
    (name, id) => {
      const tables = segmentsModule[name];
      expect(tables.language).toBe(name);
      expect(tables.identifier).toBe(id);
      expect(tables.lockingShift).toHaveLength(128);
      // Digits and basic punctuation keep their default positions in every Indian locking table.
      expect(tables.lockingShift?.slice(0x30, 0x3a)).toBe('0123456789');
      expect(tables.singleShift).toContain('€');
    },
  );

  it.each(indian)('%s expands to the literal 3GPP tables', (name) => {
    expect(segmentsModule[name]).toEqual(literal[name]);
  });

  it('sends Hindi as GSM-7 with the Hindi locking table', () => {
    const result = segments('नमस्ते, आपका कोड 4821 है', { languageShift: hindi });
    expect(result).toMatchObject({ encoding: 'GSM-7', lockingShift: 'hindi' });
    expect(result.units).toBe('नमस्ते, आपका कोड 4821 है'.length);
    expect(segments('नमस्ते').encoding).toBe('UCS-2');
  });

  it('puts Latin capitals, which the Indian locking tables lack, through the single-shift table', () => {
    const result = segments('OTP নম্বর', { languageShift: bengali });
    expect(result).toMatchObject({
      encoding: 'GSM-7',
      lockingShift: 'bengali',
      singleShift: 'bengali',
      units: 3 * 2 + 6,
    });
  });

  it('encodes Tamil and Urdu text', () => {
    expect(segments('வணக்கம்', { languageShift: tamil }).encoding).toBe('GSM-7');
    expect(segments('آپ کا کوڈ', { languageShift: urdu }).encoding).toBe('GSM-7');
  });
});
