import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type AdapterError, type NodeServer, type ServeOptions } from '../../src/adapters/node.js';

const servers: NodeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface Seen {
  method: string;
  url: string;
}

async function start(options: ServeOptions = {}) {
  const seen: Seen[] = [];
  const errors: unknown[] = [];
  const server = await serve(
    (request) => {
      seen.push({ method: request.method, url: request.url });
      return Response.json({ path: new URL(request.url).pathname, host: new URL(request.url).host });
    },
    { port: 0, hostname: '127.0.0.1', onError: (error) => errors.push(error), ...options },
  );
  servers.push(server);
  return { server, seen, errors };
}

/** Sends raw bytes and resolves everything the server answered once it closes the connection. */
function raw(port: number, text: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = received.split('\r\n\r\n');
      let body = rest.join('\r\n\r\n');
      // Undo chunked framing: the bodies here are a single chunk.
      if (/transfer-encoding: chunked/i.test(head)) body = body.split('\r\n')[1] ?? '';
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head, body });
    });
    socket.write(text);
  });
}

const request = (line: string, headers = 'Host: 127.0.0.1\r\n') => `${line}\r\n${headers}Connection: close\r\n\r\n`;

describe('odd requests over a raw socket', () => {
  const refused: [string, string, number, string][] = [
    ['an empty Host', request('GET /v1/messages HTTP/1.1', 'Host: \r\n'), 400, 'invalid_parameter'],
    ['a Host with a space', request('GET /v1/messages HTTP/1.1', 'Host: a b\r\n'), 400, 'invalid_parameter'],
    [
      'a Host with credentials',
      request('GET /v1/messages HTTP/1.1', 'Host: user:hunter2@127.0.0.1\r\n'),
      400,
      'invalid_parameter',
    ],
    ['a Host with a path', request('GET /v1/messages HTTP/1.1', 'Host: 127.0.0.1/admin\r\n'), 400, 'invalid_parameter'],
    [
      'a Host with a bad port',
      request('GET /v1/messages HTTP/1.1', 'Host: 127.0.0.1:99999\r\n'),
      400,
      'invalid_parameter',
    ],
    ['an unclosed IPv6 Host', request('GET /v1/messages HTTP/1.1', 'Host: [::1\r\n'), 400, 'invalid_parameter'],
    ['two Hosts', request('GET /v1/messages HTTP/1.1', 'Host: a\r\nHost: b\r\n'), 400, 'invalid_parameter'],
    ['no Host over HTTP/1.1', request('GET /v1/messages HTTP/1.1', ''), 400, 'invalid_parameter'],
    [
      'credentials in the target',
      request('GET http://user:hunter2@127.0.0.1/v1/messages HTTP/1.1'),
      400,
      'invalid_parameter',
    ],
    ['a target that is no path', request('GET v1/messages HTTP/1.1'), 400, 'invalid_parameter'],
    ['TRACE', request('TRACE /v1/messages HTTP/1.1'), 404, 'not_found'],
    ['TRACK', request('TRACK /v1/messages HTTP/1.1'), 400, 'invalid_parameter'],
    ['CONNECT', request('CONNECT 127.0.0.1:80 HTTP/1.1'), 404, 'not_found'],
    ['a method Node does not know', request('FOO /v1/messages HTTP/1.1'), 400, 'invalid_parameter'],
    ['a malformed request line', 'GARBAGE\r\n\r\n', 400, 'invalid_parameter'],
  ];

  it.each(refused)(
    'answers %s with a contract-shaped 4xx and never reaches the handler',
    async (_, text, status, code) => {
      const { server, seen, errors } = await start();
      const response = await raw(server.port, text);
      expect(response.status).toBe(status);
      expect(JSON.parse(response.body)).toEqual({
        error: { type: 'invalid_request_error', code, message: expect.any(String) },
      });
      expect(response.body).not.toContain('hunter2');
      expect(seen).toEqual([]);
      expect(errors).toEqual([]);
    },
  );

  it('keeps a path starting with // a path: it never becomes the URL host', async () => {
    const { server, seen } = await start();
    const response = await raw(server.port, request('GET //evil.example/v1/messages?x=1 HTTP/1.1'));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ path: '//evil.example/v1/messages', host: '127.0.0.1' });
    expect(seen).toEqual([{ method: 'GET', url: 'http://127.0.0.1//evil.example/v1/messages?x=1' }]);
  });

  it('takes the authority of an absolute target, and the local address for HTTP/1.0 without Host', async () => {
    const { server, seen } = await start();
    expect((await raw(server.port, request('GET http://localhost:1234/v1/a HTTP/1.1'))).status).toBe(200);
    expect((await raw(server.port, 'GET /v1/b HTTP/1.0\r\n\r\n')).status).toBe(200);
    expect(seen.map((entry) => entry.url)).toEqual([
      'http://localhost:1234/v1/a',
      `http://127.0.0.1:${server.port}/v1/b`,
    ]);
  });

  it('lets the caller render its own errors (e.g. with a request id) and survives a renderer that throws', async () => {
    const rendered: AdapterError[] = [];
    const { server } = await start({
      renderError: (error) => {
        rendered.push(error);
        return Response.json(
          { error: { type: error.type, code: error.code, message: error.message, request_id: 'req_1' } },
          { status: error.status, headers: { 'x-request-id': 'req_1' } },
        );
      },
    });
    const response = await raw(server.port, request('TRACE / HTTP/1.1'));
    expect(response.headers).toMatch(/x-request-id: req_1/i);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'not_found', request_id: 'req_1' } });
    expect(rendered).toEqual([
      { status: 404, type: 'invalid_request_error', code: 'not_found', message: expect.any(String) },
    ]);

    const broken = await start({
      renderError: () => {
        throw new Error('renderer bug');
      },
    });
    const fallback = await raw(broken.server.port, request('GET / HTTP/1.1', 'Host: \r\n'));
    expect(fallback.status).toBe(400);
    expect(broken.errors).toHaveLength(1);
  });

  it('delivers a 413 sent before the body was read, then closes instead of reading the rest', async () => {
    const server = await serve(
      async (request) => {
        await request.body?.cancel();
        return Response.json(
          { error: { type: 'invalid_request_error', code: 'request_too_large', message: 'x' } },
          { status: 413 },
        );
      },
      { port: 0, hostname: '127.0.0.1' },
    );
    servers.push(server);
    const response = await raw(
      server.port,
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\n\r\nxxxx',
    );
    expect(response.status).toBe(413);
    expect(response.headers).toMatch(/connection: close/i);
  });
});
