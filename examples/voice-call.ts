// Place a text-to-speech call and follow it to the end.
//
//   ONEMESSAGE_API_KEY=ark_test_… [ONEMESSAGE_BASE_URL=http://127.0.0.1:4010/v1] npx tsx examples/voice-call.ts [+447911123456 …]
//
// Magic test numbers: +15005550010 never answers, +15005550011 is busy, +15005550012 is unreachable.
import { pathToFileURL } from 'node:url';
import OneMessage, { type Call } from '@onemessage/sdk';

/** Polls a call until it is `completed`, reporting each status change; `wait` sleeps between polls. */
export async function followCall(
  client: OneMessage,
  id: string,
  log: (line: string) => void = console.log,
  wait: () => Promise<unknown> = () => new Promise((resolve) => setTimeout(resolve, 1_000)),
): Promise<Call> {
  let last = '';
  for (let polls = 0; polls < 120; polls++) {
    const call = await client.voice.calls.retrieve(id);
    if (call.status !== last) log(`${call.id}: ${(last = call.status)}`);
    if (call.status === 'completed') return call;
    await wait();
  }
  throw new Error(`${id} did not complete in time`);
}

/** Calls `to` and prints the outcome, duration and price of every number. */
export async function run(client: OneMessage, to: string[], log = console.log, wait?: () => Promise<unknown>) {
  const call = await client.voice.calls.create({
    to,
    text: 'Hello! Your table for two is booked for 8 pm tonight.',
    repeat: 2,
  });
  log(`placed ${call.id} to ${call.to.length} number(s) in ${call.language}`);
  const done = await followCall(client, call.id, log, wait);
  for (const leg of done.legs)
    log(`  ${leg.to}: ${leg.outcome}, ${leg.duration} s, ${leg.price?.amount} ${leg.price?.currency}`);
  log(`total ${done.price?.amount} ${done.price?.currency} for ${done.duration} s answered`);
  return done;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run(new OneMessage(), process.argv.length > 2 ? process.argv.slice(2) : ['+15005550000']);
}
