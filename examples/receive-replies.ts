// Receive replies: find the account's number, simulate an SMS to it (test mode), list inbound messages.
//
//   ONEMESSAGE_API_KEY=ark_test_… npx tsx examples/receive-replies.ts
//
// In an app, subscribe a webhook to message.received and verify it with verifyWebhook from
// '@onemessage/sdk/webhooks' (examples/webhooks/); the event's data is the inbound Message.
import OneMessage from '@onemessage/sdk';

const client = new OneMessage();

// The account's numbers are its numeric senders; the gateway gives each account a virtual one.
for await (const sender of client.senders.list({ status: 'approved' })) {
  if (sender.type === 'numeric') console.log(`replies arrive at ${sender.sender_id}`);
}

const reply = await client.test.inbound({ from: '+447911123456', body: 'YES' });
console.log(`received ${reply.id} from ${reply.sender}: "${reply.body}"`);

for await (const message of client.messages.list({ direction: 'inbound' })) {
  console.log(`  inbound ${message.id} ${message.sender} → ${message.to}: ${message.body}`);
}
