// Receive OneMessage webhooks with plain node:http.
//
//   ONEMESSAGE_WEBHOOK_SECRET=whsec_… PORT=3000 npx tsx examples/webhooks/node-http.ts
//
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import {
  createReplayGuard,
  verifyWebhook,
  WebhookVerificationError,
  type WebhookEvent,
} from '@onemessage/sdk/webhooks';

/** What to do with each verified event; the default logs it. */
export type EventHandler = (event: WebhookEvent) => void | Promise<void>;

function logEvent(event: WebhookEvent): void {
  switch (event.type) {
    case 'message.delivered':
      console.log(`${event.data.id} delivered to ${event.data.to}`);
      break;
    case 'message.failed':
      console.log(`${event.data.id} failed: ${event.data.error?.message ?? 'unknown error'}`);
      break;
    default:
      console.log(`${event.type} (${event.event_id})`);
  }
}

// The signature covers the exact bytes sent, so collect them untouched: no JSON parsing first.
async function rawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A server that accepts signed events on `POST /webhooks`, answers 400 to anything unverified, and
 * acknowledges a retried delivery of an event it already handled without handling it again.
 */
export function createWebhookServer(secret: string, onEvent: EventHandler = logEvent): Server {
  const replays = createReplayGuard(); // in memory; pass a shared store when running several instances
  return createServer(async (request, response) => {
    if (request.method !== 'POST' || request.url !== '/webhooks') return void response.writeHead(404).end();
    try {
      const event = await verifyWebhook({
        payload: await rawBody(request),
        signature: request.headers['x-onemessage-signature'],
        secret,
      });
      if (await replays.seen(event.event_id)) return void response.writeHead(200).end('duplicate');
      try {
        await onEvent(event);
      } catch (error) {
        await replays.forget(event.event_id); // so that OneMessage's next retry is handled
        throw error;
      }
      response.writeHead(204).end();
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) {
        console.error(error);
        return void response.writeHead(500).end();
      }
      response.writeHead(400, { 'content-type': 'text/plain' }).end(error.reason);
    }
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.ONEMESSAGE_WEBHOOK_SECRET;
  if (!secret) throw new Error('Set ONEMESSAGE_WEBHOOK_SECRET to the whsec_… secret of your endpoint.');
  const port = Number(process.env.PORT ?? 3000);
  createWebhookServer(secret).listen(port, () => console.log(`listening on :${port}`));
}
