/** Why {@link WebhookVerificationError} was thrown. */
export type WebhookVerificationErrorReason =
  /** The `X-OneMessage-Signature` header is absent or empty. */
  | 'missing_signature'
  /** The header is not `t=<unix seconds>,v1=<64 hex digits>[,…]`. */
  | 'malformed_signature'
  /** The signature is genuine but its `t` is further from now than the tolerance: a replay or a skewed clock. */
  | 'timestamp_out_of_tolerance'
  /** No `v1=` in the header matches the payload under any of the secrets: tampered body or wrong secret. */
  | 'no_matching_signature'
  /** The payload is not the raw body, or not a JSON webhook event. */
  | 'invalid_payload';

/**
 * Thrown by `verifyWebhook` when a request cannot be trusted. Answer it with a 400.
 * The message never contains a secret.
 *
 * @example
 * ```ts
 * try {
 *   event = await verifyWebhook({ payload, signature, secret });
 * } catch (error) {
 *   if (error instanceof WebhookVerificationError) return new Response(error.reason, { status: 400 });
 *   throw error;
 * }
 * ```
 */
export class WebhookVerificationError extends Error {
  /** Always `'WebhookVerificationError'`, also after minification. */
  override readonly name = 'WebhookVerificationError' as const;
  /** Which check failed, stable for code to branch on. */
  readonly reason: WebhookVerificationErrorReason;

  /**
   * @param reason which check failed
   * @param message what a human should know; never a secret
   */
  constructor(reason: WebhookVerificationErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
