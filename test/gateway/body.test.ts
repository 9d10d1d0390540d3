import { describe, expect, it } from 'vitest';
import { parseJsonBody, readBody } from '../../src/gateway/body.js';

describe('parseJsonBody', () => {
  it('parses JSON and reads an all-whitespace body as no body', () => {
    expect(parseJsonBody('{"to":"+447911123456"}')).toEqual({ ok: true, value: { to: '+447911123456' } });
    expect(parseJsonBody(' \n')).toEqual({ ok: true, value: undefined });
  });

  it('never quotes the body in its error, which may hold a secret', () => {
    for (const text of ['ark_test_supersecret', '{"body":"Your code is 482913" x}', 'whsec_supersecret']) {
      const result = parseJsonBody(text);
      expect(result.ok).toBe(false);
      const message = (result as { message: string }).message;
      expect(message).toMatch(/^Request body is not valid JSON/);
      expect(message).not.toMatch(/supersecret|482913/);
    }
  });

  it('names the position of the first error when the parser reports one', () => {
    expect(parseJsonBody('{"a":1 x}')).toEqual({ ok: false, message: 'Request body is not valid JSON (first error at character 7).' });
  });
});

describe('readBody', () => {
  it('refuses a body over the cap, declared or streamed', async () => {
    const request = (body: string, headers: Record<string, string> = {}) =>
      new Request('http://gateway.local/v1/messages', { method: 'POST', body, headers });
    expect(await readBody(request('12345'), 4)).toEqual({ ok: false, reason: 'too_large' });
    expect(await readBody(request('1', { 'content-length': '99' }), 4)).toEqual({ ok: false, reason: 'too_large' });
    expect(await readBody(request('1234'), 4)).toEqual({ ok: true, text: '1234' });
  });
});
