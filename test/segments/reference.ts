// An independent oracle for the tests: the 3GPP TS 23.038 default alphabet and extension table
// written out again, with plain (slow, obvious) counting. Not imported by src/.

export const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
export const GSM_EXTENSION = '\f^{}\\[~]|€';

/** Septets of one code unit, or undefined when GSM-7 cannot encode it. */
export function septetsOf(char: string): number | undefined {
  if (GSM_BASIC.includes(char)) return 1;
  if (GSM_EXTENSION.includes(char)) return 2;
  return undefined;
}

/** Septets of a whole GSM-7 text. */
export function septets(text: string): number {
  let total = 0;
  for (const char of text.split('')) total += septetsOf(char) ?? Number.NaN;
  return total;
}

export const isGsm = (text: string): boolean => text.split('').every((char) => septetsOf(char) !== undefined);

export const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
export const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
