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

/** Random ids: prefix + 24 base-62 characters from `crypto.getRandomValues`. */
export function randomIds(length = 24): IdGenerator {
  return {
    next(prefix) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      let suffix = '';
      // 62 does not divide 256; the slight bias is irrelevant for test ids.
      for (const byte of bytes) suffix += ALPHABET[byte % ALPHABET.length];
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
