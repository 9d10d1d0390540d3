import { describe, expect, it } from 'vitest';
import { builds } from './builds.js';

const SECRET = 'whsec_current_2f9a0c';
const OLD_SECRET = 'whsec_previous_77b1e4';
const NOW = 1700000000;
const event = {
  event_id: 'evt_01',
  type: 'message.delivered',
  created: NOW - 2,
  data: { id: 'msg_01', object: 'message', to: '+15005550001', status: 'delivered', body: 'Grüße 👋' },
};
const body = JSON.stringify(event);

describe.each(builds)(
  'verifyWebhook, $name',
  ({ verifyWebhook, signWebhook, WebhookVerificationError, WebhookOptionsError }) => {
    const sign = (options: { payload?: string; secret?: string | string[]; timestamp?: number } = {}) =>
      signWebhook({
        payload: options.payload ?? body,
        secret: options.secret ?? SECRET,
        timestamp: options.timestamp ?? NOW,
      });
    const verify = (options: {
      payload?: unknown;
      signature?: string | string[] | null;
      secret?: string | string[];
      tolerance?: number;
      now?: number;
    }) => verifyWebhook({ payload: body, secret: SECRET, now: NOW, ...options } as Parameters<typeof verifyWebhook>[0]);
    const reasonOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'verified',
        (error: unknown) => (error instanceof WebhookVerificationError ? error.reason : `other: ${String(error)}`),
      );

    it('returns the parsed event for a correctly signed body', async () => {
      const verified = await verify({ signature: await sign() });
      expect(verified).toEqual(event);
      expect(verified.type === 'message.delivered' && verified.data.id).toBe('msg_01');
    });

    it('accepts the payload as a string, a Uint8Array, a Buffer and an ArrayBuffer', async () => {
      const signature = await sign();
      const bytes = new TextEncoder().encode(body);
      const offsetView = new Uint8Array(bytes.length + 4);
      offsetView.set(bytes, 4);
      for (const payload of [body, bytes, Buffer.from(body), bytes.buffer, offsetView.subarray(4)]) {
        expect(await verify({ payload, signature })).toEqual(event);
      }
    });

    it('hashes byte payloads as received, so bytes that are not valid UTF-8 still verify', async () => {
      const raw = new Uint8Array([
        ...new TextEncoder().encode('{"event_id":"evt_2","type":"balance.low","created":1,"data":{"x":"'),
        0xff,
        ...new TextEncoder().encode('"}}'),
      ]);
      const { createHmac } = await import('node:crypto');
      const hex = createHmac('sha256', SECRET).update(`${NOW}.`).update(raw).digest('hex');
      expect((await verify({ payload: raw, signature: `t=${NOW},v1=${hex}` })).event_id).toBe('evt_2');
    });

    it('rejects a tampered body', async () => {
      const signature = await sign();
      expect(await reasonOf(verify({ payload: body.replace('delivered', 'failed'), signature }))).toBe(
        'no_matching_signature',
      );
    });

    it('rejects a signature made with another secret', async () => {
      expect(await reasonOf(verify({ signature: await sign({ secret: 'whsec_attacker' }) }))).toBe(
        'no_matching_signature',
      );
    });

    it('rejects a signature whose t was changed after signing', async () => {
      const signature = (await sign()).replace(`t=${NOW}`, `t=${NOW + 1}`);
      expect(await reasonOf(verify({ signature }))).toBe('no_matching_signature');
    });

    it('rejects timestamps older or newer than the tolerance, and accepts its edges', async () => {
      expect(await reasonOf(verify({ signature: await sign({ timestamp: NOW - 301 }) }))).toBe(
        'timestamp_out_of_tolerance',
      );
      expect(await reasonOf(verify({ signature: await sign({ timestamp: NOW + 301 }) }))).toBe(
        'timestamp_out_of_tolerance',
      );
      expect(await reasonOf(verify({ signature: await sign({ timestamp: NOW - 300 }) }))).toBe('verified');
      expect(await reasonOf(verify({ signature: await sign({ timestamp: NOW + 300 }) }))).toBe('verified');
    });

    it('honours a custom tolerance and an injected now', async () => {
      const signature = await sign({ timestamp: NOW - 3600 });
      expect(await reasonOf(verify({ signature, tolerance: 60 }))).toBe('timestamp_out_of_tolerance');
      expect(await reasonOf(verify({ signature, tolerance: 7200 }))).toBe('verified');
      expect(await reasonOf(verify({ signature, now: NOW - 3500 }))).toBe('verified');
      expect(await reasonOf(verify({ signature, tolerance: Infinity }))).toBe('verified');
    });

    it('fails closed, with WebhookOptionsError naming the option, when now or tolerance is not a usable number', async () => {
      const signature = await sign();
      for (const [option, value] of [
        ['now', Number.NaN],
        ['now', '1700000000'],
        ['tolerance', Number.NaN],
        ['tolerance', -5],
        ['tolerance', '300'],
      ] as const) {
        const error = await verify({ signature, [option]: value }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WebhookOptionsError);
        expect(error).toMatchObject({ name: 'WebhookOptionsError', option });
      }
    });

    it('refuses tolerance: 0, which Stripe reads as "no check", and says what to pass instead', async () => {
      // A signature made this very second would pass an exact-second check: the refusal is not about the timestamp.
      const error = await verify({ signature: await sign(), tolerance: 0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WebhookOptionsError);
      expect((error as Error).message).toMatch(/Infinity, not 0 \(as in Stripe\)/);
      const request = new Request('http://127.0.0.1/', {
        method: 'POST',
        body,
        headers: { 'X-OneMessage-Signature': await sign() },
      });
      await expect(verifyWebhook.request(request, SECRET, { now: NOW, tolerance: 0 })).rejects.toMatchObject({
        option: 'tolerance',
      });
    });

    it('accepts when any well-formed v1 matches, ignoring malformed extras and unknown schemes (as Stripe does)', async () => {
      const good = await sign();
      for (const extra of [
        'v1=potato',
        'v1=',
        'v0=old',
        'v2=' + 'a'.repeat(64),
        'junk',
        '=x',
        'v1=' + 'g'.repeat(64),
      ]) {
        expect(await reasonOf(verify({ signature: `${good},${extra}` }))).toBe('verified');
        expect(await reasonOf(verify({ signature: `${extra},${good}` }))).toBe('verified');
      }
      const t = `t=${NOW}`;
      expect(await reasonOf(verify({ signature: `${t},v1=potato` }))).toBe('malformed_signature');
      expect(await reasonOf(verify({ signature: `${t},v1=${'a'.repeat(64)},v1=potato` }))).toBe(
        'no_matching_signature',
      );
    });

    it('uses the real clock when now is not given', async () => {
      const fresh = await signWebhook({ payload: body, secret: SECRET });
      expect(await verifyWebhook({ payload: body, signature: fresh, secret: SECRET })).toEqual(event);
      const stale = await sign({ timestamp: Math.floor(Date.now() / 1000) - 301 });
      expect(await reasonOf(verifyWebhook({ payload: body, signature: stale, secret: SECRET }))).toBe(
        'timestamp_out_of_tolerance',
      );
    });

    it('takes a header that arrived as several values (Node req.headers) as one list', async () => {
      const [t, v1] = (await sign()).split(',');
      expect(
        await verifyWebhook({ payload: body, signature: [t!, `v1=${'0'.repeat(64)}`, v1!], secret: SECRET, now: NOW }),
      ).toEqual(event);
    });

    it('reports a missing header as missing_signature', async () => {
      for (const signature of [undefined, null, '', []]) {
        expect(await reasonOf(verify({ signature }))).toBe('missing_signature');
      }
    });

    it.each([
      ['no t', 'v1=' + 'a'.repeat(64)],
      ['no v1', `t=${NOW}`],
      ['only other schemes', `t=${NOW},v0=abc,v2=${'a'.repeat(64)}`],
      ['a non-numeric t', `t=soon,v1=${'a'.repeat(64)}`],
      ['a negative t', `t=-5,v1=${'a'.repeat(64)}`],
      ['two t entries', `t=${NOW},t=${NOW},v1=${'a'.repeat(64)}`],
      ['a v1 that is not 64 hex digits', `t=${NOW},v1=abc`],
      ['an entry without =', `t=${NOW},v1`],
      ['garbage', 'not a signature'],
    ])('reports a header with %s as malformed_signature', async (_, signature) => {
      expect(await reasonOf(verify({ signature }))).toBe('malformed_signature');
    });

    it('ignores unknown scheme entries such as v0= and v2=, wherever they sit', async () => {
      const v1 = (await sign()).split(',')[1]!;
      const signature = `v0=deadbeef,t=${NOW}, v2=${'0'.repeat(64)} ,${v1},v9=x=y`;
      expect(await verify({ signature })).toEqual(event);
    });

    it('accepts any one of several v1 entries', async () => {
      const v1 = (await sign()).split(',')[1]!;
      expect(await verify({ signature: `t=${NOW},v1=${'0'.repeat(64)},${v1}` })).toEqual(event);
      expect(await verify({ signature: `t=${NOW},${v1},v1=${'f'.repeat(64)}` })).toEqual(event);
    });

    it('accepts upper-case hex', async () => {
      const [t, v1] = (await sign()).split(',');
      expect(await verify({ signature: `${t},${v1!.toUpperCase().replace('V1=', 'v1=')}` })).toEqual(event);
    });

    it('verifies a rotation header (two v1) with either the old or the new secret', async () => {
      const signature = await sign({ secret: [OLD_SECRET, SECRET] });
      expect(await verify({ signature, secret: SECRET })).toEqual(event);
      expect(await verify({ signature, secret: OLD_SECRET })).toEqual(event);
      expect(await reasonOf(verify({ signature, secret: 'whsec_other' }))).toBe('no_matching_signature');
    });

    it('verifies with a list of secrets when any one of them signed', async () => {
      expect(await verify({ signature: await sign({ secret: OLD_SECRET }), secret: [SECRET, OLD_SECRET] })).toEqual(
        event,
      );
      expect(await verify({ signature: await sign({ secret: SECRET }), secret: [SECRET, OLD_SECRET] })).toEqual(event);
    });

    it('rejects a genuine signature over a body that is not a webhook event', async () => {
      for (const payload of [
        'not json',
        '[]',
        'null',
        '{"event_id":"evt_1","type":"x","created":"1","data":{}}',
        '{"event_id":"evt_1","type":"x","created":1,"data":null}',
      ]) {
        expect(await reasonOf(verify({ payload, signature: await sign({ payload }) }))).toBe('invalid_payload');
      }
    });

    it('explains the parsed-JSON pitfall when given an object instead of the raw body', async () => {
      const error = await verify({ payload: event, signature: await sign() }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(WebhookVerificationError);
      expect((error as InstanceType<typeof WebhookVerificationError>).reason).toBe('invalid_payload');
      expect((error as Error).message).toMatch(/raw body/);
    });

    it('throws WebhookOptionsError naming the field when the secret is empty (an unset env var)', async () => {
      const signature = await sign();
      for (const secret of ['', [], [''], undefined, [42]]) {
        const error = await verify({ signature, secret: secret as string }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WebhookOptionsError);
        expect(error).toMatchObject({ option: 'secret', message: expect.stringMatching(/secret must be a non-empty/) });
      }
    });

    it('never puts a secret in an error', async () => {
      const signature = await sign({ secret: [OLD_SECRET, SECRET] });
      const oopsSignature = await sign({ payload: 'oops' });
      const failures = await Promise.all(
        [
          { signature: undefined },
          { signature: 'nope' },
          { signature, payload: `${body} ` },
          { signature, now: NOW + 10_000 },
          { signature, payload: 'oops', secret: [SECRET, OLD_SECRET] },
          { signature: oopsSignature, payload: 'oops' },
        ].map((options) =>
          verify(options).then(
            () => undefined,
            (e: Error) => e,
          ),
        ),
      );
      for (const error of failures) {
        expect(error).toBeInstanceOf(WebhookVerificationError);
        const text = `${error!.name} ${error!.message} ${error!.stack} ${JSON.stringify(error)}`;
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(OLD_SECRET);
      }
    });

    it('throws errors with a literal name and a stable reason', async () => {
      const error = await verify({ signature: undefined }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ name: 'WebhookVerificationError', reason: 'missing_signature' });
    });

    describe('verifyWebhook.request', () => {
      const post = (payload: BodyInit, headers: Record<string, string>) =>
        new Request('http://127.0.0.1/webhooks', { method: 'POST', body: payload, headers });

      it('reads the raw body and the X-OneMessage-Signature header (any case) from a Fetch Request', async () => {
        const signature = await sign({ timestamp: Math.floor(Date.now() / 1000) });
        expect(await verifyWebhook.request(post(body, { 'x-onemessage-signature': signature }), SECRET)).toEqual(event);
        expect(
          await verifyWebhook.request(post(body, { 'X-OneMessage-Signature': signature }), [OLD_SECRET, SECRET]),
        ).toEqual(event);
      });

      it('passes tolerance and now through', async () => {
        const signature = await sign({ timestamp: NOW - 1000 });
        expect(
          await verifyWebhook.request(post(body, { 'X-OneMessage-Signature': signature }), SECRET, {
            now: NOW,
            tolerance: 2000,
          }),
        ).toEqual(event);
        expect(
          await reasonOf(
            verifyWebhook.request(post(body, { 'X-OneMessage-Signature': signature }), SECRET, { now: NOW }),
          ),
        ).toBe('timestamp_out_of_tolerance');
      });

      it('says so when the body was already read by something else', async () => {
        const request = post(body, {
          'X-OneMessage-Signature': await sign({ timestamp: Math.floor(Date.now() / 1000) }),
        });
        await request.json();
        const error = await verifyWebhook.request(request, SECRET).catch((e: Error) => e);
        expect(error).toMatchObject({ name: 'WebhookVerificationError', reason: 'invalid_payload' });
        expect((error as Error).message).toMatch(/already read/);
      });

      it('rejects a Request without the header, or with a tampered body', async () => {
        expect(await reasonOf(verifyWebhook.request(post(body, {}), SECRET))).toBe('missing_signature');
        const signature = await sign({ timestamp: Math.floor(Date.now() / 1000) });
        expect(
          await reasonOf(verifyWebhook.request(post(`${body}\n`, { 'X-OneMessage-Signature': signature }), SECRET)),
        ).toBe('no_matching_signature');
      });
    });
  },
);

describe('both builds', () => {
  it('share one WebhookVerificationError class, so instanceof works whichever entry threw', async () => {
    const [web, node] = builds;
    expect(web.WebhookVerificationError).toBe(node.WebhookVerificationError);
    const header = await node.signWebhook({ payload: body, secret: SECRET, timestamp: NOW });
    expect(await web.verifyWebhook({ payload: body, signature: header, secret: SECRET, now: NOW })).toEqual(event);
  });
});
