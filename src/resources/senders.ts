import type { APIPromise } from '../core/api-promise.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type { RequestOptions, Validator } from '../core/transport.js';
import { named } from '../internal/brand.js';
import { lazy } from '../internal/lazy.js';
import type { Sender } from '../schemas/sender.js';
import type { SenderCreateParams, SenderListParams } from '../schemas/sender-params.js';

/**
 * Register the sender IDs recipients see (a brand name such as `ACME`, or a phone number) and
 * follow their approval. Sending from an alphanumeric sender that is not approved fails with 403
 * `sender_not_approved`.
 */
export class Senders extends APIResource {
  static {
    named(this, 'Senders');
  }

  /**
   * Registers a sender ID for approval. It starts `pending` (or `rejected`, with a
   * `rejection_reason`) and becomes `approved`, announced by `sender.approved` /
   * `sender.rejected`. Parameters are validated locally first.
   * @example
   * const sender = await client.senders.create({ sender_id: 'ACME', type: 'alphanumeric', use_case: 'order updates' });
   */
  create(params: SenderCreateParams, options?: RequestOptions): APIPromise<Sender> {
    return this._client.post('/senders', {
      body: params,
      validate: validateCreate,
      options,
    });
  }

  /** Fetches a sender registration by id (`snd_…`), e.g. to poll its `status`. */
  retrieve(id: string, options?: RequestOptions): APIPromise<Sender> {
    return this._client.get('/senders/:id', { pathParams: { id }, options });
  }

  /**
   * Lists the account's senders, newest first: registrations, the pre-approved ones and the
   * account's numbers. `for await` over the result walks every page.
   * @example
   * for await (const sender of client.senders.list({ status: 'approved' })) console.log(sender.sender_id);
   */
  list(params: SenderListParams = {}, options?: RequestOptions): PagePromise<Sender> {
    return this._client.getList<Sender>('/senders', {
      query: params as Query,
      validate: validateList,
      options,
    });
  }
}

// Params interfaces have no index signature; the validator checks what really arrived.
type Query = Record<string, unknown>;

// zod and libphonenumber-js load on the first call that validates, not when the SDK is imported.
const validators = lazy(() => import('../schemas/sender-params.js'));
const validateCreate: Validator = async (input) => (await validators()).validateSenderCreateParams(input);
const validateList: Validator = async (input) => (await validators()).validateSenderListParams(input);
