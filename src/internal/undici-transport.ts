// Node's default transport: undici's own Pool per origin (keep-alive), owned by the SDK. Node 20's
// global fetch costs several times the client CPU per request, and a Web Response is not needed.
import type { ResponseHeaders } from '../core/errors.js';
import { TransportTimeoutError, type Transport, type TransportResponse } from '../core/transport.js';

type Undici = typeof import('undici');
type Pool = InstanceType<Undici['Pool']>;

// Loading undici 7 installs its Agent as the process-wide dispatcher when none is set yet, and
// Node 20's built-in fetch would then send through it. Writing the slot back afterwards is not
// enough: importing undici 7 can load Node's internal undici, which then sees the slot taken and
// never installs its own. So when the slot is empty, let Node claim it first (constructing a
// Response loads Node's internal undici, which installs the same default Agent its first fetch
// would), and undici 7 then leaves it alone.
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

let undici: Promise<Undici> | undefined;
// Set once loaded, so later requests skip an await.
let loaded: Undici | undefined;

/** Loads undici once, without letting it become the process-wide dispatcher of the built-in fetch. */
export function loadUndici(): Promise<Undici> {
  undici ??= (async () => {
    const slot = globalThis as unknown as Record<symbol, unknown>;
    if (slot[GLOBAL_DISPATCHER] === undefined) new Response(null);
    const before = slot[GLOBAL_DISPATCHER];
    const mod = await import('undici');
    // Belt and braces: if undici 7 replaced a dispatcher anyway, put the previous one back.
    if (before !== undefined && slot[GLOBAL_DISPATCHER] !== before) slot[GLOBAL_DISPATCHER] = before;
    loaded = mod;
    return mod;
  })().catch((error: unknown) => {
    undici = undefined;
    throw error;
  });
  return undici;
}

// Only the connect timeout is undici's now; the attempt's own timer bounds everything else.
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
 * Each attempt's `timeout` bounds the whole exchange, headers and body, with one timer of its
 * own: undici's `headersTimeout`/`bodyTimeout` tick about once a second and restart at every
 * body chunk, so they would let `timeout: 100` run for a second, or forever on a trickling body.
 */
export function undiciTransport(options: UndiciTransportOptions = {}): Transport {
  const pools = new Map<string, Pool>();
  const poolFor = (mod: Undici, origin: string): Pool => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new mod.Pool(origin, { keepAliveTimeout: options.keepAliveTimeout ?? 4000, headersTimeout: 0, bodyTimeout: 0 });
      pools.set(origin, pool);
    }
    return pool;
  };

  return async ({ method, url, headers, body, signal, timeout }): Promise<TransportResponse> => {
    const mod = loaded ?? (await loadUndici());
    const split = url.indexOf('/', url.indexOf('//') + 2);
    const origin = split < 0 ? url : url.slice(0, split);
    const path = split < 0 ? '/' : url.slice(split);
    const pool = poolFor(mod, origin);
    const attempt = new AttemptAbort(signal);
    const request: Parameters<Pool['request']>[0] = { method: method as 'GET', path, headers, body, signal: attempt };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (): void => {
      clearTimeout(timer);
      attempt.release();
    };
    let data: Awaited<ReturnType<Pool['request']>>;
    try {
      data = await new Promise((resolve, reject) => {
        // Rejects at once even when undici cannot abort yet (a request still waiting for a socket).
        timer = setTimeout(() => reject(attempt.abort(new TransportTimeoutError(`No answer within ${timeout} ms`))), timeout);
        pool.request(request, (error, response) => (error ? reject(error) : resolve(response)));
      });
    } catch (error) {
      settle();
      return rethrow(error);
    }
    return {
      status: data.statusCode,
      headers: new RawHeaders(data.headers),
      text: () =>
        data.body.text().then(
          (text) => (settle(), text),
          (error: unknown) => {
            settle();
            return rethrow(error);
          },
        ),
    };
  };
}

/**
 * The abort signal undici gets for one attempt: the timer's and the caller's. Duck-typed (undici
 * accepts any EventTarget-like `signal`) because an `AbortController` and a listener on it cost
 * more than the rest of the attempt's bookkeeping put together.
 */
class AttemptAbort {
  aborted = false;
  reason: unknown = undefined;
  #listener: (() => void) | undefined;
  readonly #caller: AbortSignal | undefined;
  readonly #onCallerAbort: (() => void) | undefined;

  constructor(caller: AbortSignal | undefined) {
    this.#caller = caller;
    if (!caller) return;
    if (caller.aborted) {
      this.abort(caller.reason);
      return;
    }
    this.#onCallerAbort = () => void this.abort(caller.reason);
    caller.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  /** undici's hook: one listener per request. */
  addEventListener(_type: 'abort', listener: () => void): void {
    this.#listener = listener;
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    if (this.#listener === listener) this.#listener = undefined;
  }

  /** Aborts the request (or the body being read) with `reason`, and returns it. */
  abort<T>(reason: T): T {
    if (!this.aborted) {
      this.aborted = true;
      this.reason = reason;
      const listener = this.#listener;
      this.#listener = undefined;
      listener?.();
    }
    return reason;
  }

  /** Stops following the caller's signal once the attempt is over. */
  release(): void {
    if (this.#onCallerAbort) this.#caller?.removeEventListener('abort', this.#onCallerAbort);
  }
}

function rethrow(error: unknown): never {
  if (error instanceof TransportTimeoutError) throw error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    throw new TransportTimeoutError((error as Error).message, { cause: error });
  }
  throw error;
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
