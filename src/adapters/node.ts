/**
 * Serves a Web-standard fetch handler (`(Request) => Response`) over `node:http`: the request
 * body is streamed in raw, the response body streamed out with back-pressure.
 * @module
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

/** A fetch handler, e.g. `gateway.fetch` or a Hono app's `fetch`. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

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
}

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

/**
 * Starts an HTTP server for `handler`.
 * @example
 * ```ts
 * const { url, close } = await serve(gateway.fetch, { port: 4010 });
 * ```
 */
export async function serve(handler: FetchHandler, options: ServeOptions = {}): Promise<NodeServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  const server = createServer(createNodeListener(handler, options.onError));
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
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      const abort = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) abort.abort();
      });
      let response: Response;
      try {
        response = await handler(toRequest(req, abort.signal));
      } catch (error) {
        onError(error);
        response = new Response(
          JSON.stringify({ error: { type: 'api_error', code: 'internal_error', message: 'Unexpected server error.' } }),
          { status: 500, headers: { 'content-type': 'application/json' } },
        );
      }
      await writeResponse(res, response, req.method === 'HEAD').catch((error: unknown) => {
        onError(error);
        res.destroy();
      });
    })();
  };
}

/** Converts a Node request into a Web `Request` whose body is the raw, unparsed request stream. */
export function toRequest(req: IncomingMessage, signal?: AbortSignal): Request {
  const host = req.headers.host ?? 'localhost';
  const url = new URL(req.url ?? '/', `http://${host}`);
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (hasBody) {
    init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(url, init);
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
