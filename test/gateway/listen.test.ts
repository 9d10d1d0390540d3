// listen(): the adapter's own errors carry the gateway's request id and headers, its limits are
// forwarded, and invalid UTF-8 is refused (wiring of #12).
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../src/gateway/index.js';

const gateways: Gateway[] = [];
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
});

function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.write(text);
  });
}

describe('gateway.listen()', () => {
  it('renders the adapter’s refusals with a request id, rate-limit headers and the contract body', async () => {
    const gateway = createGateway();
    gateways.push(gateway);
    const { port } = await gateway.listen({ port: 0 });
    const answer = await raw(port, 'TRACE /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 404/);
    expect(answer).toMatch(/x-request-id: req_/i);
    expect(answer).toMatch(/x-ratelimit-limit: 10000/i);
    expect(answer).toMatch(/"code":"not_found"/);
    expect(answer).toMatch(/"request_id":"req_/);
  });

  it('refuses invalid UTF-8 with 400 invalid_parameter', async () => {
    const gateway = createGateway();
    gateways.push(gateway);
    const response = await gateway.fetch('/v1/messages', {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.apiKey}`, 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_parameter', message: 'Request body is not valid UTF-8.' },
    });
  });

  it('forwards the connection cap: past maxConnections a client gets 503 with Retry-After', async () => {
    const gateway = createGateway();
    gateways.push(gateway);
    const { port } = await gateway.listen({ port: 0, maxConnections: 1, keepAliveTimeout: 2_000 });
    const first = connect(port, '127.0.0.1');
    await new Promise((resolve) => first.once('connect', resolve));
    const answer = await raw(port, 'GET /v1/balance HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    first.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 503/);
    expect(answer).toMatch(/retry-after: 1/i);
  });
});
