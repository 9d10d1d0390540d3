// @ts-nocheck -- runs on Deno against the published package: Node's type-check knows neither Deno nor an unbuilt dist/.
// Receive OneMessage webhooks with Deno.serve.
//
//   deno add npm:@onemessage/sdk
//   ONEMESSAGE_WEBHOOK_SECRET=whsec_… PORT=8000 deno run --allow-env --allow-net examples/webhooks/deno.ts
//
// Deno.serve hands over a Fetch Request with its body unread: verifyWebhook.request() reads the raw
// bytes and the X-OneMessage-Signature header, with Web Crypto.
import { createReplayGuard, verifyWebhook, WebhookVerificationError } from '@onemessage/sdk/webhooks';

const secret = Deno.env.get('ONEMESSAGE_WEBHOOK_SECRET');
if (!secret) throw new Error('Set ONEMESSAGE_WEBHOOK_SECRET to the whsec_… secret of your endpoint.');
const replays = createReplayGuard();

export const server = Deno.serve(
  { hostname: '127.0.0.1', port: Number(Deno.env.get('PORT') ?? 8000) },
  async (request) => {
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
);
