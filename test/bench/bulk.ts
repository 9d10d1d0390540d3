// Row 5, bulk: a 10,000-entry personalised `messages.batch` through the SDK and the gateway (wall time, and the
// longest the gateway's event loop was blocked meanwhile, from monitorEventLoopDelay in the gateway's process),
// then `messages.sendMany` over 100,000 and 1,000,000 recipients from an async generator (throughput and the
// SDK process's peak memory, sampled after GC).
import type { BatchEntry } from '../../src/index.js';
import { gc, load, mb, perSecond, size, startChild, times, type Child, type SummaryRow } from './harness.js';

interface LoopDelay {
  maxMs: number;
  p99Ms: number;
  meanMs: number;
}

type Recipient = BatchEntry & { to: string; variables: Record<string, string> };

const BATCH_SIZE = size(10_000, 200);
const SEND_MANY_SIZES = size([100_000, 1_000_000], [1_000, 5_000]);
const DEFAULTS = { sender: 'OneMSG', body: 'Hi {{name}}, your table for {{guests}} is booked at {{time}}.' };

/** Distinct valid UK mobiles, each with its own variables. */
function recipient(i: number): Recipient {
  return {
    to: `+4479110${String(i % 100_000).padStart(5, '0')}`,
    variables: { name: `Guest ${i}`, guests: String(2 + (i % 6)), time: `${18 + (i % 4)}:30` },
  };
}

async function* recipients(count: number): AsyncGenerator<Recipient> {
  for (let i = 0; i < count; i++) yield recipient(i);
}

// The gateway's default delivery timings put `sent` 200 ms and `delivered` 1,000 ms after the batch: waiting this
// long before reading the histogram counts the bursts of delivery steps too, not only the request.
const DELIVERY_SETTLE_MS = size(1_500, 1_100);

// The longest block the gateway may have while it takes a 10,000-entry batch and delivers it.
const LOOP_BLOCK_TARGET_MS = 50;

/** Runs `work` with the gateway's event-loop histogram reset before and read `settleMs` after. */
async function withLoopDelay<T>(
  gateway: Child,
  work: () => Promise<T>,
  settleMs = 0,
): Promise<{ result: T; loop: LoopDelay }> {
  await gateway.ask('reset');
  const result = await work();
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  return { result, loop: await gateway.ask<LoopDelay>('report') };
}

const blockNote = (loop: LoopDelay): Pick<SummaryRow, 'target' | 'met' | 'note'> => ({
  target: `longest block < ${LOOP_BLOCK_TARGET_MS} ms`,
  met: loop.maxMs < LOOP_BLOCK_TARGET_MS,
  note:
    'measured from the request until delivery settled (sent at 200 ms, delivered at 1 s): idempotency hash built ' +
    'in slices, entries checked 100 and stored 1,000 per slice, delivery steps sharing a timer per due time',
});

/** Samples the SDK process's live heap (after a full GC) and RSS every 100 ms while `work` runs. */
async function peakMemory<T>(work: () => Promise<T>): Promise<{ result: T; heapBytes: number; rssBytes: number }> {
  const collect = gc();
  collect();
  const base = process.memoryUsage();
  let heap = 0;
  let rss = 0;
  const sample = () => {
    collect();
    const now = process.memoryUsage();
    heap = Math.max(heap, now.heapUsed - base.heapUsed);
    rss = Math.max(rss, now.rss - base.rss);
  };
  const timer = setInterval(sample, 100);
  try {
    const result = await work();
    sample();
    return { result, heapBytes: heap, rssBytes: rss };
  } finally {
    clearInterval(timer);
  }
}

/** Row 5. */
export async function run(): Promise<SummaryRow[]> {
  const gateway = await startChild({ file: 'test/bench/children/gateway.mjs' });
  const { url, apiKey } = JSON.parse(gateway.ready) as { url: string; apiKey: string };
  const { OneMessage } = await load<typeof import('../../src/index.node.js')>('@onemessage/sdk');
  const client = new OneMessage({ apiKey, baseURL: url });
  const { messages } = client;
  const summary: SummaryRow[] = [];
  try {
    const entries = Array.from({ length: BATCH_SIZE }, (_, i) => recipient(i));
    const body = JSON.stringify({ defaults: DEFAULTS, messages: entries });
    // Warm-up: the gateway's first batch also loads and compiles its validators.
    const warm = JSON.stringify({ defaults: DEFAULTS, messages: entries.slice(0, 100) });
    const auth = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    await (await fetch(`${url}/messages/batch`, { method: 'POST', headers: auth, body: warm })).text();
    // The same batch as raw HTTP: what the gateway alone costs, and the SDK's share of the wall time.
    const raw = await withLoopDelay(
      gateway,
      async () => {
        const start = performance.now();
        const res = await fetch(`${url}/messages/batch`, {
          method: 'POST',
          headers: auth,
          body,
        });
        await res.text();
        return { ms: performance.now() - start, status: res.status };
      },
      DELIVERY_SETTLE_MS,
    );
    console.log(`\nRow 5: POST /v1/messages/batch of ${BATCH_SIZE.toLocaleString('en-US')} personalised entries`);
    console.log(
      `  raw fetch: ${raw.result.status} in ${raw.result.ms.toFixed(0)} ms, gateway event loop blocked ` +
        `up to ${raw.loop.maxMs.toFixed(0)} ms`,
    );
    summary.push({
      row: '5. Bulk',
      metric: `batch of ${BATCH_SIZE.toLocaleString('en-US')} as raw HTTP: wall time, longest gateway loop block`,
      ours: `${raw.result.ms.toFixed(0)} ms, blocked ${raw.loop.maxMs.toFixed(0)} ms`,
      versus: 'gateway alone (no SDK)',
      ratio: '—',
      ...blockNote(raw.loop),
    });
    {
      const sdk = await withLoopDelay(
        gateway,
        async () => {
          const start = performance.now();
          const batch = await messages.batch({ defaults: DEFAULTS, messages: entries });
          if (batch.accepted !== BATCH_SIZE) throw new Error(`batch accepted ${batch.accepted} of ${BATCH_SIZE}`);
          return performance.now() - start;
        },
        DELIVERY_SETTLE_MS,
      );
      console.log(
        `  client.messages.batch: ${sdk.result.toFixed(0)} ms, gateway event loop blocked up to ` +
          `${sdk.loop.maxMs.toFixed(0)} ms (p99 ${sdk.loop.p99Ms.toFixed(1)} ms)`,
      );
      summary.push({
        row: '5. Bulk',
        metric: `batch of ${BATCH_SIZE.toLocaleString('en-US')}: wall time, longest gateway loop block`,
        ours: `${sdk.result.toFixed(0)} ms, blocked ${sdk.loop.maxMs.toFixed(0)} ms`,
        versus: `raw fetch ${raw.result.ms.toFixed(0)} ms`,
        ratio: times(sdk.result / raw.result.ms),
        ...blockNote(sdk.loop),
      });
    }

    const runs: { n: number; seconds: number; heapBytes: number; rssBytes: number; loop: LoopDelay }[] = [];
    for (const n of SEND_MANY_SIZES) {
      const measured = await withLoopDelay(gateway, () =>
        peakMemory(async () => {
          const start = performance.now();
          // dry_run: the gateway validates and prices every entry but stores nothing. Stored, a million messages
          // would pass its retention bound (100,000 per account) while still on their way, which it never evicts.
          const result = await messages.sendMany(recipients(n), {
            jobId: `bench-${n}-${Date.now()}`,
            defaults: { ...DEFAULTS, dry_run: true },
            chunkSize: size(10_000, 500),
          });
          if (result.requested !== n) throw new Error(`sendMany reported ${result.requested} of ${n} requested`);
          return { seconds: (performance.now() - start) / 1000, result };
        }),
      );
      const { result, heapBytes, rssBytes } = measured.result;
      runs.push({ n, seconds: result.seconds, heapBytes, rssBytes, loop: measured.loop });
      console.log(
        `  sendMany ${n.toLocaleString('en-US')}: ${result.seconds.toFixed(1)} s ` +
          `(${perSecond(n / result.seconds)}), ${result.result.accepted} accepted in ${result.result.chunks} chunks, ` +
          `peak heap +${mb(heapBytes)}, peak RSS +${mb(rssBytes)}, ` +
          `gateway blocked up to ${measured.loop.maxMs.toFixed(0)} ms`,
      );
    }
    const [small, large] = runs as [(typeof runs)[0], (typeof runs)[0]];
    // Some growth is the heap settling in, not a leak: 1 MB of slack before the ratio counts.
    const growth = (large.heapBytes + 1) / Math.max(small.heapBytes, 1024 * 1024);
    summary.push(
      {
        row: '5. Bulk',
        metric: `sendMany throughput, ${large.n.toLocaleString('en-US')} recipients`,
        ours: perSecond(large.n / large.seconds),
        versus: `${small.n.toLocaleString('en-US')}: ${perSecond(small.n / small.seconds)}`,
        ratio: times(large.n / large.seconds / (small.n / small.seconds)),
        target: '(reported)',
        met: undefined,
        note:
          'dry runs through the real SDK and gateway (each entry checked and priced on both sides, none stored): ' +
          "1M stored messages would exceed the gateway's 100,000-per-account retention while still undelivered",
      },
      {
        row: '5. Bulk',
        metric: `sendMany peak SDK heap, ${large.n.toLocaleString('en-US')} ÷ ${small.n.toLocaleString('en-US')}`,
        ours: `+${mb(large.heapBytes)} (RSS +${mb(large.rssBytes)})`,
        versus: `+${mb(small.heapBytes)} (RSS +${mb(small.rssBytes)})`,
        ratio: times(growth),
        target: 'flat in N, ≤ 1.5×',
        met: growth <= 1.5,
      },
    );
    return summary;
  } finally {
    gateway.stop();
  }
}
