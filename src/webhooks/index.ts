// @onemessage/sdk/webhooks: verify, sign and type OneMessage webhooks in any runtime (Web Crypto).
// index.node.ts has the same exports over node:crypto; keep the two lists identical.
import { webCryptoHmac } from './hmac.js';
import { createVerifyWebhook, type VerifyWebhook } from './verify.js';

export { signWebhook, type SignWebhookOptions } from './sign.js';
export { WebhookOptionsError, WebhookVerificationError, type WebhookVerificationErrorReason } from './errors.js';
export type {
  VerifyWebhook,
  VerifyWebhookOptions,
  VerifyWebhookRequestOptions,
  VerifyWebhookTiming,
  VerificationSecret,
  WebhookPayload,
} from './verify.js';
export * from './replay-guard.js';
export type * from './events.js';

/**
 * Checks that a webhook came from OneMessage and returns its parsed, typed event; see
 * {@link VerifyWebhook}. Also `verifyWebhook.request(request, secret)` for a Fetch API `Request`.
 *
 * @example
 * ```ts
 * import { verifyWebhook, WebhookVerificationError } from '@onemessage/sdk/webhooks';
 *
 * const event = await verifyWebhook({ payload: rawBody, signature, secret: env.ONEMESSAGE_WEBHOOK_SECRET });
 * if (event.type === 'message.delivered') console.log(event.data.id);
 * ```
 */
export const verifyWebhook: VerifyWebhook = /* @__PURE__ */ createVerifyWebhook(webCryptoHmac);
