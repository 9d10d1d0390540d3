// Greedy splitting: each part is filled as far as it goes; only escape pairs (GSM-7) and surrogate
// pairs (UCS-2) are kept whole, as an SMSC does (a combining accent may land in the next part).
import type { CostTable } from './gsm7.js';
import type { NonGsmCharacter } from './types.js';

/** One pass of a text over a GSM-7 table pair. */
export interface GsmScan {
  /** Septets of every encodable character. */
  septets: number;
  /** Characters the table pair cannot encode (a surrogate pair counts once). */
  uncovered: number;
  /** Offsets where a new part starts when parts hold `perPart` septets. */
  cuts: number[];
  /** Septets in the last part under those cuts. */
  lastPartSeptets: number;
  /** `\r\n` pairs, each one user-perceived character. */
  crlf: number;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * Counts septets and records greedy part boundaries in a single pass. Characters the tables
 * cannot encode are pushed to `collect` when given (the cuts are then meaningless).
 */
export function scanGsm(text: string, costs: CostTable, perPart: number, collect: NonGsmCharacter[] | null): GsmScan {
  const length = text.length;
  const limit = costs.length;
  const cuts: number[] = [];
  let septets = 0;
  let inPart = 0;
  let uncovered = 0;
  let crlf = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const cost = code < limit ? (costs[code] as number) : 0;
    if (cost === 0) {
      uncovered++;
      const pair = isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1));
      if (collect !== null) collect.push({ char: text.slice(i, pair ? i + 2 : i + 1), index: i });
      if (pair) i++;
      continue;
    }
    // An escape pair that does not fit moves whole to the next part.
    if (inPart + cost > perPart) {
      cuts.push(i);
      inPart = 0;
    }
    inPart += cost;
    septets += cost;
    if (code === 13 && text.charCodeAt(i + 1) === 10) crlf++;
  }
  return { septets, uncovered, cuts, lastPartSeptets: inPart, crlf };
}

/** Greedy UCS-2 part boundaries: every `perPart` code units, one earlier when a surrogate pair straddles. */
export function ucs2Cuts(text: string, perPart: number): number[] {
  const cuts: number[] = [];
  let start = 0;
  while (text.length - start > perPart) {
    let cut = start + perPart;
    if (isHighSurrogate(text.charCodeAt(cut - 1)) && isLowSurrogate(text.charCodeAt(cut))) cut--;
    cuts.push(cut);
    start = cut;
  }
  return cuts;
}

/** Slices `text` at the given boundaries. */
export function partsAt(text: string, cuts: readonly number[]): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    parts.push(text.slice(start, cut));
    start = cut;
  }
  parts.push(text.slice(start));
  return parts;
}
