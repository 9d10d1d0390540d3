import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/gateway/idempotency.js';
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
    expect(await errorOf(reused)).toMatchObject({
      status: 422,
      type: 'idempotency_error',
      code: 'idempotency_key_reused',
    });
  });

  it('answers 422 for the same key and body on another path, naming every part that must match', async () => {
    const { post } = makeGateway();
    const body = { messages: [params] };
    await post('/v1/messages/batch', body, { 'idempotency-key': 'idk_3' });
    const elsewhere = await post('/v1/webhooks', body, { 'idempotency-key': 'idk_3' });
    expect(await errorOf(elsewhere)).toMatchObject({
      status: 422,
      code: 'idempotency_key_reused',
      message: expect.stringMatching(/method, path and parameters/),
    });
  });

  it('replays with Original-Request naming the first request, whose id is also in a replayed error body', async () => {
    const { post } = makeGateway();
    const headers = { 'idempotency-key': 'idk_sender' };
    const first = await post('/v1/messages', { ...params, sender: 'NOTAPPROVED' }, headers);
    const again = await post('/v1/messages', { ...params, sender: 'NOTAPPROVED' }, headers);
    expect([first.status, again.status]).toEqual([403, 403]);
    const firstId = first.headers.get('x-request-id');
    expect(first.headers.get('original-request')).toBeNull();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('original-request')).toBe(firstId);
    expect(again.headers.get('x-request-id')).not.toBe(firstId);
    expect((await errorOf(again)).request_id).toBe(firstId);
  });

  it('does not store a 400, so the corrected request with the same key goes through', async () => {
    const { post } = makeGateway();
    const bad = await post('/v1/messages', { ...params, to: 'nope' }, { 'idempotency-key': 'idk_fix' });
    expect(bad.status).toBe(400);
    const fixed = await post('/v1/messages', params, { 'idempotency-key': 'idk_fix' });
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
    const retried = await post('/v1/messages', params, { 'idempotency-key': 'idk_fix' });
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
  });

  it('does not store a 5xx, so the retry runs again', async () => {
    const { post } = makeGateway();
    const headers = { 'idempotency-key': 'idk_503' };
    const first = await post('/v1/messages', { ...params, to: '+15005550098' }, headers);
    const again = await post('/v1/messages', { ...params, to: '+15005550098' }, headers);
    expect([first.status, again.status]).toEqual([503, 503]);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });

  it('compares parameters, not bytes: the same object with its keys in another order is a replay', async () => {
    const { post } = makeGateway();
    const first = await post('/v1/messages', '{"to":"+447911123456","body":"Hi","metadata":{"a":"1","b":"2"}}', {
      'idempotency-key': 'idk_order',
    });
    const reordered = await post(
      '/v1/messages',
      '{ "metadata": {"b":"2","a":"1"}, "body": "Hi", "to": "+447911123456" }',
      {
        'idempotency-key': 'idk_order',
      },
    );
    expect([first.status, reordered.status]).toEqual([201, 201]);
    expect(reordered.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses an empty Idempotency-Key on a POST with 400 naming the header', async () => {
    const { post, get } = makeGateway();
    const error = await errorOf(await post('/v1/messages', params, { 'idempotency-key': '' }));
    expect(error).toMatchObject({ status: 400, code: 'invalid_parameter', param: 'Idempotency-Key' });
    const list = (await (await get('/v1/messages')).json()) as { data: unknown[] };
    expect(list.data).toHaveLength(0);
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
    expect(
      (await post('/v1/messages', params, { 'idempotency-key': 'idk_old' })).headers.get('idempotent-replayed'),
    ).toBe('true');
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

describe('fingerprint', () => {
  // The form the store compared before it kept hashes: what "the same request" means must not change.
  const canonical = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
    if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      return `{${Object.keys(record)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
        .join(',')}}`;
    }
    return JSON.stringify(value);
  };
  const sha256 = async (text: string): Promise<string> =>
    Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('hex');

  it('is the SHA-256 of method, path and canonical JSON, whatever the JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const body = JSON.parse(JSON.stringify(value)) as unknown;
        const expected = await sha256(`POST /v1/messages\n${canonical(body)}`);
        expect(await fingerprint('POST', '/v1/messages', body)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps no part of the body: an OTP code is not in what the store holds', async () => {
    const print = await fingerprint('POST', '/v1/otp/verify', { code: '482913', to: '+447911123456' });
    expect(print).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprint('POST', '/v1/otp/verify', { to: '+447911123456', code: '482913' })).toBe(print);
    expect(await fingerprint('POST', '/v1/otp/verify', { to: '+447911123456', code: '482914' })).not.toBe(print);
  });

  it('hashes a 10,000-entry batch in chunks and yields to the event loop meanwhile', async () => {
    const messages = Array.from({ length: 10_000 }, (_, i) => ({ to: `+4479110${i}`, variables: { name: `n${i}` } }));
    const body = { messages, defaults: { body: 'Hi {{name}}' } };
    let ticks = 0;
    const tick = (): void => {
      ticks++;
      if (!done) setImmediate(tick);
    };
    let done = false;
    setImmediate(tick);
    const print = await fingerprint('POST', '/v1/messages/batch', body);
    done = true;
    expect(ticks).toBeGreaterThan(5);
    const reordered = {
      defaults: body.defaults,
      messages: messages.map((m) => ({ variables: m.variables, to: m.to })),
    };
    expect(await fingerprint('POST', '/v1/messages/batch', reordered)).toBe(print);
    const changed = structuredClone(body);
    changed.messages[9_999]!.variables.name = 'other';
    expect(await fingerprint('POST', '/v1/messages/batch', changed)).not.toBe(print);
    // More than one chunk: not the plain hash of the whole text.
    expect(print).not.toBe(await sha256(`POST /v1/messages/batch\n${canonical(body)}`));
  });
});
