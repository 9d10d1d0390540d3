import { describe, expect, it } from 'vitest';
import { createGateway, ManualClock } from '../../../src/gateway/index.js';
import { makeGateway } from '../helpers.js';

type Balance = {
  object: string;
  available: { amount: string; currency: string };
  low_balance_threshold: { amount: string };
  recent_top_ups: unknown[];
};

describe('balance', () => {
  it('reports the opening balance and top-up', async () => {
    const { get } = makeGateway({ balance: 25 });
    expect(await (await get('/v1/balance')).json()).toEqual({
      object: 'balance',
      available: { amount: '25.0000', currency: 'EUR' },
      low_balance_threshold: { amount: '2.5000', currency: 'EUR' },
      recent_top_ups: [{ amount: '25.0000', currency: 'EUR', at: '2026-03-01T12:00:00.000Z' }],
    });
  });

  it('debits exactly per segment, without float drift over many sends', async () => {
    const { send, get } = makeGateway({ balance: '1', rateLimit: { limit: 1_000 } });
    // 0.0079 per US segment: 0.1 + 0.2-style float errors would show after a few hundred debits.
    for (let i = 0; i < 100; i++) await send({ to: '+15005550000' });
    const twoPart = await send({ to: '+15005550000', body: 'z'.repeat(200) });
    expect(twoPart.price).toEqual({ amount: '0.0158', currency: 'EUR' });
    const balance = (await (await get('/v1/balance')).json()) as Balance;
    expect(balance.available.amount).toBe('0.1942'); // 1 − 102 × 0.0079
  });

  it('bills in the configured currency', async () => {
    const gateway = createGateway({ clock: new ManualClock(), currency: 'USD', balance: '10' });
    const response = await gateway.fetch('/v1/messages', {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.apiKey}` },
      body: JSON.stringify({ to: '+447911123456', body: 'hi' }),
    });
    expect(((await response.json()) as { price: unknown }).price).toEqual({ amount: '0.0378', currency: 'USD' });
  });

  it('announces balance.low once, when a debit crosses the threshold', async () => {
    const published: { type: string; data: any }[] = [];
    const { send, post, gateway, clock } = makeGateway({
      balance: '0.1', // threshold: 10% = 0.0100
      fetch: async (input, init) => {
        published.push((await new Request(input, init).json()) as { type: string; data: unknown });
        return new Response(null, { status: 204 });
      },
    });
    const hook = await post('/v1/webhooks', { url: 'https://example.test/hooks', events: ['balance.low'] });
    expect(hook.status).toBe(201);
    const settle = async () => {
      await clock.advance(1_000);
      await gateway.idle();
    };
    await send({}); // GB 0.0350 → 0.0650
    await send({}); // → 0.0300
    await send({ to: '+15005550000' }); // US 0.0079 → 0.0221
    await send({ to: '+15005550000' }); // → 0.0142
    await settle();
    expect(published).toEqual([]);
    await send({ to: '+15005550000' }); // → 0.0063: crosses 0.0100
    await expect(send({ to: '+15005550000' })).rejects.toThrow(/402/); // 0.0063 cannot cover 0.0079
    await settle();
    expect(published).toEqual([
      expect.objectContaining({
        type: 'balance.low',
        data: expect.objectContaining({ object: 'balance', available: { amount: '0.0063', currency: 'EUR' } }),
      }),
    ]);
  });
});
