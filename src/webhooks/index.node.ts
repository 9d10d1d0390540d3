// @onemessage/sdk/webhooks on Node (the package's `node` condition): the exports of index.ts, with
// the HMAC computed by node:crypto, about 6x faster there than crypto.subtle.
import { nodeHmac } from './hmac.node.js';
import { createSignWebhook, type SignWebhookOptions } from './sign.js';
import { createVerifyWebhook, type VerifyWebhook } from './verify.js';

export type { SignWebhookOptions } from './sign.js';
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
 * const event = await verifyWebhook({ payload: rawBody, signature, secret: process.env.ONEMESSAGE_WEBHOOK_SECRET! });
 * if (event.type === 'message.delivered') console.log(event.data.id);
 * ```
 */
export const verifyWebhook: VerifyWebhook = /* @__PURE__ */ createVerifyWebhook(nodeHmac);

/**
 * Signs a webhook body the way the OneMessage API does and returns the `X-OneMessage-Signature`
 * header value `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`. Use it to build signed requests in tests.
 *
 * @example
 * ```ts
 * const signature = await signWebhook({ payload: body, secret: 'whsec_test' });
 * ```
 */
export const signWebhook: (options: SignWebhookOptions) => Promise<string> =
  /* @__PURE__ */ createSignWebhook(nodeHmac);
