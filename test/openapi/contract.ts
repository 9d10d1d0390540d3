// Validates recorded requests and responses against the OpenAPI document with ajv (2020-12), and
// counts which operations and statuses were seen, so the suite can say what it covers.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import document from '../../src/openapi/openapi.json' with { type: 'json' };

type Json = Record<string, any>;
const doc = document as Json;
const ID = 'urn:onemessage:openapi';

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, validateFormats: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
// The document's top-level OpenAPI fields are not JSON Schema: known keywords, not validated.
ajv.addVocabulary(['openapi', 'info', 'servers', 'security', 'tags', 'paths', 'webhooks', 'components']);
ajv.addSchema(doc, ID);

const compiled = new Map<string, ValidateFunction>();
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** A compiled validator of the schema at `path` inside the document. */
export function schemaAt(...path: string[]): ValidateFunction {
  const ref = `${ID}#/${pointer(...path)}`;
  let fn = compiled.get(ref);
  if (!fn) compiled.set(ref, (fn = ajv.compile({ $ref: ref })));
  return fn;
}

/** An operation of the document, found by method and concrete path (`/v1/messages/msg_1`). */
export interface Found {
  template: string;
  method: string;
  operation: Json;
  params: Record<string, string>;
}

export function findOperation(method: string, pathname: string): Found | undefined {
  const path = pathname.replace(/^\/v1/, '');
  const candidates = Object.entries(doc.paths as Record<string, Json>).filter(([, item]) => item[method]);
  // Literal paths win over templated ones, as the gateway's router orders them.
  candidates.sort(([a], [b]) => (a.includes('{') ? 1 : 0) - (b.includes('{') ? 1 : 0));
  for (const [template, item] of candidates) {
    const names: string[] = [];
    const regex = new RegExp(
      `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, n: string) => (names.push(n), '([^/]+)'))}$`,
    );
    const match = regex.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
    return { template, method, operation: item[method], params };
  }
  return undefined;
}

function resolve(node: Json): Json {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    const parts = (current.$ref as string).replace(/^#\//, '').split('/');
    current = parts.reduce((at: Json, part) => at[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return current;
}

function refPath(node: Json, fallback: string[]): string[] {
  return typeof node.$ref === 'string' ? (node.$ref as string).replace(/^#\//, '').split('/') : fallback;
}

const describe = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);

/** Coverage: `METHOD template` → statuses seen. */
export const coverage = new Map<string, Set<number>>();

/** Checks one exchange; returns every mismatch found (empty when it conforms). */
export function check(
  request: { method: string; url: string; headers: Headers; body: string },
  response: {
    status: number;
    headers: Headers;
    body: string;
  },
): string[] {
  const url = new URL(request.url);
  const method = request.method.toLowerCase();
  const found = findOperation(method, url.pathname);
  if (!found) return [`${request.method} ${url.pathname}: no such operation in the document`];
  const { template, operation, params } = found;
  const where = `${request.method} ${template} → ${response.status}`;
  const problems: string[] = [];
  const base = ['paths', template, method];

  // Request: path and query parameters, headers, body.
  const parameters = ((operation.parameters ?? []) as Json[]).map(resolve);
  for (const [index, parameter] of parameters.entries()) {
    const raw =
      parameter.in === 'path'
        ? params[parameter.name]
        : parameter.in === 'query'
          ? (url.searchParams.get(parameter.name) ?? undefined)
          : (request.headers.get(parameter.name) ?? undefined);
    if (raw === undefined) {
      if (parameter.required) problems.push(`${where}: required ${parameter.in} parameter ${parameter.name} missing`);
      continue;
    }
    const schema = resolve(parameter.schema);
    const value = schema.type === 'integer' || schema.type === 'number' ? Number(raw) : raw;
    const path = (operation.parameters[index] as Json).$ref
      ? [...refPath(operation.parameters[index], []), 'schema']
      : [...base, 'parameters', String(index), 'schema'];
    const validate = schemaAt(...path);
    if (!validate(value)) problems.push(`${where}: ${parameter.in} ${parameter.name}: ${describe(validate.errors)}`);
  }
  for (const name of url.searchParams.keys()) {
    if (!parameters.some((p) => p.in === 'query' && p.name === name))
      problems.push(`${where}: undocumented query ${name}`);
  }
  if (operation.requestBody && request.body !== '') {
    const validate = schemaAt(...base, 'requestBody', 'content', 'application/json', 'schema');
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      body = request.body;
    }
    if (!validate(body)) problems.push(`${where}: request body: ${describe(validate.errors)}`);
  } else if (operation.requestBody?.required && request.body === '' && response.status < 400) {
    problems.push(`${where}: request body missing`);
  }

  // A request the document refuses must be refused: deliberately bad requests are how the 400s are reached.
  if (response.status === 400 || response.status === 413) problems.length = 0;

  // Response: a documented status, its headers, its body.
  const documented = operation.responses[String(response.status)];
  if (!documented) return [...problems, `${where}: status not documented`];
  (
    coverage.get(`${request.method} ${template}`) ??
    coverage.set(`${request.method} ${template}`, new Set()).get(`${request.method} ${template}`)!
  ).add(response.status);
  const resolved = resolve(documented);
  const responsePath = refPath(documented, [...base, 'responses', String(response.status)]);
  for (const [name, header] of Object.entries((resolved.headers ?? {}) as Json)) {
    const value = response.headers.get(name);
    const spec = resolve(header as Json);
    if (value === null) {
      if (spec.required) problems.push(`${where}: header ${name} missing`);
      continue;
    }
    const headerPath = refPath(header as Json, [...responsePath, 'headers', name]);
    const validate = schemaAt(...headerPath, 'schema');
    const schema = resolve(spec.schema);
    const typed = schema.type === 'integer' ? Number(value) : value;
    if (!validate(typed)) problems.push(`${where}: header ${name}=${value}: ${describe(validate.errors)}`);
  }
  const media = resolved.content?.['application/json'];
  if (media) {
    if (!(response.headers.get('content-type') ?? '').startsWith('application/json'))
      problems.push(`${where}: not JSON`);
    const validate = schemaAt(...responsePath, 'content', 'application/json', 'schema');
    if (!validate(JSON.parse(response.body))) problems.push(`${where}: response body: ${describe(validate.errors)}`);
  }
  return problems;
}

/**
 * A fetch that records and checks every exchange through `inner` (the SDK's `fetch` seam):
 * problems accumulate in `problems` so one test can report them all.
 */
export function recordingFetch(inner: (input: Request) => Promise<Response>) {
  const problems: string[] = [];
  let exchanges = 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(
      input instanceof Request ? input : new URL(String(input), 'http://gateway.local'),
      init,
    );
    const body = request.body ? await request.clone().text() : '';
    const response = await inner(request);
    const text = await response.clone().text();
    exchanges++;
    problems.push(
      ...check(
        { method: request.method, url: request.url, headers: request.headers, body },
        {
          status: response.status,
          headers: response.headers,
          body: text,
        },
      ),
    );
    return response;
  };
  return { fetch, problems, count: () => exchanges };
}
