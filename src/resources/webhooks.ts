import type { APIPromise } from '../core/api-promise.js';
import { ValidationError, type RequestDescription } from '../core/errors.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type { RequestOptions } from '../core/transport.js';
import { path } from '../internal/path.js';
import type { ListParams } from '../schemas/list-params.js';
import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointDeleted, WebhookSecret } from '../schemas/webhook.js';
import type { WebhookEndpointCreateParams } from '../schemas/webhook-params.js';

/**
 * Register and manage the URLs that receive signed events. Verify what they receive with
 * `verifyWebhook` from `@onemessage/sdk/webhooks`.
 */
export class Webhooks extends APIResource {
  /**
   * Registers an endpoint. The answer holds its signing `secret` (`whsec_…`): store it now, it
   * is never shown again (rotate it with {@link Webhooks.rotateSecret}).
   * @example
   * const endpoint = await client.webhooks.create({ url: 'https://example.com/hooks', events: ['message.delivered'] });
   */
  create(params: WebhookEndpointCreateParams, options?: RequestOptions): APIPromise<WebhookEndpoint> {
    return this._client.post('/webhooks', { body: prepareCreate(params, () => this._describe('POST', '/webhooks')), options });
  }

  /** Fetches an endpoint (without its secret). */
  retrieve(id: string, options?: RequestOptions): APIPromise<WebhookEndpoint> {
    return this._client.get(path`/webhooks/${id}`, { options });
  }

  /** Lists endpoints, newest first; `for await` over the result walks every page. */
  list(params: ListParams = {}, options?: RequestOptions): PagePromise<WebhookEndpoint> {
    return this._client.getList<WebhookEndpoint>('/webhooks', { ...params }, options);
  }

  /** Deletes an endpoint; its pending retries are dropped. */
  delete(id: string, options?: RequestOptions): APIPromise<WebhookEndpointDeleted> {
    return this._client.delete(path`/webhooks/${id}`, { options });
  }

  /**
   * Issues a new signing secret. The old one keeps signing alongside it until
   * `previous_secret_expires_at`, so receivers can switch without losing events.
   */
  rotateSecret(id: string, options?: RequestOptions): APIPromise<WebhookEndpoint> {
    return this._client.post(path`/webhooks/${id}/rotate_secret`, { options });
  }

  /** The delivery log of an endpoint, newest first: every attempt, its status code, the next retry. */
  deliveries(id: string, params: ListParams = {}, options?: RequestOptions): PagePromise<WebhookDelivery> {
    return this._client.getList<WebhookDelivery>(path`/webhooks/${id}/deliveries`, { ...params }, options);
  }

  /** The account's default secret, which signs deliveries to a message's `callback_url`. */
  defaultSecret(options?: RequestOptions): APIPromise<WebhookSecret> {
    return this._client.get('/webhooks/default_secret', { options });
  }
}

async function prepareCreate(
  params: WebhookEndpointCreateParams,
  where: () => RequestDescription,
): Promise<WebhookEndpointCreateParams> {
  // zod loads on the first call that validates, not when the SDK is imported.
  const { validateWebhookEndpointCreateParams } = await import('../schemas/webhook-params.js');
  const result = await validateWebhookEndpointCreateParams(params);
  if (result.ok) return result.value;
  throw new ValidationError(result.issues, where());
}
