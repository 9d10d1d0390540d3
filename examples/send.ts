// Send one SMS.
//
//   ONEMESSAGE_API_KEY=ark_test_… [ONEMESSAGE_BASE_URL=http://127.0.0.1:4010/v1] npx tsx examples/send.ts [+447911123456]
//
import OneMessage from '@onemessage/sdk';

const client = new OneMessage(); // reads ONEMESSAGE_API_KEY and ONEMESSAGE_BASE_URL

const { data: message, response } = await client.messages
  .create({
    to: process.argv[2] ?? '+15005550000', // a test number that is always delivered
    sender: 'OneMSG',
    body: 'Your order #1234 has shipped.',
    metadata: { order_id: '1234' },
  })
  .withResponse();

console.log(
  `sent ${message.id}: ${message.status}, ${message.segments} segment(s), ${message.price.amount} ${message.price.currency}`,
);
console.log(`request ${response.requestId}, ${response.rateLimit.remaining} requests left this window`);
