// Delivers signed events over HTTP, retrying on the gateway's clock, and keeps the delivery log.
import { signWebhook } from '../../webhooks/sign.js';
import type { Clock, TimerHandle } from '../clock.js';
import { isDelivered, WEBHOOK_ATTEMPT_TIMEOUT_MS, WEBHOOK_MAX_RETRIES, webhookRetryDelay } from './retry-schedule.js';
import type { WebhookDelivery, WebhookDeliveryAttempt } from '../../schemas/webhook.js';
import type { WebhookEnvelope } from './webhooks.js';
import type { Journal } from '../persistence/journal.js';

/**
 * How long a first attempt waits for the previous one to the same URL before going out anyway.
 */
export const WEBHOOK_ORDERING_WAIT_MS = 1_000;

/** Delivery limits unless the gateway's `webhooks` option says otherwise. */
export const DEFAULT_WEBHOOK_LIMITS = Object.freeze({
  /** Endpoints one account may register. */
  maxEndpointsPerAccount: 20,
  /** Attempts in flight to one receiver URL. */
  maxInFlightPerEndpoint: 4,
  /** Attempts in flight in total. */
  maxInFlight: 64,
});

/** The fetch-shaped function deliveries go out through. */
export type WebhookFetch = (url: string, init: RequestInit) => Promise<Response>;

/** Where one event goes: an endpoint's URL and the secrets it is signed with. */
export interface DeliveryTarget {
  /** Shown as the record's `webhook_id`: the endpoint's `wh_…` id, or `callback` for a message's `callback_url`. */
  webhookId: string;
  /** Key of the delivery log: the endpoint's id, or a per-account label for `callback_url` deliveries. */
  logKey: string;
  /** Where the event is POSTed. */
  url: string;
  /** The secrets to sign with, read afresh at each attempt so rotations apply to retries too. */
  secrets(): readonly string[];
}

/** Options of {@link WebhookDispatcher}. */
export interface WebhookDispatcherOptions {
  /** Time source of attempt stamps, answer deadlines and the retry schedule. */
  clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>;
  /**
   * Sends each attempt.
   * @default globalThis.fetch
   */
  fetch?: WebhookFetch;
  /**
   * Retries after the first attempt.
   * @default 7
   */
  maxRetries?: number;
  /**
   * Milliseconds an attempt may wait for the receiver's answer.
   * @default 10000
   */
  attemptTimeoutMs?: number;
  /**
   * Delay before retry `n` (1-based), `undefined` to give up.
   * @default webhookRetryDelay
   */
  retryDelay?: (retry: number, maxRetries: number) => number | undefined;
  /**
   * Records kept per log key; the oldest are dropped first so a busy endpoint cannot grow memory without bound.
   * @default 1000
   */
  logLimit?: number;
  /**
   * Most attempts in flight to one receiver URL; the rest wait, first in, first out.
   * @default 4
   */
  maxInFlightPerEndpoint?: number;
  /**
   * Most attempts in flight in total; waiting URLs take turns (round robin) as slots free up.
   * @default 64
   */
  maxInFlight?: number;
  /**
   * Milliseconds a first attempt waits for the previous one to the same URL to be answered.
   * @default 1000
   */
  orderingWaitMs?: number;
  /** Where pending deliveries and their retry schedule are written (the `data` option). @default none */
  journal?: Journal;
}

/** A delivery not yet succeeded or given up, as the data file keeps it. */
export interface PendingDelivery {
  /** Where it goes (the secrets are looked up again on restore). */
  target: Omit<DeliveryTarget, 'secrets'>;
  /** The signed body: the event as it was published. */
  body: string;
  /** Its log record, `next_retry_at` and attempts so far included. */
  record: WebhookDelivery;
}

interface Delivery {
  target: DeliveryTarget;
  body: string;
  record: WebhookDelivery;
  retryTimer?: TimerHandle;
}

/** The latest first attempt queued for one URL: the next one waits on it. */
interface QueuedFirstAttempt {
  /** Settles once the attempt's request has gone out (or the attempt ended without sending one). */
  dispatched: Promise<void>;
  /** Settles once the attempt has an outcome. */
  answered: Promise<void>;
}

class AttemptTimeout extends Error {
  override readonly name = 'AttemptTimeout';
}

const NO_SIGNING_SECRET = 'no_signing_secret';

class NoSigningSecret extends Error {
  override readonly name = 'NoSigningSecret';
}

/**
 * Sends events to webhook endpoints: signed POSTs, retried with exponential backoff on the
 * injected clock, one independent delivery per endpoint so a slow or broken receiver never
 * holds up the others. First attempts to one URL go out in publish order, each waiting for the
 * previous one's answer for at most {@link WEBHOOK_ORDERING_WAIT_MS}. Bounded: at most
 * `maxInFlightPerEndpoint` attempts per URL and `maxInFlight` in all hold a socket; the rest
 * wait in order, so a hanging receiver costs a few sockets, not one per event.
 */
export class WebhookDispatcher {
  readonly #clock: WebhookDispatcherOptions['clock'];
  readonly #fetch: WebhookFetch;
  readonly #maxRetries: number;
  readonly #attemptTimeoutMs: number;
  readonly #retryDelay: (retry: number, maxRetries: number) => number | undefined;
  readonly #logLimit: number;
  // Bound: `logLimit` records per log key; one key per endpoint (dropped on delete) or account.
  readonly #logs = new Map<string, WebhookDelivery[]>();
  readonly #scheduled = new Set<Delivery>();
  readonly #inFlight = new Set<Promise<void>>();
  /** Attempts in flight, with their answer-deadline timers. */
  readonly #aborts = new Map<AbortController, TimerHandle>();
  readonly #firstAttemptQueues = new Map<string, QueuedFirstAttempt>();
  readonly #orderingWaits = new Set<() => void>();
  readonly #maxPerUrl: number;
  readonly #maxTotal: number;
  readonly #orderingWaitMs: number;
  // Slots: attempts holding a socket per URL and in all; waiters per URL in arrival order, the
  // map's order being the round robin between URLs.
  readonly #activeByUrl = new Map<string, number>();
  #activeTotal = 0;
  readonly #waiting = new Map<string, ((granted: boolean) => void)[]>();
  // Attempts doing work that is not parked on the clock, a slot or the receiver (see parked()).
  #running = 0;
  #parkedWaiters: (() => void)[] = [];
  #closed = false;
  readonly #journal: Journal | undefined;

  constructor(options: WebhookDispatcherOptions) {
    this.#clock = options.clock;
    this.#journal = options.journal;
    // Late-bound so a test that stubs globalThis.fetch after creating the gateway is honoured.
    this.#fetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.#maxRetries = options.maxRetries ?? WEBHOOK_MAX_RETRIES;
    this.#attemptTimeoutMs = options.attemptTimeoutMs ?? WEBHOOK_ATTEMPT_TIMEOUT_MS;
    this.#retryDelay = options.retryDelay ?? webhookRetryDelay;
    this.#logLimit = options.logLimit ?? 1000;
    this.#maxPerUrl = options.maxInFlightPerEndpoint ?? DEFAULT_WEBHOOK_LIMITS.maxInFlightPerEndpoint;
    this.#maxTotal = options.maxInFlight ?? DEFAULT_WEBHOOK_LIMITS.maxInFlight;
    this.#orderingWaitMs = options.orderingWaitMs ?? WEBHOOK_ORDERING_WAIT_MS;
  }

  /** Attempts holding a socket now (in total, or to one URL). */
  inFlight(url?: string): number {
    return url === undefined ? this.#activeTotal : (this.#activeByUrl.get(url) ?? 0);
  }

  /** Attempts waiting for a slot (in total, or to one URL). */
  queued(url?: string): number {
    if (url !== undefined) return this.#waiting.get(url)?.length ?? 0;
    let total = 0;
    for (const waiters of this.#waiting.values()) total += waiters.length;
    return total;
  }

  /**
   * Resolves once every attempt in flight has finished, sent its request (its answer deadline
   * is a clock timer), or is waiting for a slot or the clock. It never waits for an answer: a
   * {@link ManualClock} calls it (through `onSettle`) before jumping to the next timer, and the
   * next timer may be the very deadline that ends a hanging attempt.
   */
  async parked(): Promise<void> {
    for (;;) {
      // Work released by the last timer (an ordering wait, a granted slot) starts in microtasks.
      for (let i = 0; i < 20; i++) await Promise.resolve();
      if (this.#running === 0) return;
      await new Promise<void>((resolve) => this.#parkedWaiters.push(resolve));
    }
  }

  /**
   * Queues `event` for `target` and returns its (live) log record. Does nothing after
   * {@link WebhookDispatcher.close}.
   */
  deliver(target: DeliveryTarget, event: WebhookEnvelope): WebhookDelivery {
    const record: WebhookDelivery = {
      id: event.event_id,
      object: 'webhook_delivery',
      webhook_id: target.webhookId,
      event_id: event.event_id,
      type: event.type,
      status: 'pending',
      attempts: [],
      next_retry_at: null,
      created_at: this.#isoNow(),
    };
    if (this.#closed) return record;
    this.#log(target.logKey, record);
    const delivery: Delivery = { target, body: JSON.stringify(event), record };
    this.#save(delivery);
    const previous = this.#firstAttemptQueues.get(target.url);
    let markDispatched: () => void = () => undefined;
    const dispatched = new Promise<void>((resolve) => (markDispatched = resolve));
    const start = () => this.#track(this.#attempt(delivery, markDispatched));
    // Start at once when the URL is idle, so the attempt is stamped with the clock time of the event.
    const answered = previous ? this.#afterPrevious(previous).then(start) : start();
    const queued: QueuedFirstAttempt = { dispatched, answered };
    this.#firstAttemptQueues.set(target.url, queued);
    void answered.then(() => {
      if (this.#firstAttemptQueues.get(target.url) === queued) this.#firstAttemptQueues.delete(target.url);
    });
    return record;
  }

  /**
   * Picks up a delivery read from the data file: logged again, and attempted when its
   * `next_retry_at` comes (at once when it is past, or when the attempt had not finished).
   */
  resume(target: DeliveryTarget, pending: PendingDelivery): void {
    if (this.#closed) return;
    const delivery: Delivery = { target, body: pending.body, record: pending.record };
    this.#log(target.logKey, delivery.record);
    const due = delivery.record.next_retry_at === null ? 0 : Date.parse(delivery.record.next_retry_at);
    this.#scheduled.add(delivery);
    delivery.retryTimer = this.#clock.setTimeout(
      () => {
        this.#scheduled.delete(delivery);
        void this.#track(this.#attempt(delivery));
      },
      Math.max(0, due - this.#clock.now()),
    );
  }

  /** A snapshot of the delivery log of one endpoint (or callback label), newest first. */
  deliveries(logKey: string): WebhookDelivery[] {
    return structuredClone(this.#logs.get(logKey) ?? []).reverse();
  }

  /** Drops the log of an endpoint and cancels its scheduled retries (the endpoint was deleted). */
  forget(logKey: string): void {
    this.#logs.delete(logKey);
    for (const delivery of this.#scheduled) {
      if (delivery.target.logKey !== logKey) continue;
      this.#clock.clearTimeout(delivery.retryTimer);
      this.#scheduled.delete(delivery);
      this.#journal?.delete('delivery', '', rowId(delivery));
    }
  }

  /**
   * Resolves once no attempt is in flight. Scheduled retries are not waited for: advance the
   * clock to fire them, then wait again.
   */
  async idle(): Promise<void> {
    // Queued first attempts and retries fired meanwhile add new promises: loop until quiet.
    while (this.#inFlight.size > 0 || this.#firstAttemptQueues.size > 0) {
      const queued = [...this.#firstAttemptQueues.values()].map((first) => first.answered);
      await Promise.allSettled([...this.#inFlight, ...queued]);
    }
  }

  /** Cancels every scheduled retry, aborts attempts in flight and refuses new deliveries. */
  close(): void {
    this.#closed = true;
    for (const delivery of this.#scheduled) {
      this.#clock.clearTimeout(delivery.retryTimer);
      delivery.record.next_retry_at = null;
    }
    this.#scheduled.clear();
    // Released waits find the dispatcher closed and send nothing.
    for (const release of [...this.#orderingWaits]) release();
    for (const waiters of this.#waiting.values()) for (const wake of waiters) wake(false);
    this.#waiting.clear();
    for (const [controller, timer] of this.#aborts) {
      this.#clock.clearTimeout(timer);
      controller.abort();
    }
  }

  /**
   * Resolves once `previous` has an answer, or after {@link WEBHOOK_ORDERING_WAIT_MS} on the
   * clock, whichever comes first: order is kept for a receiver that answers, while one that
   * hangs delays the events queued behind it by a second, not by 10 s each. Either way it also
   * waits until `previous` has gone out: events released by the same tick would otherwise race
   * through signing (Web Crypto completes in any order) and reach the receiver out of order.
   */
  async #afterPrevious(previous: QueuedFirstAttempt): Promise<void> {
    const answeredOrWaited = new Promise<void>((resolve) => {
      const release = () => {
        this.#clock.clearTimeout(timer);
        this.#orderingWaits.delete(release);
        resolve();
      };
      const timer: TimerHandle = this.#clock.setTimeout(release, this.#orderingWaitMs);
      this.#orderingWaits.add(release);
      void previous.answered.then(release);
    });
    await Promise.all([answeredOrWaited, previous.dispatched]);
  }

  #track(attempt: Promise<void>): Promise<void> {
    this.#inFlight.add(attempt);
    return attempt.finally(() => this.#inFlight.delete(attempt));
  }

  /** One attempt; `onDispatch` is called when its request goes out, or when it ends without one. */
  async #attempt(delivery: Delivery, onDispatch: () => void = () => undefined): Promise<void> {
    this.#resume();
    try {
      if (this.#closed) return onDispatch();
      const url = delivery.target.url;
      let granted = this.#tryAcquire(url);
      if (!granted) {
        this.#pause();
        try {
          granted = await new Promise<boolean>((wake) => this.#enqueue(url, wake));
        } finally {
          this.#resume();
        }
      }
      if (!granted) return onDispatch();
      try {
        await this.#attemptWithSlot(delivery, onDispatch);
      } finally {
        this.#releaseSlot(url);
      }
    } finally {
      this.#pause();
    }
  }

  #resume(): void {
    this.#running++;
  }

  #pause(): void {
    if (--this.#running > 0) return;
    const waiters = this.#parkedWaiters;
    this.#parkedWaiters = [];
    for (const wake of waiters) wake();
  }

  #canStart(url: string): boolean {
    return this.#activeTotal < this.#maxTotal && (this.#activeByUrl.get(url) ?? 0) < this.#maxPerUrl;
  }

  #take(url: string): void {
    this.#activeTotal++;
    this.#activeByUrl.set(url, (this.#activeByUrl.get(url) ?? 0) + 1);
  }

  // Waiters of the URL go first: a newcomer must not overtake the queue.
  #tryAcquire(url: string): boolean {
    if (this.#waiting.has(url) || !this.#canStart(url)) return false;
    this.#take(url);
    return true;
  }

  #enqueue(url: string, wake: (granted: boolean) => void): void {
    const waiters = this.#waiting.get(url);
    if (waiters) waiters.push(wake);
    else this.#waiting.set(url, [wake]);
  }

  #releaseSlot(url: string): void {
    this.#activeTotal--;
    const left = (this.#activeByUrl.get(url) ?? 1) - 1;
    if (left === 0) this.#activeByUrl.delete(url);
    else this.#activeByUrl.set(url, left);
    // Round robin: the URL served goes to the back of the map, so every waiting URL gets a turn.
    for (let granted = true; granted;) {
      granted = false;
      for (const [waitingUrl, waiters] of this.#waiting) {
        if (!this.#canStart(waitingUrl)) continue;
        this.#take(waitingUrl);
        const wake = waiters.shift()!;
        this.#waiting.delete(waitingUrl);
        if (waiters.length > 0) this.#waiting.set(waitingUrl, waiters);
        wake(true);
        granted = true;
        break;
      }
    }
  }

  async #attemptWithSlot(delivery: Delivery, onDispatch: () => void): Promise<void> {
    if (this.#closed) return onDispatch();
    const { record, target } = delivery;
    const attempt: WebhookDeliveryAttempt = { at: this.#isoNow(), status_code: null, error: null };
    record.next_retry_at = null;
    try {
      attempt.status_code = await this.#post(target, delivery.body, onDispatch);
    } catch (error) {
      attempt.error = describeFailure(error);
    } finally {
      onDispatch();
    }
    // Logged once finished, so a listed attempt always has its outcome.
    record.attempts.push(attempt);
    if (attempt.status_code !== null && isDelivered(attempt.status_code)) {
      record.status = 'succeeded';
      this.#journal?.delete('delivery', '', rowId(delivery));
      return;
    }
    // No secret means the endpoint is gone: retrying could never succeed.
    if (attempt.error === NO_SIGNING_SECRET) {
      record.status = 'failed';
      this.#journal?.delete('delivery', '', rowId(delivery));
      return;
    }
    this.#scheduleRetry(delivery);
  }

  #scheduleRetry(delivery: Delivery): void {
    const { record } = delivery;
    const delay = this.#closed ? undefined : this.#retryDelay(record.attempts.length, this.#maxRetries);
    if (delay === undefined) {
      record.status = this.#closed ? 'pending' : 'failed';
      // Closing keeps the row: a durable gateway resumes the delivery when it starts again.
      if (!this.#closed) this.#journal?.delete('delivery', '', rowId(delivery));
      return;
    }
    record.next_retry_at = new Date(this.#clock.now() + delay).toISOString();
    this.#save(delivery);
    this.#scheduled.add(delivery);
    delivery.retryTimer = this.#clock.setTimeout(() => {
      this.#scheduled.delete(delivery);
      void this.#track(this.#attempt(delivery));
    }, delay);
  }

  async #post(target: DeliveryTarget, body: string, onDispatch: () => void): Promise<number> {
    const secrets = target.secrets();
    if (secrets.length === 0) throw new NoSigningSecret('the endpoint has no signing secret');
    // A fresh `t` on every attempt, so a retry arriving hours later still passes the receiver's tolerance.
    const signature = await signWebhook({
      payload: body,
      secret: [...secrets],
      timestamp: Math.floor(this.#clock.now() / 1000),
    });
    if (this.#closed) throw new DOMException('the gateway closed', 'AbortError');
    const controller = new AbortController();
    // Raced rather than left to the signal, so a fetch that ignores `signal` still ends on time
    // (and on close()).
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
    });
    const timer = this.#clock.setTimeout(
      () => controller.abort(new AttemptTimeout(`no answer within ${this.#attemptTimeoutMs} ms`)),
      this.#attemptTimeoutMs,
    );
    this.#aborts.set(controller, timer);
    onDispatch();
    // Parked while the receiver answers: the deadline is a clock timer, so a ManualClock may move on.
    this.#pause();
    try {
      const response = await Promise.race([
        this.#fetch(target.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'OneMessage-Webhooks/1',
            'x-onemessage-signature': signature,
          },
          body,
          redirect: 'manual',
          signal: controller.signal,
        }),
        aborted,
      ]);
      // The body is of no interest, but reading a short one to its end hands the socket back to
      // the pool before the slot is freed, so the next attempt reuses it instead of opening
      // another. Raced with the deadline: a receiver that stalls its body cannot hold the slot.
      await Promise.race([drain(response.body), aborted]).catch(() => undefined);
      return response.status;
    } finally {
      this.#resume();
      this.#clock.clearTimeout(timer);
      this.#aborts.delete(controller);
      aborted.catch(() => undefined);
    }
  }

  #save(delivery: Delivery): void {
    const { target, body, record } = delivery;
    const pending: PendingDelivery = {
      target: { webhookId: target.webhookId, logKey: target.logKey, url: target.url },
      body,
      record,
    };
    this.#journal?.put('delivery', '', rowId(delivery), () => pending);
  }

  #log(key: string, record: WebhookDelivery): void {
    const log = this.#logs.get(key) ?? [];
    log.push(record);
    if (log.length > this.#logLimit) log.splice(0, log.length - this.#logLimit);
    this.#logs.set(key, log);
  }

  #isoNow(): string {
    return new Date(this.#clock.now()).toISOString();
  }
}

// One row per event and target: an event fanned out to several endpoints shares its id.
function rowId(delivery: Delivery): string {
  return `${delivery.target.logKey} ${delivery.record.id}`;
}

// Receivers answer with a few bytes; past this much the rest is canceled (the socket is dropped).
const MAX_DRAIN_BYTES = 64 * 1024;

async function drain(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
      if (read > MAX_DRAIN_BYTES) break;
    }
    await reader.cancel();
  } catch {
    // A body that errors has freed its connection anyway.
  } finally {
    reader.releaseLock();
  }
}

/** A short, secret-free reason for an attempt that got no HTTP answer. */
function describeFailure(error: unknown): string {
  if (error instanceof AttemptTimeout) return 'timeout';
  if (error instanceof NoSigningSecret) return NO_SIGNING_SECRET;
  if (error instanceof Error && error.name === 'AbortError') return 'aborted';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return `connection_error: ${code ?? message}`;
}
