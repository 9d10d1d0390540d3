// Receive OneMessage webhooks with Express 5.
//
//   ONEMESSAGE_WEBHOOK_SECRET=whsec_… PORT=3000 npx tsx examples/webhooks/express.ts
//
// The classic pitfall: app.use(express.json()) replaces the body with parsed JSON, and parsed JSON
// re-serialised is not the bytes that were signed. Give the webhook route express.raw() instead,
// and register it before any global JSON parser.
import express, { type Express } from 'express';
import { pathToFileURL } from 'node:url';
import { verifyWebhook, WebhookVerificationError, type WebhookEvent } from '@onemessage/sdk/webhooks';

/** An Express app that accepts signed events on `POST /webhooks` and answers 400 to anything unverified. */
export function createApp(
  secret: string,
  onEvent: (event: WebhookEvent) => void | Promise<void> = console.log,
): Express {
  const app = express();
  app.post('/webhooks', express.raw({ type: 'application/json' }), async (req, res) => {
    try {
      // req.body is a Buffer here, thanks to express.raw().
      const event = await verifyWebhook({ payload: req.body, signature: req.get('x-onemessage-signature'), secret });
      await onEvent(event);
      res.sendStatus(204);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      res.status(400).type('text/plain').send(error.reason);
    }
  });
  app.use(express.json()); // the rest of the app can parse JSON as usual
  return app;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.ONEMESSAGE_WEBHOOK_SECRET;
  if (!secret) throw new Error('Set ONEMESSAGE_WEBHOOK_SECRET to the whsec_… secret of your endpoint.');
  const port = Number(process.env.PORT ?? 3000);
  createApp(secret).listen(port, () => console.log(`listening on :${port}`));
}
