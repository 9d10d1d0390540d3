// Header names and values are checked where they enter the SDK (constructor, per-call options):
// fetch and undici would otherwise refuse them at send time with a TypeError that looks like a
// network failure ("invalid authorization header") and is retried.

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** What is wrong with a header name, in a few words, or `undefined` when it is a valid token. */
export function headerNameProblem(name: string): string | undefined {
  return TOKEN.test(name) ? undefined : "is not a valid HTTP header name (letters, digits and !#$%&'*+.^_`|~-)";
}

/**
 * What is wrong with a header value, in a few words, or `undefined` when HTTP can carry it as
 * is: printable ASCII, spaces and tabs. Never quotes the value, which may be a secret.
 */
export function headerValueProblem(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return `contains a line break (\\n or \\r) at position ${i}`;
    if (c > 0x7e) return `contains a non-ASCII character at position ${i}; HTTP headers carry ASCII only`;
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return `contains a control character at position ${i}`;
  }
  return undefined;
}

/**
 * What is wrong with an idempotency key, or `undefined` for a usable one: a non-empty string
 * without surrounding whitespace (HTTP trims it, so `' a'` and `'a'` would be the same key) that
 * a header can carry.
 */
export function idempotencyKeyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string') return 'must be a string';
  if (key === '') return 'must not be empty (omit it and the SDK generates one)';
  if (key.trim() !== key) return 'must not start or end with whitespace (HTTP trims it): trim it';
  return headerValueProblem(key);
}
