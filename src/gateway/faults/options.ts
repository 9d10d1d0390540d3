/**
 * Options of the gateway's fault mode, their defaults, and the `--faults` spec the CLI reads.
 * @module
 */

import { GatewayOptionsError } from '../options.js';

/** The faults the gateway can inject, one per request at most. */
export type FaultKind = keyof FaultRates;

/**
 * Per-request probabilities (0 to 1) of each fault; they must add up to at most 1. One random draw
 * per request picks at most one fault.
 */
export interface FaultRates {
  /**
   * Answer `500 internal_error` with `Retry-After` before doing anything.
   * @default 0
   */
  error500?: number;
  /**
   * Answer `503 service_unavailable` with `Retry-After` before doing anything.
   * @default 0
   */
  error503?: number;
  /**
   * Close the connection before doing anything (in-process: reject like a network error).
   * @default 0
   */
  resetBeforeHandling?: number;
  /**
   * Do the work (the message is sent, the idempotency key stored), then close the connection
   * instead of answering: a client must retry with the same key and get the replay.
   * @default 0
   */
  dropAfterCommit?: number;
  /**
   * Do the work but answer only after {@link FaultOptions.delayMs}, past a client's timeout; its
   * retry meanwhile gets `409 idempotency_conflict`.
   * @default 0
   */
  delay?: number;
  /**
   * Start a burst: this request and the next {@link FaultOptions.burstLength} − 1 get
   * `429 rate_limit_exceeded` with `Retry-After`.
   * @default 0
   */
  burst429?: number;
}

/**
 * The gateway's fault mode (off unless given): chaos for testing a client's retries and
 * idempotency. Deterministic per seed: the same seed and the same order of requests inject the
 * same faults.
 * @example
 * ```ts
 * createGateway({ faults: { seed: 7, rates: { error503: 0.05, dropAfterCommit: 0.1 }, delayMs: 500 } });
 * ```
 */
export interface FaultOptions {
  /**
   * Seed of the pseudo-random draws (an integer; only its low 32 bits count).
   * @default 1
   */
  seed?: number;
  /** How often each fault happens. */
  rates: FaultRates;
  /**
   * Milliseconds a `delay` fault holds its answer: more than the client's timeout.
   * @default 35000 (past the SDK's default 30 s timeout)
   */
  delayMs?: number;
  /**
   * The `Retry-After` of injected 500, 503 and 429 answers, in seconds. Fractions (`0.05`) are
   * sent as they are: not standard HTTP, but the SDK reads them, which keeps test runs short.
   * @default 1
   */
  retryAfterSeconds?: number;
  /**
   * Requests answered 429 by one burst (the one that started it included).
   * @default 5
   */
  burstLength?: number;
  /**
   * Which requests may be faulted, e.g. only POSTs so a test can count the results undisturbed.
   * @default every request
   */
  appliesTo?: (request: Request) => boolean;
  /** Called for each fault injected (counting them in a chaos run, say). @default none */
  onFault?: (fault: FaultKind, request: Request) => void;
}

/** {@link FaultOptions} checked, with every default filled in. */
export interface ResolvedFaultOptions {
  seed: number;
  /** Cumulative thresholds in draw order: a draw below `upTo` (and above the previous) picks `kind`. */
  thresholds: { kind: FaultKind; upTo: number }[];
  delayMs: number;
  retryAfterSeconds: number;
  burstLength: number;
  appliesTo: (request: Request) => boolean;
  onFault: (fault: FaultKind, request: Request) => void;
}

/** Every fault, in the order the draw walks them (stable, so a seed means the same thing in every release). */
export const FAULT_KINDS: readonly FaultKind[] = Object.freeze([
  'error500',
  'error503',
  'resetBeforeHandling',
  'dropAfterCommit',
  'delay',
  'burst429',
]);

const DEFAULTS = { seed: 1, delayMs: 35_000, retryAfterSeconds: 1, burstLength: 5 };

/** Checks fault options (throwing a {@link GatewayOptionsError} naming the bad one); `undefined` when off. */
export function resolveFaultOptions(options: FaultOptions | undefined): ResolvedFaultOptions | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null) throw new GatewayOptionsError('faults', 'must be an object');
  const rates: unknown = options.rates;
  if (typeof rates !== 'object' || rates === null) {
    throw new GatewayOptionsError('faults.rates', 'must be an object of fault rates');
  }
  const unknown = Object.keys(rates).find((name) => !FAULT_KINDS.includes(name as FaultKind));
  if (unknown !== undefined) {
    throw new GatewayOptionsError(`faults.rates.${unknown}`, `is not a fault (known: ${FAULT_KINDS.join(', ')})`);
  }
  const thresholds: ResolvedFaultOptions['thresholds'] = [];
  let total = 0;
  for (const kind of FAULT_KINDS) {
    const rate = (rates as FaultRates)[kind] ?? 0;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
      throw new GatewayOptionsError(`faults.rates.${kind}`, 'must be a number from 0 to 1');
    }
    total += rate;
    if (rate > 0) thresholds.push({ kind, upTo: total });
  }
  // A little slack for sums like 0.1 + 0.2 that floating point puts just above 0.3.
  if (total > 1 + 1e-9) throw new GatewayOptionsError('faults.rates', `must add up to at most 1, got ${total}`);
  const seed = options.seed ?? DEFAULTS.seed;
  if (!Number.isSafeInteger(seed)) throw new GatewayOptionsError('faults.seed', 'must be an integer');
  const { appliesTo = () => true, onFault = () => undefined } = options;
  if (typeof appliesTo !== 'function') throw new GatewayOptionsError('faults.appliesTo', 'must be a function');
  if (typeof onFault !== 'function') throw new GatewayOptionsError('faults.onFault', 'must be a function');
  return {
    seed,
    thresholds,
    delayMs: atLeast(options.delayMs, DEFAULTS.delayMs, 0, 'faults.delayMs'),
    retryAfterSeconds: atLeast(options.retryAfterSeconds, DEFAULTS.retryAfterSeconds, 0, 'faults.retryAfterSeconds'),
    burstLength: atLeast(options.burstLength, DEFAULTS.burstLength, 1, 'faults.burstLength', true),
    appliesTo,
    onFault,
  };
}

function atLeast(value: unknown, fallback: number, min: number, option: string, integer = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new GatewayOptionsError(option, `must be ${integer ? 'a whole number' : 'a number'} ≥ ${min}`);
  }
  return value;
}

/** Settings a `--faults` spec may hold besides the rates. */
const SETTINGS = ['seed', 'delayMs', 'retryAfterSeconds', 'burstLength'] as const;

/** A `--faults` spec that cannot be read; the message names the part at fault. */
export class FaultSpecError extends Error {
  /** Always `'FaultSpecError'` (survives minification). */
  override readonly name = 'FaultSpecError';
}

/**
 * Reads the CLI's `--faults` spec: comma-separated `name=value` pairs, each a fault rate (see
 * {@link FaultRates}) or a setting (`seed`, `delayMs`, `retryAfterSeconds`, `burstLength`). Values
 * are checked later by {@link resolveFaultOptions}; this only reads them.
 * @example
 * ```ts
 * parseFaultSpec('seed=1,error503=0.05,dropAfterCommit=0.1');
 * // { seed: 1, rates: { error503: 0.05, dropAfterCommit: 0.1 } }
 * ```
 */
export function parseFaultSpec(spec: string): FaultOptions {
  const options: FaultOptions = { rates: {} };
  const seen = new Set<string>();
  for (const part of spec.split(',')) {
    const pair = /^\s*([A-Za-z0-9]+)\s*=\s*(\S+?)\s*$/.exec(part);
    if (!pair) throw new FaultSpecError(`expected name=value pairs separated by commas, got '${part}'`);
    const [, name, text] = pair as unknown as [string, string, string];
    if (seen.has(name)) throw new FaultSpecError(`${name} is given twice`);
    seen.add(name);
    const value = Number(text);
    if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(value)) {
      throw new FaultSpecError(`${name} must be a number, got '${text}'`);
    }
    if ((FAULT_KINDS as readonly string[]).includes(name)) options.rates[name as FaultKind] = value;
    else if ((SETTINGS as readonly string[]).includes(name)) options[name as (typeof SETTINGS)[number]] = value;
    else
      throw new FaultSpecError(
        `unknown name '${name}' (faults: ${FAULT_KINDS.join(', ')}; settings: ${SETTINGS.join(', ')})`,
      );
  }
  return options;
}
