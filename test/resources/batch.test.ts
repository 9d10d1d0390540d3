// messages.batch against the gateway in-process: the local check entry by entry and the merge.
import { describe, expect, it } from 'vitest';
import OneMessage, { ValidationError } from '../../src/index.js';
import { createGateway } from '../../src/gateway/index.js';

function setup() {
  const gateway = createGateway({ balance: '1000' });
  const bodies: unknown[] = [];
  const client = new OneMessage({
    apiKey: gateway.apiKey,
    baseURL: 'http://gateway.local/v1',
    fetch: async (url, init) => {
      bodies.push(JSON.parse(String(init.body)));
      return gateway.fetch(url, init);
    },
  });
  return { client, bodies };
}

describe('messages.batch', () => {
  it('sends only the good entries and merges local and server results in input order', async () => {
    const { client, bodies } = setup();
    const batch = await client.messages.batch({
      defaults: { sender: 'OneMSG', body: 'Hi {{name}}' },
      messages: [
        { to: '+447911123456', variables: { name: 'Ada' } },
        { to: '+44 12', variables: { name: 'Typo' } },
        { to: '+447911123457' },
        {
          to: '+447911123458',
          sender: 'Unapproved',
          variables: { name: 'Cy' },
        }, // refused by the API: 403
      ],
    });
    expect(bodies).toHaveLength(1);
    expect((bodies[0] as { messages: unknown[] }).messages).toHaveLength(2);
    expect(batch).toMatchObject({ accepted: 1, rejected: 3, dry_run: false });
    expect(batch.results.map((r) => [r.index, 'error' in r ? r.error.code : 'ok'])).toEqual([
      [0, 'ok'],
      [1, 'invalid_phone_number'],
      [2, 'invalid_parameter'],
      [3, 'sender_not_approved'],
    ]);
    expect(batch.results[2]).toMatchObject({
      error: { param: 'variables[name]' },
    });
  });

  it('refuses more than 10,000 entries before the network, with batch_too_large', async () => {
    const { client, bodies } = setup();
    const messages = Array.from({ length: 10_001 }, () => ({
      to: '+447911123456',
    }));
    const error = await client.messages.batch({ defaults: { body: 'x' }, messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'batch_too_large', param: 'messages' });
    expect(bodies).toHaveLength(0);
  });

  it('rejects with every entry named when none is valid, sending nothing', async () => {
    const { client, bodies } = setup();
    const error = await client.messages
      .batch({
        messages: [
          { to: 'x', body: 'a' },
          { to: '+447911123456', body: 'Hi {{who}}' },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.param)).toEqual([
      'messages[0].to',
      'messages[1].variables[who]',
    ]);
    expect(bodies).toHaveLength(0);
  });

  it('prices a dry run and reports the HTTP details with withResponse()', async () => {
    const { client } = setup();
    const { data, response } = await client.messages
      .batch({
        defaults: { body: 'Hello', dry_run: true },
        messages: [{ to: '+447911123456' }, { to: '+14155550123' }],
      })
      .withResponse();
    expect(data).toMatchObject({
      accepted: 2,
      dry_run: true,
      price: { currency: 'EUR' },
    });
    expect(response.status).toBe(201);
    expect(response.requestId).toMatch(/^req_/);
  });
});
