// Register your own sender ID, wait for its approval, then send from it.
//
//   ONEMESSAGE_API_KEY=ark_test_… npx tsx examples/register-sender.ts [ACME]
//
// The reference gateway approves after a few seconds (its senderApprovalDelayMs); a name with a
// forbidden word such as BANK is rejected at once, with a rejection_reason.
import OneMessage, { PermissionDeniedError } from '@onemessage/sdk';

const client = new OneMessage();
const senderId = process.argv[2] ?? 'ACME';

let sender = await client.senders.create({
  sender_id: senderId,
  type: 'alphanumeric',
  use_case: 'order updates',
});
console.log(`registered ${sender.id} (${sender.sender_id}): ${sender.status}`);

// Before approval, sending from it is refused with 403 sender_not_approved.
await client.messages.create({ to: '+15005550000', sender: senderId, body: 'Too early' }).catch((error: unknown) => {
  if (!(error instanceof PermissionDeniedError)) throw error;
  console.log(`before approval: ${error.code}`);
});

// In production, listen for the sender.approved webhook instead of polling.
const deadline = Date.now() + 30_000;
while (sender.status === 'pending' && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  sender = await client.senders.retrieve(sender.id);
}
if (sender.status !== 'approved') {
  console.log(`${sender.sender_id} is ${sender.status}: ${sender.rejection_reason ?? 'still pending'}`);
  process.exit(1);
}
console.log(`${sender.sender_id} is approved`);
const message = await client.messages.create({
  to: '+15005550000',
  sender: senderId,
  body: 'Your order shipped',
});
console.log(`sent ${message.id} from ${message.sender}`);
