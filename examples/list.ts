// List messages: one page, or every message across pages with `for await`.
//
//   ONEMESSAGE_API_KEY=ark_test_… npx tsx examples/list.ts
import OneMessage from '@onemessage/sdk';

const client = new OneMessage();

// Awaiting a list gives the first page (newest first) with the wire envelope.
const page = await client.messages.list({ limit: 5 });
console.log(`first page: ${page.data.length} message(s), has_more=${page.has_more}`);

// Iterating walks every page, requesting the next one (starting_after = next_cursor) as needed.
let count = 0;
for await (const message of client.messages.list({ limit: 100, direction: 'outbound' })) {
  count++;
  if (count <= 3) console.log(`  ${message.id}  ${message.status}  ${message.to}`);
}
console.log(`${count} outbound message(s) in total`);
