// Fetch a message and its delivery-report history.
//
//   ONEMESSAGE_API_KEY=ark_test_… npx tsx examples/retrieve.ts [msg_…]
//
// Without an id it sends a message first, so the example runs on its own.
import OneMessage from '@onemessage/sdk';

const client = new OneMessage();

const id =
  process.argv[2] ?? (await client.messages.create({ to: '+15005550000', sender: 'OneMSG', body: 'Hello' })).id;

const message = await client.messages.retrieve(id);
console.log(`${message.id} to ${message.to}: ${message.status}`);
for (const event of message.events) {
  console.log(`  ${event.at}  ${event.status}${event.operator_code ? ` (${event.operator_code})` : ''}`);
}
