import { describe, expect, it } from 'vitest';
import { errorOf, makeGateway } from '../helpers.js';

type Batch = {
  id: string;
  object: string;
  accepted: number;
  rejected: number;
  results: ({ index: number; id: string } | { index: number; error: { code: string; param?: string } })[];
};

describe('POST /v1/messages/batch', () => {
  it('sends each entry with the defaults and its variables; one bad recipient never fails the others', async () => {
    const { post, get } = makeGateway();
    const response = await post('/v1/messages/batch', {
      defaults: {
        sender: 'OneMSG',
        body: 'Hi {{name}}, your order {{order}} ships today',
      },
      messages: [
        { to: '+447911123456', variables: { name: 'Ada', order: 42 } },
        { to: 'not-a-number', variables: { name: 'Bob', order: 7 } },
        { to: '+15005550000', body: 'Custom text', metadata: { vip: 'yes' } },
        { to: '+15005550000', variables: { name: 'Cy' } },
        { to: '+15005550000', sender: 'Unapproved', body: 'Plain text' },
      ],
    });
    expect(response.status).toBe(201);
    const batch = (await response.json()) as Batch;
    expect(batch).toMatchObject({
      id: expect.stringMatching(/^batch_/),
      object: 'batch',
      accepted: 2,
      rejected: 3,
    });
    expect(batch.results.map((result) => ('id' in result ? 'ok' : result.error.code))).toEqual([
      'ok',
      'invalid_phone_number',
      'ok',
      'invalid_parameter',
      'sender_not_approved',
    ]);
    const first = batch.results[0] as { id: string };
    const message = (await (await get(`/v1/messages/${first.id}`)).json()) as {
      body: string;
    };
    expect(message.body).toBe('Hi Ada, your order 42 ships today');
  });

  it('answers 400 batch_too_large over 10,000 entries and invalid_parameter for none', async () => {
    const { post } = makeGateway({ maxBodyBytes: 10_000_000 });
    const tooMany = Array.from({ length: 10_001 }, () => ({
      to: '+15005550000',
    }));
    expect(
      await errorOf(
        await post('/v1/messages/batch', {
          defaults: { body: 'x' },
          messages: tooMany,
        }),
      ),
    ).toMatchObject({
      status: 400,
      code: 'batch_too_large',
      param: 'messages',
    });
    expect(await errorOf(await post('/v1/messages/batch', { messages: [] }))).toMatchObject({
      status: 400,
      code: 'invalid_parameter',
      param: 'messages',
    });
    expect(await errorOf(await post('/v1/messages/batch', {}))).toMatchObject({
      status: 400,
      code: 'missing_parameter',
      param: 'messages',
    });
  });

  it('refuses the whole batch with 402 when the balance cannot cover every accepted entry', async () => {
    const { post, get } = makeGateway({ balance: '0.0700' }); // two 0.0350 messages, not three
    const response = await post('/v1/messages/batch', {
      defaults: { body: 'x' },
      messages: [{ to: '+447911123456' }, { to: 'bad' }, { to: '+447911123456' }, { to: '+447911123456' }],
    });
    expect(await errorOf(response)).toMatchObject({
      status: 402,
      code: 'insufficient_credits',
    });
    const balance = (await (await get('/v1/balance')).json()) as {
      available: { amount: string };
    };
    expect(balance.available.amount).toBe('0.0700');
    const list = (await (await get('/v1/messages')).json()) as {
      data: unknown[];
    };
    expect(list.data).toHaveLength(0);
  });

  it('charges exactly the accepted entries when the balance covers them', async () => {
    const { post, get } = makeGateway({ balance: '0.0700' });
    const batch = (await (
      await post('/v1/messages/batch', {
        defaults: { body: 'x' },
        messages: [{ to: '+447911123456' }, { to: 'bad' }, { to: '+447911123456' }],
      })
    ).json()) as Batch & { price: { amount: string } };
    expect(batch).toMatchObject({
      accepted: 2,
      rejected: 1,
      price: { amount: '0.0700' },
    });
    const balance = (await (await get('/v1/balance')).json()) as {
      available: { amount: string };
    };
    expect(balance.available.amount).toBe('0.0000');
  });

  it('prices a dry run as a whole and stores and charges nothing', async () => {
    const { post, get } = makeGateway({ balance: '1.00' });
    const response = await post('/v1/messages/batch', {
      defaults: { body: 'Hi {{name}}', dry_run: true },
      messages: [
        { to: '+447911123456', variables: { name: 'Ada' } },
        { to: '+447911123457', variables: { name: 'Bo' } },
        { to: '+447911123458', dry_run: false },
      ],
    });
    const batch = (await response.json()) as Batch & {
      price: { amount: string };
      dry_run: boolean;
    };
    expect(batch).toMatchObject({
      accepted: 2,
      rejected: 1,
      dry_run: true,
      price: { amount: '0.0700' },
    });
    expect(batch.results[2]).toMatchObject({
      index: 2,
      error: { code: 'invalid_parameter', param: 'dry_run' },
    });
    const list = (await (await get('/v1/messages')).json()) as {
      data: unknown[];
    };
    expect(list.data).toHaveLength(0);
    const balance = (await (await get('/v1/balance')).json()) as {
      available: { amount: string };
    };
    expect(balance.available.amount).toBe('1.0000');
  });

  it('never sends a literal {{name}}: a placeholder without a value rejects its entry, naming it', async () => {
    const { post } = makeGateway();
    const batch = (await (
      await post('/v1/messages/batch', {
        defaults: { body: 'Hi {{name}}, code {{ code }}' },
        messages: [
          { to: '+447911123456' },
          { to: '+447911123456', variables: { name: 'Ada' } },
          { to: '+447911123456', variables: { name: 'Ada', code: 7 } },
        ],
      })
    ).json()) as Batch;
    expect(batch.results.map((r) => ('error' in r ? r.error.param : 'ok'))).toEqual([
      'variables[name]',
      'variables[code]',
      'ok',
    ]);
  });

  it('accepts a 10,000-entry batch of long bodies past the 1 MiB limit of other routes', async () => {
    const { post } = makeGateway({ balance: '100000' });
    const body = 'Ж'.repeat(200); // 400 bytes of UTF-8 each: 4 MB in all
    const messages = Array.from({ length: 10_000 }, () => ({
      to: '+15005550000',
      body,
    }));
    const response = await post('/v1/messages/batch', {
      defaults: { dry_run: true },
      messages,
    });
    expect(response.status).toBe(201);
    expect(
      await errorOf(
        await post('/v1/messages', {
          to: '+15005550000',
          body: 'x'.repeat(1_100_000),
        }),
      ),
    ).toMatchObject({ status: 413, code: 'request_too_large' });
  });

  it('never overdraws the balance when concurrent batches all passed the credit check', async () => {
    const { post, get } = makeGateway({ balance: '0.0500' }); // covers one 0.0350 message
    const send = () =>
      post('/v1/messages/batch', {
        messages: [{ to: '+447911123456', body: 'x' }],
      });
    const responses = await Promise.all([send(), send(), send()]);
    expect(responses.map((response) => response.status).sort()).toEqual([201, 402, 402]);
    const balance = (await (await get('/v1/balance')).json()) as {
      available: { amount: string };
    };
    expect(balance.available.amount).toBe('0.0150');
  });

  it("fills placeholders from the entry's own variables only, never from Object.prototype", async () => {
    const { post } = makeGateway();
    const batch = (await (
      await post('/v1/messages/batch', {
        messages: [
          {
            to: '+447911123456',
            body: 'Hi {{constructor}}',
            variables: { name: 'Ada' },
          },
        ],
      })
    ).json()) as Batch;
    expect(batch.results[0]).toMatchObject({
      index: 0,
      error: { code: 'invalid_parameter', param: 'variables[constructor]' },
    });
  });
});
