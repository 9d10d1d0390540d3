import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CliUsageError } from '../../src/cli/args.js';
import { parseCli } from '../../src/cli/gateway.js';

const CLI = fileURLToPath(new URL('../../src/cli/gateway.ts', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: 'pipe' });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; got:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('onemessage-gateway', () => {
  it('serves on the given host and port 0, prints the base URL and key, and stops cleanly on SIGTERM', async () => {
    const { child, output, exited } = run([
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--api-key',
      'ark_test_cli_key',
      '--balance',
      '5',
      '--delivery-ms',
      '10',
    ]);
    const [, baseUrl] = await waitFor(output, /Base URL: (http:\/\/127\.0\.0\.1:\d+\/v1)/);
    expect(output()).toContain('API key:  ark_test_cli_key');
    const headers = { authorization: 'Bearer ark_test_cli_key' };
    const balance = (await (await fetch(`${baseUrl}/balance`, { headers })).json()) as {
      available: { amount: string };
    };
    expect(balance.available.amount).toBe('5.0000');
    const sent = await fetch(`${baseUrl}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ to: '+15005550000', body: 'hi' }),
    });
    const { id } = (await sent.json()) as { id: string };
    // Real time on the system clock: sent after 200 ms, delivered 10 ms later; a loaded machine may take longer.
    const status = async () =>
      ((await (await fetch(`${baseUrl}/messages/${id}`, { headers })).json()) as { status: string }).status;
    await expect.poll(status, { timeout: 10_000, interval: 50 }).toBe('delivered');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);

  it('exits with status 2 and the usage for a bad flag or a live key', async () => {
    const bad = run(['--port', 'abc']);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/--port must be a whole number/);
    const live = run(['--api-key', 'ark_live_abcdef']);
    expect(await live.exited).toBe(2);
    expect(live.output()).toMatch(/onemessage-gateway: --api-key \(number 1\) must be a test key/);
    expect(live.output()).not.toMatch(/apiKeys/);
    expect(live.output()).not.toContain('ark_live_abcdef');
  }, 30_000);
});

describe('onemessage-gateway, flags and signals', () => {
  it('--rate-limit 3 allows three requests: the banner spends none', async () => {
    const { output } = run(['--port', '0', '--rate-limit', '3', '--balance', '7.5']);
    const [, baseUrl] = await waitFor(output, /Base URL: (http:\/\/127\.0\.0\.1:\d+\/v1)/);
    await waitFor(output, /Balance: +7\.5 EUR per key/);
    const key = /API key: +(\S+)/.exec(output())![1]!;
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await fetch(`${baseUrl}/balance`, { headers: { authorization: `Bearer ${key}` } })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  }, 30_000);

  it('--balance -5 says what --balance accepts (not node\'s "argument is ambiguous")', async () => {
    const child = run(['--balance', '-5']);
    expect(await child.exited).toBe(2);
    expect(child.output()).toMatch(/^onemessage-gateway: --balance must be a non-negative amount/);
    expect(child.output()).not.toMatch(/ambiguous/);
  }, 30_000);

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(
      await (await import('node:fs/promises')).readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    );
    const child = run(['--version']);
    expect(await child.exited).toBe(0);
    expect(child.output()).toBe(`onemessage-gateway ${version}\n`);
  }, 30_000);

  it.each(['SIGINT', 'SIGHUP'] as const)(
    'closes the server and exits 0 on %s',
    async (signal) => {
      const { child, output, exited } = run(['--port', '0']);
      const [, baseUrl] = await waitFor(output, /Base URL: (http:\/\/127\.0\.0\.1:\d+\/v1)/);
      child.kill(signal);
      expect(await exited).toBe(0);
      await expect(fetch(`${baseUrl}/balance`)).rejects.toThrow();
    },
    30_000,
  );

  it('stops when the process that started it exits without passing a signal on (npm under npx)', async () => {
    // A parent that starts the gateway, prints its URL, then dies by SIGKILL: nothing is forwarded.
    const parentScript = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ['--import', 'tsx', ${JSON.stringify(CLI)}, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.on('data', (chunk) => process.stdout.write(chunk));
      process.stdout.write('child pid ' + child.pid + '\\n');
    `;
    const parent = spawn(process.execPath, ['-e', parentScript], { stdio: 'pipe' });
    children.push(parent);
    let output = '';
    parent.stdout.on('data', (chunk) => (output += chunk));
    const [, pid] = await waitFor(() => output, /child pid (\d+)/);
    const [, baseUrl] = await waitFor(() => output, /Base URL: (http:\/\/127\.0\.0\.1:\d+\/v1)/);
    parent.kill('SIGKILL');
    const alive = () => {
      try {
        process.kill(Number(pid), 0);
        return true;
      } catch {
        return false;
      }
    };
    await expect.poll(alive, { timeout: 10_000, interval: 100 }).toBe(false);
    await expect(fetch(`${baseUrl}/balance`)).rejects.toThrow();
  }, 30_000);
});

describe('parseCli', () => {
  it('maps flags to gateway options with the documented defaults', () => {
    expect(parseCli([])).toEqual({ port: 4010, hostname: '127.0.0.1', options: {} });
    expect(
      parseCli([
        '--api-key',
        'ark_test_a',
        '--api-key',
        'ark_test_b',
        '--rate-limit',
        '5',
        '--delivery-ms',
        '0',
        '--currency',
        'USD',
      ]),
    ).toEqual({
      port: 4010,
      hostname: '127.0.0.1',
      options: {
        apiKeys: ['ark_test_a', 'ark_test_b'],
        rateLimit: { limit: 5 },
        delivery: { deliveredAfterMs: 0 },
        currency: 'USD',
      },
    });
    expect(parseCli(['--help'])).toBe('help');
    expect(parseCli(['--version'])).toBe('version');
    expect(() => parseCli(['--balance', '-5'])).toThrow(/--balance must be a non-negative amount/);
    expect(() => parseCli(['--balance', '1.23456'])).toThrow(/--balance/);
    expect(() => parseCli(['--nope'])).toThrow(CliUsageError);
    expect(() => parseCli(['--rate-limit', '0'])).toThrow(/--rate-limit/);
    expect(() => parseCli(['--port', 'x'])).toThrow(CliUsageError);
  });
});
