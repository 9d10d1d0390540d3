// examples/send-csv.ts runs as a user would run it: a CSV file, a gateway on 127.0.0.1, and a re-run
// that sends nothing twice.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type GatewayServer } from '../../src/gateway/index.js';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');
let gateway: Gateway;
let server: GatewayServer;
let csv: string;

beforeAll(async () => {
  gateway = createGateway();
  server = await gateway.listen({ hostname: '127.0.0.1', port: 0 });
  const lines = ['phone,name'];
  for (let i = 0; i < 1_200; i++) lines.push(`+4479112${String(i).padStart(5, '0')},Customer ${i}`);
  lines.push('+44 12,Typo'); // row 1201: refused locally
  csv = join(await mkdtemp(join(tmpdir(), 'send-csv-')), 'customers.csv');
  await writeFile(csv, `${lines.join('\n')}\n`);
});
afterAll(() => gateway.close());

async function run(): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(tsx, [resolve(root, 'examples/send-csv.ts'), csv, 'csv-test'], {
    cwd: root,
    timeout: 30_000,
    env: {
      ...process.env,
      ONEMESSAGE_API_KEY: gateway.apiKey,
      ONEMESSAGE_BASE_URL: server.url,
    },
  });
}

describe('examples/send-csv.ts', () => {
  it('streams the CSV, prints progress and each refused row, and replays on a re-run', async () => {
    const first = await run();
    expect(first.stdout).toContain('row 1201: invalid_phone_number (to)');
    expect(first.stdout).toContain('done: 1200 accepted, 1 rejected in 3 chunk(s), 0 replayed');
    expect(first.stderr).toContain('sent 1200, failed 1');
    const again = await run();
    expect(again.stdout).toContain('done: 1200 accepted, 1 rejected in 3 chunk(s), 3 replayed');
  }, 60_000);
});
