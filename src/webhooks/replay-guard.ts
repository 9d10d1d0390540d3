// Webhook retries reuse the event_id for up to about 18 h, so a handler that answered too slowly
// (or whose answer was lost) sees the same event again; this remembers ids to skip those.

import { WebhookOptionsError } from './errors.js';

/**
 * Where a {@link ReplayGuard} remembers event ids. Share one across processes (Redis `SET key 1 NX EX ttl`,
 * a database unique key, …) when more than one instance receives webhooks.
 */
export interface ReplayStore {
  /** Records `key` for `ttlSeconds`; returns `true` if it was new, `false` if it was already there. Must be atomic. */
  add(key: string, ttlSeconds: number): boolean | Promise<boolean>;
  /** Forgets `key`, so a later delivery of it is processed again. */
  delete(key: string): void | Promise<void>;
}

/** Options of {@link createReplayGuard}. */
export interface ReplayGuardOptions {
  /**
   * How long an event id is remembered, in seconds. The default covers the whole retry schedule.
   * @default 86400
   */
  ttlSeconds?: number;
  /**
   * Where ids are kept.
   * @default createMemoryReplayStore(): this process only
   */
  store?: ReplayStore;
}

/** Remembers the `event_id`s a handler has taken, so that a retried delivery is processed once. */
export interface ReplayGuard {
  /** Records `eventId` and resolves `true` if it had already been seen (a duplicate to skip). */
  seen(eventId: string): Promise<boolean>;
  /** Forgets `eventId`: call it when processing failed, so the next retry is processed. */
  forget(eventId: string): Promise<void>;
}

/** Options of {@link createMemoryReplayStore}. */
export interface MemoryReplayStoreOptions {
  /**
   * The most ids kept; past it the oldest are dropped first, so memory stays bounded.
   * @default 10000
   */
  maxEntries?: number;
  /**
   * The clock, in milliseconds (for tests).
   * @default Date.now
   */
  now?: () => number;
}

/**
 * A {@link ReplayStore} in this process's memory, with expiry and a size bound. Ids are dropped
 * oldest first once `maxEntries` is reached, so size it above the events you receive per TTL.
 */
export function createMemoryReplayStore(options: MemoryReplayStoreOptions = {}): ReplayStore {
  const { maxEntries = 10_000, now = Date.now } = checkObject(options, 'createMemoryReplayStore');
  if (typeof maxEntries !== 'number' || !(maxEntries >= 1)) {
    throw new WebhookOptionsError('maxEntries', 'createMemoryReplayStore: maxEntries must be a number ≥ 1');
  }
  if (typeof now !== 'function')
    throw new WebhookOptionsError('now', 'createMemoryReplayStore: now must be a function');
  // A Map iterates in insertion order, which is expiry order as long as the TTL does not change.
  const expiries = new Map<string, number>();
  return {
    add(key, ttlSeconds) {
      const time = now();
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > time) return false;
      expiries.delete(key);
      for (const [oldest, oldestExpiry] of expiries) {
        if (oldestExpiry > time && expiries.size < maxEntries) break;
        expiries.delete(oldest);
      }
      expiries.set(key, time + ttlSeconds * 1000);
      return true;
    },
    delete(key) {
      expiries.delete(key);
    },
  };
}

/**
 * Creates a guard against duplicate deliveries: check each verified event's `event_id` before
 * acting on it.
 *
 * @example
 * ```ts
 * const guard = createReplayGuard();
 * const event = await verifyWebhook.request(request, secret);
 * if (await guard.seen(event.event_id)) return new Response(null, { status: 200 });
 * try {
 *   await handle(event);
 * } catch (error) {
 *   await guard.forget(event.event_id);
 *   throw error;
 * }
 * ```
 */
export function createReplayGuard(options: ReplayGuardOptions = {}): ReplayGuard {
  const { ttlSeconds = 86_400, store = createMemoryReplayStore() } = checkObject(options, 'createReplayGuard');
  if (typeof ttlSeconds !== 'number' || !(ttlSeconds > 0)) {
    throw new WebhookOptionsError('ttlSeconds', 'createReplayGuard: ttlSeconds must be a number > 0');
  }
  if (typeof store?.add !== 'function' || typeof store.delete !== 'function') {
    throw new WebhookOptionsError('store', 'createReplayGuard: store must have add(key, ttlSeconds) and delete(key)');
  }
  // An id that is not a non-empty string would collide or throw inside the store: refuse it here.
  const checkId = (eventId: unknown): string => {
    if (typeof eventId !== 'string' || !eventId) {
      throw new WebhookOptionsError(
        'eventId',
        'replay guard: the event id must be a non-empty string (event.event_id)',
      );
    }
    return eventId;
  };
  return {
    seen: async (eventId) => !(await store.add(checkId(eventId), ttlSeconds)),
    forget: async (eventId) => {
      await store.delete(checkId(eventId));
    },
  };
}

function checkObject<T extends object>(options: T, fn: string): T {
  if (typeof options !== 'object' || options === null)
    throw new WebhookOptionsError('options', `${fn}: options must be an object`);
  return options;
}
