// 3GPP TS 23.038 §6.2.1: the GSM 7-bit default alphabet and its extension table, as cost look-ups.

/** Septet order of the default alphabet; index = septet value. 0x1B (ESC) is never a character. */
const DEFAULT_ALPHABET =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The default extension table (§6.2.1.1): each costs ESC + one septet. */
const DEFAULT_EXTENSION = '\f^{}\\[~]|€';

/** Septets a code unit costs in a table pair: 0 = not encodable, 1 = locking table, 2 = single shift. */
export type CostTable = Uint8Array;

/** Builds a cost table from a locking (basic) character string and a single-shift string. */
export function buildCostTable(basic: string, singleShift: string): CostTable {
  let max = 0;
  for (const s of [basic, singleShift]) {
    for (let i = 0; i < s.length; i++) max = Math.max(max, s.charCodeAt(i));
  }
  const table = new Uint8Array(max + 1);
  // Single shift first so a character present in both tables costs 1 septet.
  for (let i = 0; i < singleShift.length; i++) table[singleShift.charCodeAt(i)] = 2;
  for (let i = 0; i < basic.length; i++) table[basic.charCodeAt(i)] = 1;
  table[0x1b] = 0;
  return table;
}

/** Cost table of the default alphabet with the default extension table. */
export const DEFAULT_COSTS: CostTable = /* @__PURE__ */ buildCostTable(DEFAULT_ALPHABET, DEFAULT_EXTENSION);

/** Characters of the default alphabet (locking table), in septet order. */
export const DEFAULT_LOCKING_CHARACTERS = DEFAULT_ALPHABET;
/** Characters of the default extension table. */
export const DEFAULT_SINGLE_SHIFT_CHARACTERS = DEFAULT_EXTENSION;
