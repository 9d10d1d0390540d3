// Property tests: whatever the arguments, the webhooks functions resolve or reject with one of the
// package's two error classes (never a TypeError from inside), and the header parser agrees with a
// plain reading of the format.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSignatureHeader } from '../../src/webhooks/signature-header.js';
import { builds } from './builds.js';

const SECRET = 'whsec_properties_0a9f';
const NOW = 1700000000;
const HEX = fc.stringMatching(/^[\da-f]{64}$/);

/** Values that break careless code: objects with a `length`, non-callable toString/valueOf, proxies of arrays. */
const hostile = fc.oneof(
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
  }),
  fc.record({ length: fc.integer(), 0: fc.anything() }, { requiredKeys: [] }),
  fc.constant({ toString: 1, valueOf: 1 }),
  fc.constant([{ toString: 1 }]),
  fc.constant(Object.create(null)),
  fc.constant(new Uint8Array(3)),
  fc.constant(new ArrayBuffer(2)),
  fc.constant(Symbol('s')),
  fc.constant(() => 'x'),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, hostile);

describe.each(builds)('$name: typed errors only, for any argument', (build) => {
  const { verifyWebhook, signWebhook, WebhookVerificationError, WebhookOptionsError } = build;
  const typed = (error: unknown) => error instanceof WebhookVerificationError || error instanceof WebhookOptionsError;
  const settle = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      if (!typed(error)) throw error; // fast-check reports the arguments that produced it
    }
  };

  it('verifyWebhook(options)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostile,
          fc.record(
            {
              payload: maybe(fc.string()),
              signature: maybe(fc.oneof(fc.string(), fc.array(fc.string()))),
              secret: maybe(fc.oneof(fc.string(), fc.array(fc.string()))),
              tolerance: maybe(fc.double()),
              now: maybe(fc.double()),
            },
            { requiredKeys: [] },
          ),
        ),
        (options) => settle(() => verifyWebhook(options as never)),
      ),
      { numRuns: 400 },
    );
  });

  it('verifyWebhook.request(request, secret, options)', async () => {
    const request = fc.oneof(
      hostile,
      fc.record({
        headers: maybe(fc.record({ get: maybe(fc.func(maybe(fc.string()))) })),
        body: hostile,
        bodyUsed: hostile,
      }),
      fc.tuple(fc.string(), fc.option(fc.string())).map(
        ([text, header]) =>
          new Request('http://127.0.0.1/', {
            method: 'POST',
            body: text,
            headers: header === null ? {} : { 'X-OneMessage-Signature': header.replace(/[^\x20-\x7e]/g, '') },
          }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        request,
        maybe(fc.string()),
        fc.oneof(
          fc.constant(undefined),
          hostile,
          fc.record({ maxBodyBytes: maybe(fc.double()), tolerance: maybe(fc.double()) }, { requiredKeys: [] }),
        ),
        (req, secret, options) => settle(() => verifyWebhook.request(req as never, secret as never, options as never)),
      ),
      { numRuns: 300 },
    );
  });

  it('signWebhook(options)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostile,
          fc.record(
            { payload: maybe(fc.string()), secret: maybe(fc.string()), timestamp: maybe(fc.integer()) },
            { requiredKeys: [] },
          ),
        ),
        (options) => settle(() => signWebhook(options as never)),
      ),
      { numRuns: 300 },
    );
  });

  it('createReplayGuard, createMemoryReplayStore, seen() and forget()', async () => {
    const { createReplayGuard, createMemoryReplayStore } = build;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostile, fc.record({ ttlSeconds: maybe(fc.double()), store: hostile }, { requiredKeys: [] })),
        fc.oneof(hostile, fc.record({ maxEntries: maybe(fc.double()), now: hostile }, { requiredKeys: [] })),
        maybe(fc.string()),
        async (guardOptions, storeOptions, id) => {
          await settle(async () => createMemoryReplayStore(storeOptions as never));
          await settle(async () => {
            const guard = createReplayGuard(guardOptions as never);
            await guard.seen(id as never);
            await guard.forget(id as never);
          });
          await settle(async () => {
            const guard = createReplayGuard();
            await guard.seen(id as never);
            await guard.forget(id as never);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a signature object with a length (issue 12.11) is a malformed header, not a TypeError', async () => {
    const error = await verifyWebhook({ payload: '{}', signature: { length: 3 } as never, secret: SECRET }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'WebhookVerificationError', reason: 'malformed_signature' });
  });

  it('accepts any header that carries one valid v1 among arbitrary extra entries, and rejects it without one', async () => {
    const body = '{"event_id":"evt_p","type":"balance.low","created":1,"data":{}}';
    const good = (await signWebhook({ payload: body, secret: SECRET, timestamp: NOW })).split(',')[1]!;
    const junk = fc.oneof(
      fc.string().filter((s) => !s.includes(',') && !/^\s*t=/.test(s)),
      HEX.map((h) => `v1=${h}`),
      fc.string().map((s) => `v1=${s.replace(/,/g, '')}`),
      HEX.map((h) => `v0=${h}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(junk, { maxLength: 5 }), fc.array(junk, { maxLength: 5 }), async (before, after) => {
        const header = [...before, `t=${NOW}`, good, ...after].join(',');
        await expect(
          verifyWebhook({ payload: body, signature: header, secret: SECRET, now: NOW }),
        ).resolves.toMatchObject({
          event_id: 'evt_p',
        });
        const without = [...before, `t=${NOW}`, ...after].join(',');
        const error = await verifyWebhook({ payload: body, signature: without, secret: SECRET, now: NOW }).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(WebhookVerificationError);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseSignatureHeader, as a property', () => {
  it('never throws, whatever the string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (header) => void parseSignatureHeader(header)));
  });

  it('finds t and exactly the well-formed v1 entries, in order, among any others', () => {
    const entry = fc.oneof(
      HEX.map((h) => ({ text: `v1=${h}`, v1: h })),
      HEX.map((h) => ({ text: ` v1=${h.toUpperCase()} `, v1: h })),
      fc
        .string()
        .filter((s) => !s.includes(',') && !/^\s*t=/.test(s) && !/^\s*v1=[\da-f]{64}\s*$/i.test(s))
        .map((text) => ({ text, v1: undefined })),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999_999_999 }),
        fc.array(entry, { maxLength: 8 }),
        fc.nat(8),
        (t, entries, at) => {
          const texts = entries.map((e) => e.text);
          texts.splice(Math.min(at, texts.length), 0, `t=${t}`);
          const expected = entries.flatMap((e) => (e.v1 === undefined ? [] : [e.v1]));
          const parsed = parseSignatureHeader(texts.join(','));
          expect(parsed).toEqual(expected.length ? { timestamp: t, signatures: expected } : undefined);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects any header whose t is missing, repeated or not whole seconds', () => {
    const v1 = HEX.map((h) => `v1=${h}`);
    const badT = fc.oneof(
      fc.constant(''),
      fc.string().filter((s) => !/^\d{1,15}$/.test(s) && !s.includes(',')),
    );
    fc.assert(
      fc.property(v1, badT, fc.integer({ min: 0, max: 1e12 }), (sig, bad, t) => {
        expect(parseSignatureHeader(sig)).toBeUndefined();
        expect(parseSignatureHeader(`t=${bad},${sig}`)).toBeUndefined();
        expect(parseSignatureHeader(`t=${t},t=${t},${sig}`)).toBeUndefined();
      }),
    );
  });
});
