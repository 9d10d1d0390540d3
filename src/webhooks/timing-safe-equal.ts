/**
 * @internal Compares two strings in time that depends only on their length, so that an attacker
 * cannot find a valid signature one character at a time by timing rejections.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
