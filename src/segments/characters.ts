// User-perceived characters (extended grapheme clusters, UAX #29). Intl.Segmenter is exact but
// costs microseconds per call, so runs of code points that always stand alone are counted
// directly and only the stretches around combining marks, joiners and emoji go to the segmenter.

/**
 * BMP ranges (inclusive pairs) whose code points are always a grapheme cluster of their own when
 * next to each other: no Extend, SpacingMark, Prepend, ZWJ, Control or Hangul jamo among them.
 * Checked against Intl.Segmenter in the tests.
 */
const STANDALONE_RANGES = [
  0x20,
  0x7e, // ASCII
  0xa0,
  0xac, // Latin-1 (0xad soft hyphen is a control)
  0xae,
  0x2ff, // Latin-1, Latin Extended-A/B, IPA, spacing modifiers
  0x370,
  0x482, // Greek, Cyrillic (0x483–0x489 combine)
  0x48a,
  0x58f, // Cyrillic supplement, Armenian
  0x5d0,
  0x5ea, // Hebrew letters
  0x621,
  0x64a, // Arabic letters (marks and prepends excluded)
  0xe01,
  0xe30, // Thai consonants and vowels that stand alone
  0xe32,
  0xe32,
  0xe3f,
  0xe46,
  0x1e00,
  0x1fff, // Latin Extended Additional, Greek Extended
  0x2010,
  0x2027, // punctuation (ZWJ 0x200d and line separators excluded)
  0x2030,
  0x205e,
  0x20a0,
  0x20c0, // currency
  0x2100,
  0x23ff, // letterlike, arrows, maths, technical
  0x2460,
  0x27bf, // enclosed, box drawing, shapes, dingbats
  0x3001,
  0x3029, // CJK punctuation (0x302a–0x302f combine)
  0x3041,
  0x3096, // Hiragana (0x3099–0x309a combine)
  0x309b,
  0x30ff, // Katakana
  0x3400,
  0x4dbf, // CJK extension A
  0x4e00,
  0x9fff, // CJK unified ideographs
  0xac00,
  0xd7a3, // Hangul syllables (jamo that extend them are excluded)
  0xff01,
  0xff5e, // full-width ASCII
];

let standalone: Uint8Array | undefined;
let segmenter: Intl.Segmenter | null | undefined;

function standaloneTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let r = 0; r < STANDALONE_RANGES.length; r += 2) {
    table.fill(1, STANDALONE_RANGES[r] as number, (STANDALONE_RANGES[r + 1] as number) + 1);
  }
  return table;
}

/** Code points after which a standalone code point may still join the same cluster. */
const joinsNext = (code: number): boolean =>
  code === 0x200d || // ZWJ before an emoji (GB11)
  (code >= 0x600 && code <= 0x605) || // Arabic prepends (GB9b)
  code === 0x6dd ||
  code === 0x70f ||
  code === 0x890 ||
  code === 0x891 ||
  code === 0x8e2 ||
  code === 0xd4e ||
  (code >= 0x1100 && code <= 0x115f) || // Hangul leading jamo before a syllable (GB6)
  (code >= 0xa960 && code <= 0xa97f) ||
  (code >= 0xd800 && code <= 0xdbff); // astral prepends are rare: stay exact

/** A pictograph outside the BMP (U+1F000–U+1FAFF) that is neither a regional indicator nor a skin tone. */
function isPictograph(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  if (high < 0xd83c || high > 0xd83e) return false;
  const low = text.charCodeAt(i + 1);
  if (low < 0xdc00 || low > 0xdfff) return false;
  const code = ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  return code <= 0x1faff && !(code >= 0x1f1e6 && code <= 0x1f1ff) && !isSkinTone(code);
}

const isSkinTone = (code: number): boolean => code >= 0x1f3fb && code <= 0x1f3ff;

/** A variation selector (U+FE0E/FE0F) or a skin tone at `i`: Extend, so part of the cluster before it. */
function isEmojiExtender(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code === 0xfe0e || code === 0xfe0f) return true;
  return code === 0xd83c && isSkinTone(0x1f000 + (text.charCodeAt(i + 1) - 0xdc00));
}

function skipEmojiExtenders(text: string, i: number): number {
  while (i < text.length && isEmojiExtender(text, i)) i += text.charCodeAt(i) === 0xd83c ? 2 : 1;
  return i;
}

function segmentCount(text: string): number {
  let count = 0;
  for (const _ of (segmenter as Intl.Segmenter).segment(text)) count++;
  return count;
}

/** Counts grapheme clusters (`👍🏽`, `é` written as e + accent, and `\r\n` are one each). */
export function countCharacters(text: string): number {
  if (segmenter === undefined) {
    segmenter = typeof Intl === 'object' && typeof Intl.Segmenter === 'function' ? new Intl.Segmenter() : null;
  }
  if (segmenter === null) return countCodePoints(text);
  const table = (standalone ??= standaloneTable());
  const length = text.length;
  let count = 0;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (table[code] === 1) {
      count++;
      i++;
      continue;
    }
    if (code === 0x0a || code === 0x0d) {
      count++; // a line break is a cluster of its own, \r\n included (GB3–GB5)
      i += code === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      continue;
    }
    // Common emoji need no segmenter: a pictograph, or an extender right after a standalone base,
    // followed by variation selectors or skin tones, then a clean cluster start.
    const pictograph = isPictograph(text, i);
    if (pictograph || (isEmojiExtender(text, i) && i > 0 && table[text.charCodeAt(i - 1)] === 1)) {
      const end = skipEmojiExtenders(text, pictograph ? i + 2 : i);
      const next = text.charCodeAt(end);
      if (end >= length || table[next] === 1 || next === 0x0a || next === 0x0d || isPictograph(text, end)) {
        if (pictograph) count++;
        i = end;
        continue;
      }
    }
    // The cluster may have started at the previous standalone code point: recount it exactly.
    let start = i;
    if (i > 0 && table[text.charCodeAt(i - 1)] === 1) {
      start = i - 1;
      count--;
    }
    let end = i + 1;
    while (end < length && (table[text.charCodeAt(end)] !== 1 || joinsNext(text.charCodeAt(end - 1)))) end++;
    count += segmentCount(text.slice(start, end));
    i = end;
  }
  return count;
}

function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A low surrogate right after a high one belongs to the same code point.
    if (code >= 0xdc00 && code <= 0xdfff && i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) continue;
    }
    count++;
  }
  return count;
}
