import type { APIPromise } from '../core/api-promise.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import { compute, type RequestOptions, type Validator } from '../core/transport.js';
import { named } from '../internal/brand.js';
import { lazy } from '../internal/lazy.js';
import type { MessageEstimate, MessageEstimateParams } from '../pricing/estimate.js';
import type { Message } from '../schemas/message.js';
import type { MessageCreateParams, MessageListParams } from '../schemas/message-params.js';

/** Send, retrieve, list, cancel and estimate SMS messages. */
export class Messages extends APIResource {
  static {
    named(this, 'Messages');
  }

  /**
   * Sends an SMS (or, with `dry_run`, validates and prices it). Parameters are validated locally
   * first; a bad one rejects with a `ValidationError` and nothing is sent.
   * @example
   * const message = await client.messages.create({
   *   to: '+447911123456',
   *   sender: 'OneMSG',
   *   body: 'Your order shipped',
   * });
   */
  create(params: MessageCreateParams, options?: RequestOptions): APIPromise<Message> {
    return this._client.post('/messages', { body: params, validate: validateCreate, options });
  }

  /** Fetches a message by id, with its delivery-report history in `events`. */
  retrieve(id: string, options?: RequestOptions): APIPromise<Message> {
    return this._client.get('/messages/:id', { pathParams: { id }, options });
  }

  /**
   * Lists messages, newest first. Await it for the first page, or `for await` over it for every
   * message across pages.
   * @example
   * for await (const message of client.messages.list({ status: 'delivered' })) console.log(message.id);
   */
  list(params: MessageListParams = {}, options?: RequestOptions): PagePromise<Message> {
    return this._client.getList<Message>('/messages', { query: params as Query, validate: validateList, options });
  }

  /** Cancels a scheduled message; it becomes `canceled`. */
  cancel(id: string, options?: RequestOptions): APIPromise<Message> {
    return this._client.post('/messages/:id/cancel', { pathParams: { id }, options });
  }

  /**
   * Computes encoding, segments and price locally, with no network call, using the same
   * validation, calculator and price list as the API (`fail_on_multiple_segments` included).
   * `withResponse()` reports status 200 and no headers, since nothing is sent.
   * @example
   * const { segments, price } = await client.messages.estimate({ to: '+447911123456', body: 'Hello' });
   */
  estimate(params: MessageEstimateParams): APIPromise<MessageEstimate> {
    return compute('messages.estimate', async () => (await estimator()).estimateMessage(params));
  }
}

// Params interfaces have no index signature; the validator checks what really arrived.
type Query = Record<string, unknown>;

// zod and libphonenumber-js load on the first call that validates, not when the SDK is imported.
const validators = lazy(() => import('../schemas/message-params.js'));
const validateCreate: Validator = async (input) => (await validators()).validateMessageCreateParams(input);
const validateList: Validator = async (input) => (await validators()).validateMessageListParams(input);
const estimator = lazy(() => import('../pricing/estimate.js'));
