/**
 * OTP codes: drawn from a CSPRNG without modulo bias, stored only as a salted SHA-256 hash
 * (Web Crypto), and compared in constant time.
 * @module
 */

import { timingSafeEqual } from '../../webhooks/timing-safe-equal.js';

/** Digits of a numeric code. */
export const NUMERIC_ALPHABET = '0123456789';
/** Letters and digits of an alphanumeric code, without the look-alikes `0 O 1 I`. */
export const ALPHANUMERIC_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A code of `length` characters of `alphabet`, each uniform: bytes at or past the largest
 * multiple of the alphabet's size are drawn again, so no character is likelier than another.
 */
export function generateCode(length: number, alphabet: string = NUMERIC_ALPHABET): string {
  const limit = 256 - (256 % alphabet.length);
  let code = '';
  while (code.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte >= limit) continue;
      code += alphabet[byte % alphabet.length];
      if (code.length === length) break;
    }
  }
  return code;
}

/** A new random salt, hex (16 bytes). */
export function newSalt(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/** SHA-256 of `salt:code`, hex. */
export async function hashCode(salt: string, code: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}:${code}`));
  return toHex(new Uint8Array(digest));
}

/** Whether `code` hashes to `hash` under `salt`; the hashes are compared in constant time. */
export async function codeMatches(salt: string, hash: string, code: string): Promise<boolean> {
  return timingSafeEqual(await hashCode(salt, code), hash);
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
