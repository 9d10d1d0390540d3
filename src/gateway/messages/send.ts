/**
 * Sending one message: every check of `POST /v1/messages` in the contract's order, then storing,
 * debiting and starting its simulated delivery. The batch route sends each entry through here.
 * @module
 */

import { money, segmentPriceUnits } from '../../pricing/index.js';
import { validateMessageCreateParams } from '../../schemas/message-params.js';
import { parsePhoneNumberFull } from '../../schemas/phone-full.js';
import type { Message } from '../../schemas/message.js';
import { segments } from '../../segments/index.js';
import type { Account } from '../accounts/accounts.js';
import type { Ledger } from '../accounts/ledger.js';
import { contentViolation } from '../content-policy.js';
import { GatewayError, orThrow } from '../errors.js';
import type { IdGenerator } from '../ids.js';
import { lookupDestination } from '../operators.js';
import { DEFAULT_APPROVED_SENDER, type SenderStore } from '../senders/store.js';
import { TEST_NUMBER_FAULTS } from '../test-numbers.js';
import { startDelivery, type DeliveryServices } from './delivery.js';
import type { MessageStore } from './store.js';

/** Default validity period: 48 h. */
const DEFAULT_VALIDITY_SECONDS = 172_800;

/** The services sending a message uses. */
export interface SendServices extends DeliveryServices {
  /** Makes `msg_…` ids. */
  ids: IdGenerator;
  /** Where messages are stored. */
  messages: MessageStore;
  /** Checks and debits the price. */
  ledger: Ledger;
  /** Which senders the account may use. */
  senders: SenderStore;
}

/** Who is sending: the account, and the request's `Idempotency-Key` (for first-attempt-only faults). */
export interface SendOrigin {
  /** The sending account. */
  account: Account;
  /** The request's `Idempotency-Key`, or `null`. */
  idempotencyKey: string | null;
}

/** A validated, priced message that is not stored yet. */
export interface MessageDraft {
  /** The message as it will be stored. */
  message: Message;
  /** Its price in ten-thousandths. */
  priceUnits: number;
  /** Clock time (ms) after which it expires undelivered. */
  expiresAt: number;
  /** Its `callback_url`, or `null`. */
  callbackUrl: string | null;
}

/** Options of {@link prepareMessage} for callers other than `POST /v1/messages`. */
export interface PrepareOptions {
  /**
   * The body to store, list and publish instead of the one sent (OTP: the code masked). Segments
   * and price are still counted on the body sent.
   */
  storedBody?: string;
  /**
   * Check that the balance covers this message (402). The batch route checks once, for the whole batch.
   * @default true
   */
  credit?: boolean;
  /**
   * Receives a message blocked by the content policy instead of storing it at once (the batch
   * route stores nothing until the whole batch is known to be affordable).
   * @default stores it as `rejected` ({@link recordRejected})
   */
  onRejected?: (message: Message) => void;
}

/**
 * Runs every check of `POST /v1/messages` on `input` in the contract's order: parameters (400),
 * test-number faults, sender approval (403), segments (400), content policy (400, recorded as
 * `rejected`), credit (402). Stores nothing except a rejected message.
 * @throws GatewayError for the first check that fails.
 */
export async function prepareMessage(
  services: SendServices,
  from: SendOrigin,
  input: unknown,
  options: PrepareOptions = {},
): Promise<MessageDraft> {
  const { account } = from;
  const now = services.clock.now();
  const params = orThrow(await validateMessageCreateParams(input, { now, phone: parsePhoneNumberFull }));

  throwInjectedFault(services, from, params.to);

  const sender = params.sender ?? DEFAULT_APPROVED_SENDER;
  if (!sender.startsWith('+') && !services.senders.isApproved(account, sender)) {
    throw new GatewayError(
      403,
      'sender_not_approved',
      `The sender ID ${sender} is not approved for this account; register it with POST /v1/senders ` +
        `(client.senders.create) or start the gateway with a pre-approved sender (the approvedSenders option).`,
      { param: 'sender' },
    );
  }

  const count = segments(params.body, { autoconvert: params.autoconvert ?? 'off' });

  const destination = await lookupDestination(params.to);
  const priceUnits = segmentPriceUnits(destination.country, account.currency) * count.segments;
  const message: Message = {
    id: services.ids.next('msg'),
    object: 'message',
    direction: 'outbound',
    to: params.to,
    sender,
    body: options.storedBody ?? count.text,
    route: params.route ?? 'local_operator',
    status: params.scheduled_at ? 'scheduled' : 'queued',
    encoding: count.encoding,
    segments: count.segments,
    characters: count.characters,
    price: money(priceUnits, account.currency),
    country: destination.country,
    operator: destination.operator,
    scheduled_at: params.scheduled_at ?? null,
    created_at: new Date(now).toISOString(),
    sent_at: null,
    delivered_at: null,
    error: null,
    metadata: params.metadata ?? {},
    dry_run: params.dry_run === true,
    events: [],
  };

  const violation = contentViolation(count.text);
  if (violation) {
    if (!message.dry_run) (options.onRejected ?? ((m: Message) => recordRejected(services, account, m)))(message);
    throw new GatewayError(400, 'forbidden_content', `body was blocked by the content policy: ${violation}.`, {
      param: 'body',
    });
  }

  if (options.credit !== false) throwIfUnaffordable(services.ledger, account, message, priceUnits);

  const startAt = params.scheduled_at ? Date.parse(params.scheduled_at) : now;
  return {
    message,
    priceUnits,
    expiresAt: startAt + (params.validity_seconds ?? DEFAULT_VALIDITY_SECONDS) * 1000,
    callbackUrl: params.callback_url ?? null,
  };
}

/**
 * Stores a prepared message, debits it and starts its simulated delivery. The balance is checked
 * again here, in the same synchronous step as the debit, because concurrent requests may have
 * spent it since {@link prepareMessage}. With `deliver: false` the caller starts the delivery
 * itself, and with `charged: true` it has already debited the price: the batch route reserves a
 * whole batch's price in one step, then inserts its messages in slices and groups their timers.
 * @throws GatewayError 402 when the balance no longer covers it (never with `charged`).
 */
export function commitMessage(
  services: SendServices,
  account: Account,
  draft: MessageDraft,
  options: { deliver?: boolean; charged?: boolean } = {},
): Message {
  const { message } = draft;
  // `charged`: the batch route debited the whole batch's price at once, before inserting any of it.
  if (options.charged !== true) throwIfUnaffordable(services.ledger, account, message, draft.priceUnits);
  message.events.push({ status: message.status, at: message.created_at });
  const record = services.messages.insert(account, message, {
    expiresAt: draft.expiresAt,
    callbackUrl: draft.callbackUrl,
    priceUnits: draft.priceUnits,
  });
  if (options.charged !== true) services.ledger.debit(account, draft.priceUnits);
  if (options.deliver !== false) startDelivery(services, account, record);
  return message;
}

function throwIfUnaffordable(ledger: Ledger, account: Account, message: Message, priceUnits: number): void {
  const available = ledger.available(account);
  if (priceUnits <= available) return;
  throw new GatewayError(
    402,
    'insufficient_credits',
    `This message costs ${message.price.amount} ${message.price.currency} but the balance is ` +
      `${money(available, account.currency).amount}.`,
  );
}

// The magic fault numbers (test-numbers.ts): answer with the documented error instead of sending.
function throwInjectedFault(services: SendServices, from: SendOrigin, to: string): void {
  const fault = TEST_NUMBER_FAULTS[to];
  if (!fault) return;
  const key = from.idempotencyKey;
  if (fault.firstAttemptOnly && key && services.messages.faultedBefore(from.account, key)) return;
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
  throw new GatewayError(fault.status, fault.code, fault.description, { headers });
}

/** Stores a message the content policy blocked, as `rejected` and free. */
export function recordRejected(services: SendServices, account: Account, message: Message): void {
  message.status = 'rejected';
  message.price = money(0, account.currency);
  message.error = { code: 'forbidden_content', message: 'The message was blocked by the content policy.' };
  message.events.push({ status: 'rejected', at: message.created_at });
  services.messages.insert(account, message, { expiresAt: services.clock.now(), callbackUrl: null, priceUnits: 0 });
}
