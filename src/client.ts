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
  type Transport,
  type TransportConfig,
} from './core/transport.js';
import { VERSION } from './core/version.js';
import { brand, hasBrand } from './internal/brand.js';
import { readEnv } from './internal/env.js';
import { headerNameProblem, headerValueProblem } from './internal/headers.js';
import { isBrowser, runtimeName } from './internal/runtime.js';
import { BalanceResource } from './resources/balance.js';
import { Messages } from './resources/messages.js';
import { OneTimePasswords } from './resources/otp.js';
import { Voice } from './resources/voice.js';
import { Senders } from './resources/senders.js';
import { TestHelpers } from './resources/test.js';
import { Webhooks } from './resources/webhooks.js';
import type { List } from './schemas/list.js';

/** The production API. */
export const DEFAULT_BASE_URL = 'https://api.onemessage.live/v1';

/** Options of {@link OneMessage}. */
export interface ClientOptions {
  /**
   * Your API key (`ark_test_…` or `ark_live_…`). Surrounding whitespace is trimmed (a key read
   * from a file or a CRLF `.env` ends in `\n` or `\r\n`), as it is from the environment; a key
   * that is empty after trimming, or holds a character HTTP headers cannot carry (a line break
   * inside it, non-ASCII), is refused here with a {@link OneMessageError} saying what is wrong.
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
  /**
   * Headers added to every request. Names and values are checked here (printable ASCII, no line
   * breaks); `Idempotency-Key` is refused, since one key shared by every POST would make the API
   * refuse all but the first: give it per call with `idempotencyKey`.
   */
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
  static {
    brand(this, 'OneMessage');
  }

  /** True for a client of this class, or one built by another copy of the SDK (its ESM or CJS build). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(this, value);
  }

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
  /** Send one-time passwords by SMS and verify them. */
  readonly otp: OneTimePasswords;
  /** Text-to-speech and recorded-audio voice calls: `client.voice.calls`. */
  readonly voice: Voice;
  /** Register sender IDs and follow their approval. */
  readonly senders: Senders;
  /** The account's credit. */
  readonly balance: BalanceResource;
  /** Test-mode helpers (top-ups, simulated inbound SMS); refused with a live key before any request. */
  readonly test: TestHelpers;
  // Private so the key never shows up in console.log(client) or JSON.stringify(client).
  readonly #config: TransportConfig;

  /** Reads `options`, then the environment; throws a {@link OneMessageError} naming a bad option. */
  constructor(options: ClientOptions = {}) {
    options ??= {};
    const apiKey = checkApiKey(options.apiKey ?? readEnv('ONEMESSAGE_API_KEY'));
    const baseURL = options.baseURL ?? readEnv('ONEMESSAGE_BASE_URL') ?? DEFAULT_BASE_URL;
    if (typeof baseURL !== 'string') throw new OneMessageError('baseURL must be a string.');
    this.baseURL = baseURL.replace(/\/+$/, '');
    const basePath = pathOf(this.baseURL);
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    if (typeof this.timeout !== 'number' || !(this.timeout >= 0 && this.timeout <= 2 ** 31 - 1)) {
      throw new OneMessageError('timeout must be a number of milliseconds from 0 to 2147483647.');
    }
    if (!Number.isInteger(this.maxRetries) || this.maxRetries < 0) {
      throw new OneMessageError('maxRetries must be a whole number from 0.');
    }
    if (options.fetch !== undefined && typeof options.fetch !== 'function') {
      throw new OneMessageError('fetch must be a function with the signature of globalThis.fetch.');
    }
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
    this.otp = new OneTimePasswords(this);
    this.voice = new Voice(this);
    this.senders = new Senders(this);
    this.balance = new BalanceResource(this);
    this.test = new TestHelpers(this, apiKey.startsWith('ark_live_'));
  }

  /**
   * The transport used when no `fetch` option is given: the runtime's global `fetch`, looked up per request.
   * @internal
   */
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
   * GETs a list endpoint: the result is the first page and iterates over every page. `spec.query`
   * is validated by `spec.validate` (when given) for every page; the next page adds `starting_after`.
   */
  getList<T>(path: string, spec: Omit<CallSpec, 'method' | 'path'> = {}): PagePromise<T> {
    const first = send<List<T>>(this.#config, { ...spec, method: 'GET', path });
    return new PagePromise<T>(first, (cursor) =>
      this.getList<T>(path, { ...spec, query: { ...spec.query, starting_after: cursor } }),
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

const NO_KEY =
  'No API key: pass one as `new OneMessage({ apiKey })` or set the ONEMESSAGE_API_KEY environment variable. ' +
  'Keys start with ark_test_ (test mode) or ark_live_.';

// Trimmed, like the environment's: a trailing newline from a file is never part of a key.
function checkApiKey(apiKey: unknown): string {
  if (apiKey === undefined || apiKey === null || apiKey === '') throw new OneMessageError(NO_KEY);
  if (typeof apiKey !== 'string') throw new OneMessageError(`apiKey must be a string. ${NO_KEY}`);
  const key = apiKey.trim();
  if (key === '') throw new OneMessageError(`apiKey is only whitespace. ${NO_KEY}`);
  const problem = headerValueProblem(key);
  if (problem) throw new OneMessageError(`apiKey ${problem}: it cannot be sent in the Authorization header.`);
  return key;
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
  if (extra !== undefined && (typeof extra !== 'object' || extra === null)) {
    throw new OneMessageError('defaultHeaders must be an object of header names and string values.');
  }
  for (const [name, value] of Object.entries(extra ?? {})) {
    const problem =
      headerNameProblem(name) ?? (typeof value === 'string' ? headerValueProblem(value) : 'must be a string');
    if (problem) throw new OneMessageError(`defaultHeaders[${name}] ${problem}.`);
    if (name.toLowerCase() === 'idempotency-key') {
      throw new OneMessageError(
        'defaultHeaders must not set Idempotency-Key: every POST would share it. Pass idempotencyKey per call.',
      );
    }
    headers[name.toLowerCase()] = value;
  }
  return headers;
}
