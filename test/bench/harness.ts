// Shared by every benchmark row. Figures are printed, never asserted: speed targets live in the summary table
// (test/bench/index.ts → docs/benchmarks.md), not in unit tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** `npm run bench -- --smoke` or `BENCH_SMOKE=1`: every row at tiny sizes, to prove it runs and prints. */
export const SMOKE = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';

/** Picks the full-run size or the smoke-run size. */
export const size = <T>(full: T, smoke: T): T => (SMOKE ? smoke : full);

/** The repository root: children run there so `@onemessage/sdk` resolves to the built dist/ by self-reference. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Imports the built package by its public name (self-reference through package.json "exports", so the figures are
 * dist/'s); `T` is the matching src/ entry's type, so the bench type-checks before anything is built.
 */
export const load = <T>(specifier: string): Promise<T> => import(specifier) as Promise<T>;

/** One line of the closing table: a ratio measured side by side in this run, against its target. */
export interface SummaryRow {
  row: string;
  metric: string;
  /** Our figure, with its unit. */
  ours: string;
  /** The figure we are compared with, and what it is. */
  versus: string;
  ratio: string;
  /** The target, e.g. `≤ 1.1×`. */
  target: string;
  /** `undefined` when the row has no pass/fail reading (e.g. the row could not run yet). */
  met: boolean | undefined;
  /** Why a target is missed, or what the figure means. */
  note?: string;
}

/** One measured contender. */
export interface BenchResult {
  name: string;
  opsPerSecond: number;
  /** Mean time per operation in microseconds. */
  microsPerOp: number;
}

/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns its rate. */
export async function measure(
  name: string,
  fn: () => unknown | Promise<unknown>,
  { ms = 1000, warmupMs = 200, batch = 100 }: { ms?: number; warmupMs?: number; batch?: number } = {},
): Promise<BenchResult> {
  const runFor = async (budget: number): Promise<{ ops: number; elapsed: number }> => {
    let ops = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < budget) {
      for (let i = 0; i < batch; i++) {
        const r = fn();
        if (r instanceof Promise) await r;
      }
      ops += batch;
      elapsed = performance.now() - start;
    }
    return { ops, elapsed };
  };
  await runFor(SMOKE ? 5 : warmupMs);
  const { ops, elapsed } = await runFor(SMOKE ? 10 : ms);
  return { name, opsPerSecond: (ops / elapsed) * 1000, microsPerOp: (elapsed * 1000) / ops };
}

/**
 * Keeps each contender's best of several interleaved rounds: on a shared machine the noise is all slowdowns,
 * and alternating means a quiet moment cannot favour one contender.
 */
export async function bestOf(
  rounds: number,
  contenders: Record<string, () => unknown>,
  ms = 500,
): Promise<BenchResult[]> {
  const best = new Map<string, BenchResult>();
  for (let round = 0; round < (SMOKE ? 1 : rounds); round++) {
    for (const [name, fn] of Object.entries(contenders)) {
      const result = await measure(name, fn, { ms });
      if (result.opsPerSecond > (best.get(name)?.opsPerSecond ?? 0)) best.set(name, result);
    }
  }
  return [...best.values()];
}

/** Prints results as a table, with each contender's speed as a ratio of `baseline`'s. */
export function printTable(title: string, results: BenchResult[], baseline?: string): void {
  const base = results.find((r) => r.name === baseline) ?? results[0];
  console.log(`\n${title}`);
  console.table(
    results.map((r) => ({
      contender: r.name,
      'ops/s': Math.round(r.opsPerSecond).toLocaleString('en-US'),
      'µs/op': r.microsPerOp.toFixed(2),
      [`× ${base?.name ?? ''}`]: base ? (r.opsPerSecond / base.opsPerSecond).toFixed(2) : '',
    })),
  );
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** A request-shaped contender for {@link measureRequests}. */
export interface RequestContender {
  name: string;
  fn: () => Promise<unknown>;
  /** Requests per round (slow contenders get fewer, so every round takes about as long). */
  batch: number;
}

/** Client CPU and wall time per request, each the median over rounds. */
export interface RequestResult {
  name: string;
  cpuMicrosPerOp: number;
  wallMicrosPerOp: number;
  requestsPerSecond: number;
}

/** Runs `count` calls of `fn` with `concurrency` of them in flight. */
async function drive(fn: () => Promise<unknown>, count: number, concurrency: number): Promise<void> {
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < count) {
      started++;
      await fn();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/**
 * Client CPU (`process.cpuUsage()` deltas: the server must live in another process) and wall time per request.
 * Contenders run in short interleaved batches over many rounds and each reports its median batch, so drift and
 * bursts of load from other processes hit every contender alike.
 */
export async function measureRequests(
  contenders: RequestContender[],
  { concurrency = 1, rounds = 9 }: { concurrency?: number; rounds?: number } = {},
): Promise<RequestResult[]> {
  const batchOf = (c: RequestContender) => (SMOKE ? Math.min(c.batch, 2 * concurrency) : c.batch);
  for (const c of contenders) await drive(c.fn, batchOf(c), concurrency);
  const samples = new Map(contenders.map((c) => [c.name, { cpu: [] as number[], wall: [] as number[] }]));
  for (let round = 0; round < (SMOKE ? 1 : rounds); round++) {
    for (const c of contenders) {
      const n = batchOf(c);
      const cpu = process.cpuUsage();
      const start = performance.now();
      await drive(c.fn, n, concurrency);
      const wall = performance.now() - start;
      const used = process.cpuUsage(cpu);
      samples.get(c.name)!.cpu.push((used.user + used.system) / n);
      samples.get(c.name)!.wall.push((wall * 1000) / n);
    }
  }
  return contenders.map((c) => {
    const { cpu, wall } = samples.get(c.name)!;
    const wallMicrosPerOp = median(wall);
    return { name: c.name, cpuMicrosPerOp: median(cpu), wallMicrosPerOp, requestsPerSecond: 1e6 / wallMicrosPerOp };
  });
}

/** A child process that printed one line when ready (e.g. its port). */
export interface Child {
  child: ChildProcess;
  /** The first line the child printed. */
  ready: string;
  /** Sends a message over IPC and waits for the reply. */
  ask<T>(message: unknown): Promise<T>;
  stop(): void;
}

/**
 * Starts `node <flags> <script> <args>` (or `-e <source>`) in the repository root with an IPC channel, and waits for
 * its first line of output.
 */
export async function startChild(
  script: { file: string } | { source: string },
  { flags = [], args = [], env = {} }: { flags?: string[]; args?: string[]; env?: Record<string, string> } = {},
): Promise<Child> {
  const argv =
    'file' in script ? [...flags, script.file, ...args] : [...flags, '--input-type=module', '-e', script.source];
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  const [chunk] = (await Promise.race([
    once(child.stdout!, 'data'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`bench child exited early (code ${code})`))),
  ])) as [Buffer];
  let queue = Promise.resolve<unknown>(undefined);
  return {
    child,
    ready: chunk.toString().trim().split('\n')[0]!,
    ask<T>(message: unknown): Promise<T> {
      // One question at a time: replies carry no id.
      const answer = queue.then(async () => {
        child.send(message as object);
        const [reply] = (await once(child, 'message')) as [T];
        return reply;
      });
      queue = answer.catch(() => undefined);
      return answer;
    },
    stop: () => {
      child.kill();
    },
  };
}

/** `global.gc`, enabled at run time when the process was not started with `--expose-gc`. */
export function gc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

// Formatting shared by the rows and the summary.
export const micros = (n: number): string => `${n.toFixed(1)} µs`;
export const perSecond = (n: number): string => `${Math.round(n).toLocaleString('en-US')}/s`;
export const times = (n: number): string => `${n.toFixed(2)}×`;
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
