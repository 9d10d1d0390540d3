// The batch route yields to the event loop between slices of entries, so one 10,000-entry batch
// does not hold up other clients; the count of yields is asserted, never a duration.
import { describe, expect, it, vi } from 'vitest';
import { makeGateway } from '../helpers.js';

const yields = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/internal/yield.js', () => ({
  yieldToEventLoop: () => {
    yields.count++;
    return new Promise<void>((resolve) => setImmediate(resolve));
  },
}));

describe('POST /v1/messages/batch in slices', () => {
  it('yields every 100 entries while preparing and while scheduling deliveries', async () => {
    const { post } = makeGateway({ balance: '100000' });
    const messages = Array.from({ length: 1_000 }, (_, i) => ({
      to: '+447911123456',
      body: `Hello ${i}`,
    }));
    yields.count = 0;
    const response = await post('/v1/messages/batch', { messages });
    expect(response.status).toBe(201);
    expect(yields.count).toBe(9 + 9); // 10 slices of preparation, 10 of delivery timers
  });

  it('lets another request finish while a large batch is being prepared', async () => {
    const { post, get } = makeGateway({ balance: '100000' });
    const messages = Array.from({ length: 2_000 }, () => ({
      to: '+447911123456',
      body: 'Hello',
    }));
    const order: string[] = [];
    const batch = post('/v1/messages/batch', { messages }).then(() => order.push('batch'));
    await new Promise((resolve) => setImmediate(resolve));
    const balance = get('/v1/balance').then(() => order.push('balance'));
    await Promise.all([batch, balance]);
    expect(order).toEqual(['balance', 'batch']);
  });

  it('commits atomically: concurrent batches never overdraw, whichever finishes preparing first', async () => {
    const { post, get } = makeGateway({ balance: '10.50' }); // 300 messages of 0.0350
    const messages = Array.from({ length: 200 }, () => ({
      to: '+447911123456',
      body: 'Hello',
    }));
    const statuses = (
      await Promise.all([post('/v1/messages/batch', { messages }), post('/v1/messages/batch', { messages })])
    )
      .map((response) => response.status)
      .sort();
    expect(statuses).toEqual([201, 402]);
    const balance = (await (await get('/v1/balance')).json()) as {
      available: { amount: string };
    };
    expect(balance.available.amount).toBe('3.5000');
  });
});
