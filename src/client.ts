import type { APIPromise } from './core/api-promise.js';
import { OneMessageError } from './core/errors.js';
import { PagePromise } from './core/pagination.js';
import {
  fetchTransport,
  request,
  send,
  type CallSpec,
  type Fetch,
  type Logger,
  type RequestOptions,
  type Transport,
  type TransportConfig,
} from './core/transport.js';
import { VERSION } from './core/version.js';
import { readEnv } from './internal/env.js';
import { isBrowser, runtimeName } from './internal/runtime.js';
import { Messages } from './resources/messages.js';
import { Webhooks } from './resources/webhooks.js';
import type { List } from './schemas/list.js';

/** The production API. */
export const DEFAULT_BASE_URL = 'https://api.onemessage.live/v1';

/** Options of {@link OneMessage}. */
export interface ClientOptions {
  /**
   * Your API key (`ark_test_…` or `ark_live_…`).
   * @default process.env.ONEMESSAGE_API_KEY (or Deno.env), where the runtime has an environment
   */
  apiKey?: string | undefined;
  /**
   * The API's base URL, including `/v1`.
   * @default process.env.ONEMESSAGE_BASE_URL, else 'https://api.onemessage.live/v1'
   */
  baseURL?: string | undefined;
  /**
   * Milliseconds per attempt before it times out (and is retried).
   * @default 30000
   */
  timeout?: number;
  /**
   * Retries after the first attempt, for connection errors, timeouts, 408, 409
   * `idempotency_conflict`, 429 and 5xx.
   * @default 2
   */
  maxRetries?: number;
  /**
   * A fetch-shaped function to send requests with, e.g. a gateway's in-process `fetch`.
   * @default globalThis.fetch (the Node entry uses its own undici connection pool instead)
   */
  fetch?: Fetch;
  /** Headers added to every request. */
  defaultHeaders?: Record<string, string>;
  /** Receives a debug line per request, response and retry (never the API key or bodies); `console` works. */
  logger?: Logger;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;

/**
 * The OneMessage API client.
 * @example
 * import OneMessage from '@onemessage/sdk';
 * const client = new OneMessage(); // reads ONEMESSAGE_API_KEY
 * const message = await client.messages.create({ to: '+447911123456', sender: 'OneMSG', body: 'Hello' });
 */
export class OneMessage {
  /** The base URL requests go to. */
  readonly baseURL: string;
  /** Milliseconds per attempt before it times out. */
  readonly timeout: number;
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Send, retrieve, list, cancel and estimate SMS messages. */
  readonly messages: Messages;
  /** Register and manage webhook endpoints. */
  readonly webhooks: Webhooks;
  // Private so the key never shows up in console.log(client) or JSON.stringify(client).
  readonly #config: TransportConfig;

  constructor(options: ClientOptions = {}) {
    const apiKey = options.apiKey ?? readEnv('ONEMESSAGE_API_KEY');
    if (!apiKey) {
      throw new OneMessageError(
        'No API key: pass one as `new OneMessage({ apiKey })` or set the ONEMESSAGE_API_KEY environment variable. ' +
          'Keys start with ark_test_ (test mode) or ark_live_.',
      );
    }
    this.baseURL = (options.baseURL ?? readEnv('ONEMESSAGE_BASE_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    const basePath = pathOf(this.baseURL);
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const fetch = options.fetch;
    this.#config = {
      baseURL: this.baseURL,
      basePath,
      headers: defaultHeaders(apiKey, options.defaultHeaders),
      timeout: this.timeout,
      maxRetries: this.maxRetries,
      transport: fetch ? fetchTransport(() => fetch) : this.defaultTransport(),
      logger: options.logger,
    };
    this.messages = new Messages(this);
    this.webhooks = new Webhooks(this);
  }

  /** The transport used when no `fetch` option is given: the runtime's global `fetch`, looked up per request. */
  protected defaultTransport(): Transport {
    return fetchTransport(() => globalThis.fetch);
  }

  /** Sends a GET through the client's request path (auth, retries, errors). Resources use this. */
  get<T>(path: string, spec: Omit<CallSpec, 'method' | 'path'> = {}): APIPromise<T> {
    return request<T>(this.#config, { ...spec, method: 'GET', path });
  }

  /** Sends a POST (with an idempotency key) through the client's request path. Resources use this. */
  post<T>(path: string, spec: Omit<CallSpec, 'method' | 'path'> = {}): APIPromise<T> {
    return request<T>(this.#config, { ...spec, method: 'POST', path });
  }

  /** Sends a DELETE through the client's request path. Resources use this. */
  delete<T>(path: string, spec: Omit<CallSpec, 'method' | 'path'> = {}): APIPromise<T> {
    return request<T>(this.#config, { ...spec, method: 'DELETE', path });
  }

  /**
   * GETs a list endpoint: the result is the first page and iterates over every page.
   * `query` may be a promise (client-side validation); the next page adds `starting_after`.
   */
  getList<T>(
    path: string,
    query: Record<string, unknown> | Promise<Record<string, unknown>>,
    options?: RequestOptions,
  ): PagePromise<T> {
    const first = Promise.resolve(query).then((q) => send<List<T>>(this.#config, { method: 'GET', path, query: q, options }));
    return new PagePromise<T>(first, (cursor) =>
      this.getList<T>(
        path,
        Promise.resolve(query).then((q) => ({ ...q, starting_after: cursor })),
        options,
      ),
    );
  }
}

function pathOf(baseURL: string): string {
  let url: URL | undefined;
  try {
    url = new URL(baseURL);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') {
    throw new OneMessageError('baseURL must be an absolute http(s) URL, e.g. https://api.onemessage.live/v1.');
  }
  return url.pathname.replace(/\/+$/, '');
}

function defaultHeaders(apiKey: string, extra: Record<string, string> | undefined): Record<string, string> {
  const client = `onemessage-node/${VERSION} (${runtimeName()})`;
  const headers: Record<string, string> = {
    authorization: `Bearer ${apiKey}`,
    accept: 'application/json',
    'x-onemessage-client': client,
  };
  // Browsers forbid setting User-Agent; X-OneMessage-Client carries the same text everywhere.
  if (!isBrowser()) headers['user-agent'] = client;
  for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}
