/**
 * Wire shapes the gateway produces for the messages part of the contract (API.md). They mirror
 * the zod schemas in `src/schemas/`; the gateway keeps its own copy so that its entry point does
 * not have to load zod to describe what it returns.
 * @module
 */

import type { Money } from '../pricing/money.js';

/** Lifecycle state of a message. */
export type MessageStatus =
  | 'scheduled'
  | 'queued'
  | 'sent'
  | 'delivered'
  | 'failed'
  | 'expired'
  | 'canceled'
  | 'rejected';

/** One entry of a message's delivery-report (DLR) history. */
export interface MessageEvent {
  status: MessageStatus;
  /** ISO 8601 UTC time of the transition. */
  at: string;
  /** Operator's status code when it reported one (failures), e.g. `"EC_ABSENT_SUBSCRIBER"`. */
  operator_code?: string;
}

/** Why a message failed, in the contract's error style. */
export interface MessageError {
  code: string;
  message: string;
}

/** A message as `GET /v1/messages/:id` returns it. */
export interface GatewayMessage {
  id: string;
  object: 'message';
  direction: 'outbound' | 'inbound';
  to: string;
  sender: string;
  body: string;
  route: 'local_operator' | 'local_reseller';
  status: MessageStatus;
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  characters: number;
  price: Money;
  country: string | null;
  operator: string | null;
  scheduled_at: string | null;
  created_at: string;
  sent_at: string | null;
  delivered_at: string | null;
  error: MessageError | null;
  metadata: Record<string, string>;
  dry_run: boolean;
  events: MessageEvent[];
}
