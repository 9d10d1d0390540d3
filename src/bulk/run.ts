// The engine of `messages.sendMany`, loaded on the job's first use so that programs which never
// send in bulk do not carry it (see ./send-many.ts for the public job and its types).
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
import { lazy } from '../internal/lazy.js';
import { sleep } from '../internal/sleep.js';
import { yieldToEventLoop } from '../internal/yield.js';
import type { BatchDefaults, BatchEntry, BatchPlan } from '../schemas/batch-params.js';
import type { Batch, BatchResult } from '../schemas/message.js';
import type { ValidationIssue } from '../schemas/validation.js';
import { Pacer } from './pacer.js';
import type {
  SendManyOptions,
  SendManyProgress,
  SendManyRecipients,
  SendManyResult,
  SendManySummary,
} from './send-many.js';

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
 * The job behind a `SendManyJob`: reads recipients, sends chunks, paces, retries and streams
 * results. Awaiting it runs the job to its summary; iterating it streams the results.
 * @internal
 */
export class SendManyRun implements PromiseLike<SendManySummary>, AsyncIterable<SendManyResult> {
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

  /** Same as {@link SendManyRun.results}, so the run works in `for await`. */
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
