import { describe, expect, it } from 'vitest';
import OneMessage, { APIPromise, ValidationError } from '../../src/index.js';
import { estimateMessage } from '../../src/pricing/estimate.js';

const client = new OneMessage({ apiKey: 'ark_test_x', fetch: () => Promise.reject(new Error('no network expected')) });

describe('messages.estimate', () => {
  it('returns an APIPromise like every method, computed with no request', async () => {
    const promise = client.messages.estimate({ to: '+447911123456', body: 'Hello', currency: 'GBP' });
    expect(promise).toBeInstanceOf(APIPromise);
    const { data, response } = await promise.withResponse();
    expect(data).toMatchObject({ segments: 1, country: 'GB', price: { currency: 'GBP' } });
    expect(response).toMatchObject({ status: 200, requestId: undefined });
  });

  it('honours fail_on_multiple_segments with the typed error', async () => {
    const error = await client.messages
      .estimate({ to: '+447911123456', body: 'a'.repeat(161), fail_on_multiple_segments: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'multiple_segments_not_allowed', param: 'body' });
    expect((error as Error).message).toContain('messages.estimate');
  });

  it('refuses an unsupported currency, including Object.prototype names', async () => {
    for (const currency of ['JPY', 'toString', 'constructor']) {
      const result = await estimateMessage({ to: '+447911123456', body: 'x', currency });
      expect(result).toMatchObject({ ok: false, issues: [{ param: 'currency', code: 'invalid_parameter' }] });
    }
  });
});
