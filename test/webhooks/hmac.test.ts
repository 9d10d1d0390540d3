import { describe, expect, it } from 'vitest';
import { webCryptoHmac } from '../../src/webhooks/hmac.js';
import { nodeHmac } from '../../src/webhooks/hmac.node.js';

// printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test'
const EXPECTED = '38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789';

describe.each([
  ['webCryptoHmac (hmac.ts)', webCryptoHmac],
  ['nodeHmac (hmac.node.ts)', nodeHmac],
])('%s', (_, hmac) => {
  it('gives the same digest for a string body and for its UTF-8 bytes', async () => {
    expect(await hmac('whsec_test', '1700000000.', '{"a":1}')).toBe(EXPECTED);
    expect(await hmac('whsec_test', '1700000000.', new TextEncoder().encode('{"a":1}'))).toBe(EXPECTED);
  });

  it('stays correct for many secrets in turn (past the key cache bound)', async () => {
    const secrets = Array.from({ length: 40 }, (_, i) => `whsec_${i}`);
    const first = await Promise.all(secrets.map((s) => hmac(s, '1.', '{}')));
    const again = await Promise.all(secrets.map((s) => hmac(s, '1.', '{}')));
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(40);
    expect(await hmac('whsec_test', '1700000000.', '{"a":1}')).toBe(EXPECTED);
  });
});

describe('the two primitives', () => {
  it('agree on arbitrary bodies, including empty and non-ASCII ones', async () => {
    for (const body of ['', 'x', '{"body":"Grüße 👋"}', 'a'.repeat(5000)]) {
      expect(await webCryptoHmac('whsec_ünïcode', '42.', body)).toBe(await nodeHmac('whsec_ünïcode', '42.', body));
    }
  });
});
