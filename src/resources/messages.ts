import type { APIPromise } from '../core/api-promise.js';
import { ValidationError, type RequestDescription } from '../core/errors.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type { RequestOptions } from '../core/transport.js';
import { path } from '../internal/path.js';
import type { Autoconvert, Encoding, Money } from '../schemas/common.js';
import type { Message } from '../schemas/message.js';
import type { MessageCreateParams, MessageListParams } from '../schemas/message-params.js';
import type { ValidationIssue, ValidationResult } from '../schemas/validation.js';

/** Send, retrieve, list, cancel and estimate SMS messages. */
export class Messages extends APIResource {
  /**
   * Sends an SMS (or, with `dry_run`, validates and prices it). Parameters are validated locally
   * first; a bad one throws {@link ValidationError} and nothing is sent.
   * @example
   * const message = await client.messages.create({ to: '+447911123456', sender: 'OneMSG', body: 'Your order shipped' });
   */
  create(params: MessageCreateParams, options?: RequestOptions): APIPromise<Message> {
    return this._client.post('/messages', { body: prepareCreate(params, () => this._describe('POST', '/messages')), options });
  }

  /** Fetches a message by id, with its delivery-report history in `events`. */
  retrieve(id: string, options?: RequestOptions): APIPromise<Message> {
    return this._client.get(path`/messages/${id}`, { options });
  }

  /**
   * Lists messages, newest first. Await it for the first page, or `for await` over it for every
   * message across pages.
   * @example
   * for await (const message of client.messages.list({ status: 'delivered' })) console.log(message.id);
   */
  list(params: MessageListParams = {}, options?: RequestOptions): PagePromise<Message> {
    return this._client.getList<Message>('/messages', prepareList(params, () => this._describe('GET', '/messages')), options);
  }

  /** Cancels a scheduled message; it becomes `canceled`. */
  cancel(id: string, options?: RequestOptions): APIPromise<Message> {
    return this._client.post(path`/messages/${id}/cancel`, { options });
  }

  /**
   * Computes encoding, segments and price locally, with no network call, using the same
   * calculator and price list as the API.
   * @example
   * const { segments, price } = await client.messages.estimate({ to: '+447911123456', body: 'Hello' });
   */
  async estimate(params: MessageEstimateParams): Promise<MessageEstimate> {
    const where = (): RequestDescription => ({ method: 'messages.estimate', path: '(computed locally)' });
    const { currency, ...rest } = params;
    const [valid, { segments }, { priceFor }, { parsePhoneNumber, pricingCountry }] = await Promise.all([
      prepareCreate(rest, where),
      loadSegments(),
      import('../pricing/index.js'),
      import('../schemas/phone.js'),
    ]);
    const counted = segments(valid.body, { autoconvert: valid.autoconvert ?? 'off' });
    const phone = await parsePhoneNumber(valid.to);
    const country = phone ? pricingCountry(phone) : null;
    let price: Money;
    let perSegment: Money;
    try {
      price = priceFor(country, counted.segments, currency);
      perSegment = priceFor(country, 1, currency);
    } catch (error) {
      throw new ValidationError([{ param: 'currency', code: 'invalid_parameter', message: (error as Error).message }], where());
    }
    return {
      object: 'message_estimate',
      to: valid.to,
      country,
      encoding: counted.encoding,
      segments: counted.segments,
      characters: counted.characters,
      body: counted.text,
      price,
      price_per_segment: perSegment,
    };
  }
}

type Validators = typeof import('../schemas/message-params.js');
let validators: Validators | undefined;
// zod and libphonenumber-js load on the first call that validates, not when the SDK is imported.
const loadValidators = async (): Promise<Validators> => (validators ??= await import('../schemas/message-params.js'));

// The counting function alone: the entry would also pull in every national language table.
type Segments = typeof import('../segments/segments.js');
let segmentsModule: Segments | undefined;
const loadSegments = async (): Promise<Segments> => (segmentsModule ??= await import('../segments/segments.js'));

async function prepareCreate(params: MessageCreateParams, where: () => RequestDescription): Promise<MessageCreateParams> {
  const { validateMessageCreateParams } = validators ?? (await loadValidators());
  const value = unwrap(await validateMessageCreateParams(params), where);
  if (value.fail_on_multiple_segments) {
    const { segments } = segmentsModule ?? (await loadSegments());
    const counted = segments(value.body, { autoconvert: value.autoconvert ?? 'off' });
    if (counted.segments > 1) {
      throw new ValidationError(
        [
          {
            param: 'body',
            code: 'multiple_segments_not_allowed',
            message: `body needs ${counted.segments} segments (${counted.encoding}) and fail_on_multiple_segments is set.`,
          },
        ],
        where(),
      );
    }
  }
  return value;
}

async function prepareList(params: MessageListParams, where: () => RequestDescription): Promise<Record<string, unknown>> {
  const { validateMessageListParams } = validators ?? (await loadValidators());
  return { ...unwrap(await validateMessageListParams(params), where) };
}

function unwrap<T>(result: ValidationResult<T>, where: () => RequestDescription): T {
  if (result.ok) return result.value;
  throw new ValidationError(result.issues satisfies ValidationIssue[], where());
}

/** Parameters of {@link Messages.estimate}. */
export interface MessageEstimateParams {
  /** The recipient in E.164; its country sets the price. */
  to: string;
  /** The text to send. */
  body: string;
  /**
   * As in `messages.create`.
   * @default 'off'
   */
  autoconvert?: Autoconvert;
  /**
   * Currency of the price.
   * @default 'EUR'
   */
  currency?: string;
}

/** A local cost preview of a message. */
export interface MessageEstimate {
  /** Always `message_estimate`. */
  object: 'message_estimate';
  /** The recipient, normalised to E.164. */
  to: string;
  /** ISO 3166-1 alpha-2 country of `to`, or `null` when it has none. */
  country: string | null;
  /** The SMS alphabet the text needs. */
  encoding: Encoding;
  /** How many SMS parts it takes. */
  segments: number;
  /** User-perceived characters. */
  characters: number;
  /** The text that would be sent (after autoconvert). */
  body: string;
  /** The total price: `price_per_segment × segments`. */
  price: Money;
  /** The price of one segment to this destination. */
  price_per_segment: Money;
}
