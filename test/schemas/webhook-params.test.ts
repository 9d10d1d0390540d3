import { describe, expect, it } from 'vitest';
import { validateWebhookEndpointCreateParams } from '../../src/schemas/webhook-params.js';

const valid = { url: 'https://example.com/hooks', events: ['message.delivered', 'message.failed'] };

async function params(input: unknown): Promise<string[]> {
  const result = await validateWebhookEndpointCreateParams(input);
  return result.ok ? [] : result.issues.map((i) => `${i.param}:${i.code}`);
}

describe('validateWebhookEndpointCreateParams', () => {
  it('accepts a url, events and a description', async () => {
    const input = { ...valid, description: 'orders' };
    expect(await validateWebhookEndpointCreateParams(input)).toEqual({ ok: true, value: input });
  });

  it('reports missing url and events', async () => {
    expect(await params({})).toEqual(['url:missing_parameter', 'events:missing_parameter']);
  });

  it.each([
    [{ url: 'ftp://example.com' }, 'url:invalid_parameter'],
    [{ url: 'https://user:pw@example.com/' }, 'url:invalid_parameter'],
    [{ url: `https://example.com/${'a'.repeat(2048)}` }, 'url:invalid_parameter'],
    [{ events: [] }, 'events:invalid_parameter'],
    [{ events: ['message.sent', 'message.sent'] }, 'events:invalid_parameter'],
    [{ events: ['message.sent', 'message.exploded'] }, 'events[1]:invalid_parameter'],
    [{ description: 'd'.repeat(501) }, 'description:invalid_parameter'],
    [{ secret: 'whsec_mine' }, 'secret:invalid_parameter'],
  ])('rejects %j', async (extra, expected) => {
    expect(await params({ ...valid, ...extra })).toEqual([expected]);
  });
});
