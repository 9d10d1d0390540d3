import { describe, expect, it } from 'vitest';
import { errorOf, makeGateway } from './helpers.js';

const params = { to: '+447911123456', body: 'Your code is 4821', sender: 'OneMSG' };

describe('Idempotency-Key', () => {
  it('replays the stored response with Idempotent-Replayed: true and creates one message', async () => {
    const { post, get } = makeGateway();
    const first = await post('/v1/messages', params, { 'idempotency-key': 'idk_1' });
    const replay = await post('/v1/messages', params, { 'idempotency-key': 'idk_1' });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(await replay.json()).toEqual(await first.json());
    const list = (await (await get('/v1/messages')).json()) as { data: unknown[] };
    expect(list.data).toHaveLength(1);
    const balance = (await (await get('/v1/balance')).json()) as { available: { amount: string } };
    expect(balance.available.amount).toBe('99.9650');
  });

  it('answers 409 idempotency_conflict while the first request is still in flight', async () => {
    const { post } = makeGateway();
    const [a, b] = await Promise.all([
      post('/v1/messages', params, { 'idempotency-key': 'idk_race' }),
      post('/v1/messages', params, { 'idempotency-key': 'idk_race' }),
    ]);
    expect([a.status, b.status]).toEqual([201, 409]);
    expect(await errorOf(b)).toMatchObject({ type: 'idempotency_error', code: 'idempotency_conflict' });
    const later = await post('/v1/messages', params, { 'idempotency-key': 'idk_race' });
    expect(later.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers 422 idempotency_key_reused for the same key with a different body', async () => {
    const { post } = makeGateway();
    await post('/v1/messages', params, { 'idempotency-key': 'idk_2' });
    const reused = await post('/v1/messages', { ...params, body: 'Another text' }, { 'idempotency-key': 'idk_2' });
    expect(await errorOf(reused)).toMatchObject({ status: 422, type: 'idempotency_error', code: 'idempotency_key_reused' });
  });

  it('answers 422 for the same key and body on another path, naming every part that must match', async () => {
    const { post } = makeGateway();
    const body = { messages: [params] };
    await post('/v1/messages/batch', body, { 'idempotency-key': 'idk_3' });
    const elsewhere = await post('/v1/webhooks', body, { 'idempotency-key': 'idk_3' });
    expect(await errorOf(elsewhere)).toMatchObject({
      status: 422,
      code: 'idempotency_key_reused',
      message: expect.stringMatching(/method, path and body/),
    });
  });

  it('also replays a stored error response for the same request', async () => {
    const { post } = makeGateway();
    const first = await post('/v1/messages', { ...params, to: 'nope' }, { 'idempotency-key': 'idk_bad' });
    const again = await post('/v1/messages', { ...params, to: 'nope' }, { 'idempotency-key': 'idk_bad' });
    expect([first.status, again.status]).toEqual([400, 400]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('covers every POST, cancel included', async () => {
    const { post, send, clock } = makeGateway();
    const scheduled = await send({ scheduled_at: new Date(clock.now() + 60_000).toISOString() });
    const first = await post(`/v1/messages/${scheduled.id}/cancel`, '', { 'idempotency-key': 'idk_cancel' });
    const replay = await post(`/v1/messages/${scheduled.id}/cancel`, '', { 'idempotency-key': 'idk_cancel' });
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const fresh = await post(`/v1/messages/${scheduled.id}/cancel`, '', { 'idempotency-key': 'idk_other' });
    expect(fresh.status).toBe(400);
  });

  it('keeps keys per API key and forgets them after 24 h', async () => {
    const { post, clock } = makeGateway();
    await post('/v1/messages', params, { 'idempotency-key': 'idk_old' });
    await clock.advance(24 * 60 * 60 * 1000 - 1);
    expect((await post('/v1/messages', params, { 'idempotency-key': 'idk_old' })).headers.get('idempotent-replayed')).toBe('true');
    await clock.advance(1);
    const afterExpiry = await post('/v1/messages', params, { 'idempotency-key': 'idk_old' });
    expect(afterExpiry.status).toBe(201);
    expect(afterExpiry.headers.get('idempotent-replayed')).toBeNull();
  });

  it('refuses an Idempotency-Key longer than 255 characters', async () => {
    const { post } = makeGateway();
    const error = await errorOf(await post('/v1/messages', params, { 'idempotency-key': 'k'.repeat(256) }));
    expect(error).toMatchObject({ status: 400, code: 'invalid_parameter', param: 'Idempotency-Key' });
  });
});
