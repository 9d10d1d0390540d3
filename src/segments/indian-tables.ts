// 3GPP TS 23.038 annex A: the Indian national language tables (identifiers 4–13), in their own
// module so that programs that never pass them do not ship them.
import type { NationalLanguageTables, ShiftLanguage } from './shift-tables.js';

// The Indian tables follow the parallel ISCII layout of their Unicode blocks, so each is stored as
// offsets into its script's block (U+0100 + offset stands for block start + offset) and expanded
// on load: gzip then sees ten near-identical strings. The literal tables, in the scripts, are in
// test/segments/fixtures/indian-tables.ts, and a test checks that these expand to them.
function indic(
  language: ShiftLanguage,
  identifier: number,
  block: number,
  locking: string,
  single: string,
): NationalLanguageTables {
  const expand = (encoded: string): string =>
    encoded.replace(/[\u0100-\u01ff]/g, (c) => String.fromCharCode(block + c.charCodeAt(0) - 0x100));
  return { language, identifier, lockingShift: expand(locking), singleShift: expand(single) };
}

/** Bengali (national language identifier 4): locking shift §A.3.4, single shift §A.2.4. */
export const bengali: NationalLanguageTables = /* @__PURE__ */ indic(
  'bengali',
  4,
  0x980,
  '\u0101\u0102\u0103\u0105\u0106\u0107\u0108\u0109\u010a\u010b\n\u010c\x1b\r\x1b\u010f\u0110\x1b\x1b\u0113\u0114\u0115\u0116\u0117\u0118\u0119\u011a\x1b\u011b\u011c\u011d\u011e !\u011f\u0120\u0121\u0122\u0123\u0124)(\u0125\u0126,\u0127.\u01280123456789:;\x1b\u012a\u012b?\u012c\u012d\u012e\u012f\u0130\x1b\u0132\x1b\x1b\x1b\u0136\u0137\u0138\u0139\u013c\u013d\u013e\u013f\u0140\u0141\u0142\u0143\u0144\x1b\x1b\u0147\u0148\x1b\x1b\u014b\u014c\u014d\u014eabcdefghijklmnopqrstuvwxyz\u0157\u015c\u015d\u0170\u0171',
  '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*\u0166\u0167\u0168\u0169\u016a\u016b\u016c\u016d\u016e\u016f\u015f\u0160\u0161\u0162{}\u0163\u0172\u0173\u0174\u0175\\\u0176\u0177\u0178\u0179\u017a[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
);

/** Gujarati (national language identifier 5): locking shift §A.3.5, single shift §A.2.5. */
export const gujarati: NationalLanguageTables = /* @__PURE__ */ indic(
  'gujarati',
  5,
  0xa80,
  '\u0101\u0102\u0103\u0105\u0106\u0107\u0108\u0109\u010a\u010b\n\u010c\u010d\r\x1b\u010f\u0110\u0111\x1b\u0113\u0114\u0115\u0116\u0117\u0118\u0119\u011a\x1b\u011b\u011c\u011d\u011e !\u011f\u0120\u0121\u0122\u0123\u0124)(\u0125\u0126,\u0127.\u01280123456789:;\x1b\u012a\u012b?\u012c\u012d\u012e\u012f\u0130\x1b\u0132\u0133\x1b\u0135\u0136\u0137\u0138\u0139\u013c\u013d\u013e\u013f\u0140\u0141\u0142\u0143\u0144\u0145\x1b\u0147\u0148\u0149\x1b\u014b\u014c\u014d\u0150abcdefghijklmnopqrstuvwxyz\u0160\u0161\u0162\u0163\u0171',
  '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*।॥\u0166\u0167\u0168\u0169\u016a\u016b\u016c\u016d\u016e\u016f{}\\[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
);

/** Hindi (national language identifier 6): locking shift §A.3.6, single shift §A.2.6. */
export const hindi: NationalLanguageTables = /* @__PURE__ */ indic(
  'hindi',
  6,
  0x900,
  '\u0101\u0102\u0103\u0105\u0106\u0107\u0108\u0109\u010a\u010b\n\u010c\u010d\r\u010e\u010f\u0110\u0111\u0112\u0113\u0114\u0115\u0116\u0117\u0118\u0119\u011a\x1b\u011b\u011c\u011d\u011e !\u011f\u0120\u0121\u0122\u0123\u0124)(\u0125\u0126,\u0127.\u01280123456789:;\u0129\u012a\u012b?\u012c\u012d\u012e\u012f\u0130\u0131\u0132\u0133\u0134\u0135\u0136\u0137\u0138\u0139\u013c\u013d\u013e\u013f\u0140\u0141\u0142\u0143\u0144\u0145\u0146\u0147\u0148\u0149\u014a\u014b\u014c\u014d\u0150abcdefghijklmnopqrstuvwxyz\u0172\u017b\u017c\u017e\u017f',
  '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*\u0164\u0165\u0166\u0167\u0168\u0169\u016a\u016b\u016c\u016d\u016e\u016f\u0151\u0152{}\u0153\u0154\u0158\u0159\u015a\\\u015b\u015c\u015d\u015e\u015f\u0160\u0161\u0162\u0163\u0170\u0171[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
);

/** Kannada (national language identifier 7): locking shift §A.3.7, single shift §A.2.7. */
export const kannada: NationalLanguageTables = /* @__PURE__ */ indic(
  'kannada',
  7,
  0xc80,
  '\x1b\u0102\u0103\u0105\u0106\u0107\u0108\u0109\u010a\u010b\n\u010c\x1b\r\u010e\u010f\u0110\x1b\u0112\u0113\u0114\u0115\u0116\u0117\u0118\u0119\u011a\x1b\u011b\u011c\u011d\u011e !\u011f\u0120\u0121\u0122\u0123\u0124)(\u0125\u0126,\u0127.\u01280123456789:;\x1b\u012a\u012b?\u012c\u012d\u012e\u012f\u0130\u0131\u0132\u0133\x1b\u0135\u0136\u0137\u0138\u0139\u013c\u013d\u013e\u013f\u0140\u0141\u0142\u0143\u0144\x1b\u0146\u0147\u0148\x1b\u014a\u014b\u014c\u014d\u0155abcdefghijklmnopqrstuvwxyz\u0156\u0160\u0161\u0162\u0163',
  '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*।॥\u0166\u0167\u0168\u0169\u016a\u016b\u016c\u016d\u016e\u016f\u015e\u0171{}\u0172\\[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
);

/** Malayalam (national language identifier 8): locking shift §A.3.8, single shift §A.2.8. */
export const malayalam: NationalLanguageTables = /* @__PURE__ */ indic(
  'malayalam',
  8,
  0xd00,
  '\x1b\u0102\u0103\u0105\u0106\u0107\u0108\u0109\u010a\u010b\n\u010c\x1b\r\u010e\u010f\u0110\x1b\u0112\u0113\u0114\u0115\u0116\u0117\u0118\u0119\u011a\x1b\u011b\u011c\u011d\u011e !\u011f\u0120\u0121\u0122\u0123\u0124)(\u0125\u0126,\u0127.\u01280123456789:;\x1b\u012a\u012b?\u012c\u012d\u012e\u012f\u0130\u0131\u0132\u0133\u0134\u0135\u0136\u0137\u0138\u0139\x1b\u013d\u013e\u013f\u0140\u0141\u0142\u0143\u0144\x1b\u0146\u0147\u0148\x1b\u014a\u014b\u014c\u014d\u0157abcdefghijklmnopqrstuvwxyz\u0160\u0161\u0162\u0163\u0179',
  '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*।॥\u0166\u0167\u0168\u0169\u016a\u016b\u016c\u016d\u016e\u016f\u0170\u0171{}\u0172\u0173\u0174\u0175\u017a\\\u017b\u017c\u017d\u017e\u017f[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
);

/** Oriya (national language identifier 9): locking shift §A.3.9, single shift §A.2.9. */
export const oriya: NationalLanguageTables = /* @__PURE__ */ indic(
  'oriya',
  9,
  0xb00,
  '\u0101\u0102\u0103\u0105\u0106\u0107\u0108\u0109\u010a\u010b\n\u010c\x1b\r\x1b\u010f\u0110\x1b\x1b\u0113\u0114\u0115\u0116\u0117\u0118\u0119\u011a\x1b\u011b\u011c\u011d\u011e !\u011f\u0120\u0121\u0122\u0123\u0124)(\u0125\u0126,\u0127.\u01280123456789:;\x1b\u012a\u012b?\u012c\u012d\u012e\u012f\u0130\x1b\u0132\u0133\x1b\u0135\u0136\u0137\u0138\u0139\u013c\u013d\u013e\u013f\u0140\u0141\u0142\u0143\u0144\x1b\x1b\u0147\u0148\x1b\x1b\u014b\u014c\u014d\u0156abcdefghijklmnopqrstuvwxyz\u0157\u0160\u0161\u0162\u0163',
  '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*।॥\u0166\u0167\u0168\u0169\u016a\u016b\u016c\u016d\u016e\u016f\u015c\u015d{}\u015f\u0170\u0171\\[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
);

/** Punjabi (national language identifier 10): locking shift §A.3.10, single shift §A.2.10. */
export const punjabi: NationalLanguageTables = /* @__PURE__ */ indic(
  'punjabi',
  10,
  0xa00,
  '\u0101\u0102\u0103\u0105\u0106\u0107\u0108\u0109\u010a\x1b\n\x1b\x1b\r\x1b\u010f\u0110\x1b\x1b\u0113\u0114\u0115\u0116\u0117\u0118\u0119\u011a\x1b\u011b\u011c\u011d\u011e !\u011f\u0120\u0121\u0122\u0123\u0124)(\u0125\u0126,\u0127.\u01280123456789:;\x1b\u012a\u012b?\u012c\u012d\u012e\u012f\u0130\x1b\u0132\u0133\x1b\u0135\u0136\x1b\u0138\u0139\u013c\x1b\u013e\u013f\u0140\u0141\u0142\x1b\x1b\x1b\x1b\u0147\u0148\x1b\x1b\u014b\u014c\u014d\u0151abcdefghijklmnopqrstuvwxyz\u0170\u0171\u0172\u0173\u0174',
  '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*।॥\u0166\u0167\u0168\u0169\u016a\u016b\u016c\u016d\u016e\u016f\u0159\u015a{}\u015b\u015c\u015e\u0175\\[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
);

/** Tamil (national language identifier 11): locking shift §A.3.11, single shift §A.2.11. */
export const tamil: NationalLanguageTables = /* @__PURE__ */ indic(
  'tamil',
  11,
  0xb80,
  '\x1b\u0102\u0103\u0105\u0106\u0107\u0108\u0109\u010a\x1b\n\x1b\x1b\r\u010e\u010f\u0110\x1b\u0112\u0113\u0114\u0115\x1b\x1b\x1b\u0119\u011a\x1b\x1b\u011c\x1b\u011e !\u011f\x1b\x1b\x1b\u0123\u0124)(\x1b\x1b,\x1b.\u01280123456789:;\u0129\u012a\x1b?\x1b\x1b\u012e\u012f\u0130\u0131\u0132\u0133\u0134\u0135\u0136\u0137\u0138\u0139\x1b\x1b\u013e\u013f\u0140\u0141\u0142\x1b\x1b\x1b\u0146\u0147\u0148\x1b\u014a\u014b\u014c\u014d\u0150abcdefghijklmnopqrstuvwxyz\u0157\u0170\u0171\u0172\u0179',
  '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*।॥\u0166\u0167\u0168\u0169\u016a\u016b\u016c\u016d\u016e\u016f\u0173\u0174{}\u0175\u0176\u0177\u0178\u017a\\[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
);

/** Telugu (national language identifier 12): locking shift §A.3.12, single shift §A.2.12. */
export const telugu: NationalLanguageTables = /* @__PURE__ */ indic(
  'telugu',
  12,
  0xc00,
  '\u0101\u0102\u0103\u0105\u0106\u0107\u0108\u0109\u010a\u010b\n\u010c\x1b\r\u010e\u010f\u0110\x1b\u0112\u0113\u0114\u0115\u0116\u0117\u0118\u0119\u011a\x1b\u011b\u011c\u011d\u011e !\u011f\u0120\u0121\u0122\u0123\u0124)(\u0125\u0126,\u0127.\u01280123456789:;\x1b\u012a\u012b?\u012c\u012d\u012e\u012f\u0130\u0131\u0132\u0133\x1b\u0135\u0136\u0137\u0138\u0139\x1b\u013d\u013e\u013f\u0140\u0141\u0142\u0143\u0144\x1b\u0146\u0147\u0148\x1b\u014a\u014b\u014c\u014d\u0155abcdefghijklmnopqrstuvwxyz\u0156\u0160\u0161\u0162\u0163',
  '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*\u0166\u0167\u0168\u0169\u016a\u016b\u016c\u016d\u016e\u016f\u0158\u0159{}\u0178\u0179\u017a\u017b\u017c\\\u017d\u017e\u017f[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
);

/** Urdu (national language identifier 13): locking shift §A.3.13, single shift §A.2.13. */
export const urdu: NationalLanguageTables = /* @__PURE__ */ indic(
  'urdu',
  13,
  0x600,
  '\u0127\u0122\u0128\u017b\u0180\u017e\u01a6\u012a\u01c2\u017f\n\u0179\u017d\r\u017a\u017c\u012b\u012c\u0181\u0184\u0183\u0185\u0186\u0187\u012d\u012e\u012f\x1b\u018c\u0188\u0189\u018a !\u018f\u018d\u0130\u0131\u0191\u0193)(\u0199\u0132,\u0196.\u01980123456789:;\u019a\u0133\u0134?\u0135\u0136\u0137\u0138\u0139\u0141\u0142\u01a9\u01aa\u01ab\u01af\u01b3\u01b1\u0144\u0145\u0146\u01ba\u01bb\u01bc\u0148\u01c4\u01d5\u01c1\u01be\u0121\u01cc\u01d0\u01d2\u014d\u0150\u014f\u0157\u0154abcdefghijklmnopqrstuvwxyz\u0155\u0151\u0153\u0156\u0170',
  '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*\u0100\u0101\u01f0\u01f1\u01f2\u01f3\u01f4\u01f5\u01f6\u01f7\u01f8\u01f9\u010c\u010d{}\u010e\u010f\u0110\u0111\u0112\\\u0113\u0114\u011b\u011f\u0140\u0152\u0158\u016b\u016c\u0172\u0173\u01cd[~]\u01d4|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
);
