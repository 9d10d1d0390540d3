import type { APIPromise } from '../core/api-promise.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type { RequestOptions, Validator } from '../core/transport.js';
import { named } from '../internal/brand.js';
import { lazy } from '../internal/lazy.js';
import type { ListParams } from '../schemas/list-params.js';
import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointDeleted, WebhookSecret } from '../schemas/webhook.js';
import type { WebhookEndpointCreateParams } from '../schemas/webhook-params.js';

/**
 * Register and manage the URLs that receive signed events. Verify what they receive with
 * `verifyWebhook` from `@onemessage/sdk/webhooks`.
 */
export class Webhooks extends APIResource {
  static {
    named(this, 'Webhooks');
  }

  /**
   * Registers an endpoint. The answer holds its signing `secret` (`whsec_…`): store it now, it
   * is never shown again (rotate it with {@link Webhooks.rotateSecret}).
   * @example
   * const endpoint = await client.webhooks.create({ url: 'https://example.com/hooks', events: ['message.delivered'] });
   */
  create(params: WebhookEndpointCreateParams, options?: RequestOptions): APIPromise<WebhookEndpoint> {
    return this._client.post('/webhooks', { body: params, validate: validateCreate, options });
  }

  /** Fetches an endpoint (without its secret). */
  retrieve(id: string, options?: RequestOptions): APIPromise<WebhookEndpoint> {
    return this._client.get('/webhooks/:id', { pathParams: { id }, options });
  }

  /** Lists endpoints, newest first; `for await` over the result walks every page. */
  list(params: ListParams = {}, options?: RequestOptions): PagePromise<WebhookEndpoint> {
    const spec = { query: params as Query, validate: validateList, options };
    return this._client.getList<WebhookEndpoint>('/webhooks', spec);
  }

  /** Deletes an endpoint; its pending retries are dropped. */
  delete(id: string, options?: RequestOptions): APIPromise<WebhookEndpointDeleted> {
    return this._client.delete('/webhooks/:id', { pathParams: { id }, options });
  }

  /**
   * Issues a new signing secret. The old one keeps signing alongside it until
   * `previous_secret_expires_at`, so receivers can switch without losing events.
   */
  rotateSecret(id: string, options?: RequestOptions): APIPromise<WebhookEndpoint> {
    return this._client.post('/webhooks/:id/rotate_secret', { pathParams: { id }, options });
  }

  /** The delivery log of an endpoint, newest first: every attempt, its status code, the next retry. */
  deliveries(id: string, params: ListParams = {}, options?: RequestOptions): PagePromise<WebhookDelivery> {
    const spec = { pathParams: { id }, query: params as Query, validate: validateList, options };
    return this._client.getList<WebhookDelivery>('/webhooks/:id/deliveries', spec);
  }

  /** The account's default secret, which signs deliveries to a message's `callback_url`. */
  defaultSecret(options?: RequestOptions): APIPromise<WebhookSecret> {
    return this._client.get('/webhooks/default_secret', { options });
  }
}

// Params interfaces have no index signature; the validator checks what really arrived.
type Query = Record<string, unknown>;

// zod loads on the first call that validates, not when the SDK is imported.
const validators = lazy(() => import('../schemas/webhook-params.js'));
const validateCreate: Validator = async (input) => (await validators()).validateWebhookEndpointCreateParams(input);
const listValidators = lazy(() => import('../schemas/list-params.js'));
const validateList: Validator = async (input) => (await listValidators()).validateListParams(input);
