/**
 * The fault mode's hooks into the gateway: a wrapper around the request handler (faults before
 * and after the whole pipeline) and a router whose handlers can hold their answer (the `delay`
 * fault, which must happen while the idempotency key is still in flight).
 * @module
 */

import type { Clock, TimerHandle } from '../clock.js';
import type { GatewayContext } from '../context.js';
import { GatewayError, type GatewayErrorCode, type GatewayErrorStatus } from '../errors.js';
import type { IdGenerator } from '../ids.js';
import { Router, type RouteMatch } from '../router.js';
import { mulberry32 } from './prng.js';
import { resolveFaultOptions, type FaultKind, type FaultOptions, type ResolvedFaultOptions } from './options.js';

/**
 * Marks an error thrown by a fetch handler as "close the connection, answer nothing". A registered
 * symbol, so the Node adapter recognises it without importing the gateway.
 */
export const DROP_CONNECTION: unique symbol = Symbol.for('onemessage.dropConnection');

/**
 * What the gateway's handler rejects with when a fault drops the connection. In-process it is what
 * a caller of `gateway.fetch` sees: a `TypeError('fetch failed')`, as from a real network error.
 */
export class ConnectionDropped extends TypeError {
  /** Read by the Node adapter, which destroys the socket instead of answering. */
  readonly [DROP_CONNECTION] = true;

  constructor(fault: FaultKind) {
    super('fetch failed', { cause: new Error(`the gateway's fault mode dropped the connection (${fault})`) });
  }
}

type Handler = (request: Request) => Promise<Response>;

/** The fault mode of one gateway; inert (every hook the identity) when faults are off. */
export interface FaultInjector {
  /** `routes` seen through a router whose handlers hold their answer for a `delay` fault. */
  routes(routes: Router<GatewayContext>): Router<GatewayContext>;
  /** Wraps the gateway's whole request handler with the faults that happen before or after it. */
  wrap(handle: Handler): Handler;
  /** Releases held answers (the gateway is closing). */
  close(): void;
}

const INERT: FaultInjector = {
  routes: (routes) => routes,
  wrap: (handle) => handle,
  close: () => undefined,
};

/** Builds the fault mode from the `faults` option (checked here); inert when it is `undefined`. */
export function createFaultInjector(
  options: FaultOptions | undefined,
  services: { clock: Clock; ids: IdGenerator },
): FaultInjector {
  const resolved = resolveFaultOptions(options);
  return resolved ? new Faults(resolved, services) : INERT;
}

class Faults implements FaultInjector {
  readonly #options: ResolvedFaultOptions;
  readonly #clock: Clock;
  readonly #ids: IdGenerator;
  readonly #random: () => number;
  #burstLeft = 0;
  /** Requests drawn for `delay` whose answer is not held yet. */
  readonly #toDelay = new WeakSet<Request>();
  /** Held answers, released early by close(). */
  readonly #held = new Map<TimerHandle, () => void>();

  constructor(options: ResolvedFaultOptions, services: { clock: Clock; ids: IdGenerator }) {
    this.#options = options;
    this.#clock = services.clock;
    this.#ids = services.ids;
    this.#random = mulberry32(options.seed);
  }

  routes(routes: Router<GatewayContext>): Router<GatewayContext> {
    const toDelay = this.#toDelay;
    const hold = () => this.#hold();
    // A subclass that delegates, so the pipeline still receives a Router; routes added later are seen.
    return new (class DelayingRouter extends Router<GatewayContext> {
      override match(method: string, pathname: string): RouteMatch<GatewayContext> {
        const match = routes.match(method, pathname);
        if (match.kind !== 'found') return match;
        const { handler } = match;
        return {
          ...match,
          handler: async (context, params) => {
            try {
              return await handler(context, params);
            } finally {
              // Inside the pipeline, so the idempotency key stays in flight while the answer waits.
              if (toDelay.delete(context.request)) await hold();
            }
          },
        };
      }
    })();
  }

  wrap(handle: Handler): Handler {
    return async (request) => {
      const fault = this.#draw(request);
      if (fault !== undefined) this.#options.onFault(fault, request);
      switch (fault) {
        case undefined:
          return handle(request);
        case 'error500':
          return this.#refuse(500, 'internal_error', 'Injected fault: internal error.');
        case 'error503':
          return this.#refuse(503, 'service_unavailable', 'Injected fault: service unavailable.');
        case 'burst429':
          return this.#refuse(429, 'rate_limit_exceeded', 'Injected fault: too many requests.');
        case 'resetBeforeHandling':
          throw new ConnectionDropped(fault);
        case 'dropAfterCommit': {
          const response = await handle(request);
          await response.body?.cancel();
          throw new ConnectionDropped(fault);
        }
        case 'delay': {
          this.#toDelay.add(request);
          const response = await handle(request);
          // No route ran (a replay, a 404): hold the answer here instead.
          if (this.#toDelay.delete(request)) await this.#hold();
          return response;
        }
      }
    };
  }

  close(): void {
    for (const [timer, release] of this.#held) {
      this.#clock.clearTimeout(timer);
      release();
    }
    this.#held.clear();
  }

  #draw(request: Request): FaultKind | undefined {
    if (!this.#options.appliesTo(request)) return undefined;
    if (this.#burstLeft > 0) {
      this.#burstLeft--;
      return 'burst429';
    }
    const draw = this.#random();
    const fault = this.#options.thresholds.find(({ upTo }) => draw < upTo)?.kind;
    if (fault === 'burst429') this.#burstLeft = this.#options.burstLength - 1;
    return fault;
  }

  #refuse(status: GatewayErrorStatus, code: GatewayErrorCode, message: string): Response {
    const requestId = this.#ids.next('req');
    const headers = { 'retry-after': String(this.#options.retryAfterSeconds) };
    const response = new GatewayError(status, code, message, { headers }).toResponse(requestId);
    response.headers.set('x-request-id', requestId);
    return response;
  }

  #hold(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = this.#clock.setTimeout(() => {
        this.#held.delete(timer);
        resolve();
      }, this.#options.delayMs);
      this.#held.set(timer, resolve);
    });
  }
}
