// Which GSM-7 table pairs a message may use, what each costs in header, and their cost tables.
import {
  buildCostTable,
  DEFAULT_COSTS,
  DEFAULT_LOCKING_CHARACTERS,
  DEFAULT_SINGLE_SHIFT_CHARACTERS,
  type CostTable,
} from './gsm7.js';
import type { NationalLanguageTables } from './shift-tables.js';

/** A locking table (or the default alphabet) with a single-shift table (or the default extension). */
export interface TablePair {
  locking: NationalLanguageTables | null;
  single: NationalLanguageTables | null;
  costs: CostTable;
  /** Septets in a part that is the whole message. */
  singlePartCapacity: number;
  /** Septets in each part of a concatenated message. */
  multiPartCapacity: number;
  /** User Data Header octets of a lone part and of each concatenated part. */
  singlePartHeader: number;
  multiPartHeader: number;
}

const SEPTETS_PER_PDU = 160;
const CONCATENATION_IE_OCTETS = 5; // IEI, length, reference, total, sequence (8-bit reference)
const SHIFT_IE_OCTETS = 3; // IEI 0x24 / 0x25, length, national language identifier

/** Header octets (UDHL included) for the given information elements; 0 when there are none. */
const headerOctets = (ieOctets: number): number => (ieOctets === 0 ? 0 : 1 + ieOctets);
/** Septets a header occupies, with the fill bits that align the text to a septet boundary. */
const headerSeptets = (octets: number): number => Math.ceil((octets * 8) / 7);

const costCache = new Map<string, CostTable>();

function costsOf(locking: string, single: string): CostTable {
  const key = `${locking}\u0000${single}`;
  let costs = costCache.get(key);
  if (costs === undefined) {
    costs = buildCostTable(locking, single);
    costCache.set(key, costs);
  }
  return costs;
}

/** Builds a table pair with its capacities. */
export function tablePair(locking: NationalLanguageTables | null, single: NationalLanguageTables | null): TablePair {
  const shiftOctets = (locking ? SHIFT_IE_OCTETS : 0) + (single ? SHIFT_IE_OCTETS : 0);
  const singlePartHeader = headerOctets(shiftOctets);
  const multiPartHeader = headerOctets(CONCATENATION_IE_OCTETS + shiftOctets);
  return {
    locking,
    single,
    costs:
      locking === null && single === null
        ? DEFAULT_COSTS
        : costsOf(
            locking?.lockingShift ?? DEFAULT_LOCKING_CHARACTERS,
            single?.singleShift ?? DEFAULT_SINGLE_SHIFT_CHARACTERS,
          ),
    singlePartCapacity: SEPTETS_PER_PDU - headerSeptets(singlePartHeader),
    multiPartCapacity: SEPTETS_PER_PDU - headerSeptets(multiPartHeader),
    singlePartHeader,
    multiPartHeader,
  };
}

/** The default alphabet with the default extension table: no shift header. */
export const DEFAULT_PAIR: TablePair = /* @__PURE__ */ tablePair(null, null);

/** Every pair but the default one that the enabled languages allow, in order of header cost. */
export function shiftPairs(languages: readonly NationalLanguageTables[]): TablePair[] {
  const lockings = [null, ...languages.filter((l) => l.lockingShift !== undefined)];
  const singles = [null, ...languages.filter((l) => l.singleShift !== undefined)];
  const pairs: TablePair[] = [];
  for (const locking of lockings) {
    for (const single of singles) {
      if (locking !== null || single !== null) pairs.push(tablePair(locking, single));
    }
  }
  return pairs.sort((a, b) => a.singlePartHeader - b.singlePartHeader);
}

/** A look-up of every code unit that any enabled table encodes (what autoconvert must keep). */
export function encodableBy(languages: readonly NationalLanguageTables[]): (code: number) => boolean {
  const costs =
    languages.length === 0
      ? DEFAULT_COSTS
      : costsOf(
          DEFAULT_LOCKING_CHARACTERS + languages.map((l) => l.lockingShift ?? '').join(''),
          DEFAULT_SINGLE_SHIFT_CHARACTERS + languages.map((l) => l.singleShift ?? '').join(''),
        );
  return (code) => code < costs.length && costs[code] !== 0;
}
