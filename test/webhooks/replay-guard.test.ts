import { describe, expect, it } from 'vitest';
import { createMemoryReplayStore, createReplayGuard, type ReplayStore } from '../../src/webhooks/replay-guard.js';

function manualClock(start = 1_700_000_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

describe('createReplayGuard', () => {
  it('lets an event id through once and flags every later delivery of it as seen', async () => {
    const guard = createReplayGuard();
    expect(await guard.seen('evt_1')).toBe(false);
    expect(await guard.seen('evt_1')).toBe(true);
    expect(await guard.seen('evt_1')).toBe(true);
    expect(await guard.seen('evt_2')).toBe(false);
  });

  it('forgets an id on request, so the next retry is processed after a failure', async () => {
    const guard = createReplayGuard();
    await guard.seen('evt_1');
    await guard.forget('evt_1');
    expect(await guard.seen('evt_1')).toBe(false);
  });

  it('remembers ids for 24 hours by default, covering the whole retry schedule', async () => {
    const clock = manualClock();
    const guard = createReplayGuard({ store: createMemoryReplayStore({ now: clock.now }) });
    await guard.seen('evt_1');
    clock.advance(86_400_000 - 1);
    expect(await guard.seen('evt_1')).toBe(true);
  });

  it('lets an id through again once its TTL has passed', async () => {
    const clock = manualClock();
    const guard = createReplayGuard({ ttlSeconds: 60, store: createMemoryReplayStore({ now: clock.now }) });
    await guard.seen('evt_1');
    clock.advance(59_999);
    expect(await guard.seen('evt_1')).toBe(true);
    clock.advance(1);
    expect(await guard.seen('evt_1')).toBe(false);
  });

  it('uses a pluggable store, passing it the TTL, and awaits an async one', async () => {
    const calls: string[] = [];
    const keys = new Set<string>();
    const store: ReplayStore = {
      add: async (key, ttl) => {
        calls.push(`add ${key} ${ttl}`);
        if (keys.has(key)) return false;
        keys.add(key);
        return true;
      },
      delete: async (key) => {
        calls.push(`delete ${key}`);
        keys.delete(key);
      },
    };
    const guard = createReplayGuard({ ttlSeconds: 120, store });
    expect(await guard.seen('evt_1')).toBe(false);
    expect(await guard.seen('evt_1')).toBe(true);
    await guard.forget('evt_1');
    expect(calls).toEqual(['add evt_1 120', 'add evt_1 120', 'delete evt_1']);
  });

  it('stays correct when one event is delivered twice concurrently', async () => {
    const guard = createReplayGuard();
    const results = await Promise.all([guard.seen('evt_1'), guard.seen('evt_1')]);
    expect(results.sort()).toEqual([false, true]);
  });
});

describe('createMemoryReplayStore', () => {
  it('keeps at most maxEntries ids, dropping the oldest first', () => {
    const store = createMemoryReplayStore({ maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) expect(store.add(id, 60)).toBe(true);
    expect(store.add('b', 60)).toBe(false);
    expect(store.add('c', 60)).toBe(false);
    expect(store.add('d', 60)).toBe(false);
    expect(store.add('a', 60)).toBe(true); // dropped to make room for d
  });

  it('does not evict anything when a duplicate arrives at capacity', () => {
    const store = createMemoryReplayStore({ maxEntries: 2 });
    store.add('a', 60);
    store.add('b', 60);
    expect(store.add('b', 60)).toBe(false);
    expect(store.add('a', 60)).toBe(false);
  });

  it('purges expired ids as new ones arrive, so memory follows the live set', () => {
    const clock = manualClock();
    const store = createMemoryReplayStore({ maxEntries: 1000, now: clock.now });
    for (let i = 0; i < 500; i++) store.add(`old_${i}`, 10);
    clock.advance(10_000);
    store.add('new', 10);
    // Every old id expired and was purged; had they stayed, 'old_0' would still count as present.
    for (let i = 0; i < 500; i++) expect(store.add(`old_${i}`, 10)).toBe(true);
  });
});
