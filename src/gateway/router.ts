/**
 * A tiny method + path router: patterns like `/v1/messages/:id/cancel`, exact segment count,
 * `:name` segments captured (URI-decoded) into `params`.
 * @module
 */

/** Path parameters captured by a route pattern, e.g. `{ id: 'msg_…' }`. */
export type RouteParams = Record<string, string>;

/** A route handler: receives the request context and the captured path parameters. */
export type RouteHandler<Context> = (context: Context, params: RouteParams) => Response | Promise<Response>;

/** Per-route settings given at registration. */
export interface RouteOptions {
  /** The largest request body this route accepts, in bytes, when more than the gateway's `maxBodyBytes`. */
  maxBodyBytes?: number;
}

/** Result of {@link Router.match}. */
export type RouteMatch<Context> =
  | { kind: 'found'; handler: RouteHandler<Context>; params: RouteParams; options: RouteOptions }
  | { kind: 'method_not_allowed'; allow: string[] }
  | { kind: 'not_found' };

interface Route<Context> {
  method: string;
  segments: string[];
  handler: RouteHandler<Context>;
  options: RouteOptions;
}

/** Registers routes and matches a method and pathname against them, in registration order. */
export class Router<Context> {
  readonly #routes: Route<Context>[] = [];

  /**
   * Adds a route.
   * @example
   * ```ts
   * router.add('GET', '/v1/messages/:id', (ctx, { id }) => ctx.json(200, { id }));
   * ```
   */
  add(method: string, pattern: string, handler: RouteHandler<Context>, options: RouteOptions = {}): this {
    this.#routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), handler, options });
    return this;
  }

  /** Shorthand for `add('GET', …)`. */
  get(pattern: string, handler: RouteHandler<Context>): this {
    return this.add('GET', pattern, handler);
  }

  /** Shorthand for `add('POST', …)`. */
  post(pattern: string, handler: RouteHandler<Context>, options?: RouteOptions): this {
    return this.add('POST', pattern, handler, options);
  }

  /** Shorthand for `add('DELETE', …)`. */
  delete(pattern: string, handler: RouteHandler<Context>): this {
    return this.add('DELETE', pattern, handler);
  }

  /** Finds the first route whose method and pattern match. */
  match(method: string, pathname: string): RouteMatch<Context> {
    const path = splitPath(pathname);
    const allow = new Set<string>();
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, path);
      if (!params) continue;
      if (route.method === method.toUpperCase()) {
        return { kind: 'found', handler: route.handler, params, options: route.options };
      }
      allow.add(route.method);
    }
    return allow.size > 0 ? { kind: 'method_not_allowed', allow: [...allow].sort() } : { kind: 'not_found' };
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function matchSegments(pattern: string[], path: string[]): RouteParams | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: RouteParams = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const actual = path[i]!;
    if (expected.startsWith(':')) {
      const decoded = safeDecode(actual);
      if (decoded === undefined) return undefined;
      params[expected.slice(1)] = decoded;
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // malformed %-escape: treat as no match rather than throwing
  }
}
