/**
 * The senders part of the contract: `POST /v1/senders`, `GET /v1/senders/:id` and
 * `GET /v1/senders`. A registration is reviewed at once: a forbidden word rejects it
 * (`sender.rejected`), otherwise it is `pending` and approved after the gateway's
 * `senderApprovalDelayMs` on its clock (`sender.approved`).
 * @module
 */

import { parsePhoneNumberFull } from '../../schemas/phone-full.js';
import { validateSenderCreateParams, validateSenderListParams } from '../../schemas/sender-params.js';
import type { Sender } from '../../schemas/sender.js';
import type { Clock } from '../clock.js';
import type { GatewayRouter } from '../context.js';
import { GatewayError, orThrow } from '../errors.js';
import { json } from '../http.js';
import type { IdGenerator } from '../ids.js';
import { listQuery, paginate } from '../pagination.js';
import type { Webhooks } from '../webhooks/webhooks.js';
import { senderRejection } from './policy.js';
import { MAX_SENDERS_PER_ACCOUNT, type SenderRecord, type SenderStore } from './store.js';
import type { Account } from '../accounts/accounts.js';

/** What the sender routes use. */
export interface SenderServices {
  /** Where registrations are kept. */
  senders: SenderStore;
  /** Schedules approvals. */
  clock: Clock;
  /** Makes `snd_…` ids. */
  ids: IdGenerator;
  /** Announces `sender.approved` / `sender.rejected`. */
  webhooks: Pick<Webhooks, 'publish'>;
  /** Milliseconds of the clock from `pending` to `approved`. */
  approvalDelayMs: number;
}

/**
 * Approves a pending registration `approvalDelayMs` after its `created_at` (at once when that is
 * past: a registration read back from the data file) and announces `sender.approved`.
 */
export function scheduleApproval(services: SenderServices, account: Account, record: SenderRecord): void {
  const { sender } = record;
  const due = Date.parse(sender.created_at) + services.approvalDelayMs;
  record.timer = services.clock.setTimeout(
    () => {
      record.timer = undefined;
      sender.status = 'approved';
      services.senders.touch(account, record);
      services.webhooks.publish(account.id, { type: 'sender.approved', data: sender });
    },
    Math.max(0, due - services.clock.now()),
  );
}

/** Registers the sender routes. */
export function registerSenderRoutes(router: GatewayRouter, services: SenderServices): void {
  const { senders, clock, ids, webhooks } = services;
  router.post('/v1/senders', async (ctx) => {
    const params = orThrow(
      await validateSenderCreateParams(ctx.body, {
        phone: parsePhoneNumberFull,
      }),
    );
    const existing = senders.active(ctx.account, params.sender_id);
    if (existing || senders.preApproved.includes(params.sender_id)) {
      const which = existing ? `${existing.sender.id} (${existing.sender.status})` : 'pre-approved for every account';
      throw new GatewayError(
        400,
        'invalid_sender',
        `The sender ID ${params.sender_id} is already registered: ${which}.`,
        {
          param: 'sender_id',
        },
      );
    }
    if (senders.count(ctx.account) >= MAX_SENDERS_PER_ACCOUNT) {
      throw new GatewayError(
        400,
        'invalid_parameter',
        `An account may register at most ${MAX_SENDERS_PER_ACCOUNT} senders.`,
      );
    }
    const rejection = params.type === 'alphanumeric' ? senderRejection(params.sender_id) : undefined;
    const sender: Sender = {
      id: ids.next('snd'),
      object: 'sender',
      sender_id: params.sender_id,
      type: params.type,
      country: params.country ?? null,
      use_case: params.use_case,
      status: rejection ? 'rejected' : 'pending',
      rejection_reason: rejection ?? null,
      created_at: new Date(clock.now()).toISOString(),
    };
    const record = senders.insert(ctx.account, sender);
    if (rejection) webhooks.publish(ctx.account.id, { type: 'sender.rejected', data: sender });
    else scheduleApproval(services, ctx.account, record);
    return json(201, sender);
  });
  router.get('/v1/senders', async (ctx) => {
    const params = await listQuery(ctx.url, validateSenderListParams);
    const keep = (sender: Sender) => params.status === undefined || sender.status === params.status;
    return json(200, paginate(senders.newestFirst(ctx.account), params, keep));
  });
  router.get('/v1/senders/:id', (ctx, { id }) => {
    const record = senders.get(ctx.account, id!);
    if (!record)
      throw new GatewayError(404, 'not_found', `No such sender: ${id}`, {
        param: 'id',
      });
    return json(200, record.sender);
  });
}
