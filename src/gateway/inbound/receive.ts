/**
 * An inbound SMS arriving at one of the account's numbers: stored as a message with
 * `direction: "inbound"` (listed by `GET /v1/messages?direction=inbound`) and announced by
 * `message.received`. Receiving is free.
 * @module
 */

import { money } from '../../pricing/index.js';
import type { Message } from '../../schemas/message.js';
import { segments } from '../../segments/index.js';
import type { Account } from '../accounts/accounts.js';
import type { Clock } from '../clock.js';
import type { IdGenerator } from '../ids.js';
import type { MessageStore } from '../messages/store.js';
import { lookupDestination } from '../operators.js';
import type { Webhooks } from '../webhooks/webhooks.js';

/** What receiving an SMS uses. */
export interface InboundServices {
  /** Where the inbound message is stored, next to the outbound ones. */
  messages: MessageStore;
  /** Stamps `created_at`. */
  clock: Clock;
  /** Makes `msg_…` ids. */
  ids: IdGenerator;
  /** Announces `message.received`. */
  webhooks: Pick<Webhooks, 'publish'>;
}

/** Stores an SMS from `from` to the account's number `to` and publishes `message.received`. */
export async function receiveInbound(
  services: InboundServices,
  account: Account,
  sms: { from: string; to: string; body: string },
): Promise<Message> {
  const at = new Date(services.clock.now()).toISOString();
  const count = segments(sms.body);
  // The operator and country are the sender's: that is whose network the SMS came over.
  const origin = await lookupDestination(sms.from);
  const message: Message = {
    id: services.ids.next('msg'),
    object: 'message',
    direction: 'inbound',
    to: sms.to,
    sender: sms.from,
    body: count.text,
    route: 'local_operator',
    // Final on arrival: nothing more will happen to it.
    status: 'delivered',
    encoding: count.encoding,
    segments: count.segments,
    characters: count.characters,
    price: money(0, account.currency),
    country: origin.country,
    operator: origin.operator,
    scheduled_at: null,
    created_at: at,
    sent_at: at,
    delivered_at: at,
    error: null,
    metadata: {},
    dry_run: false,
    events: [{ status: 'delivered', at }],
  };
  services.messages.insert(account, message, {
    expiresAt: services.clock.now(),
    callbackUrl: null,
    priceUnits: 0,
  });
  services.webhooks.publish(account.id, {
    type: 'message.received',
    data: message,
  });
  return message;
}
