import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BASE_URL, OneMessage } from '../src/client.js';
import { OneMessageError } from '../src/core/errors.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

/** An inline fetch that records requests and answers 200 `{}` with a request id. */
function recordingFetch() {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    calls.push({ url, init });
    return Response.json({ ok: true }, { headers: { 'x-request-id': 'req_stub' } });
  };
  const header = (i: number, name: string) => (calls[i]!.init.headers as Record<string, string>)[name];
  return { fetch, calls, header };
}

describe('new OneMessage()', () => {
  it('explains how to fix a missing API key', () => {
    vi.stubEnv('ONEMESSAGE_API_KEY', '');
    expect(() => new OneMessage()).toThrow(OneMessageError);
    expect(() => new OneMessage()).toThrow(/ONEMESSAGE_API_KEY.*ark_test_/);
  });

  it('reads the key and base URL from the environment', async () => {
    vi.stubEnv('ONEMESSAGE_API_KEY', 'ark_test_fromenv');
    vi.stubEnv('ONEMESSAGE_BASE_URL', 'http://127.0.0.1:4010/v1/');
    const { fetch, calls, header } = recordingFetch();
    const client = new OneMessage({ fetch });
    expect(client.baseURL).toBe('http://127.0.0.1:4010/v1');
    await client.get('/balance');
    expect(calls[0]!.url).toBe('http://127.0.0.1:4010/v1/balance');
    expect(header(0, 'authorization')).toBe('Bearer ark_test_fromenv');
  });

  it('prefers explicit options over the environment and defaults to the production URL', () => {
    vi.stubEnv('ONEMESSAGE_BASE_URL', '');
    const client = new OneMessage({ apiKey: 'ark_test_x' });
    expect(client.baseURL).toBe(DEFAULT_BASE_URL);
    expect(client).toMatchObject({ timeout: 30_000, maxRetries: 2 });
    vi.stubEnv('ONEMESSAGE_BASE_URL', 'http://env.test/v1');
    expect(new OneMessage({ apiKey: 'ark_test_x', baseURL: 'http://option.test/v1' }).baseURL).toBe(
      'http://option.test/v1',
    );
  });

  it('refuses a base URL that is not absolute', () => {
    expect(() => new OneMessage({ apiKey: 'ark_test_x', baseURL: 'localhost:4010' })).toThrow(
      /baseURL must be an absolute http\(s\) URL/,
    );
  });

  it('never shows the key when the client is printed or serialised', () => {
    const client = new OneMessage({ apiKey: 'ark_test_supersecret' });
    expect(inspect(client, { depth: 10 })).not.toContain('supersecret');
    expect(JSON.stringify(client)).not.toContain('supersecret');
  });
});

describe('requests', () => {
  it('names the SDK and runtime, and adds default headers', async () => {
    const { fetch, header } = recordingFetch();
    const client = new OneMessage({ apiKey: 'ark_test_x', fetch, defaultHeaders: { 'X-Team': 'growth' } });
    await client.get('/balance');
    expect(header(0, 'user-agent')).toBe(`onemessage-node/0.1.0 (node ${process.versions.node})`);
    expect(header(0, 'x-onemessage-client')).toBe(header(0, 'user-agent'));
    expect(header(0, 'x-team')).toBe('growth');
    expect(header(0, 'accept')).toBe('application/json');
  });

  it('uses the global fetch, looked up at request time, when no fetch option is given', async () => {
    const client = new OneMessage({ apiKey: 'ark_test_x', baseURL: 'http://stub.test/v1' });
    const { fetch, calls } = recordingFetch();
    vi.stubGlobal('fetch', fetch);
    await expect(client.get('/balance')).resolves.toEqual({ ok: true });
    expect(calls[0]!.url).toBe('http://stub.test/v1/balance');
  });

  it('applies the client maxRetries and timeout', async () => {
    let attempts = 0;
    const client = new OneMessage({
      apiKey: 'ark_test_x',
      maxRetries: 0,
      timeout: 20,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          attempts++;
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    });
    await expect(client.get('/balance')).rejects.toMatchObject({ name: 'APIConnectionTimeoutError' });
    expect(attempts).toBe(1);
  });

  it('logs through the logger without the key', async () => {
    const lines: unknown[] = [];
    const { fetch } = recordingFetch();
    const client = new OneMessage({
      apiKey: 'ark_test_secretkey',
      fetch,
      logger: { debug: (...args) => lines.push(args) },
    });
    await client.get('/balance');
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines)).toContain('req_stub');
    expect(JSON.stringify(lines)).not.toContain('secretkey');
  });
});

describe('header values are checked where they enter', () => {
  it('trims a key read from a file or a CRLF .env, as the environment reader does', async () => {
    const { fetch, header } = recordingFetch();
    const client = new OneMessage({ apiKey: 'ark_test_abc\r\n', fetch });
    await client.get('/balance');
    expect(header(0, 'authorization')).toBe('Bearer ark_test_abc');
  });

  it.each([
    ['   ', /only whitespace/],
    ['ark_test_a\nb', /line break .* Authorization header/],
    ['ark_test_clé', /non-ASCII/],
    ['ark_test_\u0007', /control character/],
  ])('refuses the key %j in the constructor, saying what is wrong and never quoting it', (apiKey, message) => {
    expect(() => new OneMessage({ apiKey })).toThrow(OneMessageError);
    expect(() => new OneMessage({ apiKey })).toThrow(message);
    try {
      new OneMessage({ apiKey });
    } catch (error) {
      if (apiKey.trim()) expect((error as Error).message).not.toContain(apiKey.trim());
    }
  });

  it('refuses bad default headers and a client-wide idempotency key', () => {
    expect(() => new OneMessage({ apiKey: 'ark_test_x', defaultHeaders: { 'x-a': 'b\n' } })).toThrow(
      /defaultHeaders\[x-a\]/,
    );
    expect(() => new OneMessage({ apiKey: 'ark_test_x', defaultHeaders: { 'bad name': 'b' } })).toThrow(/header name/);
    expect(() => new OneMessage({ apiKey: 'ark_test_x', defaultHeaders: { 'Idempotency-Key': 'k' } })).toThrow(
      /every POST would share it/,
    );
  });

  it('refuses a bad timeout, maxRetries or fetch', () => {
    expect(() => new OneMessage({ apiKey: 'ark_test_x', timeout: -1 })).toThrow(/timeout/);
    expect(() => new OneMessage({ apiKey: 'ark_test_x', maxRetries: 0.5 })).toThrow(/maxRetries/);
    expect(() => new OneMessage({ apiKey: 'ark_test_x', fetch: 'no' as never })).toThrow(/fetch/);
  });

  it('prints as OneMessage, without the key', () => {
    const client = new OneMessage({ apiKey: 'ark_test_secret' });
    expect(inspect(client)).toMatch(/^OneMessage \{/);
    expect(inspect(client)).not.toContain('ark_test_secret');
  });
});
