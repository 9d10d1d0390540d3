import { describe, expect, it } from 'vitest';
import { builds } from './builds.js';

// Expected hex computed outside this code base with OpenSSL, e.g.
//   printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test'
const vectors = [
  {
    why: 'a plain ASCII body',
    secret: 'whsec_test',
    timestamp: 1700000000,
    payload: '{"a":1}',
    hex: '38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789',
  },
  {
    why: 'a body with non-ASCII text and an emoji, hashed as UTF-8',
    secret: 'whsec_test',
    timestamp: 1700000300,
    payload: '{"event_id":"evt_1","type":"message.received","created":1700000000,"data":{"body":"Grüße 👋"}}',
    hex: '12feb4b011e6ba352ee3724998e7addbdac5878303978f38fd2589c3c0af82d2',
  },
  {
    why: 'a secret with non-ASCII characters, keyed with its UTF-8 bytes',
    secret: 'whsec_ünïcode',
    timestamp: 1700000000,
    payload: '{"a":1}',
    hex: 'e4f708c5f743941b4917bcf8476931cafb18c815b80976cc84fc45c47bbd2fca',
  },
  {
    why: 'a secret longer than the 64-byte HMAC block (hashed first)',
    secret: `whsec_${'k'.repeat(80)}`,
    timestamp: 1700000000,
    payload: '{"a":1}',
    hex: '647c1fe89622c307e2ec990e22f974dce5a35d3024d04166537feb6adff2cddc',
  },
  {
    why: 'an empty body at t=0',
    secret: 'whsec_test',
    timestamp: 0,
    payload: '',
    hex: 'a2fa7a43c6a1cf2e784eaf3327d65c65b3d2b790320ebed9aa5661bc42a8cccd',
  },
];

describe.each(builds)('signWebhook, $name', ({ signWebhook }) => {
  it.each(vectors)('matches the OpenSSL vector for $why', async ({ secret, timestamp, payload, hex }) => {
    expect(await signWebhook({ payload, secret, timestamp })).toBe(`t=${timestamp},v1=${hex}`);
  });

  it('writes one v1 per secret, in the order given, during a rotation', async () => {
    const [first, long] = [vectors[0]!, vectors[3]!];
    const header = await signWebhook({
      payload: '{"a":1}',
      secret: [long.secret, first.secret],
      timestamp: 1700000000,
    });
    expect(header).toBe(`t=1700000000,v1=${long.hex},v1=${first.hex}`);
  });

  it('stamps the current unix time when no timestamp is given', async () => {
    const before = Math.floor(Date.now() / 1000);
    const header = await signWebhook({ payload: '{}', secret: 'whsec_test' });
    const t = Number(/^t=(\d+),v1=[\da-f]{64}$/.exec(header)?.[1]);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('refuses an empty secret or a fractional timestamp with WebhookOptionsError, without echoing the secret', async () => {
    await expect(signWebhook({ payload: '{}', secret: '' })).rejects.toMatchObject({
      name: 'WebhookOptionsError',
      option: 'secret',
    });
    await expect(signWebhook({ payload: '{}', secret: [] })).rejects.toMatchObject({
      name: 'WebhookOptionsError',
      option: 'secret',
    });
    const error = await signWebhook({ payload: '{}', secret: 'whsec_hidden', timestamp: 1.5 }).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'WebhookOptionsError', option: 'timestamp' });
    expect(error).not.toBeInstanceOf(TypeError);
    expect(String(error)).not.toContain('whsec_hidden');
  });
});

describe('the gateway-facing sign.ts', () => {
  it('is the Web Crypto signWebhook that the package entry exports', async () => {
    const { signWebhook } = await import('../../src/webhooks/sign.js');
    const { signWebhook: exported } = await import('../../src/webhooks/index.js');
    expect(signWebhook).toBe(exported);
    expect(await signWebhook({ payload: '{"a":1}', secret: 'whsec_test', timestamp: 1700000000 })).toBe(
      `t=1700000000,v1=${vectors[0]!.hex}`,
    );
  });
});
