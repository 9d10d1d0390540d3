import type { ValidationIssue } from '../schemas/validation.js';

/**
 * Fills a route's `:name` placeholders (`/messages/:id/cancel`) with `params`, percent-encoding
 * each value so an id can never change the route. Returns the issues instead when a value could
 * still do so after encoding (`.` and `..` are resolved by URL parsers) or is not a non-empty
 * string; the request path turns them into a `ValidationError` before any request.
 */
export function fillPath(
  route: string,
  params: Readonly<Record<string, unknown>> | undefined,
): { ok: true; path: string } | { ok: false; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const path = route.replace(/:([A-Za-z_]\w*)/g, (placeholder, name: string) => {
    if (typeof params !== 'object' || params === null || !Object.hasOwn(params, name)) return placeholder;
    const issue = segmentIssue(name, params[name]);
    if (issue) issues.push(issue);
    return issue ? placeholder : encodeURIComponent(params[name] as string);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, path };
}

function segmentIssue(name: string, value: unknown): ValidationIssue | undefined {
  if (value === undefined || value === null || value === '') {
    return { param: name, code: 'missing_parameter', message: `Missing required parameter: ${name}.` };
  }
  if (typeof value !== 'string') {
    return { param: name, code: 'invalid_parameter', message: `${name} must be a string, not ${describeType(value)}.` };
  }
  // encodeURIComponent leaves '.' alone, and a URL parser resolves '.' and '..' as directories.
  if (value === '.' || value === '..') {
    return { param: name, code: 'invalid_parameter', message: `${name} must be an id, not "${value}".` };
  }
  return undefined;
}

/** Names a value's type for an error message without printing the value. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}
