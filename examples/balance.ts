// Read the balance, see what a send leaves, and (test mode only) top up.
//
//   ONEMESSAGE_API_KEY=ark_test_… npx tsx examples/balance.ts
import OneMessage from '@onemessage/sdk';

const client = new OneMessage();

const balance = await client.balance.retrieve();
console.log(`available ${balance.available.amount} ${balance.available.currency}`);
console.log(`balance.low fires below ${balance.low_balance_threshold?.amount ?? '(no threshold)'}`);

// Every response says what remains: no need to call balance.retrieve() after each send.
const { data: message, response } = await client.messages
  .create({ to: '+15005550000', sender: 'OneMSG', body: 'Hello' })
  .withResponse();
console.log(`sent ${message.id} for ${message.price.amount}; ${response.balanceRemaining?.amount} left`);

// Test keys only: a live key is refused with a TestModeError before any request.
const topped = await client.test.topUp('25.00');
console.log(`after top-up: ${topped.available.amount} ${topped.available.currency}`);
