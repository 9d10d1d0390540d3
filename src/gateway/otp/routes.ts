/**
 * The OTP part of the contract: `POST /v1/otp/send` (a code by SMS, sent as a real message whose
 * stored body has the code masked) and `POST /v1/otp/verify`.
 * @module
 */

import { validateOtpSendParams, validateOtpVerifyParams, OTP_LIMITS } from '../../schemas/otp-params.js';
import { defaultOtpTemplate, renderOtpTemplate } from '../../schemas/otp-templates.js';
import type { Otp, OtpVerification } from '../../schemas/otp.js';
import type { Account } from '../accounts/accounts.js';
import type { GatewayContext, GatewayRouter } from '../context.js';
import { GatewayError, orThrow } from '../errors.js';
import { json } from '../http.js';
import { commitMessage, prepareMessage, type SendServices } from '../messages/send.js';
import { lookupDestination } from '../operators.js';
import { ALPHANUMERIC_ALPHABET, codeMatches, generateCode, hashCode, newSalt, NUMERIC_ALPHABET } from './codes.js';
import type { OtpRecord, OtpStore } from './store.js';

/** What the OTP routes use: the send services (the code goes out as a message) and the OTP store. */
export interface OtpServices extends SendServices {
  /** Where OTPs are kept. */
  otps: OtpStore;
}

/** What the stored and listed SMS shows instead of each character of the code. */
export const MASK_CHARACTER = '•';

/**
 * Registers the OTP routes.
 *
 * - `POST /v1/otp/send` → 201 Otp (`code` added for test keys only); inside the first send's
 *   `cache_seconds`, a send to the same number returns the same OTP and resends the same code.
 * - `POST /v1/otp/verify` `{id, code}` → 200 OtpVerification; a wrong code is `valid: false`, not an error.
 */
export function registerOtpRoutes(router: GatewayRouter, services: OtpServices): void {
  // Sends to one number run one at a time: a send awaits (hashing, pricing) between finding a
  // cached OTP and storing a new one, and two concurrent sends must share one code, not make two.
  const sending = new Map<string, Promise<unknown>>();
  router.post('/v1/otp/send', (ctx) =>
    oneAtATime(sending, `${ctx.account.id} ${String((ctx.body as { to?: unknown } | undefined)?.to)}`, () =>
      sendOtp(services, ctx),
    ),
  );
  router.post('/v1/otp/verify', (ctx) => verifyOtp(services, ctx));
}

/** Runs `task` after every earlier task under `key` has settled; idle keys are forgotten (bounded). */
function oneAtATime<T>(queues: Map<string, Promise<unknown>>, key: string, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(task, task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

async function sendOtp(services: OtpServices, ctx: GatewayContext): Promise<Response> {
  const { account } = ctx;
  const params = orThrow(await validateOtpSendParams(ctx.body));
  const cached = services.otps.cached(account, params.to, services.clock.now());
  const alphanumeric = cached ? cached.alphanumeric : params.alphanumeric === true;
  const code =
    cached?.plainCode ??
    generateCode(params.length ?? OTP_LIMITS.length.default, alphanumeric ? ALPHANUMERIC_ALPHABET : NUMERIC_ALPHABET);
  const { country } = await lookupDestination(params.to);
  const template = params.template ?? defaultOtpTemplate(country, params.locale);
  const input = {
    to: params.to,
    body: renderOtpTemplate(template, code),
    sender: params.sender,
  };
  const from = {
    account,
    idempotencyKey: ctx.request.headers.get('idempotency-key'),
  };
  const storedBody = renderOtpTemplate(template, MASK_CHARACTER.repeat(code.length));
  const draft = await prepareMessage(services, from, input, {
    storedBody,
  }).catch(renameBodyParam);
  const salt = cached?.salt ?? newSalt();
  const hash = cached?.hash ?? (await hashCode(salt, code));

  // From here on synchronous: the message is committed and the OTP stored in one step.
  const message = commitMessage(services, account, draft);
  const record =
    cached ??
    createRecord(services, account, params, {
      alphanumeric,
      salt,
      hash,
      code,
      messageId: message.id,
      price: message.price,
    });
  record.otp.message_id = message.id;
  record.otp.price = message.price;
  return json(201, responseFor(ctx, record.otp, code));
}

function createRecord(
  services: OtpServices,
  account: Account,
  params: {
    to: string;
    expires_in?: number;
    max_attempts?: number;
    cache_seconds?: number;
  },
  secrets: {
    alphanumeric: boolean;
    salt: string;
    hash: string;
    code: string;
    messageId: string;
    price: Otp['price'];
  },
): OtpRecord {
  const now = services.clock.now();
  const expiresAt = now + (params.expires_in ?? OTP_LIMITS.expiresIn.default) * 1000;
  // A window longer than the code's life would resend a code nobody can use.
  const cacheUntil = Math.min(expiresAt, now + (params.cache_seconds ?? OTP_LIMITS.cacheSeconds.default) * 1000);
  const record: OtpRecord = {
    otp: {
      id: services.ids.next('otp'),
      object: 'otp',
      to: params.to,
      status: 'pending',
      expires_at: new Date(expiresAt).toISOString(),
      message_id: secrets.messageId,
      price: secrets.price,
    },
    salt: secrets.salt,
    hash: secrets.hash,
    plainCode: cacheUntil > now ? secrets.code : undefined,
    alphanumeric: secrets.alphanumeric,
    attempts: 0,
    maxAttempts: params.max_attempts ?? OTP_LIMITS.maxAttempts.default,
    expiresAt,
    cacheUntil,
    forget: undefined,
  };
  services.otps.insert(account, record);
  if (record.plainCode !== undefined) {
    record.forget = services.clock.setTimeout(() => services.otps.forgetCode(account, record), cacheUntil - now);
  }
  return record;
}

// The rule of the contract: the code is in the response only with a test key. The reference
// gateway accepts test keys only, so today it is always there; the check keeps the rule explicit.
function responseFor(ctx: GatewayContext, otp: Otp, code: string): Otp {
  return isTestKey(ctx.apiKey) ? { ...otp, code } : { ...otp };
}

function isTestKey(apiKey: string): boolean {
  return apiKey.startsWith('ark_test_');
}

// The SMS body is built from `template`: name the parameter the caller gave.
function renameBodyParam(error: unknown): never {
  if (error instanceof GatewayError && error.param === 'body') {
    throw new GatewayError(error.status, error.code, error.message.replace(/^body/, 'template'), {
      param: 'template',
      headers: { ...error.headers },
    });
  }
  throw error;
}

async function verifyOtp(services: OtpServices, ctx: GatewayContext): Promise<Response> {
  const { account } = ctx;
  const params = orThrow(await validateOtpVerifyParams(ctx.body));
  const record = services.otps.get(account, params.id);
  if (!record)
    throw new GatewayError(404, 'not_found', `No such OTP: ${params.id}`, {
      param: 'id',
    });
  const typed = record.alphanumeric ? params.code.toUpperCase() : params.code;
  // Hashed whatever the OTP's state, so the answer's timing tells nothing about it.
  const matches = await codeMatches(record.salt, record.hash, typed);

  // Synchronous from here: concurrent verifications see each other's attempts.
  const otp = record.otp;
  // Every path below changes the record (status, attempts) before it answers.
  services.otps.touch(account, record);
  if (otp.status === 'pending' && services.clock.now() >= record.expiresAt) otp.status = 'expired';
  if (otp.status !== 'pending') {
    services.otps.forgetCode(account, record);
    return json(200, verification(record, false));
  }
  if (matches) {
    otp.status = 'approved';
    services.otps.forgetCode(account, record);
    services.webhooks.publish(account.id, { type: 'otp.verified', data: otp });
    return json(200, verification(record, true));
  }
  record.attempts++;
  if (record.attempts >= record.maxAttempts) {
    otp.status = 'max_attempts_reached';
    services.otps.forgetCode(account, record);
  }
  return json(200, verification(record, false));
}

function verification(record: OtpRecord, valid: boolean): OtpVerification {
  return {
    id: record.otp.id,
    object: 'otp_verification',
    valid,
    status: record.otp.status,
    attempts_remaining: Math.max(0, record.maxAttempts - record.attempts),
  };
}
