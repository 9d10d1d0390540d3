// Finding 7 of #12: nothing secret reaches the gateway's logs, whatever the request looks like.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/gateway/redact.js';
import { createGateway, type GatewayLogger } from '../../src/gateway/index.js';

const SECRETS = ['hunter2', 'ark_test_secretkey_123', 'whsec_TOPSECRETvalue', '482913', 'deadbeefdeadbeefdeadbeef'];

function capturing(): { logger: GatewayLogger; lines: () => string } {
  const logged: unknown[] = [];
  const write = (message: string, fields?: Record<string, unknown>) => logged.push([message, fields]);
  return { logger: { debug: write, info: write, warn: write, error: write }, lines: () => JSON.stringify(logged) };
}

function send(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.end(text);
  });
}

describe('gateway logs', () => {
  it('carry no credential, key, secret, signature or code from odd requests', async () => {
    const { logger, lines } = capturing();
    const gateway = createGateway({ logger, apiKeys: ['ark_test_secretkey_123'] });
    const { port } = await gateway.listen({ port: 0 });
    const odd = [
      'GET http://admin:hunter2@127.0.0.1/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET //admin:hunter2@evil.example/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'TRACE /v1/messages?key=ark_test_secretkey_123 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /v1/balance HTTP/1.1\r\nHost: admin:hunter2@127.0.0.1\r\n\r\n',
      'GET /v1/balance HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer ark_test_secretkey_123\r\n\r\n',
      'POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ark_test_secretkey_123\r\n' +
        'Content-Length: 5\r\n\r\n\xff\xfe\xfd{}',
      'GARBAGE\r\n\r\n',
    ];
    for (const request of odd) await send(port, request);
    // An unexpected failure whose message quotes everything a careless error might.
    const poisoned = Object.setPrototypeOf(
      {
        method: 'GET',
        url: 'http://127.0.0.1/v1/balance',
        headers: {
          get() {
            throw new Error(
              'boom at http://admin:hunter2@127.0.0.1/ with Bearer ark_test_secretkey_123, whsec_TOPSECRETvalue, ' +
                'v1=deadbeefdeadbeefdeadbeef; Your login code is 482913',
            );
          },
        },
      },
      Request.prototype,
    ) as Request;
    const answer = await gateway.fetch(poisoned);
    expect(answer.status).toBe(500);
    await gateway.close();

    expect(lines()).toContain('gateway: unhandled error');
    for (const secret of SECRETS) expect(lines()).not.toContain(secret);
  });

  it('redacts each kind of secret and leaves the rest readable', () => {
    expect(redact('GET http://u:p@host/x')).toBe('GET http://[redacted]@host/x');
    expect(redact('key ark_live_abc_123 and ark_test_x')).toBe('key ark_live_[redacted] and ark_test_[redacted]');
    expect(redact('secret whsec_a+b/c=')).toBe('secret whsec_[redacted]');
    expect(redact('Authorization: Bearer abc.def')).toBe('Authorization: Bearer [redacted]');
    expect(redact('Your code is 123456.')).toBe('Your code is [redacted].');
    expect(redact('request req_000001 answered 404 in 12 ms')).toBe('request req_000001 answered 404 in 12 ms');
  });
});
