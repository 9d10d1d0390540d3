/**
 * Simulated delivery on the gateway clock: `scheduled → queued → sent → delivered | failed |
 * expired`, with the DLR `events` history and a `message.*` event for each step after `queued`.
 * @module
 */

import type { GatewayServices } from './context.js';
import type { Account, MessageRecord } from './store.js';
import { behaviourFor, FAILURE_MESSAGES } from './test-numbers.js';
import type { GatewayMessage, MessageStatus } from './types.js';

const FINAL_STATUSES: ReadonlySet<MessageStatus> = new Set(['delivered', 'failed', 'expired', 'canceled', 'rejected']);

/** True once a message can no longer change status. */
export function isFinal(status: MessageStatus): boolean {
  return FINAL_STATUSES.has(status);
}

/** Schedules every step of a new message's life on the clock, from now or its `scheduled_at`. */
export function startDelivery(services: GatewayServices, account: Account, record: MessageRecord): void {
  const { clock } = services;
  const timings = services.options.delivery;
  const message = record.message;
  const behaviour = behaviourFor(message.to);
  const startAt = message.scheduled_at === null ? clock.now() : Date.parse(message.scheduled_at);
  const sentAt = startAt + timings.sentAfterMs;

  const at = (time: number, step: () => void | Promise<void>) => {
    const handle = clock.setTimeout(async () => {
      if (isFinal(record.message.status)) return;
      await step();
    }, Math.max(0, time - clock.now()));
    record.timers.push(handle);
  };

  if (message.status === 'scheduled') at(startAt, () => void transition(services, record, 'queued'));

  if (behaviour.outcome === 'failed' && !behaviour.afterSent) {
    at(sentAt, () => fail(services, account, record, behaviour.errorCode, behaviour.operatorCode));
  } else {
    at(sentAt, () => advance(services, account, record, 'sent'));
  }

  if (behaviour.outcome === 'delivered') {
    const after = behaviour.speed === 'slow' ? timings.slowDeliveredAfterMs : timings.deliveredAfterMs;
    at(sentAt + after, () => advance(services, account, record, 'delivered'));
  } else if (behaviour.outcome === 'failed' && behaviour.afterSent) {
    at(sentAt + timings.deliveredAfterMs, () => fail(services, account, record, behaviour.errorCode, behaviour.operatorCode));
  }

  at(record.expiresAt, () =>
    advance(services, account, record, 'expired', { code: 'validity_expired', message: FAILURE_MESSAGES.validity_expired! }),
  );
}

/** Stops a message's pending steps (cancel, or once it is final). */
export function stopDelivery(services: GatewayServices, record: MessageRecord): void {
  for (const handle of record.timers) services.clock.clearTimeout(handle);
  record.timers = [];
}

/** Records a status change in the message and its `events` history. */
export function transition(
  services: GatewayServices,
  record: MessageRecord,
  status: MessageStatus,
  details: { operatorCode?: string; error?: GatewayMessage['error'] } = {},
): void {
  const message = record.message;
  const at = new Date(services.clock.now()).toISOString();
  message.status = status;
  message.events.push(details.operatorCode === undefined ? { status, at } : { status, at, operator_code: details.operatorCode });
  if (status === 'sent') message.sent_at = at;
  if (status === 'delivered') message.delivered_at = at;
  if (details.error) message.error = details.error;
  if (isFinal(status)) stopDelivery(services, record);
}

async function fail(
  services: GatewayServices,
  account: Account,
  record: MessageRecord,
  errorCode: string,
  operatorCode: string,
): Promise<void> {
  const error = { code: errorCode, message: FAILURE_MESSAGES[errorCode] ?? 'Delivery failed.' };
  await advance(services, account, record, 'failed', error, operatorCode);
}

async function advance(
  services: GatewayServices,
  account: Account,
  record: MessageRecord,
  status: 'sent' | 'delivered' | 'failed' | 'expired',
  error?: GatewayMessage['error'],
  operatorCode?: string,
): Promise<void> {
  transition(services, record, status, { error, operatorCode });
  await publishMessageEvent(services, account, record, `message.${status}`);
}

/** Announces a message event; a failing publisher is logged, never allowed to break delivery. */
export async function publishMessageEvent(
  services: GatewayServices,
  account: Account,
  record: MessageRecord,
  type: string,
): Promise<void> {
  try {
    // No copy here: the publisher snapshots `data` before it returns.
    await services.events.publish(account, { type, data: record.message, callbackUrl: record.callbackUrl });
  } catch (error) {
    services.logger.error?.('gateway: publishing an event failed', {
      type,
      message_id: record.message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
