// The rows of the matrix: how each runtime loads the packed package and runs smoke/checks.mjs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, killGroup, withTimeout, tail } from './proc.mjs';
import { serveStatic } from './static-server.mjs';
import { runDurableGateway } from './durable.mjs';

const MARKER = 'SMOKE_RESULT ';

/** Reads the result line a smoke script printed; a missing line fails the row with the output. */
function parseResult(result) {
  const line = result.stdout.split('\n').find((l) => l.startsWith(MARKER));
  if (result.timedOut) return { error: `timed out; output:\n${tail(result.stdout + result.stderr)}` };
  if (!line) {
    const why = result.error ? result.error.message : `exit ${result.code}`;
    return { error: `no result (${why}); output:\n${tail(result.stdout + result.stderr)}` };
  }
  return JSON.parse(line.slice(MARKER.length));
}

function smokeEnv(ctx) {
  const env = { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' };
  delete env.NODE_OPTIONS;
  delete env.ONEMESSAGE_API_KEY;
  delete env.ONEMESSAGE_BASE_URL;
  if (ctx.gateway) {
    env.ONEMESSAGE_SMOKE_BASE_URL = ctx.gateway.baseURL;
    env.ONEMESSAGE_SMOKE_API_KEY = ctx.gateway.apiKey;
  }
  return env;
}

async function runScript(ctx, binary, args) {
  const result = await run(binary, args, { cwd: ctx.consumerDir, env: smokeEnv(ctx), timeoutMs: ctx.timeoutMs });
  return parseResult(result);
}

function nodeRows(name, binary) {
  return [
    { name: `${name} esm`, binary, run: (ctx, bin) => runScript(ctx, bin, ['smoke/esm.mjs']) },
    { name: `${name} cjs`, binary, run: (ctx, bin) => runScript(ctx, bin, ['smoke/cjs.cjs']) },
  ];
}

const machineNodeMajor = process.versions.node.split('.')[0];

/** Every row; `binary` names a key of runtimeBinaries() or `process` for the machine's node. */
export const RUNTIMES = [
  ...nodeRows(`node${machineNodeMajor}`, 'process'),
  ...nodeRows('node22', 'node22'),
  ...nodeRows('node24', 'node24'),
  {
    name: 'deno',
    binary: 'deno',
    // package.json in the consumer makes Deno resolve bare specifiers from its node_modules.
    run: (ctx, bin) =>
      runScript(ctx, bin, [
        'run',
        '--no-prompt',
        '--allow-env',
        '--allow-read',
        '--allow-net=127.0.0.1',
        'smoke/esm.mjs',
      ]),
  },
  { name: 'bun', binary: 'bun', run: (ctx, bin) => runScript(ctx, bin, ['smoke/esm.mjs']) },
  { name: 'workerd', binary: 'workerd', run: runWorkerd },
  { name: 'chromium', binary: 'chromium', run: runChromium },
  {
    name: 'deno example',
    binary: 'deno',
    run: (ctx, bin) =>
      runExample(
        ctx,
        bin,
        ['run', '--no-prompt', '--allow-env', '--allow-read', '--allow-net=127.0.0.1', 'examples/deno/main.ts'],
        ['check', 'examples/deno/main.ts'],
      ),
  },
  { name: 'bun example', binary: 'bun', run: (ctx, bin) => runExample(ctx, bin, ['examples/bun/main.ts']) },
  {
    name: 'deno webhook receiver',
    binary: 'deno',
    run: (ctx, bin) =>
      runWebhookReceiver(ctx, bin, [
        'run',
        '--no-prompt',
        '--allow-env',
        '--allow-read',
        '--allow-net=127.0.0.1',
        'examples/webhooks/deno.ts',
      ]),
  },
  {
    name: 'bun webhook receiver',
    binary: 'bun',
    run: (ctx, bin) => runWebhookReceiver(ctx, bin, ['examples/webhooks/bun.ts']),
  },
  { name: 'workerd webhook receiver', binary: 'workerd', run: runWorkerdWebhookReceiver },
  { name: 'jsr dry-run', binary: 'deno', run: runJsrDryRun },
  // node:sqlite: the gateway CLI with --data, SIGKILLed mid-load and restarted on the same file.
  { name: 'node22 durable gateway', binary: 'node22', run: runDurableGateway },
  { name: 'node24 durable gateway', binary: 'node24', run: runDurableGateway },
];

/**
 * `deno publish --dry-run` over jsr.json and src/: what `deno add jsr:@onemessage/sdk` would get
 * resolves and type-checks. Sloppy imports map our `.js` specifiers to the `.ts` sources; slow
 * types (zod schemas without explicit types) are allowed and reported in docs/packaging.md.
 */
async function runJsrDryRun(ctx, binary) {
  const args = ['publish', '--dry-run', '--allow-dirty', '--sloppy-imports', '--allow-slow-types'];
  const result = await run(binary, args, { cwd: ctx.repoDir, env: smokeEnv(ctx), timeoutMs: ctx.timeoutMs });
  const ok = result.code === 0 && /Dry run complete/.test(result.stdout + result.stderr);
  const files = (result.stdout + result.stderr).match(/^\s+file:\/\//gm)?.length ?? 0;
  return {
    version: await versionOf(binary),
    checks: [
      {
        name: `deno publish --dry-run (${files} files)`,
        ok,
        ms: Math.round(result.ms),
        ...(ok ? {} : { error: `exit ${result.code}:\n${tail(result.stdout + result.stderr, 30)}` }),
      },
    ],
  };
}

/** `deno 2.9.6`, `bun 1.4.5`, `workerd 2026-11-17`: the first line of `--version`, shortened. */
async function versionOf(binary) {
  const out = (await run(binary, ['--version'], { timeoutMs: 10_000 })).stdout.split('\n')[0].trim();
  const [first, second] = out.split(/\s+/);
  return second ? `${first} ${second}` : `${binary.includes('bun') ? 'bun' : binary} ${first}`;
}

/** Runs an example program; it passes when it exits 0 and prints its `ok` line. */
async function runExample(ctx, binary, args, typeCheck) {
  const env = { ...smokeEnv(ctx), ONEMESSAGE_API_KEY: ctx.gateway.apiKey, ONEMESSAGE_BASE_URL: ctx.gateway.baseURL };
  const checks = [];
  if (typeCheck) {
    // The example must type-check against the published declarations, or it teaches wrong code.
    const checked = await run(binary, typeCheck, { cwd: ctx.consumerDir, env, timeoutMs: ctx.timeoutMs });
    checks.push(outcome(`${typeCheck.join(' ')}`, checked, checked.code === 0));
  }
  const result = await run(binary, args, { cwd: ctx.consumerDir, env, timeoutMs: ctx.timeoutMs });
  checks.push(outcome(args.at(-1), result, result.code === 0 && /^ok\b/m.test(result.stdout)));
  return { version: await versionOf(binary), checks };
}

/**
 * Starts a webhook receiver example (examples/webhooks/deno.ts, bun.ts) as its own server and
 * posts to it what the gateway would: a signed event must be accepted, a tampered one refused.
 */
async function runWebhookReceiver(ctx, binary, args) {
  const secret = 'whsec_runtime_matrix_receiver';
  const port = await freePort();
  const env = { ...smokeEnv(ctx), ONEMESSAGE_WEBHOOK_SECRET: secret, PORT: String(port) };
  const child = spawn(binary, args, { cwd: ctx.consumerDir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    await waitForPort(port, ctx.timeoutMs, () => child.exitCode !== null);
    return { version: await versionOf(binary), checks: await postSignedAndTampered(ctx, port, secret, () => output) };
  } catch (error) {
    return {
      version: await versionOf(binary),
      checks: [{ name: args.at(-1), ok: false, ms: 0, error: `${error.message}\n${tail(output)}` }],
    };
  } finally {
    killGroup(child);
  }
}

/** What the gateway would send a receiver: a signed event (accepted) and a tampered copy (refused). */
async function postSignedAndTampered(ctx, port, secret, output) {
  const { signWebhook } = await import(
    join(ctx.consumerDir, 'node_modules/@onemessage/sdk/dist/webhooks/index.node.js')
  );
  const started = performance.now();
  const post = async (payload, signature) => {
    const response = await fetch(`http://127.0.0.1:${port}/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-onemessage-signature': signature },
      body: payload,
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
    return { status: response.status, text: await response.text() };
  };
  const payload = JSON.stringify({
    event_id: 'evt_matrix_1',
    type: 'message.delivered',
    created: Math.floor(Date.now() / 1000),
    data: { id: 'msg_matrix', object: 'message', status: 'delivered' },
  });
  const signature = await signWebhook({ payload, secret });
  const signed = await post(payload, signature);
  const tampered = await post(payload.replace('delivered"', 'failed"'), signature);
  const ms = Math.round(performance.now() - started);
  const check = (name, pass, detail) => ({
    name,
    ok: pass,
    ms,
    ...(pass ? {} : { error: `${detail}\n${tail(output())}` }),
  });
  return [
    check(
      'signed event accepted',
      signed.status === 200 && signed.text.includes('evt_matrix_1'),
      `got ${signed.status} ${signed.text}`,
    ),
    check(
      'tampered event refused',
      tampered.status === 400 && tampered.text === 'no_matching_signature',
      `got ${tampered.status} ${tampered.text}`,
    ),
  ];
}

/** A port nothing listens on right now (loopback only). */
async function freePort() {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once something accepts connections on `port`; rejects when `exited()` or on timeout. */
async function waitForPort(port, timeoutMs, exited) {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited()) throw new Error('the receiver exited before it listened');
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function outcome(name, result, ok) {
  const why = `exit ${result.code}${result.timedOut ? ' (timed out)' : ''}:\n${tail(result.stdout + result.stderr)}`;
  return { name, ok, ms: Math.round(result.ms), ...(ok ? {} : { error: why }) };
}

/** Bundles the smoke worker as wrangler would, serves it with workerd on port 0, and calls it once. */
async function runWorkerd(ctx, binary) {
  const worker = await startWorkerd(ctx, binary, join(ctx.consumerDir, 'smoke/worker.mjs'), {
    ONEMESSAGE_SMOKE_BASE_URL: ctx.gateway.baseURL,
    ONEMESSAGE_SMOKE_API_KEY: ctx.gateway.apiKey,
  });
  try {
    const response = await fetch(`http://127.0.0.1:${worker.port}/`, { signal: AbortSignal.timeout(ctx.timeoutMs) });
    const text = await response.text();
    if (!response.ok)
      return { error: `worker answered ${response.status}: ${text.slice(0, 2000)}\n${tail(worker.output())}` };
    const body = JSON.parse(text);
    return { ...body, version: await versionOf(binary) };
  } finally {
    worker.stop();
  }
}

/** The Cloudflare Worker webhook receiver example (examples/webhooks/cloudflare-worker.ts) under workerd. */
async function runWorkerdWebhookReceiver(ctx, binary) {
  const secret = 'whsec_runtime_matrix_receiver';
  const worker = await startWorkerd(ctx, binary, join(ctx.consumerDir, 'examples/webhooks/cloudflare-worker.ts'), {
    ONEMESSAGE_WEBHOOK_SECRET: secret,
  });
  try {
    return {
      version: await versionOf(binary),
      checks: await postSignedAndTampered(ctx, worker.port, secret, worker.output),
    };
  } finally {
    worker.stop();
  }
}

/**
 * Bundles `entry` with the conditions wrangler uses, serves it with workerd on 127.0.0.1:0 with
 * `bindings` as text bindings, and resolves once workerd reports its port on the control fd.
 */
async function startWorkerd(ctx, binary, entry, bindings) {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(ctx.consumerDir, 'worker-'));
  await build({
    entryPoints: [entry],
    outfile: join(dir, 'worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker'],
    logLevel: 'silent',
  });
  const bindingLines = Object.entries(bindings)
    .map(([name, value]) => `    (name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)}),`)
    .join('\n');
  const config = readFileSync(new URL('../workerd/config.capnp', import.meta.url), 'utf8')
    .replace('{{WORKER_FILE}}', 'worker.js')
    .replace('{{BINDINGS}}', bindingLines);
  writeFileSync(join(dir, 'config.capnp'), config);

  const child = spawn(binary, ['serve', 'config.capnp', '--control-fd=3'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  try {
    const port = await withTimeout(
      new Promise((resolve, reject) => {
        let control = '';
        child.stdio[3].on('data', (chunk) => {
          control += chunk;
          for (const line of control.split('\n')) {
            if (!line.trim()) continue;
            try {
              const message = JSON.parse(line);
              if (message.event === 'listen' && message.socket === 'http') resolve(message.port);
            } catch {
              // a partial line: wait for the rest
            }
          }
        });
        child.on('exit', (code) => reject(new Error(`workerd exited (${code}) before listening:\n${tail(output)}`)));
      }),
      ctx.timeoutMs,
      'workerd did not report its port',
    );
    return { port, output: () => output, stop: () => killGroup(child) };
  } catch (error) {
    killGroup(child);
    throw error;
  }
}

/** The file a browser loads for `subpath`, read from the package's own `exports` conditions. */
function browserTarget(manifest, subpath) {
  let target = manifest.exports[subpath];
  for (const condition of ['import', 'browser', 'default']) {
    if (typeof target === 'object' && target && condition in target) target = target[condition];
  }
  if (typeof target !== 'string') throw new Error(`exports["${subpath}"] has no browser/default import target`);
  return target.replace(/^\.\//, '/pkg/');
}

/** Serves the packed package's files with an import map and runs the page in Debian's chromium. */
async function runChromium(ctx, executablePath) {
  const manifest = JSON.parse(readFileSync(join(ctx.packageDir, 'package.json'), 'utf8'));
  const imports = {
    '@onemessage/sdk/segments': browserTarget(manifest, './segments'),
    '@onemessage/sdk/webhooks': browserTarget(manifest, './webhooks'),
  };
  const page = `<!doctype html><meta charset="utf-8"><title>smoke</title>
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module" src="/smoke/browser.mjs"></script>`;
  const server = await serveStatic({ '/pkg/': ctx.packageDir, '/smoke/': join(ctx.consumerDir, 'smoke') }, page);
  const { chromium } = await import('playwright-core');
  const userDataDir = join(ctx.consumerDir, 'chromium-profile');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    timeout: ctx.timeoutMs,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const problems = [];
  const version = (await versionOf(executablePath)).toLowerCase();
  try {
    const tab = await context.newPage();
    tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    tab.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    tab.on(
      'response',
      (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`),
    );
    await tab.goto(`${server.url}/`, { timeout: ctx.timeoutMs });
    const handle = await tab
      .waitForFunction(() => globalThis.__smokeResult, undefined, { timeout: Math.min(ctx.timeoutMs, 30_000) })
      .catch(() => undefined);
    if (!handle) return { version, error: `the page never produced a result:\n${problems.join('\n')}` };
    const body = await tab.evaluate(() => globalThis.__smokeResult);
    return { ...body, version };
  } finally {
    await context.close();
    await server.close();
  }
}
