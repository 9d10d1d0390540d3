// Send a personalised SMS to every row of a CSV file (phone,name), streamed line by line, with a
// progress line. Re-run it with the same job id after a crash: nobody gets the text twice.
//
//   ONEMESSAGE_API_KEY=ark_test_… [ONEMESSAGE_BASE_URL=http://127.0.0.1:4010/v1] \
//     npx tsx examples/send-csv.ts customers.csv [job-id]
//
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import OneMessage, { type BatchEntry } from '@onemessage/sdk';

const [file = 'customers.csv', jobId = 'csv-demo'] = process.argv.slice(2);
const client = new OneMessage();

// One row at a time: the file is never held in memory, however long it is.
async function* rows(path: string): AsyncGenerator<BatchEntry> {
  const lines = createInterface({
    input: createReadStream(path),
    crlfDelay: Infinity,
  });
  let header = true;
  for await (const line of lines) {
    if (header || line.trim() === '') {
      header = false;
      continue;
    }
    const [phone = '', name = ''] = line.split(',').map((cell) => cell.trim());
    yield { to: phone, variables: { name } };
  }
}

const job = client.messages.sendMany(rows(file), {
  jobId,
  defaults: {
    sender: 'OneMSG',
    body: 'Hi {{name}}, your order is on its way.',
  },
  chunkSize: 500,
  onProgress: ({ sent, failed }) => process.stderr.write(`\rsent ${sent}, failed ${failed}`),
});

// Iterate first to see each refused row (index 0 is the first row after the header), then await the summary.
for await (const result of job) {
  if ('error' in result) console.log(`row ${result.index + 1}: ${result.error.code} (${result.error.param ?? '-'})`);
}
const summary = await job;
process.stderr.write('\n');
console.log(
  `done: ${summary.accepted} accepted, ${summary.rejected} rejected in ${summary.chunks} chunk(s), ` +
    `${summary.replayed} replayed, ${summary.retries} retries`,
);
