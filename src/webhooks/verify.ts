// Verification shared by both builds; only the HMAC primitive differs (hmac.ts / hmac.node.ts).
import { WebhookOptionsError, WebhookVerificationError } from './errors.js';
import type { WebhookEvent } from './events.js';
import type { HmacSha256Hex } from './hmac.js';
import { parseSignatureHeader, SIGNATURE_HEADER } from './signature-header.js';
import { timingSafeEqual } from './timing-safe-equal.js';

/** A raw request body, byte for byte as received. */
export type WebhookPayload = string | Uint8Array | ArrayBuffer;

/** One endpoint secret (`whsec_…`), or several while a rotation is in progress. */
export type VerificationSecret = string | readonly string[];

/** Tuning shared by {@link VerifyWebhook} and {@link VerifyWebhook.request}. */
export interface VerifyWebhookTiming {
  /**
   * How far, in seconds, the signature's `t` may be from `now`, in either direction: a positive
   * number. `Infinity` turns the check off (only for events you stored and replay yourself).
   * `0` is refused with {@link WebhookOptionsError}: in Stripe's SDK it means "no check", so code
   * ported from there would silently get the strictest check instead of none (or the reverse).
   * @default 300
   */
  tolerance?: number;
  /**
   * The current time in unix seconds: for tests, and for events taken from a queue later.
   * @default Math.floor(Date.now() / 1000)
   */
  now?: number;
}

/** Options of {@link VerifyWebhook.request}. */
export interface VerifyWebhookRequestOptions extends VerifyWebhookTiming {
  /**
   * The most body bytes read. A longer body is refused with reason `'payload_too_large'` as soon
   * as its `Content-Length` or the bytes read so far pass the cap; the rest is never read. Events
   * are a few KB; `Infinity` turns the cap off.
   * @default 1048576 (1 MiB)
   */
  maxBodyBytes?: number;
}

/** What `verifyWebhook` checks. */
export interface VerifyWebhookOptions extends VerifyWebhookTiming {
  /**
   * The raw request body, before any JSON parsing: re-serialising parsed JSON changes the bytes
   * and the signature no longer matches.
   */
  payload: WebhookPayload;
  /**
   * The `X-OneMessage-Signature` header value. A missing header (`null`, `undefined`) may be passed
   * as is, and so may Node's `req.headers[…]`, which can be an array.
   */
  signature: string | readonly string[] | null | undefined;
  /** The endpoint's secret, or an array of them during a rotation: any one matching is enough. */
  secret: VerificationSecret;
}

/**
 * Checks that a webhook came from OneMessage and returns its parsed, typed event. One async API in
 * every runtime: Web Crypto in Deno, Bun, workers and browsers; `node:crypto` on Node.
 */
export interface VerifyWebhook {
  /**
   * Verifies the signature (constant-time comparison), then the timestamp, then parses the body.
   *
   * @throws {@link WebhookVerificationError} with a `reason` when the request cannot be trusted.
   * @throws {@link WebhookOptionsError} when called wrongly: `secret` empty (often an unset
   * environment variable), `tolerance` not a positive number, `now` not a number. Nothing else,
   * whatever the arguments.
   * @example
   * ```ts
   * const event = await verifyWebhook({
   *   payload: rawBody,
   *   signature: headers['x-onemessage-signature'],
   *   secret: process.env.ONEMESSAGE_WEBHOOK_SECRET!,
   * });
   * ```
   */
  (options: VerifyWebhookOptions): Promise<WebhookEvent>;
  /**
   * Verifies a Fetch API `Request` (Hono, Next.js, Deno, Bun, workers): checks its
   * `X-OneMessage-Signature` header first, so an unsigned request is refused before its body is
   * read, then reads at most `maxBodyBytes` of the raw body (a stream read that stops at the cap).
   * The body is consumed; clone the request first if you need it again.
   *
   * @throws {@link WebhookVerificationError} as above, or with reason `'payload_too_large'`.
   * @throws {@link WebhookOptionsError} when called wrongly, as above, or `request` is not a Request.
   * @example
   * ```ts
   * const event = await verifyWebhook.request(request, env.ONEMESSAGE_WEBHOOK_SECRET);
   * ```
   */
  request(request: Request, secret: VerificationSecret, options?: VerifyWebhookRequestOptions): Promise<WebhookEvent>;
}

const decoder = new TextDecoder();

function toBody(payload: WebhookPayload): string | Uint8Array {
  if (typeof payload === 'string') return payload;
  if (ArrayBuffer.isView(payload)) return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  throw new WebhookVerificationError(
    'invalid_payload',
    'payload must be the raw body (string, Uint8Array or ArrayBuffer), not parsed JSON',
  );
}

function parseEvent(body: string | Uint8Array): WebhookEvent {
  let event: Partial<WebhookEvent> | null;
  try {
    event = JSON.parse(typeof body === 'string' ? body : decoder.decode(body));
  } catch {
    event = null;
  }
  if (
    typeof event?.event_id !== 'string' ||
    typeof event.type !== 'string' ||
    typeof event.created !== 'number' ||
    typeof event.data !== 'object' ||
    !event.data
  ) {
    throw new WebhookVerificationError(
      'invalid_payload',
      'payload is not a webhook event: {event_id, type, created, data}',
    );
  }
  return event as WebhookEvent;
}

const DEFAULT_TOLERANCE = 300;
const DEFAULT_MAX_BODY_BYTES = 1_048_576; // 1 MiB

function checkSecrets(secret: unknown): readonly string[] {
  const secrets: unknown = typeof secret === 'string' ? [secret] : secret;
  if (!Array.isArray(secrets) || !secrets.length || secrets.some((s) => typeof s !== 'string' || !s)) {
    throw new WebhookOptionsError('secret', 'verifyWebhook: secret must be a non-empty string or array of them');
  }
  return secrets as string[];
}

/** The options object and its timing, checked: the numbers to compare with, or a WebhookOptionsError. */
function checkTiming(options: VerifyWebhookTiming) {
  if (typeof options !== 'object' || !options)
    throw new WebhookOptionsError('options', 'verifyWebhook: options must be an object');
  const { tolerance = DEFAULT_TOLERANCE, now = Math.floor(Date.now() / 1000) } = options;
  // 0 is refused rather than guessed at: in Stripe's SDK it turns the check off.
  if (typeof tolerance !== 'number' || !(tolerance > 0)) {
    throw new WebhookOptionsError(
      'tolerance',
      'verifyWebhook: tolerance must be seconds > 0; for no check pass Infinity, not 0 (as in Stripe)',
    );
  }
  if (!Number.isFinite(now)) throw new WebhookOptionsError('now', 'verifyWebhook: now must be unix seconds');
  return { tolerance, now };
}

/** Parses the header; Node may hand it over as a string[]. Anything else is a malformed header. */
function readHeader(signature: unknown) {
  const value =
    Array.isArray(signature) && signature.every((s) => typeof s === 'string') ? signature.join(',') : signature;
  if (value === undefined || value === null || value === '') {
    throw new WebhookVerificationError('missing_signature', `no ${SIGNATURE_HEADER} header`);
  }
  const header = typeof value === 'string' ? parseSignatureHeader(value) : undefined;
  if (!header) {
    throw new WebhookVerificationError('malformed_signature', `${SIGNATURE_HEADER} is not t=<unix seconds>,v1=<hex>`);
  }
  return header;
}

/** Reads a body stream up to `max` bytes, cancelling it as soon as it goes past. */
async function readCapped(request: Request, max: number): Promise<Uint8Array> {
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  // A declared length over the cap is refused unread; otherwise read until the cap is passed.
  let length = Number(request.headers.get('content-length')) > max ? Infinity : 0;
  for (let chunk; reader && length <= max && !(chunk = await reader.read()).done; length += chunk.value.byteLength) {
    chunks.push(chunk.value);
  }
  if (length > max) {
    // Tell the sender to stop; whatever cancel() says, the answer is already decided.
    reader?.cancel().catch(() => {});
    throw new WebhookVerificationError('payload_too_large', `the body is over maxBodyBytes (${max})`);
  }
  return new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer());
}

/** @internal Builds `verifyWebhook` on top of one HMAC primitive (Web Crypto or node:crypto). */
export function createVerifyWebhook(hmac: HmacSha256Hex): VerifyWebhook {
  const verifyWebhook = async (options: VerifyWebhookOptions): Promise<WebhookEvent> => {
    const { tolerance, now } = checkTiming(options);
    const secrets = checkSecrets(options.secret);
    const header = readHeader(options.signature);
    const body = toBody(options.payload);
    const prefix = `${header.timestamp}.`;
    let matched = false;
    for (const s of secrets) {
      const digest = hmac(s, prefix, body);
      const expected = typeof digest === 'string' ? digest : await digest;
      // No early exit: every candidate is compared, so timing tells nothing about which one failed.
      for (const candidate of header.signatures) matched = timingSafeEqual(expected, candidate) || matched;
    }
    if (!matched)
      throw new WebhookVerificationError('no_matching_signature', 'no v1 signature matches the payload and secret');
    // Checked after the signature, so the timestamp is known to be genuine: this is a replay or clock skew.
    if (!(Math.abs(now - header.timestamp) <= tolerance)) {
      throw new WebhookVerificationError(
        'timestamp_out_of_tolerance',
        `signature timestamp is more than ${tolerance}s from now`,
      );
    }
    return parseEvent(body);
  };

  verifyWebhook.request = async (
    request: Request,
    secret: VerificationSecret,
    options: VerifyWebhookRequestOptions = {},
  ) => {
    if (typeof request?.headers?.get !== 'function') {
      throw new WebhookOptionsError('request', 'verifyWebhook: request must be a Fetch API Request');
    }
    // Options and header before the body: a misconfigured receiver or an unsigned request costs no read.
    checkTiming(options);
    checkSecrets(secret);
    const { maxBodyBytes = DEFAULT_MAX_BODY_BYTES } = options;
    if (typeof maxBodyBytes !== 'number' || !(maxBodyBytes >= 0)) {
      throw new WebhookOptionsError('maxBodyBytes', 'verifyWebhook: maxBodyBytes must be bytes, or Infinity');
    }
    const signature = request.headers.get(SIGNATURE_HEADER);
    readHeader(signature);
    if (request.bodyUsed) {
      throw new WebhookVerificationError('invalid_payload', 'body already read: verify before parsing it');
    }
    const payload = await readCapped(request, maxBodyBytes).catch((error: unknown) => {
      throw error instanceof WebhookVerificationError
        ? error
        : new WebhookVerificationError('invalid_payload', 'the body could not be read', { cause: error });
    });
    return verifyWebhook({ ...options, secret, signature, payload });
  };
  return verifyWebhook;
}
