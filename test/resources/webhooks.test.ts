import { beforeEach, describe, expect, it } from 'vitest';
import { createGateway, ManualClock, type Gateway } from '../../src/gateway/index.js';
import OneMessage, { NotFoundError, ValidationError } from '../../src/index.js';

let gateway: Gateway;
let client: OneMessage;
let requests: string[];

beforeEach(() => {
  gateway = createGateway({ clock: new ManualClock(Date.parse('2026-06-01T12:00:00Z')) });
  requests = [];
  client = new OneMessage({
    apiKey: gateway.apiKey,
    baseURL: 'http://gateway.local/v1',
    fetch: (url, init) => {
      requests.push(`${init.method} ${new URL(url).pathname}`);
      return gateway.fetch(url, init);
    },
  });
});

const params = { url: 'https://example.com/hooks', events: ['message.delivered' as const, 'message.failed' as const] };

describe('webhooks', () => {
  it('creates an endpoint and shows its secret once', async () => {
    const endpoint = await client.webhooks.create({ ...params, description: 'orders' });
    expect(endpoint).toMatchObject({
      object: 'webhook_endpoint',
      url: params.url,
      events: params.events,
      description: 'orders',
    });
    expect(endpoint.id).toMatch(/^wh_/);
    expect(endpoint.secret).toMatch(/^whsec_/);
    const fetched = await client.webhooks.retrieve(endpoint.id);
    expect(fetched.secret).toBeUndefined();
  });

  it('lists endpoints across pages', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await client.webhooks.create(params)).id);
    const seen: string[] = [];
    for await (const endpoint of client.webhooks.list({ limit: 2 })) seen.push(endpoint.id);
    expect(seen.sort()).toEqual(ids.sort());
    expect(requests.filter((r) => r === 'GET /v1/webhooks')).toHaveLength(3);
  });

  it('rotates the secret', async () => {
    const endpoint = await client.webhooks.create(params);
    const rotated = await client.webhooks.rotateSecret(endpoint.id);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(rotated.previous_secret_expires_at).toEqual(expect.any(String));
  });

  it('deletes an endpoint', async () => {
    const endpoint = await client.webhooks.create(params);
    await expect(client.webhooks.delete(endpoint.id)).resolves.toEqual({
      id: endpoint.id,
      object: 'webhook_endpoint',
      deleted: true,
    });
    await expect(client.webhooks.retrieve(endpoint.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('reads the delivery log (empty before any event)', async () => {
    const endpoint = await client.webhooks.create(params);
    const page = await client.webhooks.deliveries(endpoint.id);
    expect(page).toMatchObject({ object: 'list', data: [], has_more: false });
    expect(requests.at(-1)).toBe(`GET /v1/webhooks/${endpoint.id}/deliveries`);
  });

  it('reads the default secret for callback_url deliveries', async () => {
    expect((await client.webhooks.defaultSecret()).secret).toMatch(/^whsec_/);
  });

  it('validates create params locally', async () => {
    const error = await client.webhooks.create({ url: 'ftp://x', events: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.param)).toEqual(['url', 'events']);
    expect(requests).toEqual([]);
  });
});
