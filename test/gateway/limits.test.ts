// Finding 2 and 9 of #12: every store has a bound (messages by count and age, idempotency keys
// by age on a timer and by count), and list filters over a big store stay fast.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/schemas/message.js';
import type { Account } from '../../src/gateway/accounts/accounts.js';
import { ManualClock } from '../../src/gateway/clock.js';
import { IdempotencyStore, IDEMPOTENCY_TTL_MS } from '../../src/gateway/idempotency.js';
import { MessageStore } from '../../src/gateway/messages/store.js';
import { errorOf, makeGateway } from './helpers.js';

const DAY = 86_400_000;
const account = { id: 'acct_1', apiKey: 'ark_test_x', currency: 'EUR' } as Account;

function message(id: string, status: Message['status'], at: number, to = '+447911123456'): Message {
  return { id, status, to, created_at: new Date(at).toISOString() } as Message;
}

describe('message retention', () => {
  it('evicts the oldest final messages past the count bound, never one still on its way', async () => {
    const { send, get, clock } = makeGateway({ limits: { maxMessagesPerAccount: 3 } });
    const scheduled = await send({ scheduled_at: new Date(clock.now() + DAY).toISOString() });
    const first = await send({});
    await clock.advance(5_000); // first is delivered; scheduled still waits
    const later = [await send({}), await send({}), await send({})];
    expect((await get(`/v1/messages/${scheduled.id}`)).status).toBe(200);
    expect(await errorOf(await get(`/v1/messages/${first.id}`))).toMatchObject({ status: 404, code: 'not_found' });
    // The newest stay, even though they are not final yet: past the bound only final ones go.
    for (const kept of later) expect((await get(`/v1/messages/${kept.id}`)).status).toBe(200);
  });

  it('evicts final messages older than messageRetentionMs on the gateway clock', async () => {
    const { send, get, clock } = makeGateway({ limits: { messageRetentionMs: DAY } });
    const old = await send({});
    await clock.advance(DAY + 120_000);
    const fresh = await send({});
    expect((await get(`/v1/messages/${old.id}`)).status).toBe(404);
    expect((await get(`/v1/messages/${fresh.id}`)).status).toBe(200);
  });

  it('keeps everything with Infinity bounds', () => {
    const clock = new ManualClock();
    const store = new MessageStore({ clock, maxMessagesPerAccount: Infinity, messageRetentionMs: Infinity });
    for (let i = 0; i < 1_000; i++) store.insert(account, message(`msg_${i}`, 'delivered', 0), init());
    expect(store.size(account)).toBe(1_000);
  });

  it('pages a filter over 200,000 messages looking only at what it must: the index, or back from the cursor', () => {
    const clock = new ManualClock();
    const store = new MessageStore({ clock, maxMessagesPerAccount: Infinity, messageRetentionMs: Infinity });
    const start = clock.now();
    for (let i = 0; i < 200_000; i++) {
      const to = i % 1_000 === 0 ? '+15005550000' : '+447911123456';
      store.insert(account, message(`msg_${i}`, i % 2 ? 'delivered' : 'failed', start + i, to), init());
    }
    // Work is counted as messages the filter is asked about, not timed: a timed assert flakes under load.
    let visited = 0;
    const counting = (keep: (m: Message) => boolean) => (m: Message) => (visited++, keep(m));

    const page = store.page(
      account,
      { limit: 100, to: '+15005550000' },
      counting(() => true),
    );
    expect(page.data).toHaveLength(100);
    expect(page.data[0]!.id).toBe('msg_199000');
    expect(visited).toBe(101); // the recipient's own 200 messages, walked until the page is full

    visited = 0;
    const rest = store.page(
      account,
      { limit: 100, to: '+15005550000', starting_after: page.next_cursor! },
      counting(() => true),
    );
    expect(rest.data.map((m) => m.id)).toEqual(Array.from({ length: 100 }, (_, i) => `msg_${(99 - i) * 1_000}`));
    expect(rest.has_more).toBe(false);
    expect(visited).toBe(100);

    visited = 0;
    const none = store.page(
      account,
      { limit: 100, to: '+447700900000' },
      counting(() => true),
    );
    expect(none.data).toEqual([]);
    expect(visited).toBe(0);

    visited = 0;
    const next = store.page(
      account,
      { limit: 100, starting_after: 'msg_100001' },
      counting((m) => m.status === 'failed'),
    );
    expect(next.data[0]!.id).toBe('msg_100000');
    expect(next.next_cursor).toBe('msg_99802');
    expect(visited).toBe(201); // back from the cursor only, not from the newest message
    expect(() => store.page(account, { starting_after: 'msg_nope' })).toThrow(/starting_after/);
  });
});

describe('idempotency keys', () => {
  it('are swept by a clock timer after 24 h, without any later request', async () => {
    const clock = new ManualClock();
    const store = new IdempotencyStore({ clock });
    for (let i = 0; i < 10; i++) {
      expect((await store.begin(account, `k${i}`, 'POST /v1/messages\n{}', clock.now())).kind).toBe('proceed');
      await store.finish(account, `k${i}`, 'req_1', new Response('{}', { status: 201 }));
    }
    expect(store.size(account)).toBe(10);
    expect(clock.pending).toBe(1);
    await clock.advance(IDEMPOTENCY_TTL_MS - 1);
    expect(store.size(account)).toBe(10);
    await clock.advance(120_000);
    expect(store.size(account)).toBe(0);
    // Nothing left to sweep, so nothing stays scheduled: runAll() ends.
    expect(clock.pending).toBe(0);
    store.close();
  });

  it('re-arms the sweep for keys seen later, and close() cancels it', async () => {
    const clock = new ManualClock();
    const store = new IdempotencyStore({ clock });
    store.begin(account, 'early', 'x', clock.now());
    await clock.advance(12 * 3_600_000);
    store.begin(account, 'late', 'x', clock.now());
    await clock.advance(12 * 3_600_000 + 120_000);
    expect(store.size(account)).toBe(1);
    await clock.advance(12 * 3_600_000);
    expect(store.size(account)).toBe(0);
    store.begin(account, 'again', 'x', clock.now());
    expect(clock.pending).toBe(1);
    store.close();
    expect(clock.pending).toBe(0);
  });

  it('forget the oldest finished key past maxKeysPerAccount, never one in flight', async () => {
    const store = new IdempotencyStore({ maxKeysPerAccount: 2 });
    store.begin(account, 'in-flight', 'x', 0);
    store.begin(account, 'done', 'x', 0);
    await store.finish(account, 'done', 'req_1', new Response('{}', { status: 201 }));
    store.begin(account, 'third', 'x', 0);
    expect(store.size(account)).toBe(2);
    expect((await store.begin(account, 'in-flight', 'x', 0)).kind).toBe('in_flight');
    expect((await store.begin(account, 'done', 'x', 0)).kind).toBe('proceed');
  });

  it('a gateway forgets keys on its clock: a replay within 24 h, a fresh send after', async () => {
    const { post, clock, gateway } = makeGateway();
    const body = { to: '+447911123456', body: 'Hi' };
    const first = await post('/v1/messages', body, { 'idempotency-key': 'idk_1' });
    const replay = await post('/v1/messages', body, { 'idempotency-key': 'idk_1' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    await clock.advance(IDEMPOTENCY_TTL_MS + 120_000);
    const again = await post('/v1/messages', body, { 'idempotency-key': 'idk_1' });
    expect(again.status).toBe(201);
    expect(((await again.json()) as { id: string }).id).not.toBe(((await first.json()) as { id: string }).id);
    await gateway.close();
  });
});

function init() {
  return { expiresAt: 0, callbackUrl: null, priceUnits: 0 };
}
