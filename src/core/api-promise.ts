import { named } from '../internal/brand.js';
import type { Money } from '../schemas/common.js';
import type { ResponseHeaders } from './errors.js';

/**
 * The rate-limit window as the API reported it (`X-RateLimit-*`); a field is `undefined` when its
 * header was absent.
 */
export interface RateLimit {
  /** Requests allowed per window. */
  limit: number | undefined;
  /** Requests left in the current window. */
  remaining: number | undefined;
  /** Seconds until the window resets. */
  reset: number | undefined;
}

/** The HTTP details of a successful call. */
export interface APIResponseInfo {
  /** The HTTP status, e.g. 201. */
  status: number;
  /** The response headers; `get(name)` is case-insensitive. */
  headers: ResponseHeaders;
  /** `X-Request-Id`: quote it to support. */
  requestId: string | undefined;
  /** The `X-RateLimit-*` headers, as numbers. */
  rateLimit: RateLimit;
  /** True when the API replayed the stored answer to an earlier call with the same idempotency key. */
  idempotentReplayed: boolean;
  /**
   * The credit left after this call, from `OneMessage-Balance-Remaining` and
   * `OneMessage-Balance-Currency`; `undefined` when the response did not carry them.
   * @example { amount: '99.9650', currency: 'EUR' }
   */
  balanceRemaining: Money | undefined;
}

/** A result together with the HTTP details of the response that carried it. */
export interface WithResponse<T> {
  /** The result, as awaiting the call gives it. */
  data: T;
  /** The HTTP details of the response that carried it. */
  response: APIResponseInfo;
}

/** What the request path resolves with; the {@link APIResponseInfo} is only built if asked for. */
export interface RawResponse<T> {
  /** The parsed body. */
  data: T;
  /** The HTTP status. */
  status: number;
  /** The response headers. */
  headers: ResponseHeaders;
}

/**
 * What every API method returns: a Promise of the result that also offers
 * {@link APIPromise.withResponse} for the HTTP details, with no second request.
 * @example
 * const { data: message, response } = await client.messages.create(params).withResponse();
 * console.log(response.requestId, response.rateLimit.remaining);
 */
export class APIPromise<T> extends Promise<T> {
  static {
    named(this, 'APIPromise');
  }

  readonly #raw: Promise<RawResponse<T>>;
  #data: Promise<T> | undefined;

  /** Wraps a promise of a result and its response; SDK methods build these, callers do not need to. */
  constructor(raw: Promise<RawResponse<T>>) {
    super((resolve) => resolve(null as T));
    this.#raw = raw;
  }

  /** Promises derived with `then`/`catch`/`finally` are plain `Promise`s, not APIPromises. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** Resolves to the result and the HTTP details (status, headers, request id, rate limit, replay). */
  withResponse(): Promise<WithResponse<T>> {
    return this.#raw.then(({ data, status, headers }) => ({ data, response: responseInfo(status, headers) }));
  }

  #result(): Promise<T> {
    return (this.#data ??= this.#raw.then((r) => r.data));
  }

  /** As `Promise.prototype.then`, on the result. */
  // oxlint-disable-next-line unicorn/no-thenable -- a promise subclass: then is the point
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result().then(onfulfilled, onrejected);
  }

  /** As `Promise.prototype.catch`. */
  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#result().catch(onrejected);
  }

  /** As `Promise.prototype.finally`. */
  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#result().finally(onfinally);
  }
}

/** Reads the response details the contract promises on every response. */
export function responseInfo(status: number, headers: ResponseHeaders): APIResponseInfo {
  return {
    status,
    headers,
    requestId: headers.get('x-request-id') ?? undefined,
    rateLimit: {
      limit: numberHeader(headers, 'x-ratelimit-limit'),
      remaining: numberHeader(headers, 'x-ratelimit-remaining'),
      reset: numberHeader(headers, 'x-ratelimit-reset'),
    },
    idempotentReplayed: headers.get('idempotent-replayed') === 'true',
    balanceRemaining: balanceHeaders(headers),
  };
}

function balanceHeaders(headers: ResponseHeaders): Money | undefined {
  const amount = headers.get('onemessage-balance-remaining');
  const currency = headers.get('onemessage-balance-currency');
  // Kept as the decimal string it is on the wire: money is never a float.
  if (amount === null || currency === null || !/^-?\d+(\.\d+)?$/.test(amount)) return undefined;
  return { amount, currency };
}

function numberHeader(headers: ResponseHeaders, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
