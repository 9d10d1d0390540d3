// verifyWebhook.request(): the header is checked before the body is read, and the body is capped.
import { describe, expect, it } from 'vitest';
import { builds } from './builds.js';

const SECRET = 'whsec_request_body_7c1d';
const NOW = 1700000000;
const body = JSON.stringify({ event_id: 'evt_1', type: 'balance.low', created: NOW, data: { amount: 1 } });

/** A body stream that counts what was pulled from it, so a test can tell whether it was read. */
function countingBody(chunks: number, chunkBytes: number) {
  const stats = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(chunkBytes).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled === chunks) return controller.close();
      stats.pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}

const post = (payload: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://127.0.0.1/webhooks', { method: 'POST', body: payload, headers, duplex: 'half' } as RequestInit);

describe.each(builds)(
  'verifyWebhook.request body handling, $name',
  ({ verifyWebhook, signWebhook, WebhookVerificationError }) => {
    const reasonOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'verified',
        (error: unknown) => (error instanceof WebhookVerificationError ? error.reason : `other: ${String(error)}`),
      );

    it('refuses an unsigned or garbled request without reading a byte of its body', async () => {
      for (const headers of [{}, { 'X-OneMessage-Signature': 'nonsense' }] as Record<string, string>[]) {
        const { stream, stats } = countingBody(256, 1024 * 1024);
        const reason = await reasonOf(verifyWebhook.request(post(stream, headers), SECRET, { now: NOW }));
        expect(reason).toBe(Object.keys(headers).length ? 'malformed_signature' : 'missing_signature');
        expect(stats.pulled).toBeLessThanOrEqual(1); // a stream may pre-pull one chunk; never the rest
      }
    });

    it('stops reading at maxBodyBytes (default 1 MiB) and cancels the stream', async () => {
      const signature = await signWebhook({ payload: body, secret: SECRET, timestamp: NOW });
      const { stream, stats } = countingBody(256, 64 * 1024); // 16 MiB on offer
      const reason = await reasonOf(
        verifyWebhook.request(post(stream, { 'X-OneMessage-Signature': signature }), SECRET, { now: NOW }),
      );
      expect(reason).toBe('payload_too_large');
      expect(stats.pulled).toBeLessThanOrEqual((1024 * 1024) / (64 * 1024) + 2);
      expect(stats.cancelled).toBe(true);
    });

    it('refuses a declared Content-Length over the cap before reading', async () => {
      const signature = await signWebhook({ payload: body, secret: SECRET, timestamp: NOW });
      const request = post(body, { 'X-OneMessage-Signature': signature, 'Content-Length': String(10 * 1024 * 1024) });
      expect(await reasonOf(verifyWebhook.request(request, SECRET, { now: NOW }))).toBe('payload_too_large');
    });

    it('honours a custom maxBodyBytes, at and just past the edge', async () => {
      const signature = await signWebhook({ payload: body, secret: SECRET, timestamp: NOW });
      const headers = { 'X-OneMessage-Signature': signature };
      const size = new TextEncoder().encode(body).length;
      expect(await reasonOf(verifyWebhook.request(post(body, headers), SECRET, { now: NOW, maxBodyBytes: size }))).toBe(
        'verified',
      );
      expect(
        await reasonOf(verifyWebhook.request(post(body, headers), SECRET, { now: NOW, maxBodyBytes: size - 1 })),
      ).toBe('payload_too_large');
      expect(
        await reasonOf(verifyWebhook.request(post(body, headers), SECRET, { now: NOW, maxBodyBytes: Infinity })),
      ).toBe('verified');
    });

    it('reads a multi-chunk body whole when it fits', async () => {
      const text = JSON.stringify({
        event_id: 'evt_2',
        type: 'balance.low',
        created: NOW,
        data: { pad: 'x'.repeat(200_000) },
      });
      const bytes = new TextEncoder().encode(text);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 10_000) controller.enqueue(bytes.subarray(i, i + 10_000));
          controller.close();
        },
      });
      const signature = await signWebhook({ payload: text, secret: SECRET, timestamp: NOW });
      const event = await verifyWebhook.request(post(stream, { 'X-OneMessage-Signature': signature }), SECRET, {
        now: NOW,
      });
      expect(event.event_id).toBe('evt_2');
    });

    it('rejects a bad maxBodyBytes with WebhookOptionsError', async () => {
      for (const maxBodyBytes of [-1, Number.NaN, '1000']) {
        await expect(
          verifyWebhook.request(post(body), SECRET, { maxBodyBytes: maxBodyBytes as number }),
        ).rejects.toMatchObject({ name: 'WebhookOptionsError', option: 'maxBodyBytes' });
      }
    });

    it('turns a body that fails mid-read into invalid_payload, with the cause kept', async () => {
      const signature = await signWebhook({ payload: body, secret: SECRET, timestamp: NOW });
      const stream = new ReadableStream({
        pull() {
          throw new Error('socket hang up');
        },
      });
      const error = await verifyWebhook
        .request(post(stream, { 'X-OneMessage-Signature': signature }), SECRET, { now: NOW })
        .catch((e) => e);
      expect(error).toMatchObject({ name: 'WebhookVerificationError', reason: 'invalid_payload' });
      expect((error as Error).cause).toMatchObject({ message: 'socket hang up' });
    });
  },
);
