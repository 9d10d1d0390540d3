import type { APIPromise } from '../core/api-promise.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import { compute, type RequestOptions, type Validator } from '../core/transport.js';
import { named } from '../internal/brand.js';
import { yieldToEventLoop } from '../internal/yield.js';
import { lazy } from '../internal/lazy.js';
import type { MessageEstimate, MessageEstimateParams } from '../pricing/estimate.js';
import { SendManyJob, type SendManyOptions, type SendManyRecipients } from '../bulk/send-many.js';
import { APIPromise as Promised } from '../core/api-promise.js';
import type { OneMessage } from '../client.js';
import type { BatchCreateParams, BatchPlan } from '../schemas/batch-params.js';
import type { Batch, Message } from '../schemas/message.js';
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
   * Sends up to 10,000 messages in one request, `{{name}}` placeholders of `body` filled from each
   * entry's `variables`. Each entry is checked locally first: a bad one is reported at its index
   * (`results[i].error`) and left out of the request while the others go; `results` holds every
   * entry in input order and `rejected` counts both kinds. Over 10,000 entries, or none valid at
   * all, rejects with a `ValidationError` and sends nothing. The batch is idempotent as a whole;
   * if the balance cannot cover every accepted entry it is refused (402) and nothing is sent.
   * @example
   * const batch = await client.messages.batch({
   *   defaults: { sender: 'OneMSG', body: 'Hi {{name}}, your table is booked.' },
   *   messages: [{ to: '+447911123456', variables: { name: 'Ada' } }],
   * });
   * for (const result of batch.results) if ('error' in result) console.log(result.index, result.error.code);
   */
  batch(params: BatchCreateParams, options?: RequestOptions): APIPromise<Batch> {
    return sendBatch(this._client, params, options);
  }

  /**
   * Sends to a list of any size (an array, or any sync or async iterable such as a CSV stream) in
   * chunks of `chunkSize` batches, `concurrency` at a time, paced by the rate-limit headers.
   * Resumable exactly once: re-run with the same `jobId` and the same input and nothing is sent
   * twice. Await the job for a summary; iterate it for each recipient's outcome. See
   * docs/bulk-sending.md.
   * @example
   * const summary = await client.messages.sendMany(rows, {
   *   jobId: 'spring-sale-2026',
   *   defaults: { sender: 'OneMSG', body: 'Hi {{name}}, 20% off today.' },
   *   onProgress: ({ sent, failed, total }) => console.log(`${sent + failed}/${total ?? '?'}`),
   * });
   */
  sendMany(recipients: SendManyRecipients, options: SendManyOptions): SendManyJob {
    return new SendManyJob(this._client, recipients, options);
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
const validators = Object.assign(
  lazy(() => import('../schemas/message-params.js')),
  { batch: lazy(() => import('../schemas/batch-params.js')) },
);
const validateCreate: Validator = async (input) => (await validators()).validateMessageCreateParams(input);
const validateList: Validator = async (input) => (await validators()).validateMessageListParams(input);
const estimator = lazy(() => import('../pricing/estimate.js'));

// The local check runs as the call's validator, so its issues reject like any other call's; the
// plan it leaves maps the server's results (indexed among the entries sent) back to the caller's.
function sendBatch(
  client: OneMessage,
  params: BatchCreateParams,
  options: RequestOptions | undefined,
): APIPromise<Batch> {
  let plan: BatchPlan | undefined;
  const validate: Validator = async (input) => {
    const { planBatch, planIssues } = await validators.batch();
    const planned = await planBatch(input, { pause: yieldToEventLoop });
    if (!planned.ok) return planned;
    plan = planned.value;
    return plan.sent.length > 0 ? { ok: true, value: plan.body } : { ok: false, issues: planIssues(plan) };
  };
  const sent = client.post<Batch>('/messages/batch', { body: params, validate, options }).withResponse();
  return new Promised(
    sent.then(async ({ data, response }) => {
      const { mergeBatchResults } = await validators.batch();
      return { data: mergeBatchResults(plan!, data), status: response.status, headers: response.headers };
    }),
  );
}
