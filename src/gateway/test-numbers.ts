/**
 * Magic test numbers: `+15005550000`–`+15005550099` (valid, non-geographic US numbers) each
 * give one documented, deterministic outcome. Every number of the range not listed here, and
 * every other valid number, is delivered.
 * @module
 */

import type { GatewayErrorCode, GatewayErrorStatus } from './errors.js';

/** A test number whose messages are delivered. */
export interface TestNumberDelivered {
  /** What finally happens to the message. */
  outcome: 'delivered';
  /** `slow` waits `delivery.slowDeliveredAfterMs` instead of `delivery.deliveredAfterMs` after sending. */
  speed: 'normal' | 'slow';
  /** One line for the docs. */
  description: string;
}

/** A test number whose messages fail. */
export interface TestNumberFailed {
  /** What finally happens to the message. */
  outcome: 'failed';
  /** `true` when the operator accepted the message (`sent`) before it failed. */
  afterSent: boolean;
  /** The message's `error.code`. */
  errorCode: string;
  /** The operator's own code, recorded on the `failed` DLR event. */
  operatorCode: string;
  /** One line for the docs. */
  description: string;
}

/** A test number that never gets a delivery report, so its messages expire. */
export interface TestNumberExpired {
  /** What finally happens to the message. */
  outcome: 'expired';
  /** One line for the docs. */
  description: string;
}

/** How the simulated network treats a message to one number. */
export type TestNumberBehaviour = TestNumberDelivered | TestNumberFailed | TestNumberExpired;

/** The documented magic numbers and what each does. */
export const TEST_NUMBERS: Readonly<Record<string, TestNumberBehaviour>> = Object.freeze({
  '+15005550000': { outcome: 'delivered', speed: 'normal', description: 'Always delivered.' },
  '+15005550001': {
    outcome: 'failed',
    afterSent: true,
    errorCode: 'operator_error',
    operatorCode: 'EC_SYSTEM_FAILURE',
    description: 'Accepted by the operator, then fails with an operator error.',
  },
  '+15005550002': {
    outcome: 'expired',
    description: 'Sent, but no delivery report ever arrives: expires when validity_seconds runs out.',
  },
  '+15005550003': {
    outcome: 'failed',
    afterSent: false,
    errorCode: 'unreachable',
    operatorCode: 'EC_ABSENT_SUBSCRIBER',
    description: 'Unreachable: the handset is off the network; fails without being sent.',
  },
  '+15005550004': {
    outcome: 'delivered',
    speed: 'slow',
    description: 'Delivered slowly (delivery.slowDeliveredAfterMs after sending).',
  },
  '+15005550005': {
    outcome: 'failed',
    afterSent: true,
    errorCode: 'unknown_subscriber',
    operatorCode: 'EC_UNKNOWN_SUBSCRIBER',
    description: 'The number is not in service: fails after being sent.',
  },
  '+15005550006': {
    outcome: 'failed',
    afterSent: true,
    errorCode: 'carrier_blocked',
    operatorCode: 'EC_CALL_BARRED',
    description: "Blocked by the recipient's carrier: fails after being sent.",
  },
});

const DEFAULT_BEHAVIOUR: TestNumberBehaviour = { outcome: 'delivered', speed: 'normal', description: 'Delivered.' };

/** True for a number in the magic range `+15005550000`–`+15005550099`. */
export function isTestNumber(e164: string): boolean {
  return /^\+150055500\d\d$/.test(e164);
}

/** What happens to a message sent to `e164`. */
export function behaviourFor(e164: string): TestNumberBehaviour {
  return TEST_NUMBERS[e164] ?? DEFAULT_BEHAVIOUR;
}

/** Human-readable text of each failure code the simulated network produces. */
export const FAILURE_MESSAGES: Readonly<Record<string, string>> = Object.freeze({
  operator_error: 'The operator reported a system failure.',
  unreachable: 'The recipient is unreachable (handset off or out of coverage).',
  unknown_subscriber: 'The number is not in service.',
  carrier_blocked: "The recipient's carrier blocked the message.",
  validity_expired: 'No delivery report arrived before validity_seconds ran out.',
  forbidden_content: 'The message was blocked by the content policy.',
});

/** How a simulated voice call to a magic test number ends. */
export interface VoiceTestNumber {
  /** The leg's outcome. */
  outcome: 'no_answer' | 'busy' | 'failed';
  /** One line for the docs. */
  description: string;
}

/**
 * Magic numbers for voice calls (`POST /v1/voice/calls`), in the same test range; every other
 * valid number answers and listens to the whole message.
 */
export const VOICE_TEST_NUMBERS: Readonly<Record<string, VoiceTestNumber>> = Object.freeze({
  '+15005550010': {
    outcome: 'no_answer',
    description: 'Rings until the ring timeout, nobody answers: no_answer, free.',
  },
  '+15005550011': { outcome: 'busy', description: 'The line is busy: busy, free.' },
  '+15005550012': { outcome: 'failed', description: 'Unreachable: fails before ringing (error unreachable), free.' },
});

/** A test number whose `POST /v1/messages` is answered with an error instead of a message. */
export interface TestNumberFault {
  /** HTTP status of the answer. */
  status: GatewayErrorStatus;
  /** The contract error code. */
  code: GatewayErrorCode;
  /** `Retry-After` seconds sent with the answer, if any. */
  retryAfterSeconds?: number;
  /** `true`: only the first attempt of each `Idempotency-Key` fails; its retry succeeds. */
  firstAttemptOnly?: boolean;
  /** One line for the docs (also the error message). */
  description: string;
}

/**
 * Test numbers that make the send itself fail, so a client's error mapping and retries can be
 * tested against a real server. Checked right after parameter validation.
 */
export const TEST_NUMBER_FAULTS: Readonly<Record<string, TestNumberFault>> = Object.freeze({
  '+15005550096': {
    status: 403,
    code: 'permission_denied',
    description: 'Sending to this destination is not enabled for this account.',
  },
  '+15005550097': {
    status: 503,
    code: 'service_unavailable',
    retryAfterSeconds: 1,
    firstAttemptOnly: true,
    description:
      'The gateway is briefly unavailable: the first attempt of each Idempotency-Key gets 503, its retry succeeds.',
  },
  '+15005550098': {
    status: 503,
    code: 'service_unavailable',
    retryAfterSeconds: 1,
    description: 'The gateway is unavailable: every attempt gets 503 with Retry-After.',
  },
  '+15005550099': {
    status: 500,
    code: 'internal_error',
    description: 'The gateway fails with an internal error on every attempt.',
  },
});
