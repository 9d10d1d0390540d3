import { describe, expect, it } from 'vitest';
import { headerNameProblem, headerValueProblem, idempotencyKeyProblem } from '../../src/internal/headers.js';

describe('header checks', () => {
  it('accepts printable ASCII, spaces and tabs', () => {
    expect(headerValueProblem('Bearer ark_test_abc')).toBeUndefined();
    expect(headerValueProblem('a\tb')).toBeUndefined();
    expect(headerNameProblem('X-Trace-Id')).toBeUndefined();
  });

  it('names what is wrong, never the value', () => {
    expect(headerValueProblem('ark_test_abc\n')).toBe('contains a line break (\\n or \\r) at position 12');
    expect(headerValueProblem('ab\r')).toMatch(/line break/);
    expect(headerValueProblem('idk_café')).toMatch(/non-ASCII character at position 7/);
    expect(headerValueProblem('a\u0000')).toMatch(/control character/);
    expect(headerNameProblem('X Trace')).toMatch(/not a valid HTTP header name/);
  });

  it('refuses empty, padded, non-string or unsendable idempotency keys', () => {
    expect(idempotencyKeyProblem('idk_1')).toBeUndefined();
    expect(idempotencyKeyProblem('')).toMatch(/must not be empty/);
    expect(idempotencyKeyProblem(' a')).toMatch(/whitespace/);
    expect(idempotencyKeyProblem('a\n')).toMatch(/whitespace/);
    expect(idempotencyKeyProblem('clé')).toMatch(/non-ASCII/);
    expect(idempotencyKeyProblem(5)).toBe('must be a string');
  });
});
