// HMAC-SHA256 through Web Crypto: the primitive every runtime has (Deno, Bun, workers, browsers).

/**
 * Computes the lowercase hex HMAC-SHA256 of `prefix + body`, keyed with the UTF-8 bytes of `secret`.
 * `body` is hashed as given: a string as its UTF-8 bytes, bytes untouched. Synchronous where the
 * runtime allows (node:crypto), so callers skip a microtask.
 * @internal
 */
export type HmacSha256Hex = (secret: string, prefix: string, body: string | Uint8Array) => string | Promise<string>;

const encoder = new TextEncoder();
const MAX_CACHED_KEYS = 32;
// Importing a key costs about as much as the HMAC itself; rotation means a handful of secrets at most.
const keys = new Map<string, Promise<CryptoKey>>();

function importKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value as string);
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secret, key);
    key.catch(() => keys.delete(secret));
  }
  return key;
}

function concat(prefix: string, body: string | Uint8Array): Uint8Array {
  if (typeof body === 'string') return encoder.encode(prefix + body);
  const head = encoder.encode(prefix);
  const message = new Uint8Array(head.length + body.length);
  message.set(head);
  message.set(body, head.length);
  return message;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** @internal */
export const webCryptoHmac: HmacSha256Hex = async (secret, prefix, body) => {
  const digest = new Uint8Array(
    await crypto.subtle.sign('HMAC', await importKey(secret), concat(prefix, body) as BufferSource),
  );
  let hex = '';
  for (const byte of digest) hex += HEX[byte];
  return hex;
};
