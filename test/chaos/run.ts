// `npm run chaos`: many messages.create calls through the real SDK over 127.0.0.1 against a gateway
// in fault mode, then the counts that matter: every call sent once, none twice, none lost.
//
//   npm run chaos -- --calls 10000 --concurrency 32 --rate 0.3 --seed 1 --timeout 500 --max-seconds 180
import { parseArgs } from 'node:util';
import OneMessage from '../../src/index.node.js';
import { createGateway, type FaultKind, type FaultRates } from '../../src/gateway/index.js';
import { countMessages, runPool } from './lib.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '32' },
    rate: { type: 'string', default: '0.3' },
    seed: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '500' },
    'max-retries': { type: 'string', default: '10' },
    'max-seconds': { type: 'string', default: '180' },
  },
});
const calls = Number(values.calls);
const concurrency = Number(values.concurrency);
const rate = Number(values.rate);
const timeout = Number(values.timeout);
const maxRetries = Number(values['max-retries']);
const deadline = Date.now() + Number(values['max-seconds']) * 1000;

// The fault mix: `rate` of all requests, shared out as below (a burst answers 3 requests with 429).
const MIX: Record<FaultKind, number> = {
  error500: 0.15,
  error503: 0.15,
  resetBeforeHandling: 0.2,
  dropAfterCommit: 0.3,
  delay: 0.05,
  burst429: 0.15,
};
const rates: FaultRates = Object.fromEntries(Object.entries(MIX).map(([kind, share]) => [kind, share * rate]));
const injected = new Map<FaultKind, number>();
const gateway = createGateway({
  balance: '10000000',
  rateLimit: { limit: 100_000_000 },
  faults: {
    seed: Number(values.seed),
    rates,
    burstLength: 3,
    delayMs: timeout * 2,
    retryAfterSeconds: 0.05,
    appliesTo: (request) => request.method === 'POST',
    onFault: (kind) => injected.set(kind, (injected.get(kind) ?? 0) + 1),
  },
});
const server = await gateway.listen({ port: 0, hostname: '127.0.0.1' });
let retries = 0;
const client = new OneMessage({
  apiKey: gateway.apiKey,
  baseURL: server.url,
  timeout,
  maxRetries,
  logger: { debug: (message) => void (message === 'onemessage: retrying' && retries++) },
});

const started = Date.now();
const errors = new Map<string, number>();
const failed: number[] = [];
const resolved = new Set<number>();
let requested = 0;
const latencies: number[] = [];
await runPool(calls, concurrency, async (i) => {
  if (Date.now() > deadline) return;
  requested++;
  const t = performance.now();
  try {
    await client.messages.create(params(i), { idempotencyKey: key(i) });
    resolved.add(i);
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    errors.set(name, (errors.get(name) ?? 0) + 1);
    failed.push(i);
  }
  latencies.push(performance.now() - t);
});
const runSeconds = (Date.now() - started) / 1000;

// A call that threw may still have committed (its last answer was lost): re-running it with the same
// key must resolve, with the replay when it had.
let rerunResolved = 0;
const rerunErrors = new Map<string, number>();
await runPool(failed.length, concurrency, async (n) => {
  const i = failed[n]!;
  try {
    await client.messages.create(params(i), { idempotencyKey: key(i), maxRetries: 50 });
    rerunResolved++;
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    rerunErrors.set(name, (rerunErrors.get(name) ?? 0) + 1);
  }
});

const counts = await countMessages(gateway, (message) => message.metadata?.call);
const created = counts.size;
const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
const lost = [...resolved].filter((i) => !counts.has(`c${i}`)).length;
latencies.sort((a, b) => a - b);
const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0);
const faultsTotal = [...injected.values()].reduce((sum, n) => sum + n, 0);

const report = {
  requested,
  resolved: resolved.size,
  threw: failed.length,
  created,
  duplicates,
  lost,
  retries,
  errorsByClass: Object.fromEntries(errors),
  rerunResolved,
  rerunErrorsByClass: Object.fromEntries(rerunErrors),
  faultsInjected: { total: faultsTotal, ...Object.fromEntries(injected) },
  latencyMs: { p50: pct(0.5), p99: pct(0.99), max: Math.round(latencies.at(-1) ?? 0) },
  seconds: runSeconds,
  settings: { calls, concurrency, rate, seed: Number(values.seed), timeout, maxRetries },
};
console.log(JSON.stringify(report, null, 2));
await gateway.close();
const ok = duplicates === 0 && lost === 0 && created === requested && rerunResolved === failed.length;
console.log(ok ? 'OK: every call sent exactly once.' : 'FAILED: see the counts above.');
process.exit(ok ? 0 : 1);

function params(i: number) {
  return { to: '+447911123456', sender: 'OneMSG', body: `Chaos ${i}`, metadata: { call: `c${i}` } };
}

function key(i: number): string {
  return `idk_chaos_${values.seed}_${i}`;
}
