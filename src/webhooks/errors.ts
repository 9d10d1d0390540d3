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
  | 'invalid_payload'
  /** `verifyWebhook.request()`: the body is longer than `maxBodyBytes` (answer 413). Nothing past the cap was read. */
  | 'payload_too_large';

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
   * @param options `cause`: the error underneath, e.g. a failed body read
   */
  constructor(reason: WebhookVerificationErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/**
 * Thrown by `verifyWebhook` and `signWebhook` when they are called wrongly: an empty or missing
 * secret (often an unset environment variable), `tolerance: 0`, a `now` that is not a number, an
 * argument of the wrong type. A bug or a configuration error on the receiving side, not a bad
 * request: let it reach your error handler (500) rather than answering 400.
 *
 * @example
 * ```ts
 * // Throws WebhookOptionsError: `tolerance: 0` is refused (in Stripe it means "no check").
 * await verifyWebhook({ payload, signature, secret, tolerance: 0 });
 * ```
 */
export class WebhookOptionsError extends Error {
  /** Always `'WebhookOptionsError'`, also after minification. */
  override readonly name = 'WebhookOptionsError' as const;
  /** The option or argument at fault, e.g. `'secret'`, `'tolerance'`, `'request'`. */
  readonly option: string;

  /**
   * @param option the option or argument at fault
   * @param message what is wrong and how to fix it; never a secret
   */
  constructor(option: string, message: string) {
    super(message);
    this.option = option;
  }
}
