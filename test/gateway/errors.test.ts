import { describe, expect, it } from 'vitest';
import { errorFromIssues, GatewayError } from '../../src/gateway/errors.js';

describe('GatewayError', () => {
  it('renders the contract error body with the type of its status, param and headers', async () => {
    const error = new GatewayError(503, 'service_unavailable', 'Down.', { headers: { 'retry-after': '1' } });
    const response = error.toResponse('req_1');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toEqual({
      error: { type: 'api_error', code: 'service_unavailable', message: 'Down.', request_id: 'req_1' },
    });
    const notFound = new GatewayError(404, 'not_found', 'No such message: x', { param: 'id' });
    expect(((await notFound.toResponse('req_2').json()) as { error: unknown }).error).toMatchObject({
      type: 'invalid_request_error',
      param: 'id',
    });
  });

  it('accepts only the contract codes (plus request_too_large)', () => {
    expect(new GatewayError(413, 'request_too_large', 'Too big.').type).toBe('invalid_request_error');
    // @ts-expect-error a code outside the contract does not compile
    expect(new GatewayError(400, 'invalid_widget', 'x').code).toBe('invalid_widget');
  });

  it('turns validation issues into one 400: the first issue, the others named', () => {
    const error = errorFromIssues([
      { param: 'to', code: 'invalid_phone_number', message: 'to must be a valid phone number.' },
      { param: 'body', code: 'missing_parameter', message: 'Missing required parameter: body.' },
    ]);
    expect(error).toMatchObject({ status: 400, code: 'invalid_phone_number', param: 'to' });
    expect(error.message).toBe('to must be a valid phone number. (and 1 more: body)');
  });
});
