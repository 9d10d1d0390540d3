// Receive OneMessage webhooks with Fastify 5.
//
//   ONEMESSAGE_WEBHOOK_SECRET=whsec_… PORT=3000 npx tsx examples/webhooks/fastify.ts
//
// Fastify parses JSON bodies by default; inside one encapsulated plugin, a content-type parser that
// keeps the Buffer gives the webhook route the raw bytes, while the rest of the app still gets JSON.
import Fastify, { type FastifyInstance } from 'fastify';
import { pathToFileURL } from 'node:url';
import { verifyWebhook, WebhookVerificationError, type WebhookEvent } from '@onemessage/sdk/webhooks';

/** A Fastify app that accepts signed events on `POST /webhooks` and answers 400 to anything unverified. */
export function createApp(
  secret: string,
  onEvent: (event: WebhookEvent) => void | Promise<void> = console.log,
): FastifyInstance {
  const app = Fastify();
  app.register(async (webhooks) => {
    webhooks.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    webhooks.post('/webhooks', async (request, reply) => {
      try {
        const event = await verifyWebhook({
          payload: request.body as Buffer,
          signature: request.headers['x-onemessage-signature'],
          secret,
        });
        await onEvent(event);
        return reply.code(204).send();
      } catch (error) {
        if (!(error instanceof WebhookVerificationError)) throw error;
        return reply.code(400).type('text/plain').send(error.reason);
      }
    });
  });
  return app;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.ONEMESSAGE_WEBHOOK_SECRET;
  if (!secret) throw new Error('Set ONEMESSAGE_WEBHOOK_SECRET to the whsec_… secret of your endpoint.');
  const port = Number(process.env.PORT ?? 3000);
  await createApp(secret).listen({ port });
  console.log(`listening on :${port}`);
}
