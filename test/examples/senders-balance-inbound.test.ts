// The senders, balance and inbound examples run as a user would run them, against a gateway on 127.0.0.1.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type GatewayServer } from '../../src/gateway/index.js';
import { requireBuild } from './built.js';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');
let gateway: Gateway;
let server: GatewayServer;

beforeAll(async () => {
  requireBuild();
  gateway = createGateway({ senderApprovalDelayMs: 2_000 });
  server = await gateway.listen({ hostname: '127.0.0.1', port: 0 });
});
afterAll(() => gateway.close());

async function runExample(file: string, args: string[] = []): Promise<string> {
  const { stdout } = await promisify(execFile)(tsx, [resolve(root, 'examples', file), ...args], {
    cwd: root,
    timeout: 30_000,
    env: {
      ...process.env,
      ONEMESSAGE_API_KEY: gateway.apiKey,
      ONEMESSAGE_BASE_URL: server.url,
    },
  });
  return stdout;
}

describe.concurrent('senders, balance and inbound examples', () => {
  it('register-sender.ts registers, is refused before approval, then sends', async () => {
    const out = await runExample('register-sender.ts', ['Shop']);
    expect(out).toMatch(/^registered snd_\w+ \(Shop\): pending$/m);
    expect(out).toContain('before approval: sender_not_approved');
    expect(out).toContain('Shop is approved');
    expect(out).toMatch(/^sent msg_\w+ from Shop$/m);
  });

  it('balance.ts reads the balance, the remaining credit after a send, and tops up', async () => {
    const out = await runExample('balance.ts');
    expect(out).toMatch(/^available \d+\.\d{4} EUR$/m);
    expect(out).toMatch(/^sent msg_\w+ for 0\.\d{4}; \d+\.\d{4} left$/m);
    expect(out).toMatch(/^after top-up: \d+\.\d{4} EUR$/m);
  });

  it('receive-replies.ts prints the virtual number and lists the simulated reply as inbound', async () => {
    const out = await runExample('receive-replies.ts');
    expect(out).toContain(`replies arrive at ${gateway.virtualNumber()}`);
    expect(out).toMatch(/^received msg_\w+ from \+447911123456: "YES"$/m);
    expect(out).toMatch(new RegExp(`inbound msg_\\w+ \\+447911123456 → \\${gateway.virtualNumber()}: YES`));
  });
});
