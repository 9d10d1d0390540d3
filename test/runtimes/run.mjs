#!/usr/bin/env node
// `npm run test:runtimes`: proves the BUILT package on every runtime we claim. Installs the
// runtimes (npm install here, from its lockfile) and Chromium if missing, packs the package into a fresh project, starts
// the packaged gateway on 127.0.0.1, runs the smoke suite in each runtime and prints a table.
//   node test/runtimes/run.mjs [--only=deno,bun] [--timeout=120] [--keep] [--verbose] [--package=<dir>]
import { spawn } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsumer } from './lib/consumer.mjs';
import { parseFlags } from './lib/flags.mjs';
import { ensureChromium, ensureRuntimes, firstExisting, runtimeBinaries } from './lib/install.mjs';
import { killGroup, tail, withTimeout } from './lib/proc.mjs';
import { RUNTIMES } from './lib/runtimes.mjs';

const runtimesDir = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(runtimesDir, '../..');
const args = parseFlags();
const only = args.only?.split(',');
// Another package root (a copy of the repo with its own dist/) can be proven the same way.
const packageRoot = args.package ? resolve(args.package) : repoDir;
const timeoutMs = Number(args.timeout ?? 120) * 1000;
const log = (message) => console.log(`· ${message}`);

/** Files the runner needs in dist/; a missing one means the build did not run or failed. */
const REQUIRED_DIST = [
  'index.js',
  'index.cjs',
  'index.node.js',
  'index.node.cjs',
  'segments/index.js',
  'webhooks/index.js',
  'gateway/index.js',
];

async function startGateway(consumerDir) {
  const child = spawn(process.execPath, ['smoke/gateway-host.mjs'], {
    cwd: consumerDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stderr.on('data', (c) => (output += c));
  const info = await withTimeout(
    new Promise((resolvePromise, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const line = stdout.split('\n').find((l) => l.startsWith('{'));
        if (line) resolvePromise(JSON.parse(line));
      });
      child.on('exit', (code) => reject(new Error(`gateway exited (${code}):\n${tail(stdout + output)}`)));
    }),
    30_000,
    'the gateway did not start within 30 s',
  );
  const base = info.url.replace(/\/+$/, '');
  return { baseURL: base.endsWith('/v1') ? base : `${base}/v1`, apiKey: info.apiKey, stop: () => killGroup(child) };
}

function selected(runtime) {
  return !only || only.some((name) => runtime.name === name || runtime.name.startsWith(`${name} `));
}

function printTable(rows) {
  const header = ['runtime', 'version', 'checks', 'time', 'result'];
  const lines = rows.map((r) => [
    r.name,
    r.version ?? '?',
    `${r.passed}/${r.total}`,
    `${(r.ms / 1000).toFixed(1)} s`,
    r.ok ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const line of lines) console.log(format(line));
}

async function main() {
  const started = performance.now();
  const missing = REQUIRED_DIST.filter((file) => !existsSync(join(packageRoot, 'dist', file)));
  if (missing.length) {
    console.error(`dist/ is incomplete (missing ${missing.join(', ')}): run \`npm run build\` first.`);
    console.log(`0 passed, ${RUNTIMES.filter(selected).length} failed`);
    process.exit(1);
  }
  // A failed install fails the rows that need those runtimes, not the whole run.
  const installError = await ensureRuntimes(runtimesDir, log).then(
    () => undefined,
    (error) => error.message,
  );
  const binaries = Object.fromEntries(
    Object.entries(runtimeBinaries(runtimesDir)).map(([k, v]) => [k, firstExisting(v)]),
  );
  binaries.process = process.execPath;
  const chromium = RUNTIMES.some((r) => r.binary === 'chromium' && selected(r)) ? await ensureChromium(log) : {};
  binaries.chromium = chromium.executablePath;

  log('packing the package into a fresh project (npm pack + npm install <tarball>)');
  let consumer;
  try {
    consumer = await createConsumer(packageRoot, { name: 'onemessage-runtimes' });
  } catch (error) {
    console.error(error.message);
    console.log(`0 passed, ${RUNTIMES.filter(selected).length} failed`);
    process.exit(1);
  }
  cpSync(join(runtimesDir, 'smoke'), join(consumer.dir, 'smoke'), { recursive: true });
  for (const example of ['deno', 'bun', 'webhooks']) {
    const from = join(repoDir, 'examples', example);
    if (existsSync(from)) cpSync(from, join(consumer.dir, 'examples', example), { recursive: true });
  }
  log(`consumer project: ${consumer.dir}`);

  let gateway;
  const rows = [];
  const stop = () => {
    gateway?.stop();
    if (!args.keep) consumer.cleanup();
    process.exit(130);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    gateway = await startGateway(consumer.dir);
    log(`gateway: ${gateway.baseURL}`);
    const ctx = { consumerDir: consumer.dir, packageDir: consumer.packageDir, repoDir, gateway, timeoutMs };
    for (const runtime of RUNTIMES.filter(selected)) {
      const rowStarted = performance.now();
      const binary = binaries[runtime.binary];
      let result;
      if (!binary) {
        result = {
          error:
            runtime.binary === 'chromium'
              ? chromium.error
              : `no ${runtime.binary} binary in test/runtimes/node_modules${installError ? `: ${installError}` : ''}`,
        };
      } else {
        result = await withTimeout(
          runtime.run(ctx, binary),
          timeoutMs + 10_000,
          `${runtime.name} exceeded ${timeoutMs / 1000} s`,
        ).catch((error) => ({ error: error.stack ?? String(error) }));
      }
      const checks = result.checks ?? [];
      const passed = checks.filter((c) => c.ok).length;
      const row = {
        name: runtime.name,
        version: result.version,
        passed,
        total: checks.length,
        ok: !result.error && checks.length > 0 && passed === checks.length,
        ms: performance.now() - rowStarted,
        result,
      };
      rows.push(row);
      console.log(`${row.ok ? '✓' : '✗'} ${row.name} (${row.passed}/${row.total}, ${(row.ms / 1000).toFixed(1)} s)`);
    }
  } catch (error) {
    console.error(`setup failed: ${error.stack ?? error}`);
  } finally {
    gateway?.stop();
    if (args.keep) log(`kept ${consumer.dir}`);
    else consumer.cleanup();
  }

  printTable(rows);
  const failures = rows.filter((r) => !r.ok);
  if (args.verbose) {
    for (const row of rows.filter((r) => r.ok)) {
      console.log(`\n✓ ${row.name}`);
      for (const check of row.result.checks) console.log(`  - ${check.name} (${check.ms} ms)`);
    }
  }
  for (const row of failures) {
    console.log(`\n✗ ${row.name}`);
    if (row.result.error) console.log(`  ${row.result.error.replaceAll('\n', '\n  ')}`);
    for (const check of row.result.checks ?? []) if (!check.ok) console.log(`  - ${check.name}: ${check.error}`);
  }
  const expected = RUNTIMES.filter(selected).length;
  const failed = failures.length + (expected - rows.length);
  console.log(`\nmatrix time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${rows.length - failures.length} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main();
