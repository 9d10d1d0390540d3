// @ts-nocheck -- runs on workerd against the published package; Node's type-check cannot see an unbuilt dist/.
// Receive OneMessage webhooks in a Cloudflare Worker.
//
//   npm install @onemessage/sdk
//   npx wrangler secret put ONEMESSAGE_WEBHOOK_SECRET        (in production)
//   npx wrangler dev examples/webhooks/cloudflare-worker.ts --port "${PORT:-8787}" \
//     --var ONEMESSAGE_WEBHOOK_SECRET:whsec_…                (locally)
//
// Workers have Web Crypto and hand over a Fetch Request with its body unread, so
// verifyWebhook.request() is all it takes. The secret comes from the Worker's env binding.
// Isolates are short-lived and many: to drop duplicate deliveries, back createReplayGuard() with a
// shared store (KV, D1, a Durable Object) rather than the in-memory default.
import { verifyWebhook, WebhookVerificationError } from '@onemessage/sdk/webhooks';

interface Env {
  ONEMESSAGE_WEBHOOK_SECRET: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== 'POST' || new URL(request.url).pathname !== '/webhooks')
      return new Response(null, { status: 404 });
    try {
      const event = await verifyWebhook.request(request, env.ONEMESSAGE_WEBHOOK_SECRET);
      console.log(`${event.type} ${event.event_id}`);
      return Response.json({ received: event.type, id: event.event_id });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      return new Response(error.reason, { status: 400 });
    }
  },
};
