import { Agent, request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type NodeServer } from '../../src/adapters/node.js';
import { createGateway, ManualClock } from '../../src/gateway/index.js';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(handler: Parameters<typeof serve>[0], onError?: (error: unknown) => void): Promise<NodeServer> {
  const server = await serve(handler, { port: 0, hostname: '127.0.0.1', onError });
  servers.push(server);
  return server;
}

describe('serve', () => {
  it('hands the handler the method, URL, headers and raw body bytes', async () => {
    let seen: { method: string; url: string; header: string | null; body: string } | undefined;
    const server = await start(async (request) => {
      seen = {
        method: request.method,
        url: request.url,
        header: request.headers.get('x-custom'),
        body: await request.text(),
      };
      return new Response('ok', { status: 201, headers: { 'x-reply': 'yes' } });
    });
    const raw = '{"b": 2,   "a": "é"}';
    const response = await fetch(`${server.url}/v1/things?x=1`, {
      method: 'POST',
      headers: { 'x-custom': 'v' },
      body: raw,
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-reply')).toBe('yes');
    expect(await response.text()).toBe('ok');
    expect(seen).toEqual({ method: 'POST', url: `${server.url}/v1/things?x=1`, header: 'v', body: raw });
  });

  it('streams a large response body back intact', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const server = await start(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              for (let i = 0; i < 64; i++) controller.enqueue(chunk);
              controller.close();
            },
          }),
        ),
    );
    const body = await (await fetch(server.url)).arrayBuffer();
    expect(body.byteLength).toBe(64 * 64 * 1024);
  });

  it('answers 500 with the contract shape when the handler throws, and reports the error', async () => {
    const errors: unknown[] = [];
    const server = await start(
      () => {
        throw new Error('boom');
      },
      (error) => errors.push(error),
    );
    const response = await fetch(server.url);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { type: 'api_error', code: 'internal_error' } });
    expect(errors).toHaveLength(1);
  });

  it('sends no body for HEAD', async () => {
    const server = await start(() => new Response('body', { headers: { 'x-a': '1' } }));
    const response = await fetch(server.url, { method: 'HEAD' });
    expect(response.headers.get('x-a')).toBe('1');
    expect(await response.text()).toBe('');
  });

  it('closes keep-alive connections on close()', async () => {
    const server = await start(() => new Response('ok'));
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(server.url, { agent: new Agent({ keepAlive: true }) }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    const closed = Date.now();
    await servers.pop()!.close();
    expect(Date.now() - closed).toBeLessThan(1_000);
  });
});

describe('gateway.listen', () => {
  it('serves the gateway over a real socket on 127.0.0.1, with the contract headers and errors', async () => {
    const gateway = createGateway({ clock: new ManualClock(), maxBodyBytes: 2_048 });
    const server = await gateway.listen({ port: 0 });
    servers.push(gateway);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const headers = {
      authorization: `Bearer ${gateway.apiKey}`,
      'content-type': 'application/json',
      'idempotency-key': 'idk_http',
    };
    const body = JSON.stringify({ to: '+15005550000', body: 'over HTTP' });
    const created = await fetch(`${server.url}/messages`, { method: 'POST', headers, body });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toMatch(/^req_/);
    expect(created.headers.get('x-ratelimit-remaining')).toBe('9999');
    const replay = await fetch(`${server.url}/messages`, { method: 'POST', headers, body });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const tooBig = await fetch(`${server.url}/messages`, {
      method: 'POST',
      headers: { authorization: headers.authorization },
      body: 'x'.repeat(10_000),
    });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error: { code: 'request_too_large' } });
    const malformed = await fetch(`${server.url}/messages`, {
      method: 'POST',
      headers: { authorization: headers.authorization },
      body: '{',
    });
    expect(malformed.status).toBe(400);
  });
});
