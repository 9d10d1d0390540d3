// Rows 1 and 2: client CPU per `messages.create` against a raw undici Pool.request and Node's global fetch of the
// same bytes, and the same POST through the openai and stripe SDKs, all to one local server in a child process
// (so process.cpuUsage() counts only the client), at concurrency 1 and 32.
import { Pool } from 'undici';
import OpenAI from 'openai';
import Stripe from 'stripe';
import {
  load,
  measureRequests,
  micros,
  perSecond,
  size,
  startChild,
  times,
  type RequestContender,
  type RequestResult,
  type SummaryRow,
} from './harness.js';

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

// The fixed-bytes server every contender talks to; it drains the body before answering, as a real one would.
const SERVER = `
import { createServer } from 'node:http';
const body = ${JSON.stringify(JSON.stringify(MESSAGE))};
const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
  'x-request-id': 'req_bench', 'x-ratelimit-limit': '10000', 'x-ratelimit-remaining': '9999',
  'x-ratelimit-reset': '60' };
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(201, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

const PARAMS = { to: '+447911123456', sender: 'OneMSG', body: 'Your order #1234 has shipped.' };
const API_KEY = 'ark_test_bench';

const RAW_POOL = 'raw undici Pool.request';
const RAW_FETCH = 'raw global fetch';
const OURS = '@onemessage/sdk messages.create';
const OURS_DISTINCT = '… to a new number every call';
const OPENAI = 'openai client.post';
const STRIPE = 'stripe rawRequest';

/**
 * 10,000 distinct valid mobiles, many in calling codes several countries share (+1, +44, +7), so the number
 * library has to pick the country for each: more numbers than any cache holds, so every check is cold.
 */
function distinctRecipients(count = 10_000): string[] {
  const prefixes = ['+44791100', '+3361234', '+49170123', '+1415555', '+1647555', '+7912345', '+6141234', '+1809555'];
  return Array.from({ length: count }, (_, i) => prefixes[i % prefixes.length]! + String(i).padStart(4, '0'));
}

async function contenders(origin: string, port: number): Promise<RequestContender[]> {
  const { OneMessage } = await load<typeof import('../../src/index.node.js')>('@onemessage/sdk');
  const body = JSON.stringify(PARAMS);
  const headers = {
    authorization: `Bearer ${API_KEY}`,
    accept: 'application/json',
    'user-agent': 'onemessage-node/0.1.0 (node)',
    'x-onemessage-client': 'onemessage-node/0.1.0 (node)',
    'content-type': 'application/json',
  };
  const pool = new Pool(origin);
  const ours = new OneMessage({ apiKey: API_KEY, baseURL: `${origin}/v1` });
  const openai = new OpenAI({ apiKey: 'sk-bench', baseURL: `${origin}/v1` });
  const stripe = new Stripe('sk_test_bench', { host: '127.0.0.1', port, protocol: 'http' });
  const recipients = distinctRecipients();
  let next = 0;
  return [
    {
      name: RAW_POOL,
      batch: 600,
      fn: async () => {
        const idempotency = { ...headers, 'idempotency-key': `idk_${crypto.randomUUID()}` };
        const res = await pool.request({ method: 'POST', path: '/v1/messages', headers: idempotency, body });
        JSON.parse(await res.body.text());
      },
    },
    { name: OURS, batch: 600, fn: () => ours.messages.create(PARAMS) },
    {
      name: OURS_DISTINCT,
      batch: 600,
      fn: () => ours.messages.create({ ...PARAMS, to: recipients[next++ % recipients.length]! }),
    },
    {
      name: RAW_FETCH,
      batch: 200,
      fn: async () => {
        const idempotency = { ...headers, 'idempotency-key': `idk_${crypto.randomUUID()}` };
        const res = await fetch(`${origin}/v1/messages`, { method: 'POST', headers: idempotency, body });
        JSON.parse(await res.text());
      },
    },
    { name: STRIPE, batch: 200, fn: () => stripe.rawRequest('POST', '/v1/messages', PARAMS) },
    { name: OPENAI, batch: 80, fn: () => openai.post('/messages', { body: PARAMS }) },
  ];
}

function print(title: string, results: RequestResult[]): void {
  const raw = results.find((r) => r.name === RAW_POOL)!;
  console.log(`\n${title}`);
  console.table(
    results.map((r) => ({
      contender: r.name,
      'client CPU µs/req': r.cpuMicrosPerOp.toFixed(1),
      'req/s (wall)': Math.round(r.requestsPerSecond).toLocaleString('en-US'),
      '× raw Pool CPU': (r.cpuMicrosPerOp / raw.cpuMicrosPerOp).toFixed(2),
    })),
  );
}

/** Rows 1 and 2. */
export async function run(): Promise<SummaryRow[]> {
  const server = await startChild({ source: SERVER });
  const port = Number(server.ready);
  const origin = `http://127.0.0.1:${port}`;
  const summary: SummaryRow[] = [];
  try {
    const all = await contenders(origin, port);
    const rounds = size(11, 1);
    for (const concurrency of [1, 32]) {
      // Row 2 is a sequential figure: at c=32 the new-number contender would only repeat row 1's pool costs.
      const these = concurrency === 1 ? all : all.filter((c) => c.name !== OURS_DISTINCT);
      const results = await measureRequests(these, { concurrency, rounds });
      print(
        `Row 1: client CPU per POST /v1/messages at concurrency ${concurrency} (median of ${rounds} rounds)`,
        results,
      );
      const by = new Map(results.map((r) => [r.name, r]));
      const cpu = (name: string) => by.get(name)!.cpuMicrosPerOp;
      const ours = cpu(OURS);
      const ratio = ours / cpu(RAW_POOL);
      const oursFigure = `${micros(ours)} CPU, ${perSecond(by.get(OURS)!.requestsPerSecond)}`;
      summary.push(
        {
          row: '1. Request overhead',
          metric: `client CPU/req, c=${concurrency}`,
          ours: oursFigure,
          versus: `raw undici Pool ${micros(cpu(RAW_POOL))} (global fetch ${micros(cpu(RAW_FETCH))})`,
          ratio: times(ratio),
          target: '≤ 1.1×',
          met: ratio <= 1.1,
          ...(ratio > 1.1 ? { note: 'validation (zod + libphonenumber) and header building sit on the hot path' } : {}),
        },
        {
          row: '1. Request overhead',
          metric: `stripe CPU/req ÷ ours, c=${concurrency}`,
          ours: micros(ours),
          versus: `stripe ${micros(cpu(STRIPE))}`,
          ratio: times(cpu(STRIPE) / ours),
          target: '≥ 3×',
          met: cpu(STRIPE) / ours >= 3,
          ...(cpu(STRIPE) / ours < 3
            ? { note: "a peer ratio: stripe's fixed per-call cost is shared out better with 32 in flight" }
            : {}),
        },
        {
          row: '1. Request overhead',
          metric: `openai CPU/req ÷ ours, c=${concurrency}`,
          ours: micros(ours),
          versus: `openai ${micros(cpu(OPENAI))}`,
          ratio: times(cpu(OPENAI) / ours),
          target: '≥ 10×',
          met: cpu(OPENAI) / ours >= 10,
          ...(cpu(OPENAI) / ours < 10
            ? { note: 'a peer ratio: global fetch (which openai sends through) amortises at c=32' }
            : {}),
        },
      );
      if (concurrency === 1) {
        const distinct = cpu(OURS_DISTINCT) / cpu(RAW_POOL);
        summary.push({
          row: '2. New recipients',
          metric: 'client CPU/req, new number each call, c=1',
          ours: micros(cpu(OURS_DISTINCT)),
          versus: `raw undici Pool ${micros(cpu(RAW_POOL))}`,
          ratio: times(distinct),
          target: '≤ 1.2×',
          met: distinct <= 1.2,
          ...(distinct > 1.2
            ? { note: 'libphonenumber-js parses and picks among countries sharing a calling code on every new number' }
            : {}),
        });
      }
    }
  } finally {
    server.stop();
  }
  return summary;
}
