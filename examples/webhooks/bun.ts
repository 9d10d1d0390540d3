// @ts-nocheck -- runs on Bun against the published package: Node's type-check knows neither Bun nor an unbuilt dist/.
// Receive OneMessage webhooks with Bun.serve.
//
//   bun add @onemessage/sdk
//   ONEMESSAGE_WEBHOOK_SECRET=whsec_… PORT=3000 bun examples/webhooks/bun.ts
//
// Bun.serve hands over a Fetch Request with its body unread: verifyWebhook.request() reads the raw
// bytes and the X-OneMessage-Signature header, with Web Crypto.
import { createReplayGuard, verifyWebhook, WebhookVerificationError } from '@onemessage/sdk/webhooks';

const secret = process.env.ONEMESSAGE_WEBHOOK_SECRET;
if (!secret) throw new Error('Set ONEMESSAGE_WEBHOOK_SECRET to the whsec_… secret of your endpoint.');
const replays = createReplayGuard();

export const server = Bun.serve({
  hostname: '127.0.0.1',
  port: Number(process.env.PORT ?? 3000),
  async fetch(request) {
    if (request.method !== 'POST' || new URL(request.url).pathname !== '/webhooks')
      return new Response(null, { status: 404 });
    try {
      const event = await verifyWebhook.request(request, secret);
      if (await replays.seen(event.event_id)) return new Response('duplicate', { status: 200 });
      console.log(`${event.type} ${event.event_id}`);
      return Response.json({ received: event.type, id: event.event_id });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      return new Response(error.reason, { status: 400 });
    }
  },
});
console.log(`listening on ${server.url}`);
