// Send an SMS and verify a signed webhook with @onemessage/sdk on Bun.
//
//   bun add @onemessage/sdk
//   ONEMESSAGE_API_KEY=ark_test_… bun main.ts
//
// Against the bundled gateway instead of the live API: `bunx onemessage-gateway`, then also set
// ONEMESSAGE_BASE_URL=http://127.0.0.1:4010/v1.
import OneMessage from '@onemessage/sdk';
import { signWebhook, verifyWebhook } from '@onemessage/sdk/webhooks';

const client = new OneMessage(); // reads ONEMESSAGE_API_KEY (and ONEMESSAGE_BASE_URL) from the environment

const message = await client.messages.create({ to: '+14155552671', sender: 'OneMSG', body: 'Hello from Bun' });
console.log(`sent ${message.id}: ${message.segments} segment(s), ${message.encoding}, status ${message.status}`);

// A webhook endpoint: verifyWebhook.request() reads the raw body and the X-OneMessage-Signature header.
const secret = process.env.ONEMESSAGE_WEBHOOK_SECRET ?? 'whsec_example_secret';
const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  async fetch(request) {
    try {
      const event = await verifyWebhook.request(request, secret);
      return Response.json({ received: event.type, id: event.event_id });
    } catch {
      return new Response('invalid signature', { status: 400 });
    }
  },
});

// Deliver one event to it, signed as OneMessage signs them; then a forged one.
const payload = JSON.stringify({
  event_id: 'evt_example',
  type: 'message.delivered',
  created: Math.floor(Date.now() / 1000),
  data: message,
});
const endpoint = `http://127.0.0.1:${server.port}/webhooks/onemessage`;
const signed = await fetch(endpoint, {
  method: 'POST',
  body: payload,
  headers: { 'content-type': 'application/json', 'x-onemessage-signature': await signWebhook({ payload, secret }) },
});
const forged = await fetch(endpoint, {
  method: 'POST',
  body: payload,
  headers: { 'x-onemessage-signature': await signWebhook({ payload, secret: 'whsec_wrong' }) },
});
console.log(
  `signed event: ${signed.status} ${await signed.text()}; forged event: ${forged.status} ${await forged.text()}`,
);
server.stop(true);

if (signed.status !== 200 || forged.status !== 400) process.exit(1);
console.log('ok');
