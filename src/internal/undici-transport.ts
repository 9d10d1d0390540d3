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
 */
export function undiciTransport(options: UndiciTransportOptions = {}): Transport {
  // Each pool's timeouts are those of its first request, so the usual request (the client's
  // timeout) passes none of its own and undici keeps the pool's timers.
  const pools = new Map<string, { pool: Pool; timeout: number }>();
  const poolFor = (mod: Undici, origin: string, timeout: number): { pool: Pool; timeout: number } => {
    let entry = pools.get(origin);
    if (!entry) {
      const pool = new mod.Pool(origin, {
        keepAliveTimeout: options.keepAliveTimeout ?? 4000,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      entry = { pool, timeout };
      pools.set(origin, entry);
    }
    return entry;
  };

  return async ({ method, url, headers, body, signal, timeout }): Promise<TransportResponse> => {
    const mod = loaded ?? (await loadUndici());
    const split = url.indexOf('/', url.indexOf('//') + 2);
    const origin = split < 0 ? url : url.slice(0, split);
    const path = split < 0 ? '/' : url.slice(split);
    const entry = poolFor(mod, origin, timeout);
    const request: Parameters<Pool['request']>[0] = { method: method as 'GET', path, headers, body };
    if (signal) request.signal = signal;
    if (timeout !== entry.timeout) {
      request.headersTimeout = timeout;
      request.bodyTimeout = timeout;
    }
    try {
      const response = await entry.pool.request(request);
      return {
        status: response.statusCode,
        headers: new RawHeaders(response.headers),
        text: () => response.body.text().catch(rethrow),
      };
    } catch (error) {
      return rethrow(error);
    }
  };
}

function rethrow(error: unknown): never {
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
