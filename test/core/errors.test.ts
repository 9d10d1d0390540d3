import { describe, expect, it } from 'vitest';
import {
  InternalServerError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  IdempotencyError,
  OneMessageError,
  RateLimitError,
  ValidationError,
} from '../../src/core/errors.js';
import { ERROR_STATUSES } from './error-statuses.js';

const request = { method: 'POST', path: '/v1/messages' };
const headers = (entries: Record<string, string> = {}) => new Headers({ 'x-request-id': 'req_123', ...entries });
const body = (type: string, code: string, param?: string) => ({
  error: { type, code, message: `${code} happened`, param, request_id: 'req_body' },
});

describe('APIError.generate', () => {
  it.each(ERROR_STATUSES)('maps %i %s/%s to %s', (status, type, code, Class) => {
    const error = APIError.generate(status, body(type, code, 'to'), headers(), request);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(OneMessageError);
    expect(error.name).toBe(Class.name);
    expect(error).toMatchObject({ status, type, code, param: 'to', requestId: 'req_123' });
    expect(error.message).toBe(`${status} ${code}: ${code} happened (POST /v1/messages, request req_123)`);
  });

  it('makes both idempotency failures catchable as IdempotencyError', () => {
    expect(
      APIError.generate(409, body('idempotency_error', 'idempotency_conflict'), headers(), request),
    ).toBeInstanceOf(IdempotencyError);
  });

  it('falls back to APIError for an unknown status and tolerates a non-contract body', () => {
    const error = APIError.generate(418, 'I am a teapot', new Headers(), request);
    expect(error.constructor).toBe(APIError);
    expect(error).toMatchObject({ status: 418, code: undefined, requestId: undefined });
    expect(error.message).toBe(
      "418: the response body was not the API's JSON error (content-type: none) (POST /v1/messages)",
    );
  });

  it("says when an error body was not the API's JSON, naming the content type (a proxy's HTML 502)", () => {
    const headers = new Headers({ 'content-type': 'text/html; charset=utf-8' });
    const error = APIError.generate(502, undefined, headers, { method: 'GET', path: '/v1/messages/msg_x' });
    expect(error.constructor).toBe(InternalServerError);
    expect(error.code).toBeUndefined();
    expect(error.message).toBe(
      "502: the response body was not the API's JSON error (content-type: text/html; charset=utf-8) (GET /v1/messages/msg_x)",
    );
  });

  it('takes the request id from the body when the header is missing', () => {
    expect(APIError.generate(400, body('invalid_request_error', 'x'), new Headers(), request).requestId).toBe(
      'req_body',
    );
  });

  it('gives RateLimitError the Retry-After seconds', () => {
    const error = APIError.generate(
      429,
      body('rate_limit_error', 'rate_limit_exceeded'),
      headers({ 'retry-after': '12' }),
      request,
    );
    expect((error as RateLimitError).retryAfter).toBe(12);
    expect((APIError.generate(429, undefined, headers(), request) as RateLimitError).retryAfter).toBeUndefined();
  });

  it('reads Retry-After as the retry loop does: an HTTP date counts, a blank or unreadable value does not', () => {
    const retryAfter = (value: string) =>
      (APIError.generate(429, undefined, headers({ 'retry-after': value }), request) as RateLimitError).retryAfter;
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(retryAfter(inAMinute)).toBeGreaterThan(58);
    expect(retryAfter(inAMinute)).toBeLessThanOrEqual(60);
    expect(retryAfter('')).toBeUndefined();
    expect(retryAfter('-1')).toBeUndefined();
    expect(retryAfter('1.5')).toBe(1.5);
  });

  it('exposes the response headers', () => {
    const error = APIError.generate(429, undefined, headers({ 'x-ratelimit-remaining': '0' }), request);
    expect(error.headers.get('X-RateLimit-Remaining')).toBe('0');
  });
});

describe('client-side errors', () => {
  it('keep the cause and name the request', () => {
    const cause = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:4010') });
    const error = new APIConnectionError(request, { cause });
    // fetch's generic "fetch failed" is unwrapped to the reason underneath.
    expect(error).toMatchObject({
      name: 'APIConnectionError',
      cause,
      message: 'Connection error (POST /v1/messages): connect ECONNREFUSED 127.0.0.1:4010',
    });
    expect(new APIConnectionError(request).message).toBe('Connection error (POST /v1/messages)');
    const timeout = new APIConnectionTimeoutError(request, 5000, { cause });
    expect(timeout).toBeInstanceOf(APIConnectionError);
    expect(timeout.message).toBe('Request timed out after 5000 ms (POST /v1/messages)');
    expect(new APIUserAbortError(request).name).toBe('APIUserAbortError');
  });

  it('ValidationError lists every issue with its parameter and code', () => {
    const error = new ValidationError(
      [
        { param: 'to', code: 'invalid_phone_number', message: 'to must be a valid phone number.' },
        { param: 'body', code: 'message_too_long', message: 'body must be at most 1600 characters.' },
      ],
      request,
    );
    expect(error).toMatchObject({ name: 'ValidationError', param: 'to', code: 'invalid_phone_number' });
    expect(error.issues).toHaveLength(2);
    expect(error.message).toBe(
      'Invalid parameters for POST /v1/messages: to [invalid_phone_number]: to must be a valid phone number; body [message_too_long]: body must be at most 1600 characters.',
    );
  });
});
