import { idempotencyKey } from '../internal/uuid.js';
import { sleep } from '../internal/sleep.js';
import { APIPromise, type RawResponse } from './api-promise.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  OneMessageError,
  type RequestDescription,
  type ResponseHeaders,
} from './errors.js';
import { isRetryable, retryDelay, type AttemptOutcome, type BackoffOptions } from './retry.js';

/** A fetch-shaped function, e.g. `globalThis.fetch`, undici's `fetch`, or a gateway's `fetch`. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** One HTTP attempt, as the transport seam receives it. */
export interface TransportRequest {
  /** The HTTP method. */
  method: string;
  /** The absolute URL, query string included. */
  url: string;
  /** Lower-cased header names and their values. */
  headers: Record<string, string>;
  /** The JSON body, or `undefined` for none. */
  body: string | undefined;
  /** Aborts when the caller aborts; the transport rejects with the signal's reason. */
  signal: AbortSignal | undefined;
  /** Milliseconds the transport allows for the whole exchange, body included; then it rejects with {@link TransportTimeoutError}. */
  timeout: number;
}

/** The least the request path needs of a response: a Web `Response` is one. */
export interface TransportResponse {
  /** The HTTP status. */
  status: number;
  /** The response headers. */
  headers: ResponseHeaders;
  /** Reads the whole body as text (called exactly once). */
  text(): Promise<string>;
}

/** The seam every request goes through. The `fetch` option is wrapped into one by the SDK's internal `fetchTransport`. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** What a transport rejects with when the exchange outlives its timeout. */
export class TransportTimeoutError extends Error {
  /** The class name, kept literal so it survives minification. */
  override name = 'TransportTimeoutError' as const;
}

/**
 * Adapts a fetch-shaped function to the transport seam, enforcing the timeout over the
 * headers and the body. `getFetch` is called per request, so a `fetch` patched later (msw) is seen.
 */
export function fetchTransport(getFetch: () => Fetch): Transport {
  return async ({ method, url, headers, body, signal, timeout }) => {
    const controller = new AbortController();
    // Built only when the timer fires: an Error captures a stack, some 3 µs per request otherwise.
    let timeoutError: TransportTimeoutError | undefined;
    const timer = setTimeout(() => {
      timeoutError = new TransportTimeoutError(`No answer within ${timeout} ms`);
      controller.abort(timeoutError);
    }, timeout);
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    try {
      const response = await getFetch()(url, { method, headers, body, signal: controller.signal });
      return {
        status: response.status,
        headers: response.headers,
        text: () =>
          response.text().then(
            (text) => (done(), text),
            (error: unknown) => {
              done();
              throw timeoutError !== undefined && controller.signal.reason === timeoutError ? timeoutError : error;
            },
          ),
      };
    } catch (error) {
      done();
      throw timeoutError !== undefined && controller.signal.reason === timeoutError ? timeoutError : error;
    }
  };
}

/** A sink for debug lines; `console` is one. Lines never include the API key or request bodies. */
export interface Logger {
  /** One line: a short message and structured details (method, path, status, request id, attempt, delay). */
  debug(message: string, details?: Record<string, unknown>): void;
}

/** Options any single call accepts as its last argument. */
export interface RequestOptions {
  /** Milliseconds per attempt before it counts as timed out (and is retried). Overrides the client's. */
  timeout?: number;
  /** Aborts the call at once, including a pending retry or backoff. */
  signal?: AbortSignal;
  /** The `Idempotency-Key` for a POST; by default a fresh `idk_…` per call, reused on every retry. */
  idempotencyKey?: string;
  /** Retries after the first attempt. Overrides the client's. */
  maxRetries?: number;
  /** Extra headers for this call; a `null` value removes a default header. */
  headers?: Record<string, string | null>;
}

/** The settings of the request path, fixed per client. */
export interface TransportConfig {
  /** The API's base URL, without a trailing slash. */
  baseURL: string;
  /** Path of `baseURL` (e.g. `/v1`), prefixed to paths in error messages. */
  basePath: string;
  /** Headers sent on every request (auth, user agent, defaults). */
  headers: Record<string, string>;
  /** Milliseconds per attempt. */
  timeout: number;
  /** Retries after the first attempt. */
  maxRetries: number;
  /** The seam requests go through. */
  transport: Transport;
  /** Where debug lines go, if anywhere. */
  logger: Logger | undefined;
  /** Backoff settings (tests shorten them). */
  backoff?: BackoffOptions;
}

/** One call through the request path. */
export interface CallSpec {
  /** The HTTP method; POSTs get an idempotency key. */
  method: 'GET' | 'POST' | 'DELETE';
  /** The path below the base URL, e.g. `/messages`. */
  path: string;
  /** Query parameters; `undefined` and `null` values are left out. */
  query?: Record<string, unknown> | undefined;
  /** The JSON body, or a promise of it (client-side validation runs before the first attempt). */
  body?: unknown;
  /** The caller's per-call options. */
  options?: RequestOptions | undefined;
}

/** Sends one call: auth, JSON, idempotency key, per-attempt timeout, retries with backoff. */
export function request<T>(config: TransportConfig, spec: CallSpec): APIPromise<T> {
  return new APIPromise(send<T>(config, spec));
}

/** Sends one call and resolves with the parsed body, status and headers. */
export async function send<T>(config: TransportConfig, spec: CallSpec): Promise<RawResponse<T>> {
  const { options = {} } = spec;
  const description: RequestDescription = { method: spec.method, path: config.basePath + spec.path };
  const signal = options.signal;
  const rawBody = spec.body instanceof Promise ? await spec.body : spec.body;
  const body = rawBody === undefined ? undefined : JSON.stringify(rawBody);
  const url = config.baseURL + spec.path + queryString(spec.query);
  const headers = buildHeaders(config, spec, options, body !== undefined);
  const maxRetries = options.maxRetries ?? config.maxRetries;
  const timeout = options.timeout ?? config.timeout;
  const log = config.logger;

  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw new APIUserAbortError(description, { cause: signal.reason });
    let status: number;
    let responseHeaders: ResponseHeaders;
    let text: string;
    try {
      const response = await config.transport({ method: spec.method, url, headers, body, signal, timeout });
      status = response.status;
      responseHeaders = response.headers;
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted) throw new APIUserAbortError(description, { cause });
      const timedOut = cause instanceof TransportTimeoutError;
      const outcome: AttemptOutcome = { kind: timedOut ? 'timeout' : 'connection_error' };
      log?.debug('onemessage: request failed', { ...description, attempt, reason: outcome.kind });
      if (attempt < maxRetries && isRetryable(outcome)) {
        await backoff(config, attempt, null, signal, description);
        continue;
      }
      throw timedOut ? new APIConnectionTimeoutError(description, timeout, { cause }) : new APIConnectionError(description, { cause });
    }

    log?.debug('onemessage: response', { ...description, status, requestId: responseHeaders.get('x-request-id') ?? undefined, attempt });
    if (status >= 200 && status < 300) {
      return { data: parseBody(text, status, description) as T, status, headers: responseHeaders };
    }
    const errorBody = safeParse(text);
    const code = (errorBody as { error?: { code?: unknown } } | undefined)?.error?.code;
    const outcome: AttemptOutcome = { kind: 'response', status, code: typeof code === 'string' ? code : undefined };
    if (attempt < maxRetries && isRetryable(outcome)) {
      await backoff(config, attempt, responseHeaders.get('retry-after'), signal, description);
      continue;
    }
    throw APIError.generate(status, errorBody, responseHeaders, description);
  }
}

async function backoff(
  config: TransportConfig,
  attempt: number,
  retryAfter: string | null,
  signal: AbortSignal | undefined,
  description: RequestDescription,
): Promise<void> {
  const delayMs = retryDelay(attempt, retryAfter, config.backoff);
  config.logger?.debug('onemessage: retrying', { ...description, attempt: attempt + 1, delayMs });
  try {
    await sleep(delayMs, signal);
  } catch (cause) {
    throw new APIUserAbortError(description, { cause });
  }
}

function buildHeaders(
  config: TransportConfig,
  spec: CallSpec,
  options: RequestOptions,
  hasBody: boolean,
): Record<string, string> {
  const headers: Record<string, string> = { ...config.headers };
  if (hasBody) headers['content-type'] = 'application/json';
  if (spec.method === 'POST') headers['idempotency-key'] = options.idempotencyKey ?? idempotencyKey();
  if (options.headers) {
    for (const [name, value] of Object.entries(options.headers)) {
      const key = name.toLowerCase();
      if (value === null) delete headers[key];
      else headers[key] = value;
    }
  }
  return headers;
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseBody(text: string, status: number, description: RequestDescription): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new OneMessageError(
      `Could not parse the ${status} response as JSON (${description.method} ${description.path})`,
      { cause },
    );
  }
}

function safeParse(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
