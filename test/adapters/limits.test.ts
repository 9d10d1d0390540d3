import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SERVE_DEFAULTS,
  serve,
  type FetchHandler,
  type NodeServer,
  type ServeOptions,
} from '../../src/adapters/node.js';

const servers: NodeServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(
  options: ServeOptions = {},
  handler: FetchHandler = () => new Response('ok'),
): Promise<NodeServer> {
  const server = await serve(handler, { port: 0, hostname: '127.0.0.1', ...options });
  servers.push(server);
  return server;
}

/** A raw client that collects what the server sends and records when the server closed. */
async function open(port: number) {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return {
    socket,
    closed,
    received: () => received,
    /** Resolves once `count` complete responses arrived (each a small chunked "ok"). */
    async responses(count: number): Promise<string> {
      while ((received.match(/HTTP\/1\.1 \d{3}/g) ?? []).length < count || !/(ok|0\r\n\r\n)$/.test(received)) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return received;
    },
  };
}

const GET = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

describe('serve limits', () => {
  it('applies documented defaults to the node:http server', async () => {
    const { server } = await start();
    expect(SERVE_DEFAULTS).toEqual({
      headersTimeout: 10_000,
      requestTimeout: 60_000,
      keepAliveTimeout: 5_000,
      maxConnections: 512,
    });
    expect(server.headersTimeout).toBe(10_000);
    expect(server.requestTimeout).toBe(60_000);
    expect(server.keepAliveTimeout).toBe(5_000);
  });

  it('cuts off a client that drips its headers slower than headersTimeout, with a 408', async () => {
    const server = await start({ headersTimeout: 200, requestTimeout: 1_000 });
    const client = await open(server.port);
    const started = Date.now();
    const drip = setInterval(() => client.socket.writable && client.socket.write('X'), 20);
    client.socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    await client.closed;
    clearInterval(drip);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(client.received().split('\r\n\r\n')[1]!)).toMatchObject({
      error: { type: 'invalid_request_error', code: 'request_timeout' },
    });
  });

  it('cuts off a client that sends a body slower than requestTimeout', async () => {
    const server = await start({ headersTimeout: 100, requestTimeout: 300 }, async (request) => {
      await request.text();
      return new Response('ok');
    });
    const client = await open(server.port);
    const started = Date.now();
    client.socket.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n');
    const drip = setInterval(() => client.socket.writable && client.socket.write('x'), 20);
    await client.closed;
    clearInterval(drip);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes an idle keep-alive connection after keepAliveTimeout', async () => {
    const server = await start({ keepAliveTimeout: 150 });
    const client = await open(server.port);
    client.socket.write(GET);
    await client.responses(1);
    const answered = Date.now();
    await client.closed;
    expect(Date.now() - answered).toBeGreaterThanOrEqual(100);
    expect(Date.now() - answered).toBeLessThan(2_000);
  });

  it('refuses connections past maxConnections with a quick 503 while the open ones keep working', async () => {
    const server = await start({ maxConnections: 2, keepAliveTimeout: 10_000 });
    const first = await open(server.port);
    const second = await open(server.port);
    first.socket.write(GET);
    second.socket.write(GET);
    await Promise.all([first.responses(1), second.responses(1)]);

    const excess = await open(server.port);
    excess.socket.write(GET);
    await excess.closed;
    expect(excess.received()).toMatch(/^HTTP\/1\.1 503 /);
    expect(excess.received()).toMatch(/retry-after: 1/i);
    expect(JSON.parse(excess.received().split('\r\n\r\n')[1]!)).toMatchObject({
      error: { type: 'api_error', code: 'service_unavailable' },
    });

    first.socket.write(GET);
    second.socket.write(GET);
    expect(await first.responses(2)).toMatch(/200 OK[\s\S]*200 OK/);
    expect(await second.responses(2)).toMatch(/200 OK[\s\S]*200 OK/);

    // A closed connection frees its slot.
    first.socket.destroy();
    await first.closed;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const next = await open(server.port);
    next.socket.write(GET);
    expect(await next.responses(1)).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('rejects limits that make no sense', async () => {
    await expect(start({ maxConnections: 0 })).rejects.toThrow(RangeError);
    await expect(start({ headersTimeout: -1 })).rejects.toThrow(RangeError);
    await expect(start({ headersTimeout: 5_000, requestTimeout: 1_000 })).rejects.toThrow(/headersTimeout/);
  });
});
