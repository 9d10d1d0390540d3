// Every client example runs, as a user would run it, against a gateway on 127.0.0.1.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type GatewayServer } from '../../src/gateway/index.js';
import OneMessage from '../../src/index.js';
import { requireBuild } from './built.js';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');
let gateway: Gateway;
let server: GatewayServer;

beforeAll(async () => {
  requireBuild();
  gateway = createGateway();
  server = await gateway.listen({ hostname: '127.0.0.1', port: 0 });
  // Seed a few messages in-process so list.ts has pages to walk.
  const seeder = new OneMessage({ apiKey: gateway.apiKey, baseURL: 'http://gateway.local/v1', fetch: gateway.fetch });
  for (let i = 0; i < 3; i++) await seeder.messages.create({ to: '+15005550000', sender: 'OneMSG', body: `seed ${i}` });
});
afterAll(() => gateway.close());

async function runExample(file: string, args: string[] = []): Promise<string> {
  const { stdout } = await promisify(execFile)(tsx, [resolve(root, 'examples', file), ...args], {
    cwd: root,
    timeout: 30_000,
    env: { ...process.env, ONEMESSAGE_API_KEY: gateway.apiKey, ONEMESSAGE_BASE_URL: server.url },
  });
  return stdout;
}

// Each example is its own process; running them side by side keeps the suite short.
describe.concurrent('client examples', () => {
  it('send.ts sends a message and prints its id, price and request id', async () => {
    const out = await runExample('send.ts');
    expect(out).toMatch(/^sent msg_\w+: queued, 1 segment\(s\), \d+\.\d{4} EUR$/m);
    expect(out).toMatch(/request req_\w+, \d+ requests left/);
  });

  it('retrieve.ts prints a message and its history', async () => {
    const out = await runExample('retrieve.ts');
    expect(out).toMatch(/^msg_\w+ to \+15005550000: \w+$/m);
    expect(out).toMatch(/queued/);
  });

  it('list.ts prints a page and walks every message', async () => {
    const out = await runExample('list.ts');
    expect(out).toMatch(/first page: \d message\(s\)/);
    const total = Number(/(\d+) outbound message\(s\) in total/.exec(out)?.[1]);
    expect(total).toBeGreaterThanOrEqual(3);
  });

  it('cancel-scheduled.ts schedules and cancels', async () => {
    const out = await runExample('cancel-scheduled.ts');
    expect(out).toMatch(/is scheduled for \d{4}-/);
    expect(out).toMatch(/msg_\w+ is canceled/);
  });

  it('handle-errors.ts tells the failures apart', async () => {
    const out = await runExample('handle-errors.ts');
    expect(out).toContain('bad number: to → invalid_phone_number');
    expect(out).toContain('too long: body → message_too_long');
    expect(out).toMatch(/unknown id: not found \(request req_\w+\)/);
    expect(out).toContain('one call, no retries: ok');
  });

  it('estimate-cost.ts prices texts locally', async () => {
    const out = await runExample('estimate-cost.ts');
    expect(out).toMatch(/^GSM-7, 1 segment\(s\), 0\.\d{4} EUR: "Your code is 123456"$/m);
    expect(out).toMatch(/^UCS-2, 1 segment\(s\)/m);
    expect(out).toMatch(/with autoconvert: GSM-7/);
  });

  it('register-webhook.ts registers an endpoint without printing its whole secret', async () => {
    const out = await runExample('register-webhook.ts', ['https://example.com/hooks']);
    expect(out).toMatch(/registered wh_\w+ for message\.delivered, message\.failed; secret whsec_[\w-]{4}…/);
    expect(out).toMatch(/wh_\w+ {2}https:\/\/example\.com\/hooks/);
  });
});
