import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/gateway/errors.js';
import { requireTestKey } from '../../../src/gateway/test-mode/routes.js';
import { makeEventsGateway } from '../events.js';
import { errorOf, makeGateway } from '../helpers.js';

const url = new URL('http://gateway.local/v1/test/top_ups');

describe('test-mode routes', () => {
  it('answers test keys only: a live key gets 403 permission_denied', () => {
    expect(() => requireTestKey({ apiKey: 'ark_test_abc', url })).not.toThrow();
    let thrown: unknown;
    try {
      requireTestKey({ apiKey: 'ark_live_abc', url });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect(thrown).toMatchObject({ status: 403, code: 'permission_denied' });
    expect((thrown as Error).message).toContain('/v1/test/top_ups');
  });

  it('tops up and answers the Balance, listing the top-up first', async () => {
    const { post } = makeGateway({ balance: '1' });
    const response = await post('/v1/test/top_ups', { amount: '25.00' });
    expect(response.status).toBe(200);
    const balance = (await response.json()) as Record<string, any>;
    expect(balance.available).toEqual({ amount: '26.0000', currency: 'EUR' });
    expect(balance.recent_top_ups[0]).toEqual({
      amount: '25.0000',
      currency: 'EUR',
      at: '2026-03-01T12:00:00.000Z',
    });
    expect(response.headers.get('onemessage-balance-remaining')).toBe('26.0000');
  });

  it.each([['0'], ['-1'], ['1.23456'], ['abc'], ['10000.01'], [25]])(
    'refuses amount %j naming the rule',
    async (amount) => {
      const { post } = makeGateway();
      const error = await errorOf(await post('/v1/test/top_ups', { amount }));
      expect(error).toMatchObject({
        status: 400,
        code: 'invalid_parameter',
        param: 'amount',
      });
      expect(error.message).toMatch(/^amount must be/);
    },
  );

  it('stores a simulated SMS as inbound, to the virtual number, and announces message.received', async () => {
    const { post, get, gateway, events, subscribe } = makeEventsGateway();
    await subscribe(['message.received']);
    const response = await post('/v1/test/inbound', {
      from: '+44 7911 123456',
      body: 'YES please',
    });
    expect(response.status).toBe(201);
    const message = (await response.json()) as Record<string, any>;
    expect(message).toMatchObject({
      object: 'message',
      direction: 'inbound',
      sender: '+447911123456',
      to: '+15005550101',
      body: 'YES please',
      status: 'delivered',
      price: { amount: '0.0000', currency: 'EUR' },
      country: 'GB',
    });
    await gateway.idle();
    expect(events).toEqual([expect.objectContaining({ type: 'message.received', data: message })]);
    const inbound = (await (await get('/v1/messages?direction=inbound')).json()) as { data: { id: string }[] };
    expect(inbound.data.map((m) => m.id)).toEqual([message.id]);
    const outbound = (await (await get('/v1/messages?direction=outbound')).json()) as { data: unknown[] };
    expect(outbound.data).toEqual([]);
  });

  it.each([
    [{ from: '123', body: 'x' }, 'invalid_phone_number', 'from'],
    [{ from: '+447911123456', body: '' }, 'invalid_parameter', 'body'],
    [{ from: '+447911123456', body: 'x'.repeat(1601) }, 'message_too_long', 'body'],
    [{ body: 'x' }, 'missing_parameter', 'from'],
    [{ from: '+447911123456', to: '+447911000000', body: 'x' }, 'invalid_parameter', 'to'],
  ])('refuses inbound %j with the contract code and param', async (body, code, param) => {
    const { post } = makeGateway();
    expect(await errorOf(await post('/v1/test/inbound', body))).toMatchObject({ status: 400, code, param });
  });
});

describe('balance', () => {
  it('fires balance.low once per crossing: not on later sends below it, again after a top-up lifts it', async () => {
    // Opening 0.1000 → threshold 0.0100; a US segment costs 0.0079.
    const { send, post, gateway, events, subscribe } = makeEventsGateway({
      balance: '0.1',
      rateLimit: { limit: 1_000 },
    });
    await subscribe(['balance.low']);
    for (let i = 0; i < 12; i++) await send({ to: '+15005550000' }); // 0.1000 → 0.0052, crossing at the 12th
    await gateway.idle();
    expect(events.map((event) => event.type)).toEqual(['balance.low']);
    expect(events[0]!.data.available).toEqual({
      amount: '0.0052',
      currency: 'EUR',
    });

    await post('/v1/test/top_ups', { amount: '0.05' }); // 0.0552: above the threshold again
    for (let i = 0; i < 5; i++) await send({ to: '+15005550000' }); // crosses once more at the 6th send…
    await gateway.idle();
    expect(events).toHaveLength(1);
    await send({ to: '+15005550000' });
    await gateway.idle();
    expect(events.map((event) => event.type)).toEqual(['balance.low', 'balance.low']);
    expect(events[1]!.data.available.amount).toBe('0.0078');
  });

  it('tells what remains on every authenticated response, and exposes the headers to CORS', async () => {
    const { post, get, gateway } = makeGateway({ balance: '1' });
    const sent = await post('/v1/messages', { to: '+15005550000', body: 'Hi' });
    expect(sent.headers.get('onemessage-balance-remaining')).toBe('0.9921');
    expect(sent.headers.get('onemessage-balance-currency')).toBe('EUR');
    expect(sent.headers.get('access-control-expose-headers')).toContain('OneMessage-Balance-Remaining');
    expect((await get('/v1/balance')).headers.get('onemessage-balance-remaining')).toBe('0.9921');
    const unauthenticated = await gateway.fetch('/v1/balance');
    expect(unauthenticated.headers.get('onemessage-balance-remaining')).toBeNull();
  });
});
