import { autoconvert } from './autoconvert.js';
import { countCharacters } from './characters.js';
import { GsmEncodingError } from './errors.js';
import type { NationalLanguageTables } from './shift-tables.js';
import { partsAt, scanGsm, ucs2Cuts, type GsmScan } from './split.js';
import { DEFAULT_PAIR, encodableBy, shiftPairs, type TablePair } from './table-pairs.js';
import type { NonGsmCharacter, SegmentOptions, SegmentResult } from './types.js';

const UCS2_SINGLE_PART = 70; // 140 octets / 2
const UCS2_MULTI_PART = 67; // (140 − 6 header octets) / 2
const UCS2_MULTI_PART_HEADER = 6;

/**
 * Counts and splits an SMS exactly as 3GPP TS 23.038 / 23.040 does: picks GSM-7 when every
 * character is in the GSM-7 tables (else UCS-2), fills parts greedily, never splits an escape
 * pair or a surrogate pair, and reports which characters forced UCS-2.
 *
 * The empty string is one GSM-7 part of 0 septets (`segments: 1`, `remaining: 160`): an empty
 * message is still one PDU if sent; refusing to send it is the API's job, not the calculator's.
 *
 * @param text the message body
 * @param options encoding, autoconvert and language shift; all off by default
 * @returns encoding, parts and counts; see {@link SegmentResult}
 * @throws {@link GsmEncodingError} when `encoding: 'GSM-7'` is forced on text it cannot carry
 * @throws TypeError / RangeError when `text` is not a string or an option has an unknown value
 * @example
 * import { segments } from '@onemessage/sdk/segments';
 *
 * segments('Hello {name}').units; // 14 — braces cost 2 septets each
 * const { encoding, segments: parts, nonGsmCharacters } = segments('Café ☕');
 * // encoding 'UCS-2', parts 1, nonGsmCharacters [{ char: '☕', index: 5 }]
 */
export function segments(text: string, options?: SegmentOptions): SegmentResult {
  options ??= {};
  if (typeof text !== 'string') {
    throw new TypeError(`segments(text): text must be a string, got ${text === null ? 'null' : typeof text}`);
  }
  const encoding = options.encoding ?? 'auto';
  if (encoding !== 'auto' && encoding !== 'GSM-7' && encoding !== 'UCS-2') {
    throw new RangeError(`options.encoding must be 'auto', 'GSM-7' or 'UCS-2', got ${JSON.stringify(encoding)}`);
  }
  const mode = options.autoconvert ?? 'off';
  if (mode !== 'off' && mode !== 'on' && mode !== 'full') {
    throw new RangeError(`options.autoconvert must be 'off', 'on' or 'full', got ${JSON.stringify(mode)}`);
  }
  const languages = languageList(options.languageShift);
  const sent = mode === 'off' ? text : autoconvert(text, mode, encodableBy(languages));

  const nonGsmCharacters: NonGsmCharacter[] = [];
  const base = scanGsm(sent, DEFAULT_PAIR.costs, DEFAULT_PAIR.multiPartCapacity, nonGsmCharacters);
  const fitsOnePlainPart = base.uncovered === 0 && base.septets <= DEFAULT_PAIR.singlePartCapacity;
  let pair = DEFAULT_PAIR;
  let scan = base;
  let nonGsm = nonGsmCharacters;
  if (languages.length > 0 && !fitsOnePlainPart) {
    ({ pair, scan } = bestPair(sent, languages, base));
    if (pair !== DEFAULT_PAIR && scan.uncovered > 0) {
      nonGsm = [];
      scanGsm(sent, pair.costs, pair.multiPartCapacity, nonGsm);
    }
  }

  if (scan.uncovered > 0 && encoding === 'GSM-7') throw new GsmEncodingError(nonGsm);
  if (scan.uncovered > 0 || encoding === 'UCS-2') return ucs2Result(sent, nonGsm);
  return gsmResult(sent, pair, scan);
}

function languageList(languageShift: SegmentOptions['languageShift']): readonly NationalLanguageTables[] {
  if (languageShift === undefined || languageShift === null) return [];
  const list = Array.isArray(languageShift) ? languageShift : [languageShift as NationalLanguageTables];
  for (const tables of list) {
    if (
      typeof tables !== 'object' ||
      tables === null ||
      (typeof tables.lockingShift !== 'string' && typeof tables.singleShift !== 'string')
    ) {
      throw new TypeError(
        'options.languageShift must be tables exported by @onemessage/sdk/segments (turkish, spanish, …) or an array of them',
      );
    }
  }
  return list;
}

/**
 * Ranks table pairs: fewest unencodable characters, then fewest parts, then the smallest header
 * (fewer tables the handset must support), then fewest septets (most room left in the last part).
 */
function bestPair(
  text: string,
  languages: readonly NationalLanguageTables[],
  base: GsmScan,
): { pair: TablePair; scan: GsmScan } {
  let best = { pair: DEFAULT_PAIR, scan: base };
  let bestRank = rank(DEFAULT_PAIR, base);
  for (const pair of shiftPairs(languages)) {
    const scan = scanGsm(text, pair.costs, pair.multiPartCapacity, null);
    const candidate = rank(pair, scan);
    if (isBefore(candidate, bestRank)) {
      best = { pair, scan };
      bestRank = candidate;
    }
  }
  return best;
}

function rank(pair: TablePair, scan: GsmScan): number[] {
  return [scan.uncovered, partCount(pair, scan), pair.singlePartHeader, scan.septets];
}

function isBefore(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);
  }
  return false;
}

function partCount(pair: TablePair, scan: GsmScan): number {
  return scan.septets <= pair.singlePartCapacity ? 1 : scan.cuts.length + 1;
}

function gsmResult(text: string, pair: TablePair, scan: GsmScan): SegmentResult {
  const onePart = scan.septets <= pair.singlePartCapacity;
  const capacity = onePart ? pair.singlePartCapacity : pair.multiPartCapacity;
  return {
    encoding: 'GSM-7',
    segments: onePart ? 1 : scan.cuts.length + 1,
    parts: onePart ? [text] : partsAt(text, scan.cuts),
    // The default tables hold no combining characters, so only \r\n joins two code units.
    characters: pair === DEFAULT_PAIR ? text.length - scan.crlf : countCharacters(text),
    units: scan.septets,
    unitsPerSegment: capacity,
    remaining: capacity - (onePart ? scan.septets : scan.lastPartSeptets),
    nonGsmCharacters: [],
    text,
    lockingShift: pair.locking?.language ?? null,
    singleShift: pair.single?.language ?? null,
    userDataHeaderOctets: onePart ? pair.singlePartHeader : pair.multiPartHeader,
  };
}

function ucs2Result(text: string, nonGsmCharacters: NonGsmCharacter[]): SegmentResult {
  const units = text.length;
  const onePart = units <= UCS2_SINGLE_PART;
  const cuts = onePart ? [] : ucs2Cuts(text, UCS2_MULTI_PART);
  const capacity = onePart ? UCS2_SINGLE_PART : UCS2_MULTI_PART;
  return {
    encoding: 'UCS-2',
    segments: cuts.length + 1,
    parts: onePart ? [text] : partsAt(text, cuts),
    characters: countCharacters(text),
    units,
    unitsPerSegment: capacity,
    remaining: capacity - (units - (cuts.length > 0 ? (cuts[cuts.length - 1] as number) : 0)),
    nonGsmCharacters,
    text,
    lockingShift: null,
    singleShift: null,
    userDataHeaderOctets: onePart ? 0 : UCS2_MULTI_PART_HEADER,
  };
}
