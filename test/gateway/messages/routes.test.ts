import { describe, expect, it } from 'vitest';
import { errorOf, makeGateway } from '../helpers.js';

const base = { to: '+447911123456', body: 'Hello' };

describe('POST /v1/messages', () => {
  it('creates a queued message with every contract field, priced and counted', async () => {
    const { send, clock } = makeGateway();
    const message = await send({
      to: '+44 7911 123456',
      body: 'Your code is 4821',
      sender: 'OneMSG',
      route: 'local_operator',
      metadata: { order: '42' },
    });
    expect(message).toEqual({
      id: expect.stringMatching(/^msg_/),
      object: 'message',
      direction: 'outbound',
      to: '+447911123456',
      sender: 'OneMSG',
      body: 'Your code is 4821',
      route: 'local_operator',
      status: 'queued',
      encoding: 'GSM-7',
      segments: 1,
      characters: 17,
      price: { amount: '0.0350', currency: 'EUR' },
      country: 'GB',
      operator: expect.any(String),
      scheduled_at: null,
      created_at: new Date(clock.now()).toISOString(),
      sent_at: null,
      delivered_at: null,
      error: null,
      metadata: { order: '42' },
      dry_run: false,
      events: [{ status: 'queued', at: new Date(clock.now()).toISOString() }],
    });
  });

  it('defaults the sender to OneMSG and the route to local_operator', async () => {
    const { send } = makeGateway();
    expect(await send(base)).toMatchObject({ sender: 'OneMSG', route: 'local_operator' });
  });

  it('counts UCS-2 segments with the shared calculator and prices each one', async () => {
    const { send } = makeGateway();
    const message = await send({ to: '+33612345678', body: '😀'.repeat(40) });
    expect(message).toMatchObject({
      encoding: 'UCS-2',
      segments: 2,
      country: 'FR',
      price: { amount: '0.1300', currency: 'EUR' },
    });
  });

  it('applies autoconvert only when asked', async () => {
    const { send } = makeGateway();
    expect(await send({ body: '“Hi”' })).toMatchObject({ encoding: 'UCS-2', body: '“Hi”' });
    expect(await send({ body: '“Hi”', autoconvert: 'on' })).toMatchObject({ encoding: 'GSM-7', body: '"Hi"' });
  });

  it('accepts an E.164 sender number without approval', async () => {
    const { send } = makeGateway();
    expect(await send({ sender: '+14155550100' })).toMatchObject({ sender: '+14155550100' });
  });

  it.each([
    ['to is missing', { body: 'x' }, 'missing_parameter', 'to'],
    ['body is missing', { to: '+447911123456' }, 'missing_parameter', 'body'],
    ['to is not a phone number', { ...base, to: 'not-a-number' }, 'invalid_phone_number', 'to'],
    ['to is not a valid number', { ...base, to: '+44 1234' }, 'invalid_phone_number', 'to'],
    ['to has the wrong type', { ...base, to: 447911123456 }, 'invalid_phone_number', 'to'],
    ['the sender is all digits', { ...base, sender: '12345' }, 'invalid_sender', 'sender'],
    ['the sender is too long', { ...base, sender: 'ABCDEFGHIJKL' }, 'invalid_sender', 'sender'],
    ['the body is over 1600 characters', { ...base, body: 'a'.repeat(1601) }, 'message_too_long', 'body'],
    ['validity_seconds is over 48 h', { ...base, validity_seconds: 172_801 }, 'invalid_parameter', 'validity_seconds'],
    ['the route is unknown', { ...base, route: 'carrier_pigeon' }, 'invalid_parameter', 'route'],
    [
      'scheduled_at is in the past',
      { ...base, scheduled_at: '2020-01-01T00:00:00Z' },
      'invalid_parameter',
      'scheduled_at',
    ],
    ['an unknown parameter is sent', { ...base, colour: 'blue' }, 'invalid_parameter', 'colour'],
    ['metadata is not a string map', { ...base, metadata: { n: 1 } }, 'invalid_parameter', 'metadata[n]'],
    ['dry_run is not a boolean', { ...base, dry_run: 'yes' }, 'invalid_parameter', 'dry_run'],
  ])('answers 400 when %s', async (_, params, code, param) => {
    const { post } = makeGateway();
    const error = await errorOf(await post('/v1/messages', params));
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error', code, param });
    expect(error.request_id).toMatch(/^req_/);
  });

  it('answers 400 multiple_segments_not_allowed with fail_on_multiple_segments and a two-part text', async () => {
    const { post, send } = makeGateway();
    const error = await errorOf(
      await post('/v1/messages', { ...base, body: 'a'.repeat(161), fail_on_multiple_segments: true }),
    );
    expect(error).toMatchObject({ status: 400, code: 'multiple_segments_not_allowed', param: 'body' });
    expect(await send({ body: 'a'.repeat(160), fail_on_multiple_segments: true })).toMatchObject({ segments: 1 });
  });

  it('answers 403 sender_not_approved for an alphanumeric sender the account has not registered', async () => {
    const { post } = makeGateway();
    const error = await errorOf(await post('/v1/messages', { ...base, sender: 'ACME' }));
    expect(error).toMatchObject({
      status: 403,
      type: 'permission_error',
      code: 'sender_not_approved',
      param: 'sender',
    });
    expect(error.message).toContain('POST /v1/senders');
    expect(error.message).toContain('approvedSenders');
  });

  it('accepts a sender pre-approved with the approvedSenders option, and refuses a malformed one at start', async () => {
    const { send } = makeGateway({ approvedSenders: ['ACME'] });
    expect(await send({ sender: 'ACME' })).toMatchObject({ sender: 'ACME', status: 'queued' });
    expect(() => makeGateway({ approvedSenders: ['12'] })).toThrowError(/approvedSenders\[0\]/);
  });

  it('answers 400 forbidden_content, records the message as rejected and charges nothing', async () => {
    const { post, get } = makeGateway();
    const error = await errorOf(await post('/v1/messages', { ...base, body: 'Claim your prize: https://bit.ly/abc' }));
    expect(error).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      code: 'forbidden_content',
      param: 'body',
    });
    const rejected = (await (await get('/v1/messages?status=rejected')).json()) as { data: Record<string, any>[] };
    expect(rejected.data).toHaveLength(1);
    expect(rejected.data[0]).toMatchObject({
      status: 'rejected',
      price: { amount: '0.0000' },
      error: { code: 'forbidden_content' },
    });
    const balance = (await (await get('/v1/balance')).json()) as { available: { amount: string } };
    expect(balance.available.amount).toBe('100.0000');
  });

  it('answers 402 insufficient_credits when the balance cannot cover every segment', async () => {
    const { post, send } = makeGateway({ balance: '0.0700' });
    await send({ body: 'one segment' }); // 0.0350 to GB
    const twoSegments = { ...base, body: 'b'.repeat(161) }; // 0.0700
    expect(await errorOf(await post('/v1/messages', twoSegments))).toMatchObject({
      status: 402,
      type: 'billing_error',
      code: 'insufficient_credits',
    });
    expect(await send({ body: 'still fits' })).toMatchObject({ status: 'queued' });
  });

  it('never overdraws the balance when concurrent sends all passed the credit check', async () => {
    const { post, get } = makeGateway({ balance: '0.0500' }); // covers one 0.0350 message
    const responses = await Promise.all([1, 2, 3, 4].map(() => post('/v1/messages', base)));
    expect(responses.map((response) => response.status).sort()).toEqual([201, 402, 402, 402]);
    const balance = (await (await get('/v1/balance')).json()) as { available: { amount: string } };
    expect(balance.available.amount).toBe('0.0150');
    const list = (await (await get('/v1/messages')).json()) as { data: unknown[] };
    expect(list.data).toHaveLength(1);
  });

  it('prices and validates a dry run without storing, sending or debiting', async () => {
    const { post, get, clock } = makeGateway();
    const response = await post('/v1/messages', { ...base, body: 'c'.repeat(200), dry_run: true });
    expect(response.status).toBe(200);
    const message = (await response.json()) as Record<string, any>;
    expect(message).toMatchObject({
      dry_run: true,
      segments: 2,
      price: { amount: '0.0700', currency: 'EUR' },
      events: [],
    });
    await clock.advance(10_000);
    expect((await get(`/v1/messages/${message.id}`)).status).toBe(404);
    const balance = (await (await get('/v1/balance')).json()) as { available: { amount: string } };
    expect(balance.available.amount).toBe('100.0000');
    const invalid = await post('/v1/messages', { ...base, to: 'x', dry_run: true });
    expect(invalid.status).toBe(400);
  });
});

describe('GET /v1/messages/:id', () => {
  it('returns the message and 404 not_found for an unknown id', async () => {
    const { send, get } = makeGateway();
    const message = await send(base);
    expect(await (await get(`/v1/messages/${message.id}`)).json()).toEqual(message);
    expect(await errorOf(await get('/v1/messages/msg_missing'))).toMatchObject({
      status: 404,
      type: 'invalid_request_error',
      code: 'not_found',
    });
  });
});

describe('POST /v1/messages/:id/cancel', () => {
  it('cancels a scheduled message, refunds it, and never sends it', async () => {
    const { send, post, get, clock } = makeGateway();
    const scheduledAt = new Date(clock.now() + 3_600_000).toISOString();
    const message = await send({ scheduled_at: scheduledAt });
    expect(message).toMatchObject({ status: 'scheduled', scheduled_at: scheduledAt });
    const canceled = (await (await post(`/v1/messages/${message.id}/cancel`, '')).json()) as Record<string, any>;
    expect(canceled.status).toBe('canceled');
    expect(canceled.events.map((e: { status: string }) => e.status)).toEqual(['scheduled', 'canceled']);
    await clock.advance(2 * 3_600_000);
    expect(((await (await get(`/v1/messages/${message.id}`)).json()) as { status: string }).status).toBe('canceled');
    const balance = (await (await get('/v1/balance')).json()) as { available: { amount: string } };
    expect(balance.available.amount).toBe('100.0000');
  });

  it('answers 400 invalid_parameter for a message that is not scheduled, and 404 for an unknown one', async () => {
    const { send, post } = makeGateway();
    const message = await send(base);
    const error = await errorOf(await post(`/v1/messages/${message.id}/cancel`, ''));
    expect(error).toMatchObject({ status: 400, code: 'invalid_parameter', param: 'id' });
    expect(error.message).toContain('queued');
    expect(await errorOf(await post('/v1/messages/msg_nope/cancel', ''))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });
});

describe('fault test numbers', () => {
  it('+15005550096 answers 403 permission_denied', async () => {
    const { post } = makeGateway();
    expect(await errorOf(await post('/v1/messages', { ...base, to: '+15005550096' }))).toMatchObject({
      status: 403,
      type: 'permission_error',
      code: 'permission_denied',
    });
  });

  it("+15005550097 answers 503 with Retry-After to a key's first attempt; the retry with that key succeeds", async () => {
    const { post, get } = makeGateway();
    const params = { ...base, to: '+15005550097' };
    const first = await post('/v1/messages', params, { 'idempotency-key': 'idk_flaky' });
    expect(first.headers.get('retry-after')).toBe('1');
    expect(await errorOf(first)).toMatchObject({ status: 503, type: 'api_error', code: 'service_unavailable' });
    const retry = await post('/v1/messages', params, { 'idempotency-key': 'idk_flaky' });
    expect(retry.status).toBe(201);
    const replay = await post('/v1/messages', params, { 'idempotency-key': 'idk_flaky' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const list = (await (await get('/v1/messages')).json()) as { data: unknown[] };
    expect(list.data).toHaveLength(1);
  });

  it('+15005550098 always answers 503 and +15005550099 always 500, and neither is stored for replay', async () => {
    const { post } = makeGateway();
    for (let attempt = 0; attempt < 2; attempt++) {
      const unavailable = await post('/v1/messages', { ...base, to: '+15005550098' }, { 'idempotency-key': 'idk_503' });
      expect(unavailable.headers.get('idempotent-replayed')).toBeNull();
      expect(await errorOf(unavailable)).toMatchObject({ status: 503, code: 'service_unavailable' });
      const broken = await post('/v1/messages', { ...base, to: '+15005550099' }, { 'idempotency-key': 'idk_500' });
      expect(await errorOf(broken)).toMatchObject({ status: 500, type: 'api_error', code: 'internal_error' });
    }
  });
});
