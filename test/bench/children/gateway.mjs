// The reference gateway in its own process, so the bench's process.cpuUsage() counts only the client and
// monitorEventLoopDelay sees only the gateway's loop. Run from the repository root: `@onemessage/sdk/gateway`
// resolves to the built dist/ by self-reference.
//   node children/gateway.mjs serve               → prints {"url","apiKey"}; IPC: reset | report
//   node --expose-gc children/gateway.mjs memory N → prints {"perMessage","perIdempotencyRecord"} (bytes)
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createGateway, ManualClock } from '@onemessage/sdk/gateway';

// The bench sends far more than a default account allows: limits high enough never to be what is measured.
const UNLIMITED = { rateLimit: { limit: 1_000_000_000 }, balance: '1000000000' };
const BODY = JSON.stringify({ to: '+447911123456', sender: 'OneMSG', body: 'Your order #1234 has shipped.' });

const [mode = 'serve', count = '10000'] = process.argv.slice(2);

if (mode === 'serve') {
  const gateway = createGateway(UNLIMITED);
  const server = await gateway.listen();
  // 1 ms resolution: the figure read is the longest single block, which a coarser timer would round up.
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  process.on('message', (message) => {
    if (message === 'reset') {
      loop.reset();
      process.send('ok');
    } else if (message === 'report') {
      const ms = (ns) => ns / 1e6;
      process.send({ maxMs: ms(loop.max), p99Ms: ms(loop.percentile(99)), meanMs: ms(loop.mean) });
    }
  });
  process.on('disconnect', () => process.exit(0));
  console.log(JSON.stringify({ url: server.url, apiKey: gateway.apiKey }));
} else {
  const n = Number(count);
  const clock = new ManualClock();
  const gateway = createGateway({ ...UNLIMITED, clock });
  const post = (key) =>
    gateway.fetch('/v1/messages', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${gateway.apiKey}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: BODY,
    });
  const settledHeap = async () => {
    // Delivered messages hold no timers; two collections let weak and finalised objects go.
    await clock.advance(60_000);
    globalThis.gc();
    globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  for (let i = 0; i < 200; i++) await (await post()).text();
  const before = await settledHeap();
  for (let i = 0; i < n; i++) await (await post()).text();
  const withMessages = await settledHeap();
  for (let i = 0; i < n; i++) await (await post(`idk_${crypto.randomUUID()}`)).text();
  const withRecords = await settledHeap();
  const perMessage = (withMessages - before) / n;
  const perIdempotencyRecord = (withRecords - withMessages) / n - perMessage;
  console.log(JSON.stringify({ perMessage, perIdempotencyRecord }));
  await gateway.close();
}
