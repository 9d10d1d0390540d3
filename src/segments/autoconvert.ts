// Replaces characters that would force UCS-2 by GSM-7 look-alikes (`on`) and, in `full` mode,
// transliterates accented letters GSM-7 lacks. Characters the enabled tables encode are kept.

/** Look-alikes replaced in `on` and `full` mode: key code unit → replacement. */
const LOOK_ALIKES: Record<number, string> = {
  0x09: ' ', // tab
  0x60: "'", // grave accent used as an apostrophe
  0xa0: ' ', // no-break space
  0xab: '"', // «
  0xad: '', // soft hyphen (invisible)
  0xb4: "'", // acute accent used as an apostrophe
  0xbb: '"', // »
  0x2c6: '^', // modifier circumflex
  0x2dc: '~', // small tilde
  0x1680: ' ', // ogham space mark
  0x200b: '', // zero-width space
  0x200c: '', // zero-width non-joiner
  0x2010: '-', // hyphen
  0x2011: '-', // non-breaking hyphen
  0x2012: '-', // figure dash
  0x2013: '-', // en dash
  0x2014: '-', // em dash
  0x2015: '-', // horizontal bar
  0x2018: "'", // ‘
  0x2019: "'", // ’
  0x201a: "'", // ‚
  0x201b: "'", // ‛
  0x201c: '"', // “
  0x201d: '"', // ”
  0x201e: '"', // „
  0x201f: '"', // ‟
  0x2022: '-', // bullet
  0x2026: '...', // ellipsis
  0x2028: '\n', // line separator
  0x2029: '\n', // paragraph separator
  0x202f: ' ', // narrow no-break space
  0x2032: "'", // prime
  0x2033: '"', // double prime
  0x2039: "'", // ‹
  0x203a: "'", // ›
  0x203c: '!!', // ‼
  0x2043: '-', // hyphen bullet
  0x2044: '/', // fraction slash
  0x205f: ' ', // medium mathematical space
  0x2060: '', // word joiner
  0x2212: '-', // minus sign
  0x2215: '/', // division slash
  0x3000: ' ', // ideographic space
  0xfeff: '', // byte-order mark / zero-width no-break space
};

// More look-alikes, grouped by what they become: at least every replacement Twilio's smart encoding
// makes (sms-segments-calculator's SmartEncodingMap), where it reads as well as ours. Fullwidth ASCII,
// the space and dash families are handled in LOOK_ALIKES and replacementFor.
const LOOK_ALIKE_GROUPS: readonly (readonly [to: string, from: string])[] = [
  ['"', 'ʺˮ❝❞〝〞'],
  ["'", 'ʻˈʼʽʹˊˋ❛❜\u0313\u0314︐︑'],
  ['/', '÷⧸\u0337\u0338'],
  ['\\', '⧹⧵\u20e5﹨'],
  ['_', '\u0332‗'],
  ['|', '\u20d2\u20d3∣⎸⎹⏐⎜⎟'],
  ['-', '⎼⎽﹣'],
  ['@', '﹫'],
  ['$', '﹩'],
  ['!', 'ǃ︕﹗'],
  ['#', '﹟'],
  ['%', '﹪'],
  ['&', '﹠'],
  [',', '\u0326﹐﹑､、'],
  ['(', '❨❪﹙⟮⦅'],
  [')', '❩❫﹚⟯⦆'],
  ['*', '⁎∗⊛✢✣✤✥✱✲✳✺✻✼✽❃❉❊❋⧆﹡'],
  ['+', '˖﹢'],
  ['.', '。﹒｡'],
  [':', 'ː˸⦂꞉︓'],
  [';', '⁏︔﹔'],
  ['<', '﹤'],
  ['=', '\u0347꞊﹦'],
  ['>', '﹥'],
  ['?', '︖﹖'],
  ['^', '\u0302\u1dcd'],
  ['{', '❴﹛'],
  ['}', '❵﹜'],
  ['~', '˷\u0303\u0330\u0334∼'],
  // Small capitals (there are none for Q and X).
  ...[...'ABCDEFGHIJKLMNOPRSTUVWYZ'].map((to, i) => [to, 'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ'.charAt(i)] as const),
  // Vulgar fractions: Twilio's three and the rest of the Number Forms block.
  ...['1/4', '1/2', '3/4'].map((to, i) => [to, '¼½¾'.charAt(i)] as const),
  ...['1/7', '1/9', '1/10', '1/3', '2/3', '1/5', '2/5', '3/5', '4/5', '1/6', '5/6', '1/8', '3/8', '5/8', '7/8'].map(
    (to, i) => [to, '⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞'.charAt(i)] as const,
  ),
  ['0/3', '↉'],
];

for (const [to, from] of LOOK_ALIKE_GROUPS) {
  for (let i = 0; i < from.length; i++) LOOK_ALIKES[from.charCodeAt(i)] ??= to;
}

/** Letters `full` mode transliterates that have no canonical decomposition. */
const LETTERS: Record<number, string> = {
  0xd0: 'D', // Ð
  0xde: 'Th', // Þ
  0xf0: 'd', // ð
  0xfe: 'th', // þ
  0x110: 'D', // Đ
  0x111: 'd', // đ
  0x126: 'H', // Ħ
  0x127: 'h', // ħ
  0x131: 'i', // ı
  0x138: 'k', // ĸ
  0x13f: 'L', // Ŀ
  0x140: 'l', // ŀ
  0x141: 'L', // Ł
  0x142: 'l', // ł
  0x152: 'OE', // Œ
  0x153: 'oe', // œ
  0x166: 'T', // Ŧ
  0x167: 't', // ŧ
  0x17f: 's', // ſ
  0x192: 'f', // ƒ
};

/** Which code units the enabled GSM-7 tables can encode. */
export type Encodable = (code: number) => boolean;

const isLatinLetterRange = (code: number): boolean =>
  (code >= 0xc0 && code <= 0x24f) || (code >= 0x1e00 && code <= 0x1eff);
const isCombiningMark = (code: number): boolean => code >= 0x300 && code <= 0x36f;

function replacementFor(code: number, full: boolean, encodable: Encodable): string | undefined {
  const lookAlike = LOOK_ALIKES[code];
  if (lookAlike !== undefined) return lookAlike;
  if (code >= 0x2000 && code <= 0x200a) return ' '; // en quad … hair space
  // C0 controls a handset would not show (tab, LF, FF and CR are handled above or encodable; ESC is
  // never a character): removed. C1 controls, mostly mis-decoded Windows-1252: one space, NEL a line.
  if ((code < 0x20 && code !== 0x1b) || code === 0x7f) return '';
  if (code >= 0x80 && code <= 0x9f) return code === 0x85 ? '\n' : ' ';
  if (code >= 0xff01 && code <= 0xff5e && encodable(code - 0xfee0)) {
    return String.fromCharCode(code - 0xfee0); // full-width ASCII
  }
  if (!full) return undefined;
  const letter = LETTERS[code];
  if (letter !== undefined) return letter;
  // What survives NFC after an encodable letter is an accent GSM-7 cannot carry.
  if (isCombiningMark(code)) return '';
  if (isLatinLetterRange(code)) {
    const decomposed = String.fromCharCode(code).normalize('NFD');
    const base = decomposed.charCodeAt(0);
    if (decomposed.length > 1 && encodable(base)) return decomposed[0];
  }
  return undefined;
}

/**
 * Applies `on` or `full` autoconvert to `text`; returns `text` itself when nothing changes.
 * `full` first composes the text (NFC) so that `e` + combining acute becomes GSM-7's `é`.
 */
export function autoconvert(text: string, mode: 'on' | 'full', encodable: Encodable): string {
  const full = mode === 'full';
  const source = full ? text.normalize('NFC') : text;
  let converted = '';
  let copiedUpTo = 0;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (encodable(code)) continue;
    const replacement = replacementFor(code, full, encodable);
    if (replacement === undefined) continue;
    converted += source.slice(copiedUpTo, i);
    // "1½" must not read "11/2": a fraction after a digit gets a space.
    if (/^\d+\/\d/.test(replacement) && /\d$/.test(converted)) converted += ' ';
    converted += replacement;
    copiedUpTo = i + 1;
  }
  return copiedUpTo === 0 ? source : converted + source.slice(copiedUpTo);
}
