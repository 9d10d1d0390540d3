// Receive OneMessage webhooks with Hono: one app for Node, Deno, Bun and Cloudflare Workers.
//
//   Node:    serve `app.fetch` with @hono/node-server
//   Bun:     export default app (Bun.serve picks it up)
//   Deno:    Deno.serve(app.fetch)
//
// c.req.raw is the Fetch Request with its body untouched, so verifyWebhook.request() reads the
// exact bytes that were signed. Do not call c.req.json() before it: that consumes the body.
import { Hono } from 'hono';
import { verifyWebhook, WebhookVerificationError, type WebhookEvent } from '@onemessage/sdk/webhooks';

/** A Hono app that accepts signed events on `POST /webhooks` and answers 400 to anything unverified. */
export function createApp(secret: string, onEvent: (event: WebhookEvent) => void | Promise<void> = console.log): Hono {
  const app = new Hono();
  app.post('/webhooks', async (c) => {
    try {
      const event = await verifyWebhook.request(c.req.raw, secret);
      await onEvent(event);
      return c.body(null, 204);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      return c.text(error.reason, 400);
    }
  });
  return app;
}
