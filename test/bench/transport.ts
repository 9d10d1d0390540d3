// Client CPU per `messages.create` through the SDK's Node transport, against a raw undici
// Pool.request of the same bytes and Node's global fetch. The server runs in a child process so
// process.cpuUsage() counts only the client. Sequential requests; figures are printed, not asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Pool } from 'undici';
import OneMessage from '../../src/index.node.js';
import { validateMessageCreateParams } from '../../src/schemas/message-params.js';
import { printTable, type BenchResult } from './harness.js';

const MESSAGE = {
  id: 'msg_bench',
  object: 'message',
  direction: 'outbound',
  to: '+447911123456',
  sender: 'OneMSG',
  body: 'Your order #1234 has shipped.',
  route: 'local_operator',
  status: 'queued',
  encoding: 'GSM-7',
  segments: 1,
  characters: 29,
  price: { amount: '0.0350', currency: 'EUR' },
  country: 'GB',
  operator: 'EE',
  scheduled_at: null,
  created_at: '2026-01-01T00:00:00.000Z',
  sent_at: null,
  delivered_at: null,
  error: null,
  metadata: {},
  dry_run: false,
  events: [{ status: 'queued', at: '2026-01-01T00:00:00.000Z' }],
};

const SERVER = `
const body = ${JSON.stringify(JSON.stringify(MESSAGE))};
const server = require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
      'x-request-id': 'req_bench', 'x-ratelimit-limit': '10000', 'x-ratelimit-remaining': '9999', 'x-ratelimit-reset': '60' });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function startServer(): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { child, origin: `http://127.0.0.1:${chunk.toString().trim()}` };
}

interface CpuResult {
  name: string;
  cpuMicrosPerOp: number;
  wallMicrosPerOp: number;
}

interface Contender {
  name: string;
  fn: () => Promise<unknown>;
  /** Requests per batch: the slow global-fetch contenders get fewer. */
  batch: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
};

// The machine is shared: contenders run in short interleaved batches, many rounds, and each
// reports its median batch, so drift and bursts of load hit every contender alike.
async function measureInterleaved(contenders: Contender[], rounds = 9): Promise<CpuResult[]> {
  for (const c of contenders) for (let i = 0; i < c.batch; i++) await c.fn();
  const samples = new Map<string, { cpu: number[]; wall: number[] }>(contenders.map((c) => [c.name, { cpu: [], wall: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const c of contenders) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < c.batch; i++) await c.fn();
      const wall = performance.now() - start;
      const used = process.cpuUsage(cpu);
      samples.get(c.name)!.cpu.push((used.user + used.system) / c.batch);
      samples.get(c.name)!.wall.push((wall * 1000) / c.batch);
    }
  }
  return contenders.map((c) => ({
    name: c.name,
    cpuMicrosPerOp: median(samples.get(c.name)!.cpu),
    wallMicrosPerOp: median(samples.get(c.name)!.wall),
  }));
}

/** Runs the transport benchmark and prints a table with ratios to the raw undici Pool. */
export async function run(): Promise<void> {
  const { child, origin } = await startServer();
  try {
    const params = { to: '+447911123456', sender: 'OneMSG', body: 'Your order #1234 has shipped.' };
    const client = new OneMessage({ apiKey: 'ark_test_bench', baseURL: `${origin}/v1` });
    const viaFetch = new OneMessage({ apiKey: 'ark_test_bench', baseURL: `${origin}/v1`, fetch: (url, init) => fetch(url, init) });
    const pool = new Pool(origin);
    const body = JSON.stringify(params);
    const headers = {
      authorization: 'Bearer ark_test_bench',
      accept: 'application/json',
      'user-agent': 'onemessage-node/0.1.0 (node)',
      'x-onemessage-client': 'onemessage-node/0.1.0 (node)',
      'content-type': 'application/json',
    };

    // 10,000 distinct valid recipients: more than the phone-number cache holds, so every check is cold.
    const recipients = Array.from({ length: 10_000 }, (_, i) => {
      const n = String(i).padStart(4, '0');
      return ['+44791100' + n, '+3361234' + n, '+49170123' + n, '+1415555' + n][i % 4]!;
    });
    for (const to of recipients) {
      if (!(await validateMessageCreateParams({ ...params, to })).ok) throw new Error(`bench recipient ${to} is not valid`);
    }
    let next = 0;
    const coldParams = () => ({ ...params, to: recipients[next++ % recipients.length]! });

    const results = await measureInterleaved([
      {
        name: 'raw undici Pool.request',
        batch: 500,
        fn: async () => {
          const res = await pool.request({ method: 'POST', path: '/v1/messages', headers: { ...headers, 'idempotency-key': `idk_${crypto.randomUUID()}` }, body });
          JSON.parse(await res.body.text());
        },
      },
      { name: 'SDK messages.create (Node transport)', batch: 500, fn: () => client.messages.create(params) },
      { name: '… to 10,000 distinct numbers', batch: 500, fn: () => client.messages.create(coldParams()) },
      { name: 'SDK transport only (no validation)', batch: 500, fn: () => client.post('/messages', { body: params }) },
      { name: 'validation only (no request)', batch: 5000, fn: () => validateMessageCreateParams(params) },
      { name: 'validation only, distinct numbers', batch: 2000, fn: () => validateMessageCreateParams(coldParams()) },
      { name: 'SDK messages.create via global fetch', batch: 100, fn: () => viaFetch.messages.create(params) },
      {
        name: 'Node global fetch',
        batch: 100,
        fn: async () => {
          const res = await fetch(`${origin}/v1/messages`, { method: 'POST', headers: { ...headers, 'idempotency-key': `idk_${crypto.randomUUID()}` }, body });
          JSON.parse(await res.text());
        },
      },
    ]);
    await pool.close();

    const best = new Map(results.map((r) => [r.name, r]));
    const raw = best.get('raw undici Pool.request')!;
    console.log('\nTransport: client CPU per POST /v1/messages (sequential, server in a child process; median of 9 interleaved batches)');
    console.table(
      [...best.values()].map((r) => ({
        contender: r.name,
        'CPU µs/req': r.cpuMicrosPerOp.toFixed(1),
        'wall req/s': Math.round(1e6 / r.wallMicrosPerOp).toLocaleString('en-US'),
        '× raw Pool CPU': (r.cpuMicrosPerOp / raw.cpuMicrosPerOp).toFixed(2),
      })),
    );
    printTable(
      'Transport: wall rate (sequential requests, one connection)',
      [...best.values()].map((r): BenchResult => ({ name: r.name, opsPerSecond: 1e6 / r.wallMicrosPerOp, microsPerOp: r.wallMicrosPerOp })),
      raw.name,
    );
    const sdk = best.get('SDK messages.create (Node transport)')!;
    const cold = best.get('… to 10,000 distinct numbers')!;
    const validation = best.get('validation only (no request)')!;
    const coldValidation = best.get('validation only, distinct numbers')!;
    console.log(
      `messages.create costs ${(sdk.cpuMicrosPerOp / raw.cpuMicrosPerOp).toFixed(2)}× a raw Pool request (target ≤ 1.3×), ` +
        `${(cold.cpuMicrosPerOp / raw.cpuMicrosPerOp).toFixed(2)}× when every recipient is new; client-side validation is ` +
        `${validation.cpuMicrosPerOp.toFixed(1)} µs (repeat recipient) / ${coldValidation.cpuMicrosPerOp.toFixed(1)} µs (new recipient).`,
    );
  } finally {
    child.kill();
  }
}
