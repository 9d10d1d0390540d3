/**
 * Start-up of a durable gateway: opens the data file, checks it belongs to the configured keys,
 * puts every stored record back into its store and re-arms the clock (delivery steps, scheduled
 * messages, approvals, calls and webhook retries resume from their stored times; the ones due
 * while the gateway was down run at once).
 * @module
 */

import type { Account } from '../accounts/accounts.js';
import type { AccountBalance, Ledger } from '../accounts/ledger.js';
import type { FinishedKey, IdempotencyStore } from '../idempotency.js';
import { isFinal, startDelivery, type DeliveryServices } from '../messages/delivery.js';
import type { MessageRecord, MessageStore } from '../messages/store.js';
import { GatewayOptionsError } from '../options.js';
import type { OtpRecord, OtpStore } from '../otp/store.js';
import { scheduleApproval, type SenderServices } from '../senders/routes.js';
import type { SenderStore } from '../senders/store.js';
import { startCall, type VoiceSimulationServices } from '../voice/simulate.js';
import type { CallRecord, CallStore } from '../voice/store.js';
import type { PendingDelivery } from '../webhooks/dispatcher.js';
import type { StoredEndpoint } from '../webhooks/endpoints.js';
import type { Webhooks } from '../webhooks/webhooks.js';
import { WriteThroughJournal, type Journal, type StoredRecord } from './journal.js';
import { openSqliteBackend } from './sqlite.js';
import type { Sender } from '../../schemas/sender.js';

/**
 * Opens `file` as the gateway's journal.
 * @throws GatewayOptionsError `data` when the runtime has no node:sqlite or the file cannot be opened.
 */
export function openJournal(file: string): WriteThroughJournal {
  return new WriteThroughJournal(openSqliteBackend(file));
}

/** An account as the data file records it: enough to refuse a file written for other keys. */
export interface StoredAccount {
  /** The key the account authenticated with. */
  apiKey: string;
  /** Its currency. */
  currency: string;
}

/**
 * Checks the configured accounts against the file and records new ones. Returns the ids of
 * accounts the file already knows (their balance and senders are restored, not opened afresh).
 * @throws GatewayOptionsError `data` when an account id of the file belongs to another key or currency.
 */
export function knownAccounts(journal: Journal, accounts: readonly Account[]): Set<string> {
  const stored = new Map(journal.load('account').map((row) => [row.id, row.value as StoredAccount]));
  const known = new Set<string>();
  accounts.forEach((account, index) => {
    const row = stored.get(account.id);
    if (!row) {
      const value: StoredAccount = { apiKey: account.apiKey, currency: account.currency };
      journal.put('account', account.id, account.id, () => value);
      return;
    }
    // Never echo a key: say which position differs.
    if (row.apiKey !== account.apiKey || row.currency !== account.currency) {
      throw new GatewayOptionsError(
        'data',
        `the file was written by a gateway with another key or currency in position ${index + 1} ` +
          '(accounts are matched by position): start with the same keys in the same order, or use another file',
      );
    }
    known.add(account.id);
  });
  return known;
}

/** The stores and services a restore fills and re-arms. */
export interface RestoreTargets {
  /** The gateway's accounts, by id. */
  accounts: ReadonlyMap<string, Account>;
  /** Balances. */
  ledger: Ledger;
  /** Messages. */
  messages: MessageStore;
  /** Idempotency keys. */
  idempotency: IdempotencyStore;
  /** Endpoints, secrets and pending deliveries. */
  webhooks: Webhooks;
  /** Sender registrations. */
  senders: SenderStore;
  /** OTPs. */
  otps: OtpStore;
  /** Calls. */
  calls: CallStore;
  /** What resumed deliveries run on. */
  delivery: DeliveryServices;
  /** What resumed approvals run on. */
  senderServices: SenderServices;
  /** What resumed calls run on. */
  voice: VoiceSimulationServices;
}

/** Counts of what {@link restoreState} put back, for the start-up banner. */
export type RestoreSummary = Record<'messages' | 'idempotencyKeys' | 'endpoints' | 'deliveries', number>;

/** Puts every stored record back and re-arms its timers. */
export function restoreState(journal: WriteThroughJournal, targets: RestoreTargets): RestoreSummary {
  const summary: RestoreSummary = { messages: 0, idempotencyKeys: 0, endpoints: 0, deliveries: 0 };
  const owned = (kind: Parameters<Journal['load']>[0]) =>
    journal.load(kind).flatMap((row) => {
      const account = targets.accounts.get(row.account);
      return account ? [{ ...row, owner: account }] : [];
    });
  const now = () => targets.delivery.clock.now();
  journal.restoring(() => {
    for (const row of owned('balance')) targets.ledger.restore(row.owner, row.value as AccountBalance);
    for (const row of owned('sender')) {
      const record = targets.senders.restore(row.owner, row.value as Sender);
      if (record.sender.status === 'pending') scheduleApproval(targets.senderServices, row.owner, record);
    }
    for (const row of journal.load('endpoint')) {
      if (!targets.accounts.has(row.account)) continue;
      targets.webhooks.endpoints.restore(row.value as StoredEndpoint);
      summary.endpoints++;
    }
    for (const row of owned('default_secret')) {
      targets.webhooks.endpoints.restoreDefaultSecret(row.account, row.value as string);
    }
    for (const row of owned('message')) {
      const stored = row.value as Omit<MessageRecord, 'timers'>;
      const record = targets.messages.insert(row.owner, stored.message, stored);
      if (!isFinal(record.message.status)) startDelivery(targets.delivery, row.owner, record, { resume: true });
      summary.messages++;
    }
    for (const row of owned('idempotency')) {
      const entry = row.value as FinishedKey;
      if (entry.expiresAt <= now()) journal.delete('idempotency', row.account, row.id);
      else targets.idempotency.restore(row.account, row.id, entry);
      summary.idempotencyKeys++;
    }
    for (const row of owned('otp')) {
      const record: OtpRecord = { ...(row.value as OtpRecord), plainCode: undefined, forget: undefined };
      targets.otps.restore(row.owner, record);
    }
    for (const row of owned('call')) {
      const record: CallRecord = { ...(row.value as CallRecord), timers: [] };
      targets.calls.insert(row.owner, record);
      if (record.call.status !== 'completed') {
        startCall(targets.voice, row.owner, record, now() - Date.parse(record.call.created_at));
      }
    }
  });
  // Outside restoring(): a resumed delivery's first outcome must be written like any other.
  for (const row of journal.load('delivery') as StoredRecord[]) {
    targets.webhooks.resume(row.value as PendingDelivery);
    summary.deliveries++;
  }
  return summary;
}
