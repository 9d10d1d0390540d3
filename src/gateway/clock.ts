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
    const fire = () =>
      void Promise.resolve()
        .then(callback)
        .catch(() => undefined);
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
  clearTimeout: (handle) =>
    globalThis.clearTimeout(handle instanceof ChainedTimer ? handle.current : (handle as RuntimeTimer)),
};

interface ScheduledTimer {
  /** Scheduling order: breaks ties between timers due at the same time (first in, first out). */
  id: number;
  dueAt: number;
  callback: TimerCallback;
}

/** Options of {@link ManualClock}. */
export interface ManualClockOptions {
  /**
   * Most timers one {@link ManualClock.advance} or {@link ManualClock.runAll} may run before it
   * throws: a guard against timers that reschedule themselves forever, set far above any real
   * workload (a 10,000-message batch with webhooks runs well under 200,000 timers).
   * @default 1000000
   */
  maxSteps?: number;
  /**
   * Runtime timer turns (about 1 ms each) to wait, once no timer is due, for async work the last
   * timers started and did not return (webhook signing, an in-process `fetch`) to schedule more
   * timers inside the same advance. A best effort: for certainty register an
   * {@link ManualClock.onSettle} hook that resolves when that work is parked. `0` disables it.
   * @default 3
   */
  settleTurns?: number;
}

// Captured at load so a test that fakes the runtime's timers later cannot stall the manual clock.
// A real timer, not setImmediate: it lets the event loop wait for I/O and thread-pool completions.
const macrotask = (
  (setTimeout) => () =>
    new Promise<void>((resolve) => setTimeout(resolve, 0))
)(globalThis.setTimeout);

/**
 * A clock that only moves when told to. Timers run in due-time order (ties in the order they
 * were scheduled), and any promise a timer returns is awaited before the next one runs, so
 * `await clock.advance(ms)` leaves the gateway settled. Timers scheduled while advancing run in
 * the same advance when they fall due inside it, so one `advance(24 * 3_600_000)` runs a whole
 * webhook retry schedule. Pending timers sit in a binary heap: scheduling, running and
 * canceling each cost O(log n).
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
  readonly #heap: ScheduledTimer[] = [];
  // Canceled timers leave the heap lazily; this map says which heap entries are still live.
  readonly #live = new Map<number, ScheduledTimer>();
  readonly #maxSteps: number;
  readonly #settleTurns: number;
  readonly #settlers = new Set<() => unknown>();

  /**
   * @param start - Initial time in ms since the epoch.
   * @param options - Step limit and settling; see {@link ManualClockOptions}.
   * @default start `Date.parse('2026-01-01T00:00:00.000Z')`
   */
  constructor(start: number = Date.parse('2026-01-01T00:00:00.000Z'), options: ManualClockOptions = {}) {
    this.#now = start;
    this.#maxSteps = positiveCount(options.maxSteps, 1_000_000, 'maxSteps');
    this.#settleTurns = Math.max(0, Math.floor(options.settleTurns ?? 3));
  }

  /** Current simulated time in ms since the epoch. */
  now(): number {
    return this.#now;
  }

  /** Schedules `callback` at `now() + ms` (negative delays count as 0). */
  setTimeout(callback: TimerCallback, ms: number): TimerHandle {
    const timer: ScheduledTimer = { id: this.#nextId++, dueAt: this.#now + Math.max(0, ms || 0), callback };
    this.#live.set(timer.id, timer);
    this.#push(timer);
    return timer.id;
  }

  /** Cancels a pending timer. */
  clearTimeout(handle: TimerHandle): void {
    if (typeof handle !== 'number' || !this.#live.delete(handle)) return;
    // Rebuild once most of the heap is dead so mass cancellation cannot hold memory.
    if (this.#heap.length > 64 && this.#heap.length > 2 * this.#live.size) this.#rebuild();
  }

  /**
   * Registers work to wait for whenever no timer is due: `hook` should resolve once everything
   * the gateway started has finished or is parked on this clock (e.g. a webhook attempt waiting
   * on its answer deadline), so follow-up timers are scheduled before the clock looks again.
   * @returns A function that unregisters the hook.
   */
  onSettle(hook: () => unknown): () => void {
    this.#settlers.add(hook);
    return () => void this.#settlers.delete(hook);
  }

  /** Number of timers still pending. */
  get pending(): number {
    return this.#live.size;
  }

  /**
   * Moves time forward by `ms`, running every timer that falls due on the way (including
   * timers scheduled by those timers), each at its own due time, awaiting returned promises.
   * @throws RangeError when more than `maxSteps` timers would run (timers rescheduling forever).
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + Math.max(0, ms || 0);
    let steps = 0;
    for (;;) {
      let timer = this.#peek();
      if (!timer || timer.dueAt > target) {
        await this.#settle(target);
        timer = this.#peek();
        if (!timer || timer.dueAt > target) break;
      }
      if (++steps > this.#maxSteps) throw this.#stepLimitError('advance()');
      await this.#run(timer);
    }
    this.#now = Math.max(this.#now, target);
    // Let promise chains started by the last timers settle before returning.
    await flushMicrotasks();
  }

  /** Jumps to the earliest pending timer and runs it. Resolves `false` when nothing was pending. */
  async next(): Promise<boolean> {
    let timer = this.#peek();
    if (!timer) {
      await this.#settle(Infinity);
      timer = this.#peek();
      if (!timer) return false;
    }
    await this.#run(timer);
    return true;
  }

  /**
   * Runs timers, jumping time forward, until none are left. Resolves the number of timers run.
   * @param limit - Most timers to run before giving up.
   * @default limit the clock's `maxSteps` (1000000 unless configured)
   * @throws RangeError when timers are still pending after `limit` have run (timers
   *   rescheduling themselves forever): stopping silently would leave work undone.
   */
  async runAll(limit: number = this.#maxSteps): Promise<number> {
    let count = 0;
    while (await this.#hasWork()) {
      if (count >= limit) throw this.#stepLimitError('runAll()', limit);
      await this.next();
      count++;
    }
    return count;
  }

  async #hasWork(): Promise<boolean> {
    if (this.#peek()) return true;
    await this.#settle(Infinity);
    return this.#peek() !== undefined;
  }

  async #run(timer: ScheduledTimer): Promise<void> {
    this.#pop();
    this.#live.delete(timer.id);
    if (timer.dueAt > this.#now) this.#now = timer.dueAt;
    await timer.callback();
    // Follow-ups chained on the callback's promise may schedule timers due before the next one.
    await flushMicrotasks();
  }

  /** Waits a few event-loop turns for async work to schedule a timer due by `target`. */
  async #settle(target: number): Promise<void> {
    await flushMicrotasks();
    for (const hook of [...this.#settlers]) await hook();
    await flushMicrotasks();
    for (let turn = 0; turn < this.#settleTurns; turn++) {
      const next = this.#peek();
      if (next && next.dueAt <= target) return;
      await macrotask();
      await flushMicrotasks();
    }
  }

  #stepLimitError(method: string, limit = this.#maxSteps): RangeError {
    return new RangeError(
      `ManualClock.${method} ran ${limit} timers and ${this.pending} are still pending: a timer probably ` +
        'reschedules itself forever. Raise the limit (runAll(limit) or new ManualClock(start, { maxSteps })) ' +
        'if the workload is really this large.',
    );
  }

  /** The earliest live timer, dropping canceled ones from the top of the heap. */
  #peek(): ScheduledTimer | undefined {
    while (this.#heap.length > 0) {
      const top = this.#heap[0]!;
      if (this.#live.get(top.id) === top) return top;
      this.#pop();
    }
    return undefined;
  }

  #push(timer: ScheduledTimer): void {
    const heap = this.#heap;
    let index = heap.push(timer) - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(timer, heap[parent]!)) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = timer;
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    this.#siftDown(last, 0);
  }

  #siftDown(timer: ScheduledTimer, start: number): void {
    const heap = this.#heap;
    let index = start;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && before(heap[child + 1]!, heap[child]!)) child++;
      if (!before(heap[child]!, timer)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = timer;
  }

  #rebuild(): void {
    const heap = this.#heap;
    heap.length = 0;
    // A sorted array is a valid heap; pushed one by one because spreading 100k items overflows the stack.
    for (const timer of [...this.#live.values()].sort((a, b) => (before(a, b) ? -1 : 1))) heap.push(timer);
  }
}

function before(a: ScheduledTimer, b: ScheduledTimer): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.id < b.id);
}

function positiveCount(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value >= 1)) throw new RangeError(`ManualClock ${name} must be at least 1, got ${String(value)}.`);
  return Math.floor(value);
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
