/**
 * Simulated delivery on the gateway clock: `scheduled → queued → sent → delivered | failed |
 * expired`, with the DLR `events` history and a `message.*` event for each step after `queued`.
 * @module
 */

import type { MessageStatus } from '../../schemas/common.js';
import type { Message } from '../../schemas/message.js';
import type { Account } from '../accounts/accounts.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { DeliveryOptions } from '../options.js';
import { behaviourFor, FAILURE_MESSAGES } from '../test-numbers.js';
import type { Webhooks } from '../webhooks/webhooks.js';
import type { MessageRecord, MessageStore } from './store.js';

/** What simulated delivery runs on. */
export interface DeliveryServices {
  /** Schedules every step (timers are cleared on `gateway.close()`). */
  clock: Clock;
  /** Announces `message.*` events. */
  webhooks: Pick<Webhooks, 'publish'>;
  /** Step timings. */
  delivery: Required<DeliveryOptions>;
  /** Told of each status change, so a durable gateway writes it (absent: nothing to tell). */
  messages?: Pick<MessageStore, 'touch'>;
}

const FINAL_STATUSES: ReadonlySet<MessageStatus> = new Set(['delivered', 'failed', 'expired', 'canceled', 'rejected']);

/** True once a message can no longer change status. */
export function isFinal(status: MessageStatus): boolean {
  return FINAL_STATUSES.has(status);
}

/**
 * Schedules every step of a new message's life on the clock, from now or its `scheduled_at`.
 * With `resume` (a message read back from the data file) the steps count from its `created_at`
 * instead, steps it already took are skipped, and steps already due run at once.
 */
export function startDelivery(
  services: DeliveryServices,
  account: Account,
  record: MessageRecord,
  options: { resume?: boolean } = {},
): void {
  const { clock } = services;
  const message = record.message;
  const startAt =
    message.scheduled_at !== null
      ? Date.parse(message.scheduled_at)
      : options.resume
        ? Date.parse(message.created_at)
        : clock.now();
  const at = (time: number, step: () => void) => record.timers.push(timerFor(clock, record, time, step));
  scheduleSteps(services, account, record, startAt, at, at);
}

/** Steps of a batch's deliveries that fall due together run in slices of this many, yielding in between. */
export const DELIVERY_SLICE_SIZE = 200;

/**
 * The deliveries of one batch: where {@link startDelivery} would arm a timer per step (30,000 for
 * 10,000 messages, firing in bursts of 10,000 callbacks that hold the event loop for tens of
 * milliseconds), steps that fall due at the same clock time share one timer, which runs them
 * {@link DELIVERY_SLICE_SIZE} at a time with a zero-delay clock timer in between (so a
 * ManualClock still runs them all within one `advance()`, at the same clock time). Expiry keeps
 * a timer per message: it is cleared once the message is final, so it rarely fires.
 */
export class BatchDelivery {
  readonly #services: DeliveryServices;
  readonly #account: Account;
  readonly #startAt: number;
  readonly #due = new Map<number, (() => void)[]>();

  /** Messages added start now (or at their `scheduled_at`). */
  constructor(services: DeliveryServices, account: Account) {
    this.#services = services;
    this.#account = account;
    this.#startAt = services.clock.now();
  }

  /** Plans `record`'s steps; nothing runs before {@link start}. */
  add(record: MessageRecord): void {
    const message = record.message;
    const startAt = message.scheduled_at === null ? this.#startAt : Date.parse(message.scheduled_at);
    const { clock } = this.#services;
    const grouped = (time: number, step: () => void) => {
      const steps = this.#due.get(time) ?? [];
      if (steps.length === 0) this.#due.set(time, steps);
      // A canceled message stays in its group; the step skips it, as a cleared timer would.
      steps.push(() => {
        if (!isFinal(record.message.status)) step();
      });
    };
    const own = (time: number, step: () => void) => record.timers.push(timerFor(clock, record, time, step));
    scheduleSteps(this.#services, this.#account, record, startAt, grouped, own);
  }

  /** Arms one timer per distinct due time of the messages added. */
  start(): void {
    const { clock } = this.#services;
    for (const [time, steps] of this.#due) {
      clock.setTimeout(() => this.#run(steps, 0), Math.max(0, time - clock.now()));
    }
    this.#due.clear();
  }

  #run(steps: (() => void)[], from: number): void {
    const end = Math.min(from + DELIVERY_SLICE_SIZE, steps.length);
    for (let i = from; i < end; i++) steps[i]!();
    if (end < steps.length) this.#services.clock.setTimeout(() => this.#run(steps, end), 0);
  }
}

function timerFor(clock: Clock, record: MessageRecord, time: number, step: () => void): TimerHandle {
  return clock.setTimeout(
    () => {
      if (!isFinal(record.message.status)) step();
    },
    Math.max(0, time - clock.now()),
  );
}

type At = (time: number, step: () => void) => void;

// Every step of a message's life from `startAt`; `expire` schedules the validity deadline.
function scheduleSteps(
  services: DeliveryServices,
  account: Account,
  record: MessageRecord,
  startAt: number,
  at: At,
  expire: At,
): void {
  const timings = services.delivery;
  const message = record.message;
  const behaviour = behaviourFor(message.to);
  const sentAt = startAt + timings.sentAfterMs;

  if (message.status === 'scheduled') at(startAt, () => transition(services, record, 'queued'));

  if (message.status === 'sent') {
    // Sent before the restart: only what follows remains.
  } else if (behaviour.outcome === 'failed' && !behaviour.afterSent) {
    at(sentAt, () => fail(services, account, record, behaviour.errorCode, behaviour.operatorCode));
  } else {
    at(sentAt, () => advance(services, account, record, 'sent'));
  }

  if (behaviour.outcome === 'delivered') {
    const after = behaviour.speed === 'slow' ? timings.slowDeliveredAfterMs : timings.deliveredAfterMs;
    at(sentAt + after, () => advance(services, account, record, 'delivered'));
  } else if (behaviour.outcome === 'failed' && behaviour.afterSent) {
    at(sentAt + timings.deliveredAfterMs, () =>
      fail(services, account, record, behaviour.errorCode, behaviour.operatorCode),
    );
  }

  expire(record.expiresAt, () =>
    advance(services, account, record, 'expired', {
      code: 'validity_expired',
      message: FAILURE_MESSAGES.validity_expired!,
    }),
  );
}

/** Stops a message's pending steps (cancel, or once it is final). */
export function stopDelivery(services: DeliveryServices, record: MessageRecord): void {
  for (const handle of record.timers) services.clock.clearTimeout(handle);
  record.timers = [];
}

/** Records a status change in the message and its `events` history. */
export function transition(
  services: DeliveryServices,
  record: MessageRecord,
  status: MessageStatus,
  details: { operatorCode?: string; error?: Message['error'] } = {},
): void {
  const message = record.message;
  const at = new Date(services.clock.now()).toISOString();
  message.status = status;
  message.events.push(
    details.operatorCode === undefined ? { status, at } : { status, at, operator_code: details.operatorCode },
  );
  if (status === 'sent') message.sent_at = at;
  if (status === 'delivered') message.delivered_at = at;
  if (details.error) message.error = details.error;
  if (isFinal(status)) stopDelivery(services, record);
  services.messages?.touch(record);
}

function fail(
  services: DeliveryServices,
  account: Account,
  record: MessageRecord,
  errorCode: string,
  operatorCode: string,
): void {
  const error = { code: errorCode, message: FAILURE_MESSAGES[errorCode] ?? 'Delivery failed.' };
  advance(services, account, record, 'failed', error, operatorCode);
}

function advance(
  services: DeliveryServices,
  account: Account,
  record: MessageRecord,
  status: 'sent' | 'delivered' | 'failed' | 'expired',
  error?: Message['error'],
  operatorCode?: string,
): void {
  transition(services, record, status, { error, operatorCode });
  publishMessageEvent(services, account, record, `message.${status}`);
}

/** Announces a `message.*` event about `record` to the account's endpoints and its `callback_url`. */
export function publishMessageEvent(
  services: DeliveryServices,
  account: Account,
  record: MessageRecord,
  type: 'message.sent' | 'message.delivered' | 'message.failed' | 'message.expired',
): void {
  // No copy here: publish snapshots `data` before it returns.
  services.webhooks.publish(account.id, { type, data: record.message, callbackUrl: record.callbackUrl });
}
