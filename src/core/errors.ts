import { brand, hasBrand } from '../internal/brand.js';
import type { ValidationIssue } from '../schemas/validation.js';
import { parseRetryAfter } from './retry.js';

/** The response headers an error or result exposes: read one with `get(name)` (case-insensitive). */
export interface ResponseHeaders {
  /** The header's value (several joined with `, `), or `null` when absent. */
  get(name: string): string | null;
}

/** Where a failed call was going, for error messages: never carries a secret. */
export interface RequestDescription {
  /** The HTTP method, e.g. `POST`. */
  method: string;
  /** The URL path, e.g. `/v1/messages` (no query string). */
  path: string;
}

/**
 * The base of every error the SDK throws. `instanceof` works across the package's ESM and CJS
 * builds: an error thrown by the copy `require()` loaded is an instance of the class `import` gave.
 */
export class OneMessageError extends Error {
  static {
    brand(this, 'OneMessageError');
  }

  /** True for an instance of this class, or of the same class from another copy of the SDK (ESM/CJS). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(this, value);
  }

  /** The class name, kept literal so it survives minification. */
  override name: string = 'OneMessageError';
}

/** The `error` object of an error response, as far as it could be read. */
export interface WireError {
  /** The error family, e.g. `invalid_request_error`. */
  type?: string | undefined;
  /** The error code, e.g. `invalid_phone_number`. */
  code?: string | undefined;
  /** A sentence for people. */
  message?: string | undefined;
  /** The parameter at fault. */
  param?: string | null | undefined;
  /** The request's id. */
  request_id?: string | undefined;
}

/**
 * The API answered with an error status. Subclasses name the status family; build one with
 * {@link APIError.generate}.
 */
export class APIError extends OneMessageError {
  static {
    brand(this, 'APIError');
  }

  /** The class name, kept literal so it survives minification. */
  override name: string = 'APIError';
  /** The HTTP status. */
  readonly status: number;
  /** The contract's error family, e.g. `invalid_request_error`. */
  readonly type: string | undefined;
  /** The contract's error code, e.g. `invalid_phone_number`. */
  readonly code: string | undefined;
  /** The request parameter at fault, when the API named one. */
  readonly param: string | undefined;
  /** The `X-Request-Id` of the failed request: quote it to support. */
  readonly requestId: string | undefined;
  /** The response headers. */
  readonly headers: ResponseHeaders;

  /** Use {@link APIError.generate} to get the right subclass. */
  constructor(status: number, error: WireError | undefined, headers: ResponseHeaders, request: RequestDescription) {
    const requestId = headers.get('x-request-id') ?? error?.request_id ?? undefined;
    const what = error?.code ? `${status} ${error.code}` : `${status}`;
    const detail = error?.message ? `: ${error.message}` : '';
    super(`${what}${detail} (${request.method} ${request.path}${requestId ? `, request ${requestId}` : ''})`);
    this.status = status;
    this.type = error?.type;
    this.code = error?.code;
    this.param = error?.param ?? undefined;
    this.requestId = requestId;
    this.headers = headers;
  }

  /** Builds the error class that matches `status` (and, for idempotency, the error type). */
  static generate(status: number, body: unknown, headers: ResponseHeaders, request: RequestDescription): APIError {
    // A proxy's or load balancer's page (an HTML 502) is not the API speaking: say so, and what answered.
    const contentType = headers.get('content-type') || 'none';
    const error = readWireError(body) ?? {
      message: `the response body was not the API's JSON error (content-type: ${contentType})`,
    };
    if (status === 400) return new BadRequestError(status, error, headers, request);
    if (status === 401) return new AuthenticationError(status, error, headers, request);
    if (status === 402) return new InsufficientCreditsError(status, error, headers, request);
    if (status === 403) return new PermissionDeniedError(status, error, headers, request);
    if (status === 404) return new NotFoundError(status, error, headers, request);
    if (status === 409) return new ConflictError(status, error, headers, request);
    if (status === 429) return new RateLimitError(status, error, headers, request);
    if (status >= 500) return new InternalServerError(status, error, headers, request);
    if (error?.type === 'idempotency_error') return new IdempotencyError(status, error, headers, request);
    return new APIError(status, error, headers, request);
  }
}

function readWireError(body: unknown): WireError | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    type: str(e.type),
    code: str(e.code),
    message: str(e.message),
    param: str(e.param),
    request_id: str(e.request_id),
  };
}

/** 400: a parameter broke a rule the API checks (`code` and `param` say which). */
export class BadRequestError extends APIError {
  static {
    brand(this, 'BadRequestError');
  }

  /** The class name, kept literal so it survives minification. */
  override name = 'BadRequestError' as const;
}

/** 401: the API key is missing, unknown or revoked. */
export class AuthenticationError extends APIError {
  static {
    brand(this, 'AuthenticationError');
  }

  /** The class name, kept literal so it survives minification. */
  override name = 'AuthenticationError' as const;
}

/** 402: the balance cannot cover the send. */
export class InsufficientCreditsError extends APIError {
  static {
    brand(this, 'InsufficientCreditsError');
  }

  /** The class name, kept literal so it survives minification. */
  override name = 'InsufficientCreditsError' as const;
}

/** 403: the key may not do this, or the sender is not approved (`code: 'sender_not_approved'`). */
export class PermissionDeniedError extends APIError {
  static {
    brand(this, 'PermissionDeniedError');
  }

  /** The class name, kept literal so it survives minification. */
  override name = 'PermissionDeniedError' as const;
}

/** 404: no such object. */
export class NotFoundError extends APIError {
  static {
    brand(this, 'NotFoundError');
  }

  /** The class name, kept literal so it survives minification. */
  override name = 'NotFoundError' as const;
}

/**
 * An idempotency-key failure (error type `idempotency_error`): 422 `idempotency_key_reused`
 * (same key, different body: never retried), and, through {@link ConflictError}, 409
 * `idempotency_conflict` (same key still in flight: retried).
 */
export class IdempotencyError extends APIError {
  static {
    brand(this, 'IdempotencyError');
  }

  /** The class name, kept literal so it survives minification. */
  override name: string = 'IdempotencyError';
}

/** 409 `idempotency_conflict`: a request with the same key is still in flight. Retried automatically. */
export class ConflictError extends IdempotencyError {
  static {
    brand(this, 'ConflictError');
  }

  /** The class name, kept literal so it survives minification. */
  override name = 'ConflictError' as const;
}

/** 429: too many requests. Retried automatically, honouring `Retry-After`. */
export class RateLimitError extends APIError {
  static {
    brand(this, 'RateLimitError');
  }

  /** The class name, kept literal so it survives minification. */
  override name = 'RateLimitError' as const;
  /** Seconds the API asked to wait (`Retry-After`, in seconds or as an HTTP date), when it said. */
  readonly retryAfter: number | undefined;

  /** Reads `Retry-After` from the headers, as the retry loop does. */
  constructor(status: number, error: WireError | undefined, headers: ResponseHeaders, request: RequestDescription) {
    super(status, error, headers, request);
    const ms = parseRetryAfter(headers.get('retry-after'));
    this.retryAfter = ms === undefined ? undefined : ms / 1000;
  }
}

/** 5xx: the API failed. Retried automatically. */
export class InternalServerError extends APIError {
  static {
    brand(this, 'InternalServerError');
  }

  /** The class name, kept literal so it survives minification. */
  override name = 'InternalServerError' as const;
}

/** The request never got an answer: DNS, refused or dropped connection. `cause` holds the underlying error. */
export class APIConnectionError extends OneMessageError {
  static {
    brand(this, 'APIConnectionError');
  }

  /** The class name, kept literal so it survives minification. */
  override name: string = 'APIConnectionError';
  /** `cause` is the underlying error; `message` replaces the default "Connection error". */
  constructor(request: RequestDescription, options?: { cause?: unknown; message?: string }) {
    // A caller-given message already says what happened; the default one gains the network's reason.
    const reason = options?.message === undefined ? reasonOf(options?.cause) : undefined;
    const where = `(${request.method} ${request.path})`;
    const message = `${options?.message ?? 'Connection error'} ${where}${reason ? `: ${reason}` : ''}`;
    super(message, { cause: options?.cause });
  }
}

/** No answer within the timeout. */
export class APIConnectionTimeoutError extends APIConnectionError {
  static {
    brand(this, 'APIConnectionTimeoutError');
  }

  /** The class name, kept literal so it survives minification. */
  override name = 'APIConnectionTimeoutError' as const;
  /** `timeoutMs` is the limit that ran out. */
  constructor(request: RequestDescription, timeoutMs: number, options?: { cause?: unknown }) {
    super(request, { cause: options?.cause, message: `Request timed out after ${timeoutMs} ms` });
  }
}

/** The caller's `AbortSignal` aborted the call. Never retried. */
export class APIUserAbortError extends OneMessageError {
  static {
    brand(this, 'APIUserAbortError');
  }

  /** The class name, kept literal so it survives minification. */
  override name = 'APIUserAbortError' as const;
  /** `cause` is the signal's reason. */
  constructor(request: RequestDescription, options?: { cause?: unknown }) {
    super(`Request was aborted (${request.method} ${request.path})`, { cause: options?.cause });
  }
}

/**
 * Parameters failed client-side validation; nothing was sent. `issues` names each bad parameter,
 * its contract code and the rule it broke.
 */
export class ValidationError extends OneMessageError {
  static {
    brand(this, 'ValidationError');
  }

  /** The class name, kept literal so it survives minification. */
  override name = 'ValidationError' as const;
  /** Every bad parameter found, in order. */
  readonly issues: ValidationIssue[];
  /** The first bad parameter, as on an {@link APIError}. */
  readonly param: string | undefined;
  /** The first issue's contract code. */
  readonly code: string | undefined;

  /** `issues` must not be empty. */
  constructor(issues: ValidationIssue[], request: RequestDescription) {
    const list = issues.map((i) => `${i.param || '(params)'} [${i.code}]: ${i.message.replace(/\.$/, '')}`).join('; ');
    super(`Invalid parameters for ${request.method} ${request.path}: ${list}.`);
    this.issues = issues;
    this.param = issues[0]?.param;
    this.code = issues[0]?.code;
  }
}

// What went wrong underneath, in a few words (e.g. "connect ECONNREFUSED 127.0.0.1:4010"): the
// network layer's own message names host and port, never headers or bodies.
function reasonOf(cause: unknown): string | undefined {
  if (!(cause instanceof Error)) return undefined;
  const inner = cause.cause instanceof Error ? cause.cause : undefined;
  // fetch wraps the real reason: "fetch failed" { cause: "connect ECONNREFUSED …" }.
  const message = inner && cause.message === 'fetch failed' ? inner.message : cause.message;
  return message ? message.slice(0, 200) : undefined;
}
