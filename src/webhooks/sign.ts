// Produces the X-OneMessage-Signature header value. The gateway signs every delivery with this.
import { WebhookOptionsError } from './errors.js';
import { webCryptoHmac, type HmacSha256Hex } from './hmac.js';

/** What {@link signWebhook} signs. */
export interface SignWebhookOptions {
  /** The exact body that will be sent (the raw JSON text). */
  payload: string;
  /** The endpoint's secret (`whsec_…`), or several during a rotation: one `v1=` each, in this order. */
  secret: string | string[];
  /**
   * Unix time in seconds written as `t=`.
   * @default the current time
   */
  timestamp?: number;
}

/** @internal Builds a `signWebhook` on top of one HMAC primitive (Web Crypto or node:crypto). */
export function createSignWebhook(hmac: HmacSha256Hex): (options: SignWebhookOptions) => Promise<string> {
  return async function signWebhook(options: SignWebhookOptions): Promise<string> {
    if (typeof options !== 'object' || options === null) {
      throw new WebhookOptionsError('options', 'signWebhook: pass { payload, secret }');
    }
    const { payload, secret, timestamp } = options;
    const secrets: unknown = typeof secret === 'string' ? [secret] : secret;
    if (!Array.isArray(secrets) || secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s === '')) {
      throw new WebhookOptionsError(
        'secret',
        'signWebhook: `secret` must be a non-empty string or a non-empty array of them',
      );
    }
    if (typeof payload !== 'string') {
      throw new WebhookOptionsError('payload', 'signWebhook: `payload` must be the body text that will be sent');
    }
    const t = timestamp ?? Math.floor(Date.now() / 1000);
    if (!Number.isSafeInteger(t) || t < 0) {
      throw new WebhookOptionsError('timestamp', 'signWebhook: `timestamp` must be whole unix seconds');
    }
    const prefix = `${t}.`;
    const signatures = await Promise.all((secrets as string[]).map((s) => hmac(s, prefix, payload)));
    return `t=${t},${signatures.map((hex) => `v1=${hex}`).join(',')}`;
  };
}

/**
 * Signs a webhook body the way the OneMessage API does, and returns the `X-OneMessage-Signature`
 * header value `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`: HMAC-SHA256, keyed with the UTF-8 bytes of
 * the whole secret string, over `<t>.<payload>`. Use it to build signed requests in your own tests.
 *
 * @example
 * ```ts
 * const body = JSON.stringify(event);
 * const signature = await signWebhook({ payload: body, secret: 'whsec_test' });
 * await fetch(url, { method: 'POST', body, headers: { 'X-OneMessage-Signature': signature } });
 * ```
 */
export const signWebhook: (options: SignWebhookOptions) => Promise<string> =
  /* @__PURE__ */ createSignWebhook(webCryptoHmac);
