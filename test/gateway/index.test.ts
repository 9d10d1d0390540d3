import { describe, expect, it } from 'vitest';
import { createGateway } from '../../src/gateway/index.js';

describe('gateway.listen', () => {
  it('serves over HTTP; url is the SDK base URL, /v1 included, and origin the bare server', async () => {
    const gateway = createGateway();
    try {
      const server = await gateway.listen({ port: 0, hostname: '127.0.0.1' });
      expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.url).toBe(`${server.origin}/v1`);
      const response = await fetch(`${server.url}/balance`, { headers: { authorization: `Bearer ${gateway.apiKey}` } });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ object: 'balance' });
    } finally {
      await gateway.close();
    }
  });
});
