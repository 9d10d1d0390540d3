// Row 5, bulk: a 10,000-entry personalised `messages.batch` through the SDK and the gateway (wall time, and the
// longest the gateway's event loop was blocked meanwhile, from monitorEventLoopDelay in the gateway's process),
// then `messages.sendMany` over 100,000 and 1,000,000 recipients from an async generator (throughput and the
// SDK process's peak memory, sampled after GC). Both methods are feature-detected: they are still being written.
import { gc, load, mb, perSecond, size, startChild, times, type Child, type SummaryRow } from './harness.js';

interface LoopDelay {
  maxMs: number;
  p99Ms: number;
  meanMs: number;
}

interface SendManySummary {
  requested: number;
  accepted: number;
  rejected: number;
  chunks: number;
  retries: number;
}

interface Recipient {
  to: string;
  variables: Record<string, string>;
}

/** The bulk methods as the bench expects them; the SDK's own types may not have them yet. */
interface BulkMessages {
  batch?: (params: { defaults: Record<string, unknown>; messages: Recipient[] }) => Promise<unknown>;
  sendMany?: (
    recipients: AsyncIterable<Recipient>,
    options: { jobId: string; defaults?: Record<string, unknown>; chunkSize?: number },
  ) => PromiseLike<SendManySummary>;
}

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

/** Runs `work` with the gateway's event-loop histogram reset before and read after. */
async function withLoopDelay<T>(gateway: Child, work: () => Promise<T>): Promise<{ result: T; loop: LoopDelay }> {
  await gateway.ask('reset');
  const result = await work();
  return { result, loop: await gateway.ask<LoopDelay>('report') };
}

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

const unavailable = (metric: string, method: string): SummaryRow => ({
  row: '5. Bulk',
  metric,
  ours: 'not available yet',
  versus: '—',
  ratio: '—',
  target: metric.includes('memory') ? 'flat in N' : '(reported)',
  met: undefined,
  note: `${method} does not exist in this build yet; the row runs as soon as it does`,
});

/** Row 5. */
export async function run(): Promise<SummaryRow[]> {
  const gateway = await startChild({ file: 'test/bench/children/gateway.mjs' });
  const { url, apiKey } = JSON.parse(gateway.ready) as { url: string; apiKey: string };
  const { OneMessage } = await load<typeof import('../../src/index.node.js')>('@onemessage/sdk');
  const client = new OneMessage({ apiKey, baseURL: url });
  const messages = client.messages as unknown as BulkMessages;
  const summary: SummaryRow[] = [];
  try {
    const entries = Array.from({ length: BATCH_SIZE }, (_, i) => recipient(i));
    const body = JSON.stringify({ defaults: DEFAULTS, messages: entries });
    // Warm-up: the gateway's first batch also loads and compiles its validators.
    const warm = JSON.stringify({ defaults: DEFAULTS, messages: entries.slice(0, 100) });
    const auth = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    await (await fetch(`${url}/messages/batch`, { method: 'POST', headers: auth, body: warm })).text();
    // The same batch as raw HTTP: what the gateway alone costs, and the SDK's share of the wall time.
    const raw = await withLoopDelay(gateway, async () => {
      const start = performance.now();
      const res = await fetch(`${url}/messages/batch`, {
        method: 'POST',
        headers: auth,
        body,
      });
      await res.text();
      return { ms: performance.now() - start, status: res.status };
    });
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
      target: '(reported)',
      met: undefined,
      ...(raw.loop.maxMs > 100
        ? {
            note: 'the gateway handles a whole batch in one synchronous run: its event loop serves nothing else',
          }
        : {}),
    });
    const batch = messages.batch;
    if (typeof batch !== 'function') {
      console.log('  client.messages.batch: not available yet');
      summary.push(unavailable(`batch of ${BATCH_SIZE.toLocaleString('en-US')}: wall time`, 'client.messages.batch'));
    } else {
      const sdk = await withLoopDelay(gateway, async () => {
        const start = performance.now();
        await batch.call(messages, { defaults: DEFAULTS, messages: entries });
        return performance.now() - start;
      });
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
        target: '(reported)',
        met: undefined,
        ...(sdk.loop.maxMs > 100
          ? { note: 'the gateway handles a batch in one synchronous run: its event loop serves nothing else meanwhile' }
          : {}),
      });
    }

    const sendMany = messages.sendMany;
    if (typeof sendMany !== 'function') {
      console.log('  client.messages.sendMany: not available yet');
      summary.push(unavailable('sendMany: peak SDK memory, 1M ÷ 100k', 'client.messages.sendMany'));
      return summary;
    }
    const runs: { n: number; seconds: number; heapBytes: number; rssBytes: number; loop: LoopDelay }[] = [];
    for (const n of SEND_MANY_SIZES) {
      const measured = await withLoopDelay(gateway, () =>
        peakMemory(async () => {
          const start = performance.now();
          // dry_run: the gateway validates and prices every entry but stores nothing, so a million recipients
          // measure the SDK, not the gateway's memory.
          const result = await sendMany.call(messages, recipients(n), {
            jobId: `bench-${n}-${Date.now()}`,
            defaults: { ...DEFAULTS, dry_run: true },
            chunkSize: 10_000,
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
        note: 'dry runs: the gateway validates and prices each entry but stores none',
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
