import * as z from 'zod/mini';
import { WebhookEventTypeSchema } from './common.js';
import {
  CALLBACK_URL_RULE,
  isCallbackUrl,
  isRecord,
  NOT_AN_OBJECT,
  rule,
  toIssues,
  type ValidationResult,
} from './validation.js';

/** The longest webhook endpoint description accepted. */
export const MAX_WEBHOOK_DESCRIPTION = 500;

/** Schema of {@link WebhookEndpointCreateParams}. */
export const WebhookEndpointCreateParamsSchema = z.strictObject({
  /**
   * Where events are POSTed: an absolute http(s) URL of up to 2048 characters, without
   * credentials, e.g. `https://example.com/hooks/onemessage`.
   */
  url: z.string().check(rule(isCallbackUrl, CALLBACK_URL_RULE)),
  /**
   * The event types this endpoint receives: at least one, no repeats, e.g.
   * `['message.delivered', 'message.failed']`.
   */
  events: z.array(WebhookEventTypeSchema).check(
    rule((e: string[]) => e.length > 0, 'must list at least one event type'),
    rule((e: string[]) => new Set(e).size === e.length, 'must not list an event type twice'),
  ),
  /** A note for people, up to 500 characters. */
  description: z.optional(
    z
      .string()
      .check(
        rule(
          (s: string) => s.length <= MAX_WEBHOOK_DESCRIPTION,
          `must be at most ${MAX_WEBHOOK_DESCRIPTION} characters`,
        ),
      ),
  ),
});
/**
 * Parameters of `POST /v1/webhooks` (`webhooks.create`). The answer carries the endpoint's
 * signing secret, shown only then.
 * @useDeclaredType
 */
export type WebhookEndpointCreateParams = z.infer<typeof WebhookEndpointCreateParamsSchema>;

/**
 * Validates `POST /v1/webhooks` parameters: an http(s) `url`, a non-empty list of known event
 * types, an optional `description`. Unknown parameters are refused.
 */
export async function validateWebhookEndpointCreateParams(
  input: unknown,
): Promise<ValidationResult<WebhookEndpointCreateParams>> {
  if (!isRecord(input)) return { ok: false, issues: [NOT_AN_OBJECT] };
  const parsed = WebhookEndpointCreateParamsSchema.safeParse(input);
  return parsed.success
    ? { ok: true, value: { ...(input as WebhookEndpointCreateParams) } }
    : { ok: false, issues: toIssues(parsed.error.issues, input) };
}
