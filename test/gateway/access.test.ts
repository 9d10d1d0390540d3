// Finding 3 of #12: no web page may drive a local gateway (DNS rebinding, CORS), and the
// in-process SDK keeps working whatever base URL it uses.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import OneMessage from '../../src/index.js';
import { hostChecker, originChecker } from '../../src/gateway/access.js';
import { createGateway, type Gateway } from '../../src/gateway/index.js';

const gateways: Gateway[] = [];
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
});

function start(options: Parameters<typeof createGateway>[0] = {}) {
  const gateway = createGateway(options);
  gateways.push(gateway);
  return gateway;
}

/** Sends one raw HTTP/1.1 request and resolves the status line and body once the server closes. */
function raw(port: number, head: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [top = '', ...rest] = received.split('\r\n\r\n');
      let body = rest.join('\r\n\r\n');
      // Undo chunked framing: the bodies here are a single chunk.
      if (/transfer-encoding: chunked/i.test(top)) body = body.split('\r\n')[1] ?? '';
      resolve({ status: Number(top.split(' ')[1]), head: top, body });
    });
    socket.write(`${head}\r\nConnection: close\r\n\r\n`);
  });
}

describe('Host check (DNS rebinding)', () => {
  it('refuses a rebound name over HTTP with a 403 contract error and a request id', async () => {
    const gateway = start();
    const { port } = await gateway.listen({ port: 0 });
    const answer = await raw(
      port,
      `GET /v1/messages HTTP/1.1\r\nHost: evil.example:${port}\r\nAuthorization: Bearer ${gateway.apiKey}`,
    );
    expect(answer.status).toBe(403);
    const { error } = JSON.parse(answer.body) as { error: Record<string, string> };
    expect(error).toMatchObject({ type: 'permission_error', code: 'permission_denied', param: 'Host' });
    expect(error.request_id).toMatch(/^req_/);
    expect(answer.head).toMatch(/x-request-id: req_/i);
  });

  it('answers loopback names, with or without the port', async () => {
    const gateway = start();
    const { port } = await gateway.listen({ port: 0 });
    for (const host of [`localhost:${port}`, '127.0.0.1', `[::1]:${port}`, `app.localhost:${port}`, '127.0.0.2']) {
      const answer = await raw(
        port,
        `GET /v1/balance HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${gateway.apiKey}`,
      );
      expect(answer.status, host).toBe(200);
    }
  });

  it('answers the names in allowedHosts, and any name with "*"', async () => {
    const listed = start({ allowedHosts: ['gateway.internal', '*.dev.test'] });
    const { port } = await listed.listen({ port: 0 });
    const auth = `Authorization: Bearer ${listed.apiKey}`;
    expect((await raw(port, `GET /v1/balance HTTP/1.1\r\nHost: gateway.internal:${port}\r\n${auth}`)).status).toBe(200);
    expect((await raw(port, `GET /v1/balance HTTP/1.1\r\nHost: a.dev.test\r\n${auth}`)).status).toBe(200);
    expect((await raw(port, `GET /v1/balance HTTP/1.1\r\nHost: dev.test.evil\r\n${auth}`)).status).toBe(403);
    const open = start({ allowedHosts: '*' });
    const server = await open.listen({ port: 0 });
    const answer = await raw(server.port, `GET /v1/balance HTTP/1.1\r\nHost: anything.example\r\n${auth}`);
    expect(answer.status).toBe(200);
  });

  it('does not apply to in-process calls: the SDK with its default base URL still works', async () => {
    const gateway = start();
    const client = new OneMessage({ apiKey: gateway.apiKey, fetch: gateway.fetch, maxRetries: 0 });
    const message = await client.messages.create({ to: '+15005550000', body: 'in-process' });
    expect((await client.messages.retrieve(message.id)).id).toBe(message.id);
  });

  it('matches names exactly or by domain suffix', () => {
    const allowed = hostChecker(['*.corp.test', 'box']);
    for (const host of [
      'localhost',
      'LOCALHOST.',
      'x.localhost',
      '127.9.9.9',
      '[::1]',
      'box',
      'a.corp.test',
      'corp.test',
    ]) {
      expect(allowed(host), host).toBe(true);
    }
    for (const host of ['localhost.evil.example', 'evil.example', '0.0.0.0', '[::]', 'corp.test.evil', 'xbox']) {
      expect(allowed(host), host).toBe(false);
    }
  });
});

describe('CORS', () => {
  it('gives a foreign origin no Access-Control-Allow-Origin and refuses its preflight', async () => {
    const gateway = start();
    const auth = { authorization: `Bearer ${gateway.apiKey}` };
    const read = await gateway.fetch('/v1/balance', { headers: { ...auth, origin: 'https://evil.example' } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await gateway.fetch('/v1/webhooks', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await preflight.json()) as { error: { code: string } }).error.code).toBe('permission_denied');
  });

  it('lets a loopback origin on any port read answers, over HTTP too', async () => {
    const gateway = start();
    const server = await gateway.listen({ port: 0 });
    const preflight = await fetch(`${server.url}/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const read = await fetch(`${server.url}/balance`, {
      headers: { authorization: `Bearer ${gateway.apiKey}`, origin: 'http://127.0.0.1:3000' },
    });
    expect(read.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    expect(read.headers.get('vary')).toMatch(/origin/i);
  });

  it('takes corsOrigins as a list or "*"', async () => {
    const listed = start({ corsOrigins: ['https://app.example.test'] });
    const headers = (origin: string) => ({ authorization: `Bearer ${listed.apiKey}`, origin });
    const ok = await listed.fetch('/v1/balance', { headers: headers('https://app.example.test') });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
    const local = await listed.fetch('/v1/balance', { headers: headers('http://localhost:3000') });
    expect(local.headers.get('access-control-allow-origin')).toBeNull();
    const open = start({ corsOrigins: '*' });
    const any = await open.fetch('/v1/balance', {
      headers: { authorization: `Bearer ${open.apiKey}`, origin: 'null' },
    });
    expect(any.headers.get('access-control-allow-origin')).toBe('null');
  });

  it('matches origins by scheme, host and port pattern', () => {
    const allowed = originChecker(['http://localhost:*', 'https://exact.test']);
    expect(allowed('http://localhost')).toBe(true);
    expect(allowed('http://localhost:8080')).toBe(true);
    expect(allowed('https://exact.test')).toBe(true);
    expect(allowed('https://localhost:8080')).toBe(false);
    expect(allowed('http://localhost.evil.example')).toBe(false);
    expect(allowed('http://localhost:80.evil.example')).toBe(false);
    expect(allowed('https://exact.test:444')).toBe(false);
    expect(allowed('null')).toBe(false);
  });
});
