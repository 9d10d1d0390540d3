/**
 * Time source of the reference gateway. Delivery, expiry, scheduling, rate-limit windows,
 * idempotency retention and webhook retries all read and schedule through a {@link Clock},
 * so tests can swap in a {@link ManualClock} and run hours of simulated time in milliseconds.
 * @module
 */

/** Opaque handle returned by {@link Clock.setTimeout}; pass it back to {@link Clock.clearTimeout}. */
export type TimerHandle = unknown;

/** A callback scheduled on a {@link Clock}. A returned promise is awaited by {@link ManualClock}. */
export type TimerCallback = () => unknown;

/** The time source the gateway reads and schedules on. */
export interface Clock {
  /** Current time in milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `callback` once, `ms` milliseconds from now. */
  setTimeout(callback: TimerCallback, ms: number): TimerHandle;
  /** Cancels a timer; unknown or already-fired handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
}

// Runtimes hold a timer delay in 32 bits: a longer one (a message scheduled 25+ days ahead) would
// fire at once. Such delays are chained in steps of at most this long.
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

type RuntimeTimer = ReturnType<typeof globalThis.setTimeout>;

/** The handle of a delay longer than one runtime timer can hold: the step currently pending. */
class ChainedTimer {
  current: RuntimeTimer | undefined;
}

function runtimeTimer(run: () => void, ms: number): RuntimeTimer {
  const handle = globalThis.setTimeout(run, ms);
  // A pending expiry 48 h away must not keep a script alive after it is done (Node, Bun, Deno).
  (handle as { unref?: () => void }).unref?.();
  return handle;
}

/** The real clock: `Date.now()` and the runtime's timers (delays beyond 24.8 days included). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    // A rejected promise from a timer must not become an unhandled rejection that kills the process.
    const fire = () => void Promise.resolve().then(callback).catch(() => undefined);
    const delay = Math.max(0, ms);
    if (delay <= MAX_TIMER_DELAY_MS) return runtimeTimer(fire, delay);
    const chained = new ChainedTimer();
    const step = (left: number): void => {
      chained.current =
        left > MAX_TIMER_DELAY_MS
          ? runtimeTimer(() => step(left - MAX_TIMER_DELAY_MS), MAX_TIMER_DELAY_MS)
          : runtimeTimer(fire, left);
    };
    step(delay);
    return chained;
  },
  clearTimeout: (handle) => globalThis.clearTimeout(handle instanceof ChainedTimer ? handle.current : (handle as RuntimeTimer)),
};

interface ScheduledTimer {
  id: number;
  dueAt: number;
  callback: TimerCallback;
}

/**
 * A clock that only moves when told to. Timers run in due-time order (ties in the order they
 * were scheduled), and any promise a timer returns is awaited before the next one runs, so
 * `await clock.advance(ms)` leaves the gateway settled.
 *
 * @example
 * ```ts
 * const clock = new ManualClock();
 * const gateway = createGateway({ clock });
 * // … send a message …
 * await clock.advance(5_000); // sent, then delivered
 * ```
 */
export class ManualClock implements Clock {
  #now: number;
  #nextId = 1;
  #timers: ScheduledTimer[] = [];

  /**
   * @param start - Initial time in ms since the epoch.
   * @default start `Date.parse('2026-01-01T00:00:00.000Z')`
   */
  constructor(start: number = Date.parse('2026-01-01T00:00:00.000Z')) {
    this.#now = start;
  }

  /** Current simulated time in ms since the epoch. */
  now(): number {
    return this.#now;
  }

  /** Schedules `callback` at `now() + ms` (negative delays count as 0). */
  setTimeout(callback: TimerCallback, ms: number): TimerHandle {
    const id = this.#nextId++;
    this.#timers.push({ id, dueAt: this.#now + Math.max(0, ms || 0), callback });
    return id;
  }

  /** Cancels a pending timer. */
  clearTimeout(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((timer) => timer.id !== handle);
  }

  /** Number of timers still pending. */
  get pending(): number {
    return this.#timers.length;
  }

  /**
   * Moves time forward by `ms`, running every timer that falls due on the way (including
   * timers scheduled by those timers), each at its own due time, awaiting returned promises.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + Math.max(0, ms);
    for (;;) {
      const timer = this.#earliest();
      if (!timer || timer.dueAt > target) break;
      await this.#run(timer);
    }
    this.#now = target;
    // Let promise chains started by the last timers settle before returning.
    await flushMicrotasks();
  }

  /** Jumps to the earliest pending timer and runs it. Resolves `false` when nothing was pending. */
  async next(): Promise<boolean> {
    const timer = this.#earliest();
    if (!timer) return false;
    await this.#run(timer);
    await flushMicrotasks();
    return true;
  }

  /**
   * Runs timers until none are left, or `limit` have run (a guard against timers that
   * reschedule themselves forever). Resolves the number of timers run.
   * @default limit 10000
   */
  async runAll(limit = 10_000): Promise<number> {
    let count = 0;
    while (count < limit && (await this.next())) count++;
    return count;
  }

  #earliest(): ScheduledTimer | undefined {
    let earliest: ScheduledTimer | undefined;
    for (const timer of this.#timers) {
      if (!earliest || timer.dueAt < earliest.dueAt) earliest = timer;
    }
    return earliest;
  }

  async #run(timer: ScheduledTimer): Promise<void> {
    this.#timers = this.#timers.filter((t) => t !== timer);
    if (timer.dueAt > this.#now) this.#now = timer.dueAt;
    await timer.callback();
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
