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
  it('yields every 100 entries while preparing and every 1,000 while storing the paid batch', async () => {
    const { post } = makeGateway({ balance: '100000' });
    const messages = Array.from({ length: 2_500 }, (_, i) => ({
      to: '+447911123456',
      body: `Hello ${i}`,
    }));
    yields.count = 0;
    const response = await post('/v1/messages/batch', { messages });
    expect(response.status).toBe(201);
    expect(yields.count).toBe(24 + 2); // 25 slices of preparation, 3 of inserts
  });

  it('yields while hashing a keyed batch for its Idempotency-Key', async () => {
    const { post } = makeGateway({ balance: '100000' });
    const messages = Array.from({ length: 2_500 }, (_, i) => ({ to: '+447911123456', body: `Hello ${i}` }));
    yields.count = 0;
    const response = await post('/v1/messages/batch', { messages }, { 'idempotency-key': 'idk_hash' });
    expect(response.status).toBe(201);
    expect(yields.count).toBeGreaterThan(24 + 2);
  });

  it('groups delivery timers: one per due time, its steps run in slices at the same clock time', async () => {
    const { post, get, clock } = makeGateway({ balance: '100000' });
    const messages = Array.from({ length: 1_000 }, (_, i) => ({
      to: `+4479111${String(i).padStart(5, '0')}`,
      body: `Hello ${i}`,
    }));
    const before = clock.pending;
    const response = await post('/v1/messages/batch', { messages });
    expect(response.status).toBe(201);
    // 1,000 expiry timers (cleared once final) and a few shared ones, not 3,000.
    expect(clock.pending - before).toBeLessThan(1_000 + 10);
    await clock.advance(60_000);
    const page = (await (await get('/v1/messages?limit=100')).json()) as {
      data: { status: string; sent_at: string; delivered_at: string }[];
    };
    expect(new Set(page.data.map((message) => message.status))).toEqual(new Set(['delivered']));
    expect(new Set(page.data.map((message) => message.sent_at)).size).toBe(1);
    expect(clock.pending).toBeLessThanOrEqual(before + 1);
  });

  it('skips the grouped steps of a message canceled before they fall due', async () => {
    const { post, get, clock } = makeGateway({ balance: '100000' });
    const at = new Date(clock.now() + 3_600_000).toISOString();
    const messages = Array.from({ length: 300 }, (_, i) => ({
      to: '+447911123456',
      body: `Hi ${i}`,
      scheduled_at: at,
    }));
    const batch = (await (await post('/v1/messages/batch', { messages })).json()) as { results: { id: string }[] };
    const canceled = batch.results[150]!.id;
    expect((await post(`/v1/messages/${canceled}/cancel`, {})).status).toBe(200);
    await clock.advance(3_700_000);
    const one = (await (await get(`/v1/messages/${canceled}`)).json()) as { status: string };
    const other = (await (await get(`/v1/messages/${batch.results[151]!.id}`)).json()) as { status: string };
    expect(one.status).toBe('canceled');
    expect(other.status).toBe('delivered');
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
