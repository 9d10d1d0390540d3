import * as z from 'zod/mini';

/** The contract error codes a request-parameter check can produce. */
export type ValidationIssueCode =
  | 'invalid_phone_number'
  | 'invalid_sender'
  | 'message_too_long'
  | 'missing_parameter'
  | 'invalid_parameter'
  | 'multiple_segments_not_allowed'
  | 'batch_too_large';

/** One bad request parameter: which one, the contract code, and the rule it broke (never its value). */
export interface ValidationIssue {
  /** The parameter at fault, e.g. `to` or `metadata[order_id]`; `''` when the whole input is wrong. */
  param: string;
  /** The contract error code the API would answer with. */
  code: ValidationIssueCode;
  /** The rule that was broken, naming the parameter; never its value. */
  message: string;
}

/** The outcome of a request-parameter validator: the normalised params, or every issue found. */
export type ValidationResult<T> =
  | {
      /** The input passed every check. */
      ok: true;
      /** The normalised parameters (e.g. `to` in E.164), which is what gets sent. */
      value: T;
    }
  | {
      /** The input broke at least one rule. */
      ok: false;
      /** Every issue found, in order. */
      issues: ValidationIssue[];
    };

/** A zod check whose issue carries a contract code and a message naming the rule. */
export function rule<T>(test: (value: T) => boolean, message: string, code: ValidationIssueCode = 'invalid_parameter') {
  return z.refine<T>(test, { error: message, params: { code } });
}

/** Renders a zod path as a wire parameter name: `metadata[order_id]`, `events[2]`. */
export function paramName(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path;
  return String(head ?? '') + rest.map((p) => `[${String(p)}]`).join('');
}

/** Maps zod issues to contract issues; `codeFor` gives the code of a top-level param when a rule did not set one. */
export function toIssues(
  zodIssues: readonly z.core.$ZodIssue[],
  input: Record<string, unknown>,
  codeFor: (param: string) => ValidationIssueCode = () => 'invalid_parameter',
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const issue of zodIssues) {
    const param = paramName(issue.path);
    const top = String(issue.path[0] ?? '');
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          issues.push({ param: key, code: 'invalid_parameter', message: `Unknown parameter: ${key}.` });
        }
        break;
      case 'invalid_type':
        if (issue.path.length === 1 && input[top] === undefined) {
          issues.push({ param, code: 'missing_parameter', message: `Missing required parameter: ${param}.` });
        } else {
          issues.push({ param, code: codeFor(top), message: `${param} must be ${article(issue.expected)}.` });
        }
        break;
      case 'invalid_value':
        issues.push({
          param,
          code: codeFor(top),
          message: `${param} must be one of: ${issue.values.map(String).join(', ')}.`,
        });
        break;
      default: {
        const code = (issue as { params?: { code?: ValidationIssueCode } }).params?.code ?? codeFor(top);
        issues.push({ param, code, message: `${param} ${issue.message}.` });
      }
    }
  }
  return issues;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** True for a plain object (not null, not an array). */
export function isRecord(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

/** The issue for an input that is not an object at all. */
export const NOT_AN_OBJECT: ValidationIssue = {
  param: '',
  code: 'invalid_parameter',
  message: 'The request parameters must be a JSON object.',
};

/** The issue for a parameter that is not a phone number (one wording for every number the API takes). */
export function invalidPhoneIssue(param: string, example = '+447911123456'): ValidationIssue {
  return {
    param,
    code: 'invalid_phone_number',
    message: `${param} must be a valid phone number in E.164 format, e.g. ${example}.`,
  };
}

/** The issue for a `sender` that is neither an alphanumeric sender ID nor a phone number. */
export const INVALID_SENDER_ISSUE: ValidationIssue = {
  param: 'sender',
  code: 'invalid_sender',
  message: 'sender must be 3–11 letters, digits or spaces with at least one letter, or a phone number in E.164 format.',
};

/** Matches an ISO 8601 date-time with an explicit offset, e.g. `2026-11-21T10:00:00Z`. */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Parses an ISO 8601 date-time with an explicit offset to epoch milliseconds, or `NaN` when it
 * is malformed or names a moment that does not exist (`2027-02-30`, `24:00`, `10:60`, offset
 * `+25:00`): `Date.parse` would silently roll those over into the next day or month.
 */
export function parseTimestamp(value: string): number {
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return Number.NaN;
  const [year, month, day, hour, minute, second = 0, offsetHour = 0, offsetMinute = 0] = m
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const valid =
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth(year!, month!) &&
    hour! <= 23 &&
    minute! <= 59 &&
    second <= 59 &&
    offsetHour <= 23 &&
    offsetMinute <= 59;
  return valid ? Date.parse(value) : Number.NaN;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** The longest URL accepted for a webhook endpoint or a message's `callback_url`. */
export const MAX_CALLBACK_URL = 2048;

/**
 * True for an absolute http(s) URL of at most {@link MAX_CALLBACK_URL} characters without
 * credentials: the gateway POSTs events there, and credentials in the URL would end up in logs
 * and delivery records.
 */
export function isCallbackUrl(value: string): boolean {
  if (value.length > MAX_CALLBACK_URL) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** The rule {@link isCallbackUrl} checks, as an error message names it. */
export const CALLBACK_URL_RULE = `must be an absolute http(s) URL of at most ${MAX_CALLBACK_URL} characters, without credentials`;

/** Counts Unicode code points, so an emoji counts as one character. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
