// Every position of every national language table against an independent copy of 3GPP TS 23.038.
import { describe, expect, it } from 'vitest';
import * as tables from '../../src/segments/index.js';
import type { NationalLanguageTables } from '../../src/segments/index.js';
import { DEFAULT_LOCKING_CHARACTERS, DEFAULT_SINGLE_SHIFT_CHARACTERS } from '../../src/segments/gsm7.js';
import { TS_23038 } from './fixtures/3gpp-23038-tables.js';

const ESC = 0x1b;
const INDIAN = ['bengali', 'gujarati', 'hindi', 'kannada', 'malayalam', 'oriya', 'punjabi', 'tamil', 'telugu', 'urdu'];

/**
 * Where the CSV copy disagrees with Android's GsmAlphabet.java (AOSP frameworks/opt/telephony), the third
 * copy decides; each entry names the septet and the code unit the spec means.
 */
const ERRATA: { table: string; kind: 'lockingShift' | 'singleShift'; septet: number; is: number; why: string }[] = [
  ...INDIAN.map((table) => ({
    table,
    kind: 'lockingShift' as const,
    septet: 0x2c,
    is: 0x2c,
    why: 'the CSV has an apostrophe; the spec and Android have a comma, as in the default alphabet',
  })),
  {
    table: 'kannada',
    kind: 'lockingShift',
    septet: 0x24,
    is: 0x0ca1,
    why: 'TS 23.038 V9.1.1 prints U+0CAA (already at 0x3D); Android corrects it to U+0CA1, the ISCII order',
  },
  {
    table: 'telugu',
    kind: 'singleShift',
    septet: 0x65,
    is: 0x20ac,
    why: 'the CSV drops the euro sign that every other single-shift table, and Android, has at 0x65',
  },
];

function reference(table: string, kind: 'lockingShift' | 'singleShift'): (number | null)[] {
  const rows = TS_23038[table]?.[kind];
  if (rows === undefined) throw new Error(`no ${kind} for ${table} in the fixture`);
  const septets = rows.flatMap((row) => row.split(' ')).map((hex) => (hex === '----' ? null : parseInt(hex, 16)));
  expect(septets).toHaveLength(128);
  for (const e of ERRATA) if (e.table === table && e.kind === kind) septets[e.septet] = e.is;
  return septets;
}

const hex = (c: number | null | undefined): string => (c == null ? 'none' : `U+${c.toString(16).padStart(4, '0')}`);

/** Our locking table against the reference, as a list of `0xNN: ours ≠ spec` lines (empty when equal). */
function lockingDiffs(ours: string, ref: (number | null)[]): string[] {
  const diffs: string[] = [];
  for (let septet = 0; septet < 128; septet++) {
    if (septet === ESC) continue;
    const mine = ours.charCodeAt(septet);
    const spec = ref[septet] ?? ESC; // unassigned positions are stored as ESC, which never encodes
    if (mine !== spec) diffs.push(`0x${septet.toString(16)}: ${hex(mine)} ≠ ${hex(spec)}`);
  }
  return diffs;
}

/** The single-shift table's characters in septet order (our tables store only the characters). */
const singleShiftCharacters = (ref: (number | null)[]): string =>
  String.fromCharCode(...ref.filter((c, septet): c is number => c !== null && septet !== ESC));

const national = Object.keys(TS_23038).filter((name) => name !== 'default');

describe('national language tables against 3GPP TS 23.038 (independent copy)', () => {
  it('covers every language we export and no other', () => {
    const exported = Object.entries(tables)
      .filter(([, v]) => typeof v === 'object' && v !== null && 'identifier' in v)
      .map(([k]) => k);
    expect(exported.sort()).toEqual([...national].sort());
  });

  it('the default alphabet matches position by position', () => {
    expect(lockingDiffs(DEFAULT_LOCKING_CHARACTERS, reference('default', 'lockingShift'))).toEqual([]);
    expect(DEFAULT_SINGLE_SHIFT_CHARACTERS).toBe(singleShiftCharacters(reference('default', 'singleShift')));
  });

  it.each(national)('%s locking-shift table matches at every septet', (name) => {
    const ours = (tables as unknown as Record<string, NationalLanguageTables>)[name];
    if (TS_23038[name]?.lockingShift === undefined) {
      expect(ours?.lockingShift).toBeUndefined();
      return;
    }
    expect(ours?.lockingShift).toHaveLength(128);
    expect(lockingDiffs(ours?.lockingShift ?? '', reference(name, 'lockingShift'))).toEqual([]);
  });

  it.each(national)('%s single-shift table has the spec characters in septet order', (name) => {
    const ours = (tables as unknown as Record<string, NationalLanguageTables>)[name];
    expect(ours?.singleShift).toBe(singleShiftCharacters(reference(name, 'singleShift')));
  });

  it('the Urdu table has the six marks of 0x5D–0x7F where the spec puts them', () => {
    const septet = (c: string): number => tables.urdu.lockingShift?.indexOf(c) ?? -1;
    expect([0x5d, 0x5e, 0x7b, 0x7c, 0x7d, 0x7f].map((s) => hex(tables.urdu.lockingShift?.charCodeAt(s)))).toEqual([
      'U+0650',
      'U+064f',
      'U+0655',
      'U+0651',
      'U+0653',
      'U+0670',
    ]);
    expect(septet('\u0670')).toBe(0x7f);
  });
});
