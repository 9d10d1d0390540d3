/**
 * Serves a Web-standard fetch handler (`(Request) => Response`) over `node:http`: the request
 * body is streamed in raw, the response body streamed out with back-pressure. The server is
 * bounded: slow or idle clients are cut off ({@link ServeOptions.headersTimeout},
 * {@link ServeOptions.requestTimeout}, {@link ServeOptions.keepAliveTimeout}) and connections
 * past {@link ServeOptions.maxConnections} get a quick 503. A request that cannot become a Web
 * `Request` (a bad `Host`, credentials in the target, `TRACE`) gets a contract-shaped 4xx
 * instead of reaching the handler, and never an exception.
 * @module
 */

import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A fetch handler, e.g. `gateway.fetch` or a Hono app's `fetch`. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** An error the adapter answers itself, for a request it could not (or no longer can) hand over. */
export interface AdapterError {
  /** HTTP status, e.g. 400, 404, 500. */
  status: number;
  /** Contract error type, e.g. `invalid_request_error`. */
  type: string;
  /** Contract error code, e.g. `invalid_parameter`. */
  code: string;
  /** A sentence for people; never quotes the request's URL, headers or body. */
  message: string;
}

/** Renders an {@link AdapterError} as a Response (the gateway adds its request id and headers). */
export type AdapterErrorRenderer = (error: AdapterError) => Response | Promise<Response>;

/** Options of {@link serve}. */
export interface ServeOptions {
  /**
   * TCP port; `0` picks a free one.
   * @default 0
   */
  port?: number;
  /**
   * Interface to bind.
   * @default "127.0.0.1"
   */
  hostname?: string;
  /** Called when the handler throws or a response cannot be written (the client gets a 500 or a reset). */
  onError?: (error: unknown) => void;
  /**
   * Renders the errors the adapter answers itself (bad request target or `Host`, unsupported
   * method, a throwing handler). Raw protocol errors (malformed HTTP, timeouts, the connection
   * cap) are written straight to the socket with the same JSON shape.
   * @default contract-shaped JSON without a request id
   */
  renderError?: AdapterErrorRenderer;
  /**
   * Milliseconds a client has to send the complete request headers, counted from the first
   * byte (or the connection) — a client dripping a header byte at a time is cut off with 408.
   * `0` disables it.
   * @default 10000
   */
  headersTimeout?: number;
  /**
   * Milliseconds a client has to send the whole request, headers and body (the handler's own
   * time does not count). Generous so a 10,000-entry batch (~20 MB) fits over a slow link.
   * `0` disables it.
   * @default 60000
   */
  requestTimeout?: number;
  /**
   * Milliseconds an idle keep-alive connection stays open after a response.
   * @default 5000
   */
  keepAliveTimeout?: number;
  /**
   * Most open connections; more get `503 service_unavailable` with `Retry-After: 1` and are
   * closed at once. `Infinity` disables the cap.
   * @default 512
   */
  maxConnections?: number;
}

/** The limits {@link serve} applies when its options leave them out. */
export const SERVE_DEFAULTS: Readonly<
  Required<Pick<ServeOptions, 'headersTimeout' | 'requestTimeout' | 'keepAliveTimeout' | 'maxConnections'>>
> = Object.freeze({
  headersTimeout: 10_000,
  requestTimeout: 60_000,
  keepAliveTimeout: 5_000,
  maxConnections: 512,
});

/** A running server. */
export interface NodeServer {
  /** The server's origin, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** The bound port (useful with `port: 0`). */
  port: number;
  /** The underlying `node:http` server. */
  server: Server;
  /** Stops accepting connections, closes idle and open ones, and resolves when done. */
  close(): Promise<void>;
}

// A refused connection may linger this long for the client to read its 503 before it is destroyed.
const REFUSED_LINGER_MS = 1_000;

/**
 * Starts an HTTP server for `handler`.
 * @example
 * ```ts
 * const { url, close } = await serve(gateway.fetch, { port: 4010, maxConnections: 2_000 });
 * ```
 */
export async function serve(handler: FetchHandler, options: ServeOptions = {}): Promise<NodeServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  const limits = resolveLimits(options);
  const listener = createNodeListener(handler, options.onError, options.renderError);
  const server = createServer(
    {
      headersTimeout: limits.headersTimeout,
      requestTimeout: limits.requestTimeout,
      keepAliveTimeout: limits.keepAliveTimeout,
      // Node checks the two timeouts on this interval (30 s by default, which would stretch a 10 s limit).
      connectionsCheckingInterval: checkingInterval(limits.headersTimeout, limits.requestTimeout),
      // Checked by toWebRequest, so the client gets the contract's JSON rather than Node's empty 400.
      requireHostHeader: false,
    },
    (req, res) => (refused(req.socket) ? req.socket.destroy() : listener(req, res)),
  );
  server.keepAliveTimeout = limits.keepAliveTimeout;
  const refused = limitConnections(server, limits.maxConnections);
  server.on('clientError', answerClientError);
  // CONNECT never reaches the request listener; without this Node drops the socket silently.
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    const message = 'No such endpoint: CONNECT is not supported.';
    endWithError(socket, { status: 404, type: 'invalid_request_error', code: 'not_found', message });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A `(req, res)` listener for `http.createServer` (or Express/Fastify raw routes) that runs `handler`. */
export function createNodeListener(
  handler: FetchHandler,
  onError: (error: unknown) => void = () => undefined,
  renderError: AdapterErrorRenderer = defaultErrorResponse,
): (req: IncomingMessage, res: ServerResponse) => void {
  const render = async (error: AdapterError): Promise<Response> => {
    try {
      return await renderError(error);
    } catch (renderFailure) {
      onError(renderFailure);
      return defaultErrorResponse(error);
    }
  };
  return (req, res) => {
    void (async () => {
      const abort = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) abort.abort();
      });
      const converted = toWebRequest(req, abort.signal);
      let response: Response;
      if (!converted.ok) {
        response = await render(converted.error);
      } else {
        try {
          response = await handler(converted.request);
        } catch (error) {
          // A handler may ask for no answer at all (the gateway's fault mode): a reset, as from a crash.
          if (isDropConnection(error)) return void req.socket.destroy();
          onError(error);
          response = await render({
            status: 500,
            type: 'api_error',
            code: 'internal_error',
            message: 'Unexpected server error.',
          });
        }
      }
      await writeResponse(res, response, req.method === 'HEAD').catch((error: unknown) => {
        onError(error);
        res.destroy();
      });
    })();
  };
}

// Registered, so a handler can mark an error without importing this adapter (gateway/faults/injector.ts).
const DROP_CONNECTION = Symbol.for('onemessage.dropConnection');

function isDropConnection(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[DROP_CONNECTION] === true;
}

/** Outcome of {@link toWebRequest}: the Web `Request`, or the error to answer instead. */
export type ToWebRequestResult = { ok: true; request: Request } | { ok: false; error: AdapterError };

/**
 * Converts a Node request into a Web `Request` whose body is the raw, unparsed request stream,
 * without throwing. The URL is built from a checked authority plus the target's path and query
 * (a path like `//v1/messages` stays a path, never a host). Refused: an HTTP/1.1 request without
 * `Host`, an empty, malformed or repeated `Host`, a target with credentials, a target in a form
 * other than `/path`, `http(s)://authority/path` or `*`, and the methods Web `Request` forbids.
 */
export function toWebRequest(req: IncomingMessage, signal?: AbortSignal): ToWebRequestResult {
  const refuse = (message: string, status = 400, code = 'invalid_parameter'): ToWebRequestResult => ({
    ok: false,
    error: { status, type: 'invalid_request_error', code, message },
  });
  const method = req.method ?? 'GET';
  const target = req.url ?? '/';

  let authority: string;
  let path: string;
  let search = '';
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
    // Absolute form (sent to proxies): its authority wins over Host (RFC 9112 §3.2.2).
    const parsed = URL.canParse(target) ? new URL(target) : undefined;
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.host === '') {
      return refuse('The request target is not a valid URL.');
    }
    if (parsed.username !== '' || parsed.password !== '') {
      return refuse('The request target must not contain credentials.');
    }
    authority = parsed.host;
    path = parsed.pathname;
    search = parsed.search;
  } else if (target.startsWith('/') || target === '*') {
    const query = target.indexOf('?');
    path = query === -1 ? target : target.slice(0, query);
    search = query === -1 ? '' : target.slice(query);
    const host = hostHeader(req);
    if (host === 'invalid') return refuse('The Host header is missing, repeated or not a valid host.');
    authority = host ?? localAuthority(req.socket);
  } else {
    return refuse('The request target must be a path starting with "/".');
  }

  if (FORBIDDEN_METHODS.has(method.toUpperCase())) {
    return refuse(`No such endpoint: ${method.toUpperCase()} is not supported.`, 404, 'not_found');
  }

  let url: URL;
  const headers = new Headers();
  try {
    url = new URL(`http://${authority}`);
    // Set as a path, never parsed as a URL: "//evil.example/v1" must not become a host.
    url.pathname = path;
    url.search = search;
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    }
  } catch {
    return refuse('The request line or headers could not be read.');
  }

  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (hasBody) {
    init.body = bodyStream(req);
    init.duplex = 'half';
  }
  try {
    return { ok: true, request: new Request(url, init) };
  } catch {
    return refuse('The request could not be read.');
  }
}

/**
 * Converts a Node request into a Web `Request`; see {@link toWebRequest}, which answers the
 * refusal instead of throwing it.
 * @throws TypeError when the request cannot be represented (the message quotes nothing from it).
 */
export function toRequest(req: IncomingMessage, signal?: AbortSignal): Request {
  const result = toWebRequest(req, signal);
  if (!result.ok) throw new TypeError(result.error.message);
  return result.request;
}

/** Writes a Web `Response` to a Node response, honouring back-pressure. */
export async function writeResponse(res: ServerResponse, response: Response, headOnly = false): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  const setCookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  if (setCookies.length > 0) res.setHeader('set-cookie', setCookies);
  // Answered before the body arrived (413, 401): close rather than let Node read the rest to reuse the socket.
  if (!res.req.complete) res.setHeader('connection', 'close');
  if (headOnly || !response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await drainOrClose(res);
      if (res.destroyed) break;
    }
  } finally {
    reader.releaseLock();
  }
  res.end();
}

/** The default {@link AdapterErrorRenderer}: `{"error": {type, code, message}}` as JSON. */
export function defaultErrorResponse(error: AdapterError): Response {
  return new Response(errorJson(error), {
    status: error.status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

// Web `Request` refuses these (fetch spec "forbidden methods"); CONNECT is handled on its own event.
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

// reg-name of letters, digits, dot, hyphen, underscore (what DNS and /etc/hosts use), IPv4, or a
// bracketed IPv6 literal; then an optional port. No "@", "/", "?", "#", "\" or spaces can slip in.
const HOST_PATTERN = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?)(?::(\d{1,5}))?$/;

/** The request's `Host`, `undefined` when absent (allowed for HTTP/1.0), or `'invalid'`. */
function hostHeader(req: IncomingMessage): string | undefined {
  const values: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() === 'host') values.push(req.rawHeaders[i + 1]!.trim());
  }
  if (values.length === 0) return req.httpVersionMajor === 1 && req.httpVersionMinor === 0 ? undefined : 'invalid';
  if (values.length > 1) return 'invalid';
  const host = values[0]!;
  const match = HOST_PATTERN.exec(host);
  if (!match || (match[1] !== undefined && Number(match[1]) > 65_535)) return 'invalid';
  return URL.canParse(`http://${host}/`) ? host.toLowerCase() : 'invalid';
}

function localAuthority(socket: Socket): string {
  const address = socket.localAddress ?? '127.0.0.1';
  const host = address.includes(':') ? `[${address}]` : address;
  return socket.localPort === undefined ? host : `${host}:${socket.localPort}`;
}

/**
 * The request body as a Web stream read straight off `req` (one stream per request: `Readable.toWeb`
 * under it would build a second, and each costs a few µs on Node 20). Canceling it (a handler refusing
 * a body over its cap) stops reading but keeps the socket, so the 413 can still be sent.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let canceled = false;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        return new Promise<void>((resolve) => {
          const settle = (): void => {
            req.off('readable', step);
            req.off('end', step);
            req.off('close', step);
            req.off('error', fail);
            resolve();
          };
          const fail = (error: unknown): void => {
            settle();
            controller.error(error);
          };
          function step(): void {
            if (canceled) return settle();
            const chunk = req.read() as Buffer | null;
            // A copy, as Readable.toWeb makes: the consumer owns what it is given.
            if (chunk !== null) return void (settle(), controller.enqueue(new Uint8Array(chunk)));
            if (req.readableEnded) return void (settle(), controller.close());
            if (req.destroyed) fail(req.errored ?? Object.assign(new Error('Premature close'), { code: 'ABORT_ERR' }));
          }
          req.on('readable', step);
          req.on('end', step);
          req.on('close', step);
          req.on('error', fail);
          step();
        });
      },
      cancel() {
        canceled = true;
        req.pause();
      },
    },
    { highWaterMark: 0 },
  );
}

function resolveLimits(options: ServeOptions): typeof SERVE_DEFAULTS {
  const limits = {
    headersTimeout: milliseconds(options.headersTimeout, SERVE_DEFAULTS.headersTimeout, 'headersTimeout'),
    requestTimeout: milliseconds(options.requestTimeout, SERVE_DEFAULTS.requestTimeout, 'requestTimeout'),
    keepAliveTimeout: milliseconds(options.keepAliveTimeout, SERVE_DEFAULTS.keepAliveTimeout, 'keepAliveTimeout'),
    maxConnections: options.maxConnections ?? SERVE_DEFAULTS.maxConnections,
  };
  if (!(limits.maxConnections >= 1)) {
    throw new RangeError(`maxConnections must be at least 1 (or Infinity), got ${String(options.maxConnections)}.`);
  }
  if (limits.requestTimeout > 0 && limits.headersTimeout > limits.requestTimeout) {
    // Only headersTimeout was raised past the default requestTimeout: stretch it rather than fail.
    if (options.requestTimeout === undefined) limits.requestTimeout = limits.headersTimeout;
    else throw new RangeError('headersTimeout must not exceed requestTimeout: the headers are part of the request.');
  }
  return limits;
}

function milliseconds(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a number of milliseconds ≥ 0, got ${String(value)}.`);
  }
  return Math.floor(value);
}

function checkingInterval(headersTimeout: number, requestTimeout: number): number {
  const shortest = Math.min(...[headersTimeout, requestTimeout].filter((ms) => ms > 0));
  return Number.isFinite(shortest) ? Math.min(1_000, Math.max(10, Math.floor(shortest / 4))) : 1_000;
}

/**
 * Counts open connections and answers those past `max` with a 503 before any handler runs.
 * Returns whether a socket was refused: such a socket may still deliver a request before it closes.
 */
function limitConnections(server: Server, max: number): (socket: Socket) => boolean {
  if (max === Infinity) return () => false;
  let open = 0;
  const refused = new WeakSet<Socket>();
  // Prepended: the count must change before node:http starts parsing the connection.
  server.prependListener('connection', (socket: Socket) => {
    if (open >= max) {
      refused.add(socket);
      endWithError(
        socket,
        { status: 503, type: 'api_error', code: 'service_unavailable', message: 'Too many open connections; retry.' },
        { 'retry-after': '1' },
      );
      return;
    }
    open++;
    socket.once('close', () => open--);
  });
  return (socket) => refused.has(socket);
}

/** Node's protocol errors: malformed requests, header overflow, header/request timeouts. */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  const current = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || current?.headersSent) {
    socket.destroy();
    return;
  }
  const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  endWithError(socket, {
    status: timeout ? 408 : tooLarge ? 431 : 400,
    type: 'invalid_request_error',
    code: timeout ? 'request_timeout' : tooLarge ? 'request_too_large' : 'invalid_parameter',
    message: timeout
      ? 'The request was not received in time.'
      : tooLarge
        ? 'The request headers are too large.'
        : 'The request is not valid HTTP.',
  });
}

/** Writes a raw JSON error response and closes the socket (destroyed if the client lingers). */
function endWithError(socket: Socket, error: AdapterError, extraHeaders: Record<string, string> = {}): void {
  const body = errorJson(error);
  const head = [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    ...Object.entries(extraHeaders).map(([name, value]) => `${name}: ${value}`),
  ].join('\r\n');
  if (socket.writable) socket.end(`${head}\r\n\r\n${body}`);
  const linger = setTimeout(() => socket.destroy(), REFUSED_LINGER_MS);
  linger.unref();
  socket.once('close', () => clearTimeout(linger));
}

function errorJson({ type, code, message }: AdapterError): string {
  return JSON.stringify({ error: { type, code, message } });
}

function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
