import { describe, expect, it } from 'vitest';
import { buildCostTable, DEFAULT_COSTS } from '../../src/segments/gsm7.js';
import { GSM_BASIC, GSM_EXTENSION } from './reference.js';

const cost = (char: string): number => DEFAULT_COSTS[char.charCodeAt(0)] ?? 0;

describe('DEFAULT_COSTS', () => {
  it('costs 1 septet for each of the 127 characters of the default alphabet', () => {
    expect(GSM_BASIC).toHaveLength(127);
    for (const char of GSM_BASIC) expect(cost(char), char).toBe(1);
  });

  it('costs 2 septets for each extension character', () => {
    for (const char of GSM_EXTENSION) expect(cost(char), char).toBe(2);
  });

  it('cannot encode anything else in the BMP', () => {
    let encodable = 0;
    for (let code = 0; code < 0x10000; code++) if ((DEFAULT_COSTS[code] ?? 0) > 0) encodable++;
    expect(encodable).toBe(GSM_BASIC.length + GSM_EXTENSION.length);
  });

  it.each(['ç', '`', '\u001b', '\u00a0', 'á', '\t'])('does not encode %j', (char) => {
    expect(cost(char)).toBe(0);
  });
});

describe('buildCostTable()', () => {
  it('charges 1 septet for a character present in both tables', () => {
    const table = buildCostTable('ab', 'bc');
    expect([...'abc'].map((c) => table[c.charCodeAt(0)])).toEqual([1, 1, 2]);
  });
});
