// Register a webhook endpoint, then look at its delivery log.
//
//   ONEMESSAGE_API_KEY=ark_test_… npx tsx examples/register-webhook.ts [https://example.com/onemessage/webhooks]
//
// Verify what arrives with verifyWebhook from '@onemessage/sdk/webhooks' (see examples/webhooks/).
import OneMessage from '@onemessage/sdk';

const client = new OneMessage();

const endpoint = await client.webhooks.create({
  url: process.argv[2] ?? 'https://example.com/onemessage/webhooks',
  events: ['message.delivered', 'message.failed'],
  description: 'delivery reports',
});
// The secret is shown only now: store it (e.g. as ONEMESSAGE_WEBHOOK_SECRET). Printed masked here.
console.log(`registered ${endpoint.id} for ${endpoint.events.join(', ')}; secret ${endpoint.secret?.slice(0, 10)}…`);

const deliveries = await client.webhooks.deliveries(endpoint.id);
console.log(`${deliveries.data.length} deliveries so far`);

for await (const registered of client.webhooks.list()) console.log(`  ${registered.id}  ${registered.url}`);
