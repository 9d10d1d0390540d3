// Receive OneMessage webhooks in a Next.js App Router route handler.
//
// Save as app/api/webhooks/route.ts and set ONEMESSAGE_WEBHOOK_SECRET. Route handlers get the Fetch
// Request with its body unread, so there is no body parser to switch off (unlike the Pages Router,
// which needs `export const config = { api: { bodyParser: false } }`).
import { verifyWebhook, WebhookVerificationError, type WebhookEvent } from '@onemessage/sdk/webhooks';

async function handle(event: WebhookEvent): Promise<void> {
  if (event.type === 'message.delivered') console.log(`${event.data.id} delivered`);
}

/** `POST /api/webhooks`: 204 for a verified event, 400 (with the reason) for anything else. */
export async function POST(request: Request): Promise<Response> {
  try {
    const event = await verifyWebhook.request(request, process.env.ONEMESSAGE_WEBHOOK_SECRET!);
    await handle(event);
    return new Response(null, { status: 204 });
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    return new Response(error.reason, { status: 400 });
  }
}
