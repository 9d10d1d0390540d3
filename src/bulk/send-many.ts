import type { OneMessage } from '../client.js';
import { responseInfo } from '../core/api-promise.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  InsufficientCreditsError,
  OneMessageError,
  ValidationError,
  type RequestDescription,
} from '../core/errors.js';
import { isRetryable, retryDelay, type AttemptOutcome } from '../core/retry.js';
import { named } from '../internal/brand.js';
import { lazy } from '../internal/lazy.js';
import { sleep } from '../internal/sleep.js';
import { yieldToEventLoop } from '../internal/yield.js';
import type { BatchDefaults, BatchEntry, BatchPlan } from '../schemas/batch-params.js';
import type { Batch, BatchResult } from '../schemas/message.js';
import type { ValidationIssue } from '../schemas/validation.js';
import { Pacer } from './pacer.js';

/** What `messages.sendMany` reads recipients from: an array, or any sync or async iterable (a CSV stream, a cursor). */
export type SendManyRecipients = Iterable<BatchEntry> | AsyncIterable<BatchEntry>;

/** Progress of a `sendMany` job, reported after each chunk. */
export interface SendManyProgress {
  /** Recipients accepted so far. */
  sent: number;
  /** Recipients refused so far (one by one, or with their whole chunk). */
  failed: number;
  /** How many recipients there are: the array's length, the `total` option, else `undefined`. */
  total: number | undefined;
  /** Chunks finished so far. */
  chunks: number;
}

/** A chunk the API refused as a whole (or that ran out of retries): none of its recipients was sent by this call. */
export interface SendManyChunkFailure {
  /** The chunk's position in the job (0 for the first `chunkSize` recipients). */
  chunk: number;
  /** Index of the chunk's first recipient. */
  first: number;
  /** How many recipients the chunk held. */
  count: number;
  /**
   * Why: e.g. an `IdempotencyError` (422 `idempotency_key_reused`: the chunk changed since an
   * earlier run of the same `jobId`), an `InsufficientCreditsError` (402), or the last
   * `RateLimitError` / `APIConnectionError` once retries ran out.
   */
  error: OneMessageError;
}

/** What a `sendMany` job did, once it has finished. */
export interface SendManySummary {
  /** Recipients read from the input. */
  requested: number;
  /** Recipients the API accepted (in this run or, for replayed chunks, an earlier one). */
  accepted: number;
  /** Recipients refused, one by one or with their chunk: `requested === accepted + rejected`. */
  rejected: number;
  /** Chunks processed. */
  chunks: number;
  /** Chunks answered from an earlier run of the same job (nothing sent again). */
  replayed: number;
  /** Requests repeated after a 429, a 5xx, a 409 or a connection failure. */
  retries: number;
  /** The chunks refused as a whole, in the order they failed. */
  failedChunks: SendManyChunkFailure[];
}

/**
 * One recipient's outcome: `{ index, id }` or `{ index, error }`, where `index` is the recipient's
 * position in the whole input.
 */
export type SendManyResult = BatchResult;

/** Options of `messages.sendMany`. */
export interface SendManyOptions {
  /**
   * Names the job: chunk `n` is sent with the idempotency key `idk_<jobId>.<n>`, so running the job
   * again with the same `jobId` and the same input sends nothing twice. 1–200 letters, digits, `_`
   * or `-`. Keys are kept 24 hours.
   * @example 'spring-sale-2026'
   */
  jobId: string;
  /** Shared by every recipient, as a batch's `defaults` (`dry_run: true` prices the whole job, sending nothing). */
  defaults?: BatchDefaults;
  /**
   * Recipients per request, 1–10,000. Part of the job's identity: resume with the same value.
   * @default 1000
   */
  chunkSize?: number;
  /**
   * Requests in flight at once, 1–16.
   * @default 2
   */
  concurrency?: number;
  /** Stops the job: in-flight requests are aborted and awaiting the job rejects with `APIUserAbortError`. */
  signal?: AbortSignal;
  /** Called after each chunk (for a progress bar); an exception thrown here stops the job. */
  onProgress?: (progress: SendManyProgress) => void;
  /** How many recipients the input holds, when it is not an array (e.g. a CSV's line count), for `progress.total`. */
  total?: number;
  /**
   * Retries per chunk after a 429, 5xx, 409 or connection failure.
   * @default 8
   */
  maxRetries?: number;
  /** Milliseconds per attempt. @default the client's `timeout` */
  timeout?: number;
}

const DEFAULT_CHUNK_SIZE = 1000;
const MAX_CHUNK_SIZE = 10_000;
const DEFAULT_CONCURRENCY = 2;
const MAX_CONCURRENCY = 16;
const DEFAULT_MAX_RETRIES = 8;
const JOB_ID = /^[A-Za-z0-9_-]{1,200}$/;
// A chunk refused with 402 sent nothing, so a later run may try it under a fresh key: at most this many.
const MAX_CREDIT_KEYS = 50;

const batchParams = lazy(() => import('../schemas/batch-params.js'));

interface Chunk {
  chunk: number;
  first: number;
  entries: BatchEntry[];
}

interface Checked {
  jobId: string;
  defaults: BatchDefaults | undefined;
  chunkSize: number;
  concurrency: number;
  maxRetries: number;
  timeout: number | undefined;
  total: number | undefined;
  onProgress: ((progress: SendManyProgress) => void) | undefined;
}

/**
 * A running (or not yet started) `messages.sendMany` job. **Await it** for the
 * {@link SendManySummary}; **iterate it** (`for await`, or {@link SendManyJob.results}) for each
 * recipient's outcome as chunks finish. It starts when first awaited or iterated.
 *
 * Memory stays flat in the number of recipients: at most `concurrency × chunkSize` recipients are
 * held, and results are kept only for a consumer: awaited alone, the job drops them after
 * counting; iterated, it stops reading new chunks while `concurrency × chunkSize` results wait to
 * be consumed. To iterate and get the summary, iterate first, then await.
 * @example
 * const job = client.messages.sendMany(rows, { jobId: 'spring-sale', defaults: { body: 'Hi {{name}}' } });
 * for await (const result of job) if ('error' in result) console.log(result.index, result.error.code);
 * const { accepted, rejected } = await job;
 */
export class SendManyJob implements PromiseLike<SendManySummary>, AsyncIterable<SendManyResult> {
  static {
    named(this, 'SendManyJob');
  }

  readonly #client: OneMessage;
  readonly #recipients: unknown;
  readonly #options: unknown;
  #summary: Promise<SendManySummary> | undefined;
  #streaming = false;
  #iterated = false;
  // Results waiting for the consumer, chunk by chunk; #buffered counts them.
  readonly #queue: SendManyResult[][] = [];
  #head = 0;
  #buffered = 0;
  #finished = false;
  #failure: { error: unknown } | undefined;
  #wake: (() => void)[] = [];
  readonly #stop = new AbortController();

  /** Built by `messages.sendMany`; nothing happens until the job is awaited or iterated. */
  constructor(client: OneMessage, recipients: SendManyRecipients, options: SendManyOptions) {
    this.#client = client;
    this.#recipients = recipients;
    this.#options = options;
  }

  /** Starts the job (if not yet started) and resolves with its summary once every chunk is done. */
  // oxlint-disable-next-line unicorn/no-thenable -- awaitable by design: `await job` is the summary
  then<R1 = SendManySummary, R2 = never>(
    onfulfilled?: ((summary: SendManySummary) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#start(false).then(onfulfilled, onrejected);
  }

  /**
   * Starts the job and streams each recipient's outcome, chunk by chunk in the order chunks finish
   * (use `index` for the position). Call it before awaiting the job; only one consumer may iterate.
   * Leaving the loop early (`break`) stops the job, as aborting it would.
   */
  results(): AsyncIterableIterator<SendManyResult> {
    if (this.#iterated || (this.#summary && !this.#streaming)) {
      const error = new OneMessageError(
        'sendMany results can be iterated once, and only before the job is awaited: iterate first, then await the job.',
      );
      return {
        next: () => Promise.reject(error),
        return: () => Promise.resolve({ done: true, value: undefined }),
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    }
    this.#iterated = true;
    this.#start(true);
    const next = async (): Promise<IteratorResult<SendManyResult>> => {
      for (;;) {
        const chunk = this.#queue[0];
        if (chunk) {
          const value = chunk[this.#head++]!;
          if (this.#head >= chunk.length) {
            this.#queue.shift();
            this.#head = 0;
          }
          this.#buffered--;
          this.#notify();
          return { done: false, value };
        }
        if (this.#failure) throw this.#failure.error;
        if (this.#finished) return { done: true, value: undefined };
        await new Promise<void>((resolve) => this.#wake.push(resolve));
      }
    };
    return {
      next,
      return: async () => {
        if (!this.#finished) this.#stop.abort(new OneMessageError('sendMany: the results loop was left early.'));
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Same as {@link SendManyJob.results}, so the job works in `for await`. */
  [Symbol.asyncIterator](): AsyncIterableIterator<SendManyResult> {
    return this.results();
  }

  #start(streaming: boolean): Promise<SendManySummary> {
    if (!this.#summary) {
      this.#streaming = streaming;
      this.#summary = this.#run().then(
        (summary) => {
          this.#finished = true;
          this.#notify();
          return summary;
        },
        (error: unknown) => {
          this.#finished = true;
          this.#failure = { error };
          this.#notify();
          throw error;
        },
      );
      // Observed here, so a streaming consumer that never awaits the job leaves no unhandled rejection.
      this.#summary.catch(() => undefined);
    }
    return this.#summary;
  }

  #notify(): void {
    const waiting = this.#wake;
    this.#wake = [];
    for (const resolve of waiting) resolve();
  }

  async #run(): Promise<SendManySummary> {
    const description = this.#describe();
    const options = checkOptions(this.#options, this.#recipients, description);
    const iterator = openIterator(this.#recipients as SendManyRecipients);
    const { signal: userSignal } = (this.#options ?? {}) as SendManyOptions;
    const stop = this.#stop;
    const onAbort = (): void => stop.abort(userSignal?.reason);
    if (userSignal?.aborted) onAbort();
    userSignal?.addEventListener('abort', onAbort, { once: true });
    const { planBatch, mergeBatchResults } = await batchParams();

    const summary: SendManySummary = {
      requested: 0,
      accepted: 0,
      rejected: 0,
      chunks: 0,
      replayed: 0,
      retries: 0,
      failedChunks: [],
    };
    const pacer = new Pacer();
    const room = options.concurrency * options.chunkSize;
    let chunkIndex = 0;
    let nextFirst = 0;
    let exhausted = false;
    let reading: Promise<unknown> = Promise.resolve();

    const readChunk = (): Promise<Chunk | undefined> => {
      const read = reading.then(async (): Promise<Chunk | undefined> => {
        if (exhausted) return undefined;
        const entries: BatchEntry[] = [];
        while (entries.length < options.chunkSize) {
          const item = await iterator.next();
          if (item.done) {
            exhausted = true;
            break;
          }
          entries.push(item.value);
        }
        if (entries.length === 0) return undefined;
        const chunk = { chunk: chunkIndex++, first: nextFirst, entries };
        nextFirst += entries.length;
        return chunk;
      });
      reading = read.catch(() => undefined);
      return read;
    };

    const sendChunk = async (chunk: Chunk): Promise<BatchResult[]> => {
      const planned = await planBatch(
        {
          ...(options.defaults === undefined ? {} : { defaults: options.defaults }),
          messages: chunk.entries,
        },
        { pause: yieldToEventLoop },
      );
      if (!planned.ok) throw new ValidationError(planned.issues, description);
      const plan = planned.value;
      chunk.entries = [];
      if (plan.sent.length === 0)
        return mergeBatchResults(plan, { accepted: 0, rejected: 0, results: [] }, chunk.first).results;
      const outcome = await this.#post(plan, chunk, options, pacer, summary, description);
      if ('batch' in outcome) {
        summary.accepted += outcome.batch.accepted;
        return mergeBatchResults(plan, outcome.batch, chunk.first).results;
      }
      summary.failedChunks.push({
        chunk: chunk.chunk,
        first: chunk.first,
        count: plan.total,
        error: outcome.error,
      });
      const error = chunkError(outcome.error);
      const refused = {
        accepted: 0,
        rejected: plan.sent.length,
        results: plan.sent.map((_, index) => ({ index, error })),
      };
      return mergeBatchResults(plan, refused, chunk.first).results;
    };

    const worker = async (): Promise<void> => {
      for (;;) {
        throwIfStopped(stop.signal, description);
        while (this.#streaming && this.#buffered >= room && !stop.signal.aborted) {
          await new Promise<void>((resolve) => this.#wake.push(resolve));
        }
        throwIfStopped(stop.signal, description);
        const chunk = await readChunk();
        if (!chunk) return;
        const results = await sendChunk(chunk);
        summary.requested += results.length;
        summary.chunks++;
        let accepted = 0;
        for (const result of results) if ('id' in result) accepted++;
        summary.rejected += results.length - accepted;
        if (this.#streaming) {
          this.#queue.push(results);
          this.#buffered += results.length;
          this.#notify();
        }
        const { onProgress, total } = options;
        onProgress?.({
          sent: summary.accepted,
          failed: summary.rejected,
          total,
          chunks: summary.chunks,
        });
      }
    };

    // A stopped job must also wake workers waiting for room in the results buffer.
    const wakeOnStop = (): void => this.#notify();
    stop.signal.addEventListener('abort', wakeOnStop, { once: true });
    try {
      const settled = await Promise.allSettled(
        Array.from({ length: options.concurrency }, () =>
          worker().catch((error: unknown) => {
            // One worker's fatal error stops the others at once.
            if (!stop.signal.aborted) stop.abort(error);
            throw error;
          }),
        ),
      );
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw preferAbort(failed.reason, stop.signal, description);
      return summary;
    } finally {
      userSignal?.removeEventListener('abort', onAbort);
      await closeIterator(iterator);
    }
  }

  // One chunk's request, with its own retries (counted), pacing, and the 402 key rotation.
  async #post(
    plan: BatchPlan,
    chunk: Chunk,
    options: Checked,
    pacer: Pacer,
    summary: SendManySummary,
    description: RequestDescription,
  ): Promise<{ batch: Batch } | { error: OneMessageError }> {
    const base = `idk_${options.jobId}.${chunk.chunk}`;
    const signal = this.#stop.signal;
    let key = base;
    let creditKeys = 0;
    for (let attempt = 0; ;) {
      await pacer.acquire(signal).catch((cause: unknown) => {
        throw new APIUserAbortError(description, { cause });
      });
      let released = false;
      try {
        const requestOptions = {
          idempotencyKey: key,
          maxRetries: 0,
          signal,
          ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
        };
        const { data, response } = await this.#client
          .post<Batch>('/messages/batch', {
            body: plan.body,
            options: requestOptions,
          })
          .withResponse();
        pacer.release(response.rateLimit);
        released = true;
        if (response.idempotentReplayed) summary.replayed++;
        return { batch: data };
      } catch (error) {
        if (!released)
          pacer.release(error instanceof APIError ? responseInfo(error.status, error.headers).rateLimit : undefined);
        if (error instanceof APIUserAbortError || signal.aborted) throw error;
        // A 402 replayed from an earlier run sent nothing then: this run may try the chunk afresh.
        if (
          error instanceof InsufficientCreditsError &&
          error.headers.get('idempotent-replayed') === 'true' &&
          creditKeys < MAX_CREDIT_KEYS
        ) {
          key = `${base}.${++creditKeys}`;
          continue;
        }
        const outcome = outcomeOf(error);
        if (outcome && isRetryable(outcome) && attempt < options.maxRetries) {
          const retryAfter = error instanceof APIError ? error.headers.get('retry-after') : null;
          const delay = retryDelay(attempt, retryAfter);
          if (retryAfter !== null) pacer.pause(delay);
          attempt++;
          summary.retries++;
          await sleep(delay, signal).catch((cause: unknown) => {
            throw new APIUserAbortError(description, { cause });
          });
          continue;
        }
        // Nothing a later chunk could get past: a bad key, or a bug.
        if (error instanceof AuthenticationError || !(error instanceof OneMessageError)) throw error;
        if (error instanceof ValidationError) throw error;
        return { error };
      }
    }
  }

  #describe(): RequestDescription {
    let path = '/messages/batch';
    try {
      path = new URL(this.#client.baseURL).pathname.replace(/\/+$/, '') + path;
    } catch {
      // The client checked its baseURL; keep the bare path if it is somehow unreadable.
    }
    return { method: 'POST', path };
  }
}

function outcomeOf(error: unknown): AttemptOutcome | undefined {
  if (error instanceof APIError) return { kind: 'response', status: error.status, code: error.code };
  if (error instanceof APIConnectionTimeoutError) return { kind: 'timeout' };
  if (error instanceof APIConnectionError) return { kind: 'connection_error' };
  return undefined;
}

// A chunk's failure as each of its recipients reports it.
function chunkError(error: OneMessageError): {
  code: string;
  message: string;
  param: null;
} {
  const code =
    error instanceof APIError
      ? (error.code ?? `http_${error.status}`)
      : error instanceof APIConnectionTimeoutError
        ? 'timeout'
        : 'connection_error';
  return { code, message: error.message, param: null };
}

function throwIfStopped(signal: AbortSignal, description: RequestDescription): void {
  if (!signal.aborted) return;
  throw signal.reason instanceof OneMessageError && !(signal.reason instanceof APIUserAbortError)
    ? signal.reason
    : new APIUserAbortError(description, { cause: signal.reason });
}

// Workers stopped by another's failure report an abort; the first real failure is what the caller sees.
function preferAbort(reason: unknown, signal: AbortSignal, description: RequestDescription): unknown {
  if (signal.aborted && !(signal.reason instanceof APIUserAbortError) && reason instanceof APIUserAbortError) {
    return signal.reason instanceof OneMessageError
      ? signal.reason
      : new APIUserAbortError(description, { cause: signal.reason });
  }
  return reason;
}

function openIterator(recipients: SendManyRecipients): AsyncIterator<BatchEntry> | Iterator<BatchEntry> {
  const asyncIterable = recipients as AsyncIterable<BatchEntry>;
  if (typeof asyncIterable[Symbol.asyncIterator] === 'function') return asyncIterable[Symbol.asyncIterator]();
  return (recipients as Iterable<BatchEntry>)[Symbol.iterator]();
}

// Lets a generator run its finally (close a file, a cursor); its own failure to close is not the job's.
async function closeIterator(iterator: AsyncIterator<BatchEntry> | Iterator<BatchEntry>): Promise<void> {
  try {
    await iterator.return?.();
  } catch {
    // ignored: the job's outcome is already decided
  }
}

function checkOptions(input: unknown, recipients: unknown, description: RequestDescription): Checked {
  const issues: ValidationIssue[] = [];
  const issue = (param: string, message: string): void => {
    issues.push({ param, code: 'invalid_parameter', message });
  };
  const isIterable =
    typeof recipients === 'object' &&
    recipients !== null &&
    (typeof (recipients as Record<symbol, unknown>)[Symbol.iterator] === 'function' ||
      typeof (recipients as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function');
  if (!isIterable) issue('recipients', 'recipients must be an array or a (sync or async) iterable of batch entries.');
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    issue('options', 'options must be an object with at least a jobId.');
    throw new ValidationError(issues, description);
  }
  const o = input as Record<string, unknown>;
  const int = (name: string, min: number, max: number, fallback: number): number => {
    const value = o[name];
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    issue(`options.${name}`, `options.${name} must be a whole number from ${min} to ${max}.`);
    return fallback;
  };
  if (o.jobId === undefined) {
    issues.push({
      param: 'options.jobId',
      code: 'missing_parameter',
      message: 'Missing required option: jobId.',
    });
  } else if (typeof o.jobId !== 'string' || !JOB_ID.test(o.jobId)) {
    issue('options.jobId', 'options.jobId must be 1–200 letters, digits, _ or -.');
  }
  const chunkSize = int('chunkSize', 1, MAX_CHUNK_SIZE, DEFAULT_CHUNK_SIZE);
  const concurrency = int('concurrency', 1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY);
  const maxRetries = int('maxRetries', 0, 1000, DEFAULT_MAX_RETRIES);
  const total = o.total === undefined ? undefined : int('total', 0, Number.MAX_SAFE_INTEGER, 0);
  const { timeout, signal, onProgress, defaults } = o;
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout >= 0 && timeout <= 2 ** 31 - 1)) {
    issue('options.timeout', 'options.timeout must be a number of milliseconds from 0 to 2147483647.');
  }
  const s = signal as { aborted?: unknown; addEventListener?: unknown } | null | undefined;
  if (signal !== undefined && !(typeof s === 'object' && s !== null && typeof s.addEventListener === 'function')) {
    issue('options.signal', 'options.signal must be an AbortSignal.');
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    issue('options.onProgress', 'options.onProgress must be a function.');
  }
  if (defaults !== undefined && (typeof defaults !== 'object' || defaults === null || Array.isArray(defaults))) {
    issue('options.defaults', 'options.defaults must be an object of message parameters.');
  }
  if (issues.length > 0) throw new ValidationError(issues, description);
  return {
    jobId: o.jobId as string,
    defaults: defaults as BatchDefaults | undefined,
    chunkSize,
    concurrency,
    maxRetries,
    timeout: timeout as number | undefined,
    total: total ?? (Array.isArray(recipients) ? recipients.length : undefined),
    onProgress: onProgress as Checked['onProgress'],
  };
}
