/**
 * `POST /v1/messages/batch`: up to 10,000 messages in one call, each checked on its own so that
 * one bad recipient never fails the others, and committed all or nothing: if the balance cannot
 * cover every accepted entry the whole batch is refused with 402 and nothing is stored or charged;
 * otherwise its whole price is reserved in one step before its messages are stored in slices.
 * @module
 */

import { yieldToEventLoop } from '../../internal/yield.js';
import { money } from '../../pricing/index.js';
import { batchShapeIssues, mergeBatchEntry, MAX_BATCH_SIZE } from '../../schemas/batch-params.js';
import type { BatchResult, Message } from '../../schemas/message.js';
import type { GatewayContext } from '../context.js';
import { errorFromIssues, GatewayError } from '../errors.js';
import { json } from '../http.js';
import { BatchDelivery } from './delivery.js';
import { commitMessage, prepareMessage, recordRejected, type MessageDraft, type SendServices } from './send.js';

export { MAX_BATCH_SIZE };

/**
 * The batch route's body limit: 10,000 entries of 1,600-character UCS-2 bodies written the
 * longest way JSON allows, each character a `\uXXXX` escape (6 bytes: 9,600 per body, 9,666 per
 * entry with `to` and a small `variables`, 96.7 MB in all), with room for metadata. Raw UTF-8 is
 * shorter (at most 4 bytes per character: 64.7 MB for 1,600 emoji per body).
 */
export const BATCH_MAX_BODY_BYTES = 128 * 1024 * 1024;

/**
 * Entries checked between yields to the event loop: about 5 ms of work, so a 10,000-entry batch
 * never holds up other clients' requests for longer than that.
 */
export const BATCH_SLICE_SIZE = 100;

/** Messages stored between yields once the batch is paid for: about 2–5 ms of inserts. */
export const BATCH_COMMIT_SLICE_SIZE = 1000;

/** `POST /v1/messages/batch`, registered by `registerMessageRoutes`. */
export async function createBatch(services: SendServices, ctx: GatewayContext): Promise<Response> {
  const issues = batchShapeIssues(ctx.body);
  if (issues.length > 0) throw errorFromIssues(issues);
  const { defaults = {}, messages } = ctx.body as {
    defaults?: Record<string, unknown>;
    messages: unknown[];
  };
  const { account } = ctx;
  const from = {
    account,
    idempotencyKey: ctx.request.headers.get('idempotency-key'),
  };

  // Preparation may yield; it stores and charges nothing, so concurrent requests see no half-batch.
  const results: BatchResult[] = [];
  const drafts: MessageDraft[] = [];
  const blocked: Message[] = [];
  let totalUnits = 0;
  for (let index = 0; index < messages.length; index++) {
    if (index > 0 && index % BATCH_SLICE_SIZE === 0) await yieldToEventLoop();
    try {
      const merged = mergeBatchEntry(defaults, messages[index]);
      if (!merged.ok) throw errorFromIssues(merged.issues);
      const draft = await prepareMessage(services, from, merged.value, {
        credit: false,
        onRejected: (message) => blocked.push(message),
      });
      drafts.push(draft);
      totalUnits += draft.priceUnits;
      results.push({ index, id: draft.message.id });
    } catch (error) {
      // One bad recipient never fails the others: its refusal becomes its result.
      if (!(error instanceof GatewayError)) throw error;
      results.push({ index, error: error.toEntry() });
    }
  }

  // The reservation: one synchronous step from the credit check to the debit of the whole price,
  // so no other request can spend the balance in between and the batch can never overdraw it.
  const available = services.ledger.available(account);
  if (totalUnits > available) {
    const cost = money(totalUnits, account.currency);
    throw new GatewayError(
      402,
      'insufficient_credits',
      `This batch costs ${cost.amount} ${cost.currency} for ${drafts.length} accepted entries but the balance is ` +
        `${money(available, account.currency).amount}; nothing was sent.`,
    );
  }
  const dryRun = defaults.dry_run === true;
  if (!dryRun) {
    services.ledger.debit(account, totalUnits);
    // Nothing below can refuse a message (it is paid for and checked), so the batch is all or
    // nothing even though other requests run between slices: it ends with every entry stored and
    // the 201, or (only if the process dies) with nothing answered. A durable gateway inserts in
    // one tick, which its journal writes as one transaction: a crash cannot leave half a batch on
    // disk, charged, with no key to replay it.
    const slice = services.messages.durable ? Infinity : BATCH_COMMIT_SLICE_SIZE;
    const delivery = new BatchDelivery(services, account);
    for (const message of blocked) recordRejected(services, account, message);
    for (let i = 0; i < drafts.length; i++) {
      if (i > 0 && i % slice === 0) await yieldToEventLoop();
      commitMessage(services, account, drafts[i]!, { deliver: false, charged: true });
      const record = services.messages.get(account, drafts[i]!.message.id);
      if (record) delivery.add(record);
    }
    delivery.start();
  }
  return json(201, {
    id: services.ids.next('batch'),
    object: 'batch',
    accepted: drafts.length,
    rejected: results.length - drafts.length,
    price: money(totalUnits, account.currency),
    dry_run: dryRun,
    results,
  });
}
