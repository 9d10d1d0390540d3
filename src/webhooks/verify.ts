// Verification shared by both builds; only the HMAC primitive differs (hmac.ts / hmac.node.ts).
import { WebhookVerificationError } from './errors.js';
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
   * How far, in seconds, the signature's `t` may be from `now`, in either direction.
   * `Infinity` turns the check off (only for events you stored and replay yourself).
   * @default 300
   */
  tolerance?: number;
  /**
   * The current time in unix seconds: for tests, and for events taken from a queue later.
   * @default Math.floor(Date.now() / 1000)
   */
  now?: number;
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
   * @throws TypeError when `secret` is empty (often an unset environment variable).
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
   * Verifies a Fetch API `Request` (Hono, Next.js, Deno, Bun, workers): reads its raw body and its
   * `X-OneMessage-Signature` header. The body is consumed; clone the request first if you need it again.
   *
   * @example
   * ```ts
   * const event = await verifyWebhook.request(request, env.ONEMESSAGE_WEBHOOK_SECRET);
   * ```
   */
  request(request: Request, secret: VerificationSecret, options?: VerifyWebhookTiming): Promise<WebhookEvent>;
}

const decoder = new TextDecoder();

function toBody(payload: WebhookPayload): string | Uint8Array {
  if (typeof payload === 'string') return payload;
  if (ArrayBuffer.isView(payload)) return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  throw new WebhookVerificationError('invalid_payload', 'payload must be the raw body (string, Uint8Array or ArrayBuffer), not parsed JSON');
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
    throw new WebhookVerificationError('invalid_payload', 'payload is not a webhook event: {event_id, type, created, data}');
  }
  return event as WebhookEvent;
}

/** @internal Builds `verifyWebhook` on top of one HMAC primitive (Web Crypto or node:crypto). */
export function createVerifyWebhook(hmac: HmacSha256Hex): VerifyWebhook {
  const verifyWebhook = async ({ payload, signature, secret, tolerance = 300, now }: VerifyWebhookOptions) => {
    const secrets = typeof secret === 'string' ? [secret] : secret;
    if (!Array.isArray(secrets) || !secrets.length || secrets.some((s) => !s || typeof s !== 'string')) {
      throw new TypeError('verifyWebhook: secret must be a non-empty string or array of them');
    }
    if (!signature?.length) throw new WebhookVerificationError('missing_signature', `no ${SIGNATURE_HEADER} header`);
    const header = parseSignatureHeader(typeof signature === 'string' ? signature : signature.join(','));
    if (!header) throw new WebhookVerificationError('malformed_signature', `${SIGNATURE_HEADER} is not t=<unix seconds>,v1=<hex>`);
    const body = toBody(payload);
    const prefix = `${header.timestamp}.`;
    let matched = false;
    for (const s of secrets) {
      const digest = hmac(s, prefix, body);
      const expected = typeof digest === 'string' ? digest : await digest;
      // No early exit: every candidate is compared, so timing tells nothing about which one failed.
      for (const candidate of header.signatures) matched = timingSafeEqual(expected, candidate) || matched;
    }
    if (!matched) throw new WebhookVerificationError('no_matching_signature', 'no v1 signature matches the payload and secret');
    // Checked after the signature, so the timestamp is known to be genuine: this is a replay or clock skew.
    // Written as !(… <= …) so that a NaN `now` or `tolerance` fails closed.
    if (!(Math.abs((now ?? Math.floor(Date.now() / 1000)) - header.timestamp) <= tolerance)) {
      throw new WebhookVerificationError('timestamp_out_of_tolerance', `signature timestamp is more than ${tolerance}s from now`);
    }
    return parseEvent(body);
  };
  verifyWebhook.request = async (request: Request, secret: VerificationSecret, options?: VerifyWebhookTiming) => {
    if (request.bodyUsed) throw new WebhookVerificationError('invalid_payload', 'the request body was already read; verify before parsing it');
    return verifyWebhook({
      ...options,
      secret,
      signature: request.headers.get(SIGNATURE_HEADER),
      payload: await request.arrayBuffer(),
    });
  };
  return verifyWebhook;
}
