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

function run(args: string[]): { child: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number | null> } {
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
    const { child, output, exited } = run(['--port', '0', '--host', '127.0.0.1', '--api-key', 'ark_test_cli_key', '--balance', '5', '--delivery-ms', '10']);
    const [, baseUrl] = await waitFor(output, /Base URL: (http:\/\/127\.0\.0\.1:\d+\/v1)/);
    expect(output()).toContain('API key:  ark_test_cli_key');
    const headers = { authorization: 'Bearer ark_test_cli_key' };
    const balance = (await (await fetch(`${baseUrl}/balance`, { headers })).json()) as { available: { amount: string } };
    expect(balance.available.amount).toBe('5.0000');
    const sent = await fetch(`${baseUrl}/messages`, { method: 'POST', headers, body: JSON.stringify({ to: '+15005550000', body: 'hi' }) });
    const { id } = (await sent.json()) as { id: string };
    // Real time on the system clock: sent after 200 ms, delivered 10 ms later; a loaded machine may take longer.
    const status = async () => ((await (await fetch(`${baseUrl}/messages/${id}`, { headers })).json()) as { status: string }).status;
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
    expect(live.output()).toMatch(/apiKeys\[0\]/);
    expect(live.output()).not.toContain('ark_live_abcdef');
  }, 30_000);
});

describe('parseCli', () => {
  it('maps flags to gateway options with the documented defaults', () => {
    expect(parseCli([])).toEqual({ port: 4010, hostname: '127.0.0.1', options: {} });
    expect(parseCli(['--api-key', 'ark_test_a', '--api-key', 'ark_test_b', '--rate-limit', '5', '--delivery-ms', '0', '--currency', 'USD'])).toEqual({
      port: 4010,
      hostname: '127.0.0.1',
      options: { apiKeys: ['ark_test_a', 'ark_test_b'], rateLimit: { limit: 5 }, delivery: { deliveredAfterMs: 0 }, currency: 'USD' },
    });
    expect(parseCli(['--help'])).toBe('help');
    expect(() => parseCli(['--nope'])).toThrow(CliUsageError);
    expect(() => parseCli(['--rate-limit', '0'])).toThrow(/--rate-limit/);
    expect(() => parseCli(['--port', 'x'])).toThrow(CliUsageError);
  });
});
