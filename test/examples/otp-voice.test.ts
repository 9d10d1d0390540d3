// The OTP and voice examples, run against the reference gateway: the Express app over real HTTP.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGateway, ManualClock } from '../../src/gateway/index.js';
import OneMessage from '../../src/index.node.js';
import { createApp } from '../../examples/otp-express.js';
import { run } from '../../examples/voice-call.js';

// The examples import the package by name, as users do; point it at the source (no dist/ needed).
// The casts: tsc resolves that name to dist/'s types (a separately built copy of the source's).
vi.mock('@onemessage/sdk', () => import('../../src/index.node.js'));

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('examples/otp-express.ts', () => {
  it('sends a code, refuses a wrong one and accepts the right one', async () => {
    const gateway = createGateway();
    cleanups.push(() => gateway.close());
    const { url } = await gateway.listen({ port: 0 });
    const codes: string[] = [];
    // The test key's `code` in the send answer is the only way a test can read the SMS.
    const client = new OneMessage({
      apiKey: gateway.apiKey,
      baseURL: url,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (String(input).endsWith('/otp/send')) codes.push(((await response.clone().json()) as { code: string }).code);
        return response;
      },
    });
    const server: Server = createApp(client as unknown as Parameters<typeof createApp>[0]).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const post = async (path: string, body: unknown) => {
      const response = await fetch(base + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return {
        status: response.status,
        body: (await response.json()) as Record<string, unknown>,
      };
    };

    expect(await post('/verify/start', { phone: '+39 347 123 4567' })).toMatchObject({
      status: 202,
      body: { to: '+393471234567' },
    });
    const code = codes[0]!;
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await post('/verify/check', { phone: '+39 347 123 4567', code: wrong })).toMatchObject({
      status: 401,
      body: { verified: false, attempts_remaining: 4 },
    });
    expect(await post('/verify/check', { phone: '+39 347 123 4567', code })).toMatchObject({
      status: 200,
      body: { verified: true, status: 'approved' },
    });
    expect((await post('/verify/start', { phone: 'nope' })).status).toBe(400);
  });
});

describe('examples/voice-call.ts', () => {
  it('places a call and follows it to the end on the gateway clock', async () => {
    const clock = new ManualClock();
    const gateway = createGateway({ clock });
    cleanups.push(() => gateway.close());
    const client = new OneMessage({
      apiKey: gateway.apiKey,
      baseURL: 'http://gateway.local/v1',
      fetch: gateway.fetch,
    });
    const lines: string[] = [];
    const call = await run(
      client as unknown as Parameters<typeof run>[0],
      ['+447911123456', '+15005550011'],
      (line) => lines.push(line),
      () => clock.advance(1_000),
    );
    expect(call.status).toBe('completed');
    expect(lines[0]).toMatch(/^placed call_\w+ to 2 number\(s\) in en$/);
    expect(lines.some((line) => line.endsWith(': ringing'))).toBe(true);
    expect(lines).toContain('  +15005550011: busy, 0 s, 0.0000 EUR');
    expect(lines.at(-1)).toMatch(/^total 0\.0500 EUR for \d+ s answered$/);
  });
});
