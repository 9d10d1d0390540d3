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
    expect(parseJsonBody('{"a":1 x}')).toEqual({
      ok: false,
      message: 'Request body is not valid JSON (first error at character 7).',
    });
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

describe('readBody and UTF-8', () => {
  const post = (body: BodyInit) => new Request('http://gateway.local/v1/messages', { method: 'POST', body });
  const bytes = (...values: number[]) => new Uint8Array(values);
  const streamed = (body: ReadableStream<Uint8Array>) =>
    new Request('http://gateway.local/v1/messages', { method: 'POST', body, duplex: 'half' } as RequestInit);

  it('rejects invalid UTF-8 with its own reason instead of rewriting it to U+FFFD', async () => {
    const invalid = {
      'a lone continuation byte': bytes(0x7b, 0x80, 0x7d),
      'an overlong encoding of "/"': bytes(0xc0, 0xaf),
      'a UTF-16 surrogate encoded as UTF-8': bytes(0xed, 0xa0, 0x80),
      'a sequence cut off at the end': bytes(0x22, 0xe2, 0x82),
      'a byte never valid in UTF-8': bytes(0xff),
      'a code point above U+10FFFF': bytes(0xf4, 0x90, 0x80, 0x80),
    };
    for (const [name, body] of Object.entries(invalid)) {
      expect(await readBody(post(body), 1_024), name).toEqual({ ok: false, reason: 'invalid_utf8' });
    }
  });

  it('decodes valid UTF-8, also when a character is split across chunks, and drops a leading BOM', async () => {
    const text = '{"body":"é€😀"}';
    const encoded = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        // One byte per chunk: every multi-byte character arrives split.
        for (const byte of encoded) controller.enqueue(bytes(byte));
        controller.close();
      },
    });
    expect(await readBody(streamed(stream), 1_024)).toEqual({ ok: true, text });
    expect(await readBody(post(bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d)), 1_024)).toEqual({ ok: true, text: '{}' });
  });

  it('stops reading an endless body at the cap and cancels it', async () => {
    let pulls = 0;
    let canceled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(1_024));
      },
      cancel() {
        canceled = true;
      },
    });
    expect(await readBody(streamed(endless), 10_000)).toEqual({ ok: false, reason: 'too_large' });
    expect(canceled).toBe(true);
    expect(pulls).toBeLessThan(20);
  });

  it('cancels the body it refuses on its declared length without reading it', async () => {
    let canceled = false;
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(1_024));
      },
      cancel() {
        canceled = true;
      },
    });
    const request = new Request('http://gateway.local/v1/messages', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'content-length': '1000000' },
    } as RequestInit);
    expect(await readBody(request, 10)).toEqual({ ok: false, reason: 'too_large' });
    expect(canceled).toBe(true);
    expect(pulls).toBeLessThanOrEqual(1);
  });

  it('reports a body stream that fails as unreadable', async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('socket hang up'));
      },
    });
    expect(await readBody(streamed(failing), 1_024)).toEqual({ ok: false, reason: 'unreadable' });
  });
});
