// Row 6: the reference gateway's POST /v1/messages over HTTP at concurrency 32 against a bare node:http handler
// answering the same bytes (each server in its own child process; the client is one undici Pool for both), and
// the gateway's memory per stored message and per idempotency record, after GC.
import { Pool } from 'undici';
import { measureRequests, perSecond, size, startChild, times, type SummaryRow } from './harness.js';

const BODY = JSON.stringify({ to: '+447911123456', sender: 'OneMSG', body: 'Your order #1234 has shipped.' });
const GATEWAY = 'gateway POST /v1/messages';
const BARE = 'bare node:http, same bytes';

// Answers every request with the status, headers and body the gateway gave for the same POST.
const BARE_SERVER = `
import { createServer } from 'node:http';
const { status, headers, body } = JSON.parse(process.env.BENCH_RESPONSE);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(status, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

const childFile = (name: string) => `test/bench/children/${name}`;

/** Row 6. */
export async function run(): Promise<SummaryRow[]> {
  const gateway = await startChild({ file: childFile('gateway.mjs') });
  const { url, apiKey } = JSON.parse(gateway.ready) as { url: string; apiKey: string };
  const gatewayOrigin = new URL(url).origin;
  const headers = () => ({
    authorization: `Bearer ${apiKey}`,
    'content-type': 'application/json',
    'idempotency-key': `idk_${crypto.randomUUID()}`,
  });

  const sample = await fetch(`${url}/messages`, { method: 'POST', headers: headers(), body: BODY });
  const response = {
    status: sample.status,
    headers: Object.fromEntries(
      [...sample.headers].filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)),
    ),
    body: await sample.text(),
  };
  if (response.status !== 201) throw new Error(`gateway answered ${response.status}: ${response.body}`);
  const bare = await startChild({ source: BARE_SERVER }, { env: { BENCH_RESPONSE: JSON.stringify(response) } });
  const pools = [new Pool(gatewayOrigin), new Pool(`http://127.0.0.1:${bare.ready}`)] as const;
  const post = (pool: Pool) => async () => {
    const res = await pool.request({ method: 'POST', path: '/v1/messages', headers: headers(), body: BODY });
    await res.body.text();
  };
  try {
    const results = await measureRequests(
      [
        { name: GATEWAY, batch: 3000, fn: post(pools[0]) },
        { name: BARE, batch: 3000, fn: post(pools[1]) },
      ],
      { concurrency: 32, rounds: size(7, 1) },
    );
    console.log('\nRow 6: POST /v1/messages at concurrency 32, server in a child process (median of rounds)');
    console.table(
      results.map((r) => ({ server: r.name, 'req/s': Math.round(r.requestsPerSecond).toLocaleString('en-US') })),
    );

    const n = size(10_000, 300);
    // This child prints its figures and exits: it is not a server.
    const memory = await startChild(
      { file: childFile('gateway.mjs') },
      { flags: ['--expose-gc'], args: ['memory', `${n}`] },
    );
    const { perMessage, perIdempotencyRecord } = JSON.parse(memory.ready) as {
      perMessage: number;
      perIdempotencyRecord: number;
    };
    memory.stop();
    console.log(
      `gateway memory after GC: ${Math.round(perMessage)} B per stored message, ` +
        `${Math.round(perIdempotencyRecord)} B per idempotency record (${n.toLocaleString('en-US')} of each)`,
    );

    const [ours, floor] = results as [(typeof results)[0], (typeof results)[0]];
    const ratio = ours.requestsPerSecond / floor.requestsPerSecond;
    return [
      {
        row: '6. Gateway',
        metric: 'POST /v1/messages req/s, c=32',
        ours: perSecond(ours.requestsPerSecond),
        versus: `bare node:http ${perSecond(floor.requestsPerSecond)}`,
        ratio: times(ratio),
        target: '≥ 0.5×',
        met: ratio >= 0.5,
        ...(ratio < 0.5
          ? { note: 'Web Request/Response conversion in the Node adapter, validation, pricing, storage per request' }
          : {}),
      },
      {
        row: '6. Gateway',
        metric: 'memory per stored message / idempotency record',
        ours: `${Math.round(perMessage)} B / ${Math.round(perIdempotencyRecord)} B`,
        versus: 'heapUsed after GC',
        ratio: '—',
        target: '(reported)',
        met: undefined,
      },
    ];
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
    gateway.stop();
    bare.stop();
  }
}
