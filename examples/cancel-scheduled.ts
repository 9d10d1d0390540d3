// Schedule a message for later, then cancel it before it goes out.
//
//   ONEMESSAGE_API_KEY=ark_test_… npx tsx examples/cancel-scheduled.ts
import OneMessage from '@onemessage/sdk';

const client = new OneMessage();

const inOneHour = new Date(Date.now() + 60 * 60 * 1000).toISOString();
const scheduled = await client.messages.create({
  to: '+15005550000',
  sender: 'OneMSG',
  body: 'Reminder: your appointment is tomorrow at 10:00.',
  scheduled_at: inOneHour,
});
console.log(`${scheduled.id} is ${scheduled.status} for ${scheduled.scheduled_at}`);

const canceled = await client.messages.cancel(scheduled.id);
console.log(`${canceled.id} is ${canceled.status}`);
