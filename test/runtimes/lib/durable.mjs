// The durable-gateway rows: the packed gateway CLI runs under a Node that has node:sqlite, with
// --data on a temp file; it is SIGKILLed in the middle of a load and restarted on the same file,
// and what every answered request did must still be there, exactly once.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killGroup, tail, withTimeout } from './proc.mjs';

const KEYS = 500;
const KILL_AFTER = 250; // answered creates before the SIGKILL
const CONCURRENCY = 16;
const OPENING = 1_000_000; // 100.0000 in ten-thousandths
const TOP_UP = '5.00';

const units = (amount) => Math.round(Number(amount) * 10_000);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the kill-and-restart scenario with `binary` (node22 or node24) and returns the row's checks. */
export async function runDurableGateway(ctx, binary) {
  const version = 'node';
  const dir = mkdtempSync(join(tmpdir(), 'onemessage-durable-'));
  const sdk = join(ctx.consumerDir, 'node_modules/@onemessage/sdk/dist');
  const { OneMessage } = await import(join(sdk, 'index.node.js'));
  const { verifyWebhook } = await import(join(sdk, 'webhooks/index.node.js'));
  const receiver = await startReceiver(verifyWebhook);
  const checks = [];
  const check = (name, ok, detail, started) =>
    checks.push({ name, ok, ms: Math.round(performance.now() - started), ...(ok ? {} : { error: detail }) });
  let gateway;
  try {
    const port = await freePort();
    const start = () =>
      startGateway(binary, join(ctx.packageDir, 'dist/cli/gateway.js'), join(dir, 'gateway.db'), port);
    let started = performance.now();
    gateway = await start();
    const client = (maxRetries) =>
      new OneMessage({ apiKey: gateway.apiKey, baseURL: gateway.url, maxRetries, timeout: 10_000 });
    const first = client(0);

    const endpoint = await first.webhooks.create({ url: receiver.url, events: ['message.sent'] });
    receiver.secret = endpoint.secret;
    await first.test.topUp(TOP_UP);
    const scheduledAt = new Date(Date.now() + 8_000).toISOString();
    const scheduled = await first.messages.create({ to: '+15005550000', body: 'scheduled', scheduled_at: scheduledAt });
    // A delivery hanging at the receiver before the kill, so one is surely pending mid-attempt.
    await first.messages.create({ to: '+15005550000', body: 'warm-up' });
    if (!(await waitFor(() => receiver.hung.size > 0, 5_000))) throw new Error('no delivery reached the receiver');

    // The load: the gateway is killed once KILL_AFTER creates were answered; the rest fail or hang.
    const answered = new Map();
    let killed = false;
    await pool(KEYS, async (i) => {
      if (killed) return;
      const key = `durable-${i}`;
      try {
        const message = await first.messages.create({ to: '+15005550000', body: `load ${i}` }, { idempotencyKey: key });
        answered.set(key, message.id);
        if (answered.size >= KILL_AFTER && !killed) {
          killed = true;
          gateway.kill();
        }
      } catch {
        // no answer: the kill came first; retried below with the same key
      }
    });
    const seenBeforeKill = new Set(receiver.hung);
    receiver.answer = true;
    check(
      `SIGKILL after ${answered.size} answered creates (${seenBeforeKill.size} deliveries hanging)`,
      killed,
      'never killed',
      started,
    );

    started = performance.now();
    gateway = await start();
    const second = client(2);
    let replayedSame = 0;
    let replayErrors = [];
    await pool(KEYS, async (i) => {
      const key = `durable-${i}`;
      try {
        const message = await second.messages.create(
          { to: '+15005550000', body: `load ${i}` },
          { idempotencyKey: key },
        );
        if (answered.has(key) && answered.get(key) === message.id) replayedSame++;
        else if (answered.has(key)) replayErrors.push(`${key}: ${answered.get(key)} became ${message.id}`);
      } catch (error) {
        replayErrors.push(`${key}: ${error.message}`);
      }
    });
    check(
      'restarted on the same file: every answered create replays its own message',
      replayedSame === answered.size && replayErrors.length === 0,
      `${replayedSame}/${answered.size} replayed; ${replayErrors.slice(0, 5).join('; ')}`,
      started,
    );

    started = performance.now();
    const listed = [];
    for await (const message of second.messages.list({ limit: 100 })) listed.push(message);
    const ids = new Set(listed.map((m) => m.id));
    const missing = [...answered.values()].filter((id) => !ids.has(id));
    check(
      `each key is one message: ${listed.length} stored for ${KEYS} keys, 1 scheduled and 1 warm-up`,
      listed.length === KEYS + 2 && ids.size === listed.length && missing.length === 0 && ids.has(scheduled.id),
      `listed ${listed.length}, distinct ${ids.size}, answered but missing ${missing.length}`,
      started,
    );

    started = performance.now();
    const balance = await second.balance.retrieve();
    const spent = listed.reduce((sum, m) => sum + units(m.price.amount), 0);
    const expected = OPENING + units(TOP_UP) - spent;
    check(
      `balance = opening + top-up - prices of stored messages (${balance.available.amount})`,
      units(balance.available.amount) === expected,
      `expected ${expected / 10_000}, got ${balance.available.amount}`,
      started,
    );

    started = performance.now();
    const stillThere = await second.webhooks.retrieve(endpoint.id).then(
      () => true,
      () => false,
    );
    const arrived = await waitFor(() => [...seenBeforeKill].every((id) => receiver.verified.has(id)), 30_000);
    check(
      `the ${seenBeforeKill.size} deliveries pending at the kill arrive after the restart, signed with the same secret`,
      stillThere && seenBeforeKill.size > 0 && arrived && receiver.unverified === 0,
      `endpoint kept: ${stillThere}; arrived ${[...seenBeforeKill].filter((id) => receiver.verified.has(id)).length}/` +
        `${seenBeforeKill.size}; bad signatures ${receiver.unverified}`,
      started,
    );

    started = performance.now();
    await sleep(Math.max(0, Date.parse(scheduledAt) + 1_500 - Date.now()));
    const later = await second.messages.retrieve(scheduled.id);
    check(
      'the scheduled message is sent on time after the restart',
      later.status !== 'scheduled' && later.events.some((event) => event.status === 'sent'),
      `status ${later.status}, events ${later.events.map((e) => e.status).join(' → ')}`,
      started,
    );

    // Every message's message.sent event reaches the receiver once: queued before the kill and
    // resumed from the file, or published after the restart.
    started = performance.now();
    const all = await waitFor(() => listed.every((m) => receiver.sentFor.has(m.id)), 30_000);
    const lacking = listed.filter((m) => !receiver.sentFor.has(m.id)).length;
    check(
      `all ${listed.length} message.sent deliveries arrive, none lost in the kill`,
      all,
      `${lacking} never arrived`,
      started,
    );
    return { version: gateway.version, checks };
  } catch (error) {
    checks.push({
      name: 'durable gateway scenario',
      ok: false,
      ms: 0,
      error: `${error.stack}\n${tail(gateway?.output() ?? '')}`,
    });
    return { version, checks };
  } finally {
    gateway?.kill();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `task(0…count-1)` with at most CONCURRENCY at once. */
async function pool(count, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

async function waitFor(condition, ms) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

/** Starts the CLI with --data and resolves once it printed its banner. */
async function startGateway(binary, cli, file, port) {
  const child = spawn(binary, [cli, '--data', file, '--port', String(port), '--delivery-ms', '200'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  await withTimeout(
    new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (/Press Ctrl\+C/.test(output)) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the gateway exited (${code}):\n${tail(output)}`)));
    }),
    30_000,
    'the gateway did not start within 30 s',
  );
  const apiKey = /API key:\s+(\S+)/.exec(output)[1];
  const url = /Base URL:\s+(\S+)/.exec(output)[1];
  const version = `node ${(await runVersion(binary)).trim().replace(/^v/, '')}`;
  return { url, apiKey, version, output: () => output, kill: () => killGroup(child, 'SIGKILL') };
}

function runVersion(binary) {
  return new Promise((resolve) => {
    const child = spawn(binary, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', () => resolve(out));
  });
}

/**
 * A webhook receiver: before the kill it never answers (so deliveries stay pending), after it it
 * verifies each delivery with the endpoint's first secret and answers 200.
 */
async function startReceiver(verifyWebhook) {
  const state = {
    hung: new Set(),
    verified: new Set(),
    sentFor: new Set(),
    unverified: 0,
    answer: false,
    secret: undefined,
  };
  const held = new Set();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', async () => {
      const eventId = safeEventId(body);
      if (!state.answer) {
        state.hung.add(eventId);
        held.add(response);
        return;
      }
      try {
        const event = await verifyWebhook({
          payload: body,
          signature: request.headers['x-onemessage-signature'],
          secret: state.secret,
        });
        state.verified.add(eventId);
        if (event.type === 'message.sent') state.sentFor.add(event.data.id);
      } catch {
        state.unverified++;
      }
      response.end('ok');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${server.address().port}/hooks`,
    close: () =>
      new Promise((resolve) => {
        for (const response of held) response.destroy();
        server.closeAllConnections();
        server.close(resolve);
      }),
  });
}

function safeEventId(body) {
  try {
    return JSON.parse(body).event_id;
  } catch {
    return 'unparsable';
  }
}

async function freePort() {
  const { createServer: createNetServer } = await import('node:net');
  const server = createNetServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
