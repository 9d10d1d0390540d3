/**
 * The voice part of the contract: `POST /v1/voice/calls` and `GET /v1/voice/calls/:id`.
 * @module
 */

import { money, voiceMinutePriceUnits } from '../../pricing/index.js';
import { validateCallCreateParams } from '../../schemas/call-params.js';
import type { Call, CallLeg } from '../../schemas/call.js';
import { otpLocaleFor } from '../../schemas/otp-templates.js';
import type { Ledger } from '../accounts/ledger.js';
import type { GatewayRouter } from '../context.js';
import { GatewayError, orThrow } from '../errors.js';
import { json } from '../http.js';
import type { IdGenerator } from '../ids.js';
import { lookupDestination } from '../operators.js';
import { playbackSeconds, startCall, type VoiceSimulationServices } from './simulate.js';
import type { CallStore } from './store.js';

/** What the voice routes use. */
export interface VoiceServices extends VoiceSimulationServices {
  /** Makes `call_…` ids. */
  ids: IdGenerator;
  /** Where calls are kept. */
  calls: CallStore;
  /** Holds the most a call can cost at creation; refunds the unused part when it completes. */
  ledger: Pick<Ledger, 'available' | 'debit' | 'refund'>;
}

/**
 * Registers the voice routes.
 *
 * - `POST /v1/voice/calls` → 201 Call (`queued`). The most it can cost (every number answering
 *   and listening to the end) is debited at once, so a call the balance cannot cover is a 402
 *   with nothing created; what unanswered or shorter legs did not use is refunded at the end.
 * - `GET /v1/voice/calls/:id` → Call.
 */
export function registerVoiceRoutes(router: GatewayRouter, services: VoiceServices): void {
  router.post('/v1/voice/calls', async (ctx) => {
    const { account } = ctx;
    const params = orThrow(await validateCallCreateParams(ctx.body));
    const destinations = await Promise.all(params.to.map((to) => lookupDestination(to)));
    const text = params.text ?? null;
    const repeat = params.repeat ?? 1;
    const minutes = Math.ceil(playbackSeconds(text, repeat) / 60);
    const minuteUnits = destinations.map((destination) => voiceMinutePriceUnits(destination.country, account.currency));
    const heldUnits = minuteUnits.reduce((sum, units) => sum + units * minutes, 0);

    // Synchronous from here to the debit: concurrent requests cannot spend the same credit.
    const available = services.ledger.available(account);
    if (heldUnits > available) {
      throw new GatewayError(
        402,
        'insufficient_credits',
        `This call can cost up to ${money(heldUnits, account.currency).amount} ${account.currency} ` +
          `(every number answering for ${minutes} started minute(s)) but the balance is ` +
          `${money(available, account.currency).amount}.`,
      );
    }
    const createdAt = new Date(services.clock.now()).toISOString();
    const legs = params.to.map((to, index): CallLeg => ({
      to,
      status: 'queued',
      outcome: null,
      country: destinations[index]!.country,
      duration: null,
      price: null,
      error: null,
      answered_at: null,
      completed_at: null,
      events: [{ status: 'queued', at: createdAt }],
    }));
    const call: Call = {
      id: services.ids.next('call'),
      object: 'call',
      to: params.to,
      status: 'queued',
      text,
      audio_url: params.audio_url ?? null,
      language: text === null ? null : (params.language ?? otpLocaleFor(destinations[0]!.country)),
      voice: params.voice ?? null,
      repeat,
      duration: null,
      price: null,
      legs,
      created_at: createdAt,
      completed_at: null,
    };
    const record = {
      call,
      timers: [],
      heldUnits,
      currency: account.currency,
      minuteUnits,
    };
    services.calls.insert(account, record);
    services.ledger.debit(account, heldUnits);
    startCall(services, account, record);
    return json(201, call);
  });

  router.get('/v1/voice/calls/:id', (ctx, { id }) => {
    const record = services.calls.get(ctx.account, id!);
    if (!record)
      throw new GatewayError(404, 'not_found', `No such call: ${id}`, {
        param: 'id',
      });
    return json(200, record.call);
  });
}
