import { brand } from '../internal/brand.js';
import { headerNameProblem, headerValueProblem, idempotencyKeyProblem } from '../internal/headers.js';
import { describeType, fillPath } from '../internal/path.js';
import { idempotencyKey } from '../internal/uuid.js';
import { sleep } from '../internal/sleep.js';
import type { ValidationIssue, ValidationResult } from '../schemas/validation.js';
import { APIPromise, type RawResponse } from './api-promise.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  OneMessageError,
  ValidationError,
  type RequestDescription,
  type ResponseHeaders,
} from './errors.js';
import { isRetryable, retryDelay, type AttemptOutcome, type BackoffOptions } from './retry.js';

/** A fetch-shaped function, e.g. `globalThis.fetch`, undici's `fetch`, or a gateway's `fetch`. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

// The transport seam (Transport, TransportRequest, TransportResponse, TransportTimeoutError) is
// internal: the `fetch` option covers every use we know of (an in-process gateway, msw, a custom
// agent), and one public seam is one contract to keep, so these can change without a major.

/**
 * One HTTP attempt, as the transport seam receives it.
 * @internal
 */
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
  /** Milliseconds the transport allows for the whole exchange, body included; then it rejects with a timeout. */
  timeout: number;
}

/**
 * The least the request path needs of a response: a Web `Response` is one.
 * @internal
 */
export interface TransportResponse {
  /** The HTTP status. */
  status: number;
  /** The response headers. */
  headers: ResponseHeaders;
  /** Reads the whole body as text (called exactly once). */
  text(): Promise<string>;
}

/**
 * The seam every request goes through; the `fetch` option is wrapped into one by `fetchTransport`.
 * @internal
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * What a transport rejects with when the exchange outlives its timeout; the request path turns
 * it into an {@link APIConnectionTimeoutError}, so callers never see it.
 * @internal
 */
export class TransportTimeoutError extends OneMessageError {
  static {
    brand(this, 'TransportTimeoutError');
  }

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
  /**
   * The `Idempotency-Key` for a POST; by default a fresh `idk_…` per call, reused on every retry.
   * Must be non-empty printable ASCII without surrounding whitespace (HTTP trims it, so `' a'` and
   * `'a'` would collide): anything else is a {@link ValidationError} before any request.
   */
  idempotencyKey?: string;
  /** Retries after the first attempt. Overrides the client's. */
  maxRetries?: number;
  /**
   * Extra headers for this call; a `null` value removes a default header. A POST always carries an
   * idempotency key: `'Idempotency-Key': null` cannot remove it, and a string there is used as
   * {@link RequestOptions.idempotencyKey}.
   */
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

/**
 * Checks a call's parameters before anything is sent and returns them normalised (or every
 * issue found), as the validators of the SDK's schemas do.
 */
export type Validator = (input: unknown) => ValidationResult<unknown> | Promise<ValidationResult<unknown>>;

/** One call through the request path. */
export interface CallSpec {
  /** The HTTP method; POSTs get an idempotency key. */
  method: 'GET' | 'POST' | 'DELETE';
  /** The path below the base URL, e.g. `/messages/:id`; `:name` placeholders are filled from `pathParams`. */
  path: string;
  /**
   * Values of the path's `:name` placeholders. Each must be a non-empty string other than `.` and
   * `..`, so an id can never change the route; it is percent-encoded.
   */
  pathParams?: Record<string, unknown> | undefined;
  /** Query parameters; `undefined` and `null` values are left out. */
  query?: Record<string, unknown> | undefined;
  /** The JSON body (a promise of it is awaited first). */
  body?: unknown;
  /**
   * Validates the parameters before the first attempt: the `query` of a GET, the `body` otherwise.
   * Issues reject the call with a {@link ValidationError} and nothing is sent; on success the
   * normalised value is what is sent.
   */
  validate?: Validator | undefined;
  /** The caller's per-call options. */
  options?: RequestOptions | undefined;
}

/** Sends one call: auth, JSON, idempotency key, per-attempt timeout, retries with backoff. */
export function request<T>(config: TransportConfig, spec: CallSpec): APIPromise<T> {
  return new APIPromise(send<T>(config, spec));
}

const NO_HEADERS: ResponseHeaders = { get: () => null };

/**
 * Runs a method that computes its answer locally (no request) as an {@link APIPromise}: its
 * issues reject with a {@link ValidationError} named after `method`, as a request's would.
 */
export function compute<T>(method: string, run: () => Promise<ValidationResult<T>>): APIPromise<T> {
  return new APIPromise(
    (async () => {
      const result = await run();
      if (!result.ok) throw new ValidationError(result.issues, { method, path: '(computed locally)' });
      return { data: result.value, status: 200, headers: NO_HEADERS };
    })(),
  );
}

/** Sends one call and resolves with the parsed body, status and headers. */
export async function send<T>(config: TransportConfig, spec: CallSpec): Promise<RawResponse<T>> {
  // Awaited first, so a rejected body promise is never left unobserved by an earlier failure.
  const givenBody: unknown = isThenable(spec.body) ? await spec.body : spec.body;
  const route: RequestDescription = {
    method: spec.method,
    path: config.basePath + (typeof spec.path === 'string' ? spec.path : '(path)'),
  };
  const options = checkOptions(spec.options, route);
  if (typeof spec.path !== 'string' || !spec.path.startsWith('/')) {
    const message = 'path must be a string starting with /.';
    throw new ValidationError([{ param: 'path', code: 'invalid_parameter', message }], route);
  }
  const filled = fillPath(spec.path, spec.pathParams);
  if (!filled.ok) throw new ValidationError(filled.issues, route);
  const description: RequestDescription = { method: spec.method, path: config.basePath + filled.path };

  let query = spec.query;
  let rawBody = givenBody;
  if (typeof spec.validate === 'function') {
    const result = await spec.validate(spec.method === 'GET' ? query : rawBody);
    if (!result.ok) throw new ValidationError(result.issues, description);
    if (spec.method === 'GET') query = result.value as Record<string, unknown>;
    else rawBody = result.value;
  }
  const body = rawBody === undefined ? undefined : toJSON(rawBody, description);
  const url = config.baseURL + filled.path + queryString(query, description);
  const headers = buildHeaders(config, spec.method, options, body !== undefined, description);
  const signal = options.signal;
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
      throw timedOut
        ? new APIConnectionTimeoutError(description, timeout, { cause })
        : new APIConnectionError(description, { cause });
    }

    const requestId = responseHeaders.get('x-request-id') ?? undefined;
    log?.debug('onemessage: response', { ...description, status, requestId, attempt });
    if (status >= 200 && status < 300) {
      return { data: parseBody(text, status, responseHeaders, description) as T, status, headers: responseHeaders };
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

function toJSON(value: unknown, description: RequestDescription): string {
  try {
    return JSON.stringify(value);
  } catch (cause) {
    // A BigInt or a cycle: say which rule broke rather than surface JSON.stringify's TypeError.
    const message = `body must be JSON-serialisable (${(cause as Error).message}).`;
    throw new ValidationError([{ param: 'body', code: 'invalid_parameter', message }], description);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

// setTimeout treats anything above 2^31 - 1 ms as 1 ms: a huge timeout would time out at once.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Checks the per-call options a caller passed (any value at all) before anything is sent. */
function checkOptions(options: unknown, description: RequestDescription): RequestOptions {
  if (options === undefined || options === null) return {};
  const issue = (param: string, rule: string): ValidationIssue => ({
    param: `options.${param}`,
    code: 'invalid_parameter',
    message: `options.${param} ${rule}.`,
  });
  if (typeof options !== 'object' || Array.isArray(options)) {
    const message = `options must be an object, not ${describeType(options)}.`;
    throw new ValidationError([{ param: 'options', code: 'invalid_parameter', message }], description);
  }
  const o = options as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const { timeout, maxRetries, signal, idempotencyKey: key, headers } = o;
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout >= 0 && timeout <= MAX_TIMEOUT_MS)) {
    issues.push(issue('timeout', `must be a number of milliseconds from 0 to ${MAX_TIMEOUT_MS}`));
  }
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && (maxRetries as number) >= 0)) {
    issues.push(issue('maxRetries', 'must be a whole number from 0'));
  }
  if (signal !== undefined && !isAbortSignal(signal)) issues.push(issue('signal', 'must be an AbortSignal'));
  const keyProblem = key === undefined ? undefined : idempotencyKeyProblem(key);
  if (keyProblem) issues.push(issue('idempotencyKey', keyProblem));
  if (headers !== undefined) {
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
      issues.push(issue('headers', 'must be an object of header names and string (or null) values'));
    } else {
      for (const [name, value] of Object.entries(headers)) {
        const valueProblem = typeof value === 'string' ? headerValueProblem(value) : 'must be a string or null';
        const problem = headerNameProblem(name) ?? (value === null ? undefined : valueProblem);
        if (problem) issues.push(issue(`headers[${name}]`, problem));
      }
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, description);
  return o as RequestOptions;
}

function isAbortSignal(value: unknown): value is AbortSignal {
  const s = value as { aborted?: unknown; addEventListener?: unknown } | null;
  return (
    typeof s === 'object' && s !== null && typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function'
  );
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
  method: CallSpec['method'],
  options: RequestOptions,
  hasBody: boolean,
  description: RequestDescription,
): Record<string, string> {
  const headers: Record<string, string> = { ...config.headers };
  if (hasBody) headers['content-type'] = 'application/json';
  let headerKey: string | undefined;
  // Most calls pass no headers: skip the entries array.
  if (options.headers !== undefined) {
    for (const [name, value] of Object.entries(options.headers)) {
      const lower = name.toLowerCase();
      if (lower === 'idempotency-key') headerKey = value ?? undefined;
      else if (value === null) delete headers[lower];
      else headers[lower] = value;
    }
  }
  if (method === 'POST') {
    const given = options.idempotencyKey ?? headerKey;
    const problem =
      headerKey !== undefined && options.idempotencyKey !== undefined && headerKey !== options.idempotencyKey
        ? 'differs from options.idempotencyKey: give the key once'
        : given === undefined
          ? undefined
          : idempotencyKeyProblem(given);
    if (problem) {
      const message = `the Idempotency-Key header ${problem}.`;
      const param = 'options.headers[Idempotency-Key]';
      throw new ValidationError([{ param, code: 'invalid_parameter', message }], description);
    }
    // Set last, so no header option can drop or blank it: a retried POST without a key could send twice.
    headers['idempotency-key'] = given ?? idempotencyKey();
  }
  return headers;
}

function queryString(query: unknown, description: RequestDescription): string {
  if (typeof query !== 'object' || query === null) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (!['string', 'number', 'boolean', 'bigint'].includes(typeof value)) {
      const message = `query parameter ${key} must be a string, number or boolean, not ${describeType(value)}.`;
      throw new ValidationError([{ param: key, code: 'invalid_parameter', message }], description);
    }
    params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseBody(text: string, status: number, headers: ResponseHeaders, description: RequestDescription): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    const contentType = headers.get('content-type') || 'none';
    throw new OneMessageError(
      `The ${status} response body was not the API's JSON (content-type: ${contentType}) ` +
        `(${description.method} ${description.path})`,
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
