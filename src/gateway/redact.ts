/**
 * Keeps secrets out of the gateway's logs: every message and field handed to the configured
 * logger passes through {@link redact} first, whoever wrote the log call.
 * @module
 */

import type { GatewayLogger } from './context.js';

const RULES: [RegExp, string][] = [
  // Credentials in a URL: scheme://user:password@host or //user@host.
  [/(\/\/)[^\s/?#@]*@/g, '$1[redacted]@'],
  // API keys, test or live.
  [/\b(ark_(?:test|live)_)[A-Za-z0-9_]+/g, '$1[redacted]'],
  // Webhook signing secrets.
  [/\b(whsec_)[A-Za-z0-9+/=_-]+/g, '$1[redacted]'],
  // Signature headers (t=…,v1=…): replayable for the tolerance window.
  [/\b(v1=)[0-9a-f]{16,}/gi, '$1[redacted]'],
  // Bearer tokens of any shape.
  [/\b(Bearer\s+)\S+/gi, '$1[redacted]'],
  // One-time codes: digits that follow the word "code" (e.g. "Your login code is 123456").
  [/\b(codes?\b[^0-9\n]{0,16})\d{3,10}\b/gi, '$1[redacted]'],
];

/** `text` with credentials in URLs, API keys, webhook secrets, signatures and OTP codes masked. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

/** A copy of `value` with every string inside it {@link redact}ed (depth-limited, cycle-safe). */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error) return redact(`${value.name}: ${value.message}`);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactValue(item, depth + 1);
  return out;
}

/** Wraps `logger` so nothing it receives can carry a secret; absent methods stay absent. */
export function redactingLogger(logger: GatewayLogger): GatewayLogger {
  const wrapped: GatewayLogger = {};
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    const write = logger[level];
    if (!write) continue;
    wrapped[level] = (message, fields) =>
      write.call(logger, redact(message), fields === undefined ? undefined : (redactValue(fields) as typeof fields));
  }
  return wrapped;
}
