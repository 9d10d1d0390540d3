import { describe, expect, it } from 'vitest';
import { errorOf, makeGateway } from '../helpers.js';
import { makeEventsGateway } from '../events.js';

const ACME = {
  sender_id: 'ACME',
  type: 'alphanumeric',
  use_case: 'order updates',
};

describe('POST /v1/senders', () => {
  it('registers a sender as pending, approves it after the delay and announces sender.approved', async () => {
    const { post, get, clock, gateway, events, subscribe } = makeEventsGateway({
      senderApprovalDelayMs: 5_000,
    });
    await subscribe(['sender.approved', 'sender.rejected']);
    const response = await post('/v1/senders', { ...ACME, country: 'GB' });
    expect(response.status).toBe(201);
    const sender = (await response.json()) as Record<string, unknown>;
    expect(sender).toMatchObject({
      object: 'sender',
      sender_id: 'ACME',
      type: 'alphanumeric',
      country: 'GB',
    });
    expect(sender).toMatchObject({
      status: 'pending',
      rejection_reason: null,
      created_at: '2026-03-01T12:00:00.000Z',
    });
    expect(String(sender.id)).toMatch(/^snd_/);

    await clock.advance(4_999);
    expect(
      (
        (await (await get(`/v1/senders/${sender.id}`)).json()) as {
          status: string;
        }
      ).status,
    ).toBe('pending');
    await clock.advance(1);
    await gateway.idle();
    expect(
      (
        (await (await get(`/v1/senders/${sender.id}`)).json()) as {
          status: string;
        }
      ).status,
    ).toBe('approved');
    expect(events.map((event) => [event.type, event.data.id, event.data.status])).toEqual([
      ['sender.approved', sender.id, 'approved'],
    ]);
  });

  it('rejects a sender with a forbidden word at once, with a reason and sender.rejected', async () => {
    const { post, gateway, events, subscribe } = makeEventsGateway();
    await subscribe(['sender.rejected']);
    const sender = (await (await post('/v1/senders', { ...ACME, sender_id: 'My Bank' })).json()) as Record<string, any>;
    expect(sender.status).toBe('rejected');
    expect(sender.rejection_reason).toMatch(/BANK.*impersonates a bank/);
    await gateway.idle();
    expect(events.map((event) => [event.type, event.data.sender_id, event.data.status])).toEqual([
      ['sender.rejected', 'My Bank', 'rejected'],
    ]);
  });

  it('refuses to send from a sender until it is approved, then sends (403 → 201)', async () => {
    const { post, clock, send } = makeGateway({ senderApprovalDelayMs: 3_000 });
    await post('/v1/senders', ACME);
    const refused = await errorOf(
      await post('/v1/messages', {
        to: '+447911123456',
        body: 'Hi',
        sender: 'ACME',
      }),
    );
    expect(refused).toMatchObject({
      status: 403,
      type: 'permission_error',
      code: 'sender_not_approved',
      param: 'sender',
    });
    expect(refused.message).toContain('POST /v1/senders');
    await clock.advance(3_000);
    expect((await send({ sender: 'ACME' })).sender).toBe('ACME');
  });

  it('never approves a rejected sender', async () => {
    const { post, clock } = makeGateway();
    await post('/v1/senders', { ...ACME, sender_id: 'REJECTME' });
    await clock.advance(60_000);
    const refused = await errorOf(
      await post('/v1/messages', {
        to: '+447911123456',
        body: 'Hi',
        sender: 'REJECTME',
      }),
    );
    expect(refused.code).toBe('sender_not_approved');
  });

  it('normalises a numeric sender to E.164 and approves it too', async () => {
    const { post, clock, get } = makeGateway({ senderApprovalDelayMs: 10 });
    const response = await post('/v1/senders', {
      sender_id: '+44 7911 123456',
      type: 'numeric',
      use_case: 'replies',
    });
    const sender = (await response.json()) as { id: string; sender_id: string };
    expect(sender.sender_id).toBe('+447911123456');
    await clock.advance(10);
    expect(
      (
        (await (await get(`/v1/senders/${sender.id}`)).json()) as {
          status: string;
        }
      ).status,
    ).toBe('approved');
  });

  it.each([
    [{ ...ACME, sender_id: '12345' }, 'invalid_sender', 'sender_id'],
    [{ ...ACME, sender_id: 'AB' }, 'invalid_sender', 'sender_id'],
    [{ ...ACME, sender_id: 'TWELVECHARSX' }, 'invalid_sender', 'sender_id'],
    [{ ...ACME, sender_id: 'ACME!' }, 'invalid_sender', 'sender_id'],
    [{ ...ACME, type: 'numeric', sender_id: '+1234' }, 'invalid_sender', 'sender_id'],
    [{ ...ACME, type: 'shortcode' }, 'invalid_parameter', 'type'],
    [{ ...ACME, country: 'gb' }, 'invalid_parameter', 'country'],
    [{ ...ACME, use_case: '' }, 'invalid_parameter', 'use_case'],
    [{ sender_id: 'ACME', type: 'alphanumeric' }, 'missing_parameter', 'use_case'],
    [{ ...ACME, extra: 1 }, 'invalid_parameter', 'extra'],
  ])('answers 400 naming the field and the rule for %j', async (body, code, param) => {
    const { post } = makeGateway();
    const error = await errorOf(await post('/v1/senders', body));
    expect(error).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      code,
      param,
    });
    expect(error.message).toContain(param);
  });

  it('refuses a sender id that is already registered or pre-approved', async () => {
    const { post } = makeGateway({ approvedSenders: ['ACME'] });
    expect(await errorOf(await post('/v1/senders', ACME))).toMatchObject({
      code: 'invalid_sender',
      param: 'sender_id',
    });
    await post('/v1/senders', { ...ACME, sender_id: 'Shop' });
    const again = await errorOf(await post('/v1/senders', { ...ACME, sender_id: 'Shop' }));
    expect(again.message).toMatch(/already registered: snd_\w+ \(pending\)/);
  });

  it('replays a registration sent twice with the same Idempotency-Key', async () => {
    const { post, get } = makeGateway();
    const first = await post('/v1/senders', ACME, {
      'idempotency-key': 'idk_same',
    });
    const second = await post('/v1/senders', ACME, {
      'idempotency-key': 'idk_same',
    });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    const list = (await (await get('/v1/senders?status=pending')).json()) as {
      data: unknown[];
    };
    expect(list.data).toHaveLength(1);
  });
});

describe('GET /v1/senders', () => {
  it('lists the pre-approved senders and the virtual number from the start, newest first', async () => {
    const { get, gateway } = makeGateway({ approvedSenders: ['ACME'] });
    const list = (await (await get('/v1/senders')).json()) as {
      data: Record<string, unknown>[];
    };
    expect(list.data.map((s) => [s.sender_id, s.type, s.status])).toEqual([
      [gateway.virtualNumber(), 'numeric', 'approved'],
      ['ACME', 'alphanumeric', 'approved'],
      ['OneMSG', 'alphanumeric', 'approved'],
    ]);
    expect(gateway.virtualNumber()).toBe('+15005550101');
  });

  it('filters by status, pages, and 404s an unknown id', async () => {
    const { get, post } = makeGateway();
    for (const id of ['Alpha', 'Beta', 'Gamma']) await post('/v1/senders', { ...ACME, sender_id: id });
    const page = (await (await get('/v1/senders?status=pending&limit=2')).json()) as Record<string, any>;
    expect(page.data.map((s: { sender_id: string }) => s.sender_id)).toEqual(['Gamma', 'Beta']);
    expect(page.has_more).toBe(true);
    expect(await errorOf(await get('/v1/senders?status=nope'))).toMatchObject({
      status: 400,
      param: 'status',
    });
    expect(await errorOf(await get('/v1/senders/snd_nope'))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });
});
