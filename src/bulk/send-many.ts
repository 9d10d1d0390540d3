import type { OneMessage } from '../client.js';
import { named } from '../internal/brand.js';
import { lazy } from '../internal/lazy.js';
import type { BatchDefaults, BatchEntry } from '../schemas/batch-params.js';
import type { BatchResult } from '../schemas/message.js';
import type { OneMessageError } from '../core/errors.js';
import type { SendManyRun } from './run.js';

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

const engine = lazy(() => import('./run.js'));

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

  // Boxed: the engine is itself awaitable, and a promise resolving to it would start the job.
  readonly #engine: Promise<{ run: SendManyRun }>;

  /** Built by `messages.sendMany`; nothing is sent until the job is awaited or iterated. */
  constructor(client: OneMessage, recipients: SendManyRecipients, options: SendManyOptions) {
    this.#engine = engine().then(({ SendManyRun }) => ({ run: new SendManyRun(client, recipients, options) }));
    // Observed here: a job nobody awaits must not leave an unhandled rejection behind.
    this.#engine.catch(() => undefined);
  }

  /** Starts the job (if not yet started) and resolves with its summary once every chunk is done. */
  // oxlint-disable-next-line unicorn/no-thenable -- awaitable by design: `await job` is the summary
  then<R1 = SendManySummary, R2 = never>(
    onfulfilled?: ((summary: SendManySummary) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#engine.then(({ run }) => run.then(onfulfilled, onrejected), onrejected);
  }

  /**
   * Starts the job and streams each recipient's outcome, chunk by chunk in the order chunks finish
   * (use `index` for the position). Call it before awaiting the job; only one consumer may iterate.
   * Leaving the loop early (`break`) stops the job, as aborting it would.
   */
  results(): AsyncIterableIterator<SendManyResult> {
    // Asked for now, in call order with any `await job`, so "iterate first, then await" holds.
    const iterator = this.#engine.then(({ run }) => run.results());
    iterator.catch(() => undefined);
    return {
      next: async () => (await iterator).next(),
      return: async () => (await (await iterator).return?.()) ?? { done: true, value: undefined },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Same as {@link SendManyJob.results}, so the job works in `for await`. */
  [Symbol.asyncIterator](): AsyncIterableIterator<SendManyResult> {
    return this.results();
  }
}
