// Node's default transport: undici's own Pool per origin (keep-alive), owned by the SDK. Node 20's
// global fetch costs several times the client CPU per request, and a Web Response is not needed.
import type { Dispatcher } from 'undici';
import type { ResponseHeaders } from '../core/errors.js';
import { TransportTimeoutError, type Transport, type TransportResponse } from '../core/transport.js';
import { lazy } from './lazy.js';

type Undici = typeof import('undici');
type Pool = InstanceType<Undici['Pool']>;

// Loading undici 7 installs its Agent as the process-wide dispatcher when none is set yet, and
// Node 20's built-in fetch would then send through it. Writing the slot back afterwards is not
// enough: importing undici 7 can load Node's internal undici, which then sees the slot taken and
// never installs its own. So when the slot is empty, let Node claim it first (constructing a
// Response loads Node's internal undici, which installs the same default Agent its first fetch
// would), and undici 7 then leaves it alone.
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

// Set once loaded, so later requests skip an await.
let loaded: Undici | undefined;

/** Loads undici once, without letting it become the process-wide dispatcher of the built-in fetch. */
export const loadUndici: () => Promise<Undici> = lazy(async () => {
  const slot = globalThis as unknown as Record<symbol, unknown>;
  if (slot[GLOBAL_DISPATCHER] === undefined) new Response(null);
  const before = slot[GLOBAL_DISPATCHER];
  const mod = await import('undici');
  // Belt and braces: if undici 7 replaced a dispatcher anyway, put the previous one back.
  if (before !== undefined && slot[GLOBAL_DISPATCHER] !== before) slot[GLOBAL_DISPATCHER] = before;
  loaded = mod;
  return mod;
});

// undici's own headers/body timers are off (the attempt's timer bounds both); its connect timeout stays.
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** Options of {@link undiciTransport}. */
export interface UndiciTransportOptions {
  /**
   * Milliseconds an idle keep-alive connection is kept.
   * @default 4000
   */
  keepAliveTimeout?: number;
}

/**
 * A transport on undici `Pool`s (one per origin), created on the first request. Its responses
 * are minimal objects (status, `headers.get`, `text()`), not Web `Response`s.
 *
 * Each attempt's `timeout` bounds the whole exchange, headers and body, with one timer that
 * aborts the undici request: undici's own `headersTimeout`/`bodyTimeout` tick about once a second
 * and restart at every body chunk, so `timeout: 100` would run for a second, or forever on a
 * trickling body.
 */
export function undiciTransport(options: UndiciTransportOptions = {}): Transport {
  const pools = new Map<string, Pool>();
  const poolFor = (mod: Undici, origin: string): Pool => {
    let pool = pools.get(origin);
    if (!pool) {
      const keepAliveTimeout = options.keepAliveTimeout ?? 4000;
      pool = new mod.Pool(origin, { keepAliveTimeout, headersTimeout: 0, bodyTimeout: 0 });
      pools.set(origin, pool);
    }
    return pool;
  };

  return async ({ method, url, headers, body, signal, timeout }): Promise<TransportResponse> => {
    const mod = loaded ?? (await loadUndici());
    const split = url.indexOf('/', url.indexOf('//') + 2);
    const origin = split < 0 ? url : url.slice(0, split);
    const path = split < 0 ? '/' : url.slice(split);
    const attempt = new Attempt(timeout, signal);
    poolFor(mod, origin).dispatch({ method: method as 'GET', path, headers, body }, attempt);
    return attempt.response;
  };
}

const decoder = new TextDecoder();

/**
 * One attempt, as undici's dispatch handler: it collects the body itself (no stream, no
 * AsyncResource, so cheaper than `pool.request()` + `body.text()`), and one timer bounds
 * headers and body together. A timeout or the caller's abort settles the attempt at once, even
 * while undici still waits for a socket and cannot abort yet.
 */
class Attempt implements Dispatcher.DispatchHandler {
  /** Resolves with the status and headers. */
  readonly response: Promise<TransportResponse>;
  #resolveResponse!: (response: TransportResponse) => void;
  #rejectResponse!: (error: unknown) => void;
  #controller: Dispatcher.DispatchController | undefined;
  #headersSeen = false;
  #chunks: Uint8Array[] = [];
  #text: string | undefined;
  #failure: unknown;
  #failed = false;
  #bodyWaiter: { resolve: (text: string) => void; reject: (error: unknown) => void } | undefined;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #caller: AbortSignal | undefined;
  readonly #onCallerAbort: (() => void) | undefined;

  constructor(timeout: number, caller: AbortSignal | undefined) {
    this.response = new Promise((resolve, reject) => {
      this.#resolveResponse = resolve;
      this.#rejectResponse = reject;
    });
    this.#timer = setTimeout(() => this.#abort(new TransportTimeoutError(`No answer within ${timeout} ms`)), timeout);
    this.#caller = caller;
    if (caller?.aborted) this.#abort(caller.reason);
    else if (caller) {
      this.#onCallerAbort = () => this.#abort(caller.reason);
      caller.addEventListener('abort', this.#onCallerAbort, { once: true });
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.#failed) return controller.abort(this.#failure as Error);
    this.#controller = controller;
    this.#chunks = [];
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200 || this.#failed) return; // 1xx: the real answer follows
    this.#headersSeen = true;
    this.#resolveResponse({ status: statusCode, headers: new RawHeaders(headers), text: () => this.#readText() });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Uint8Array): void {
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.#failed) return;
    this.#finish();
    const chunks = this.#chunks;
    this.#chunks = [];
    this.#text = chunks.length === 1 ? decoder.decode(chunks[0]) : decoder.decode(concat(chunks));
    this.#bodyWaiter?.resolve(this.#text);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#fail(timeoutFrom(error));
  }

  #readText(): Promise<string> {
    if (this.#text !== undefined) return Promise.resolve(this.#text);
    if (this.#failed) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => (this.#bodyWaiter = { resolve, reject }));
  }

  /** Ends the attempt with `reason` and tells undici to drop the request (or its body). */
  #abort(reason: unknown): void {
    if (this.#failed || this.#text !== undefined) return;
    this.#fail(reason);
    this.#controller?.abort(reason as Error);
  }

  #fail(error: unknown): void {
    if (this.#failed || this.#text !== undefined) return;
    this.#failed = true;
    this.#failure = error;
    this.#chunks = [];
    this.#finish();
    if (this.#headersSeen) this.#bodyWaiter?.reject(error);
    else this.#rejectResponse(error);
  }

  #finish(): void {
    clearTimeout(this.#timer);
    if (this.#onCallerAbort) this.#caller?.removeEventListener('abort', this.#onCallerAbort);
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

/** undici's own timeouts (only the connect timeout is still armed) count as the attempt's. */
function timeoutFrom(error: Error): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    return new TransportTimeoutError(error.message, { cause: error });
  }
  return error;
}

/** undici's lower-cased header record, read through `get(name)` like Web `Headers`. */
class RawHeaders implements ResponseHeaders {
  readonly #raw: Record<string, string | string[] | undefined>;

  constructor(raw: Record<string, string | string[] | undefined>) {
    this.#raw = raw;
  }

  get(name: string): string | null {
    const value = this.#raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}
