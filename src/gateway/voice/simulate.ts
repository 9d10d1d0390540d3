/**
 * The simulated phone network for voice calls, on the gateway clock: each leg goes
 * `queued → ringing → answered | no_answer | busy | failed → completed`; answered legs are billed
 * per started minute, and the credit held for the rest is refunded when the call completes.
 * @module
 */

import { money } from '../../pricing/index.js';
import type { CallLeg, CallOutcome, CallStatus } from '../../schemas/call.js';
import { codePointLength } from '../../schemas/validation.js';
import type { Account } from '../accounts/accounts.js';
import type { Ledger } from '../accounts/ledger.js';
import type { Clock } from '../clock.js';
import { VOICE_TEST_NUMBERS } from '../test-numbers.js';
import type { Webhooks } from '../webhooks/webhooks.js';
import type { CallRecord, CallStore } from './store.js';

/** Timings of the simulation in milliseconds of the gateway clock, and the speech rate. */
export const VOICE_TIMINGS = Object.freeze({
  /** `queued` → `ringing` (or `failed` for an unreachable number). */
  ringAfterMs: 1_000,
  /** `ringing` → `answered`. */
  answerAfterMs: 4_000,
  /** `ringing` → `busy`. */
  busyAfterMs: 2_000,
  /** `ringing` → `no_answer`: the ring timeout. */
  noAnswerAfterMs: 30_000,
  /** `no_answer` / `busy` / `failed` → `completed`: the network hangs up. */
  hangUpAfterMs: 1_000,
  /** Text-to-speech reads this many characters per second. */
  charactersPerSecond: 15,
  /** Seconds one play of an `audio_url` lasts (the simulator does not fetch the audio). */
  audioSeconds: 30,
});

/** What the simulation runs on. */
export interface VoiceSimulationServices {
  /** Schedules every step. */
  clock: Clock;
  /** Refunds what an unanswered or shorter leg did not use. */
  ledger: Pick<Ledger, 'refund'>;
  /** Announces `voice.completed`. */
  webhooks: Pick<Webhooks, 'publish'>;
  /** Told of each step, so a durable gateway writes it (absent: nothing to tell). */
  calls?: Pick<CallStore, 'touch'>;
}

/** Seconds an answered leg lasts: the whole text or audio, `repeat` times. */
export function playbackSeconds(text: string | null, repeat: number): number {
  const once =
    text === null
      ? VOICE_TIMINGS.audioSeconds
      : Math.max(1, Math.ceil(codePointLength(text) / VOICE_TIMINGS.charactersPerSecond));
  return once * repeat;
}

/** How a call to `to` ends on the simulated network. */
export function outcomeFor(to: string): CallOutcome {
  return VOICE_TEST_NUMBERS[to]?.outcome ?? 'answered';
}

/**
 * Schedules every step of a new call's legs from now; `elapsedMs` after the call began (a call
 * read back from the data file), steps already due run at once and steps taken are skipped.
 */
export function startCall(
  services: VoiceSimulationServices,
  account: Account,
  record: CallRecord,
  elapsedMs = 0,
): void {
  const { clock } = services;
  const seconds = playbackSeconds(record.call.text, record.call.repeat);
  const at = (delay: number, step: () => void) =>
    record.timers.push(clock.setTimeout(step, Math.max(0, delay - elapsedMs)));
  const t = VOICE_TIMINGS;
  record.call.legs.forEach((leg, index) => {
    const step = (status: CallStatus) => () => move(services, account, record, index, status);
    const outcome = outcomeFor(leg.to);
    if (outcome === 'failed') {
      at(t.ringAfterMs, step('failed'));
      at(t.ringAfterMs + t.hangUpAfterMs, step('completed'));
      return;
    }
    at(t.ringAfterMs, step('ringing'));
    if (outcome === 'answered') {
      at(t.ringAfterMs + t.answerAfterMs, step('answered'));
      at(t.ringAfterMs + t.answerAfterMs + seconds * 1000, step('completed'));
    } else {
      const ends = t.ringAfterMs + (outcome === 'busy' ? t.busyAfterMs : t.noAnswerAfterMs);
      at(ends, step(outcome));
      at(ends + t.hangUpAfterMs, step('completed'));
    }
  });
}

function move(
  services: VoiceSimulationServices,
  account: Account,
  record: CallRecord,
  index: number,
  status: CallStatus,
): void {
  const { call } = record;
  const leg = call.legs[index]!;
  // A resumed call re-schedules every step; the ones it took before the restart stay taken.
  if (leg.events.some((event) => event.status === status)) return;
  services.calls?.touch(account, record);
  const at = new Date(services.clock.now()).toISOString();
  if (status === 'completed') complete(record, index, leg, at);
  else {
    leg.status = status;
    if (status !== 'ringing') leg.outcome = status as CallOutcome;
    if (status === 'answered') leg.answered_at = at;
    if (status === 'failed')
      leg.error = {
        code: 'unreachable',
        message: 'The number could not be reached.',
      };
  }
  leg.events.push({ status, at });
  call.status = callStatus(call.legs);
  if (call.status !== 'completed') return;
  call.completed_at = at;
  const usedUnits = call.legs.reduce((sum, _leg, i) => sum + legUnits(record, i), 0);
  call.duration = call.legs.reduce((sum, l) => sum + (l.duration ?? 0), 0);
  call.price = money(usedUnits, account.currency);
  services.ledger.refund(account, record.heldUnits - usedUnits);
  services.webhooks.publish(account.id, {
    type: 'voice.completed',
    data: call,
  });
}

function complete(record: CallRecord, index: number, leg: CallLeg, at: string): void {
  leg.status = 'completed';
  leg.completed_at = at;
  leg.duration = leg.answered_at === null ? 0 : Math.round((Date.parse(at) - Date.parse(leg.answered_at)) / 1000);
  leg.price = money(legUnits(record, index), record.currency);
}

/** What leg `index` costs once completed: each started minute answered. */
function legUnits(record: CallRecord, index: number): number {
  const leg = record.call.legs[index]!;
  return Math.ceil((leg.duration ?? 0) / 60) * record.minuteUnits[index]!;
}

// Priority of the legs still in progress: the call shows the most advanced one.
const IN_PROGRESS_ORDER: readonly CallStatus[] = ['answered', 'ringing', 'queued', 'no_answer', 'busy', 'failed'];

/** The call's status from its legs': `completed` once every leg is, else the most advanced leg still going. */
export function callStatus(legs: readonly CallLeg[]): CallStatus {
  for (const status of IN_PROGRESS_ORDER) if (legs.some((leg) => leg.status === status)) return status;
  return 'completed';
}
