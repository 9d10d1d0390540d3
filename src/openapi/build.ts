/**
 * Builds the OpenAPI 3.1 document from the zod schemas (`z.toJSONSchema`), their TSDoc, the
 * bounds table and the operation table. Build-time only (it reads sources with TypeScript):
 * the gateway serves the JSON this writes, never this module.
 * @module
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { IDEMPOTENCY_KEY_MAX_LENGTH } from '../gateway/idempotency.js';
import { ERROR_CODES, type ErrorCode } from '../schemas/error.js';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../schemas/common.js';
import { bounds, type Bound } from './bounds.js';
import { components } from './components.js';
import { clean, readSchemaDocs, type DocIndex, type DocNode } from './docs.js';
import { OPERATIONS, type Operation } from './operations.js';

type Json = Record<string, unknown>;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REF = '#/components/schemas/';

/** The contract's `type` per error status (API.md's table). */
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  409: 'idempotency_error',
  413: 'invalid_request_error',
  422: 'idempotency_error',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'api_error',
};

/** Which object each event type carries in `data`. */
const EVENT_DATA: Record<string, string> = {
  message: 'Message',
  otp: 'Otp',
  sender: 'Sender',
  balance: 'Balance',
  voice: 'Call',
};

/** Builds the document. Deterministic: the same sources give byte-identical JSON. */
export function buildOpenApi(): Json {
  const docs = readSchemaDocs(join(root, 'src/schemas'), [join(root, 'src/webhooks/events.ts')]);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const converter = makeConverter(bounds());

  const schemas: Record<string, Json> = {};
  const registry = z.registry<{ id: string }>();
  const list = components();
  for (const component of list) registry.add(component.schema, { id: component.name });
  const converted = converter.all(registry);
  for (const component of list) {
    const json = converted[component.name]!;
    applyComponentDocs(json, component.docs, docs);
    schemas[component.name] = json;
  }
  Object.assign(schemas, eventSchemas(docs));

  const paths: Record<string, Record<string, Json>> = {};
  const responses: Record<string, Json> = {};
  for (const operation of OPERATIONS) {
    (paths[operation.path] ??= {})[operation.method] = buildOperation(operation, converter, registry, docs, responses);
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'OneMessage API',
      version: pkg.version,
      summary: 'SMS, OTP, voice and webhooks: the wire contract of @onemessage/sdk and its reference gateway.',
      description:
        'JSON bodies in `snake_case`; ids are prefixed (`msg_`, `batch_`, `otp_`, `call_`, `snd_`, `wh_`, `evt_`, ' +
        '`req_`); times are ISO 8601 UTC; money is a decimal string with a currency. Every POST accepts an ' +
        '`Idempotency-Key`. Generated from the zod schemas of `@onemessage/sdk`; do not edit by hand.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      { url: 'https://api.onemessage.live/v1', description: 'Production' },
      {
        url: 'http://127.0.0.1:4010/v1',
        description: 'The reference gateway on your machine: `npx onemessage-gateway --port 4010`',
      },
    ],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(OPERATIONS.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    webhooks: webhookOperations(),
    components: {
      // By name: the order modules are evaluated in differs between runners.
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))),
      parameters: sharedParameters(),
      headers: sharedHeaders(),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'ark_test_… (test) or ark_live_… (live)',
          description:
            'Send `Authorization: Bearer <key>`. Test keys start `ark_test_` (test numbers, test-mode routes, ' +
            'OTP codes in answers), live keys `ark_live_`. A missing or unknown key is a 401.',
        },
      },
    },
  };
}

interface Converter {
  /** Every registered schema at once, each under its id, referring to the others by `$ref`. */
  all(registry: z.core.$ZodRegistry<{ id: string }>): Record<string, Json>;
  /** One unregistered schema (a query's), with registered ones as `$ref`s. */
  one(schema: z.core.$ZodType, registry: z.core.$ZodRegistry<{ id: string }>): Json;
}

function makeConverter(table: Map<z.core.$ZodType, Bound>): Converter {
  const options = {
    target: 'draft-2020-12' as const,
    unrepresentable: 'any' as const,
    uri: (id: string) => `${REF}${id}`,
    override: ({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: unknown }) => {
      const bound = table.get(zodSchema as z.core.$ZodType);
      if (!bound) return;
      const target = jsonSchema as Json;
      if (bound.replace) for (const key of Object.keys(target)) delete target[key];
      Object.assign(target, structuredClone(bound.keywords));
    },
  };
  return {
    all(registry) {
      const { schemas } = z.toJSONSchema(registry, options) as { schemas: Record<string, Json> };
      return mapValues(schemas, tidy) as Record<string, Json>;
    },
    one(schema, registry) {
      const json = z.toJSONSchema(schema, { ...options, metadata: registry }) as Json;
      delete json.$defs;
      return tidy(rewriteRefs(json));
    },
  };
}

// Single-schema output files registered schemas under $defs: point those at the components.
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof child === 'string' ? child.replace(/^#\/\$defs\//, REF) : rewriteRefs(child);
  }
  return out;
}

const STANDARD_FORMATS = new Set(['date-time', 'date', 'time', 'duration', 'email', 'uri', 'uuid', 'regex']);

/** Drops what is not OpenAPI (`$schema`, `id` metadata, zod's own formats such as `starts_with`). */
function tidy(value: unknown): Json {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Json = {};
    for (const [key, child] of Object.entries(node)) {
      if (key === '$schema' || key === '$id' || key === 'id') continue;
      if (key === 'format' && typeof child === 'string' && !STANDARD_FORMATS.has(child)) continue;
      out[key] = key === 'properties' ? mapValues(child as Json, walk) : walk(child);
    }
    return out;
  };
  return walk(value) as Json;
}

function mapValues(object: Json, fn: (value: unknown) => unknown): Json {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value)]));
}

function applyComponentDocs(json: Json, names: string[], docs: DocIndex): void {
  const found = names.map((name) => docs.get(name)).filter((entry) => entry !== undefined);
  const text = found.find((entry) => entry.description && !entry.description.startsWith('Schema of '));
  if (text?.description) json.description = text.description;
  const examples = found.find((entry) => entry.examples)?.examples;
  if (examples) json.examples = examples;
  for (const entry of found) applyProps(json, entry.props);
}

function applyProps(json: Json, props: Map<string, DocNode>): void {
  const properties = json.properties as Record<string, Json> | undefined;
  if (properties) {
    for (const [key, node] of props) {
      const target = properties[key];
      if (!target) continue;
      applyNode(target, node);
      if (node.children.size > 0) applyProps(target, node.children);
    }
  }
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    for (const branch of (json[keyword] as Json[] | undefined) ?? []) applyProps(branch, props);
  }
  if (json.items && typeof json.items === 'object') applyProps(json.items as Json, props);
}

function applyNode(target: Json, node: DocNode): void {
  if (node.description && target.description === undefined) {
    target.description = node.defaultText ? `${node.description} Default: ${node.defaultText}.` : node.description;
  }
  if (node.default !== undefined && target.default === undefined) target.default = node.default;
  if (node.examples && target.examples === undefined) target.examples = node.examples;
}

function sharedHeaders(): Json {
  const integer = (description: string) => ({ description, schema: { type: 'integer', minimum: 0 } });
  return {
    'X-Request-Id': {
      description: 'The request id (`req_…`), also in every error body: quote it to support.',
      required: true,
      schema: { type: 'string', pattern: '^req_' },
    },
    'X-RateLimit-Limit': { ...integer('Requests allowed per window for this API key.'), required: true },
    'X-RateLimit-Remaining': { ...integer('Requests left in the current window.'), required: true },
    'X-RateLimit-Reset': { ...integer('Seconds until the window resets.'), required: true },
    'Retry-After': { ...integer('Seconds to wait before retrying (the SDK does).'), required: true },
    'Idempotent-Replayed': {
      description:
        'Present (`true`) when this is the stored answer to an earlier request with the same Idempotency-Key.',
      schema: { type: 'string', enum: ['true'] },
    },
    'Original-Request': {
      description: 'On a replay: the id (`req_…`) of the request whose answer this is.',
      schema: { type: 'string', pattern: '^req_' },
    },
    'OneMessage-Balance-Remaining': {
      description: 'The credit left after this request, a decimal string, on authenticated answers.',
      schema: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' },
    },
    'OneMessage-Balance-Currency': {
      description: 'The ISO 4217 currency of OneMessage-Balance-Remaining.',
      schema: { type: 'string', pattern: '^[A-Z]{3}$' },
    },
  };
}

function sharedParameters(): Json {
  return {
    IdempotencyKey: {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Makes a POST safe to retry: the same key with the same parameters returns the stored answer ' +
        '(`Idempotent-Replayed: true`) for 24 h; while the first is in flight 409 `idempotency_conflict`; with ' +
        'other parameters 422 `idempotency_key_reused`. The SDK sends `idk_` + a UUID and reuses it on retries.',
      schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX_LENGTH },
      example: 'idk_6f1c0d3e-8f0a-4a5e-9a43-2f1d2c7b9e10',
    },
  };
}

const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

function commonHeaders(operation: Operation): Json {
  const headers: Json = {
    'X-Request-Id': headerRef('X-Request-Id'),
    'X-RateLimit-Limit': headerRef('X-RateLimit-Limit'),
    'X-RateLimit-Remaining': headerRef('X-RateLimit-Remaining'),
    'X-RateLimit-Reset': headerRef('X-RateLimit-Reset'),
  };
  if (!operation.public) {
    headers['OneMessage-Balance-Remaining'] = headerRef('OneMessage-Balance-Remaining');
    headers['OneMessage-Balance-Currency'] = headerRef('OneMessage-Balance-Currency');
  }
  return headers;
}

/** The error codes of an operation per status: its own plus those every operation of its kind shares. */
export function errorCodes(operation: Operation): Map<number, ErrorCode[]> {
  const codes = new Map<number, Set<ErrorCode>>();
  const add = (status: number, list: readonly ErrorCode[]) => {
    const set = codes.get(status) ?? new Set<ErrorCode>();
    for (const code of list) set.add(code);
    codes.set(status, set);
  };
  if (!operation.public) {
    add(401, ['authentication_failed']);
    add(429, ['rate_limit_exceeded']);
  }
  if (operation.method !== 'get') {
    // A body that is not JSON, or an empty Idempotency-Key, is refused before the route runs.
    add(400, ['invalid_parameter']);
    add(413, ['request_too_large']);
  }
  if (operation.method === 'post') {
    add(409, ['idempotency_conflict']);
    add(422, ['idempotency_key_reused']);
  }
  if (operation.testOnly) add(403, ['permission_denied']);
  for (const [status, list] of Object.entries(operation.errors ?? {})) add(Number(status), list ?? []);
  add(500, ['internal_error']);
  add(503, ['service_unavailable']);
  const order = (list: Set<ErrorCode>) => ERROR_CODES.filter((code) => list.has(code));
  return new Map([...codes].sort(([a], [b]) => a - b).map(([status, list]) => [status, order(list)]));
}

function buildOperation(
  operation: Operation,
  converter: Converter,
  registry: z.core.$ZodRegistry<{ id: string }>,
  docs: DocIndex,
  shared: Record<string, Json>,
): Json {
  const parameters: Json[] = [];
  for (const [name, param] of Object.entries(operation.pathParams ?? {})) {
    const schema: Json = { type: 'string', minLength: 1 };
    if (param.prefix) schema.pattern = `^${param.prefix}`;
    parameters.push({ name, in: 'path', required: true, description: param.description, schema });
  }
  if (operation.query) parameters.push(...queryParameters(operation.query, converter, registry, docs));
  if (operation.method === 'post') parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });

  const responses: Json = {};
  const statuses = Object.keys(operation.responses)
    .map(Number)
    .sort((a, b) => a - b);
  for (const status of statuses) {
    const { component, description } = operation.responses[status]!;
    const headers = commonHeaders(operation);
    if (operation.method === 'post') {
      headers['Idempotent-Replayed'] = headerRef('Idempotent-Replayed');
      headers['Original-Request'] = headerRef('Original-Request');
    }
    const schema = component
      ? { $ref: `${REF}${component}` }
      : {
          type: 'object',
          properties: { openapi: { type: 'string', pattern: '^3\\.1\\.' }, paths: { type: 'object' } },
          required: ['openapi', 'paths'],
        };
    responses[status] = { description, headers, content: { 'application/json': { schema } } };
  }
  for (const [status, codes] of errorCodes(operation)) {
    const response = errorResponse(status, codes, operation);
    // A status with one code reads the same on every operation: one shared response, referenced.
    if (codes.length === 1 && !operation.public) {
      const name = pascal(codes[0]!);
      shared[name] ??= response;
      responses[status] = { $ref: `#/components/responses/${name}` };
    } else {
      responses[status] = response;
    }
  }

  const out: Json = { operationId: operation.id, tags: [operation.tag], summary: operation.summary };
  const description = [operation.description, operation.testOnly ? 'Test keys only.' : '', sdkLine(operation)]
    .filter(Boolean)
    .join('\n\n');
  if (description) out.description = description;
  if (operation.public) out.security = [];
  if (parameters.length > 0) out.parameters = parameters;
  if (operation.body) {
    out.requestBody = {
      required: true,
      content: { 'application/json': { schema: { $ref: `${REF}${operation.body}` } } },
    };
  }
  out.responses = responses;
  return out;
}

function errorResponse(status: number, codes: ErrorCode[], operation: Operation): Json {
  const headers = commonHeaders(operation);
  if (status === 429 || status === 503) headers['Retry-After'] = headerRef('Retry-After');
  return {
    description: `\`${ERROR_TYPES[status]}\`: ${codes.map((code) => `\`${code}\``).join(', ')}.`,
    headers,
    content: { 'application/json': { schema: errorSchema(status, codes) } },
  };
}

function pascal(snake: string): string {
  return snake
    .split(/[._]/)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function sdkLine(operation: Operation): string {
  return operation.sdk ? `SDK: \`${operation.sdk}()\`.` : '';
}

function errorSchema(status: number, codes: ErrorCode[]): Json {
  return {
    allOf: [
      { $ref: `${REF}ErrorBody` },
      {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: { type: { const: ERROR_TYPES[status] }, code: { enum: codes } },
          },
        },
      },
    ],
  };
}

function queryParameters(
  schema: z.core.$ZodType,
  converter: Converter,
  registry: z.core.$ZodRegistry<{ id: string }>,
  docs: DocIndex,
): Json[] {
  const json = converter.one(schema, registry);
  // The list-params schemas are named `<Name>ListParamsSchema`; find their docs by identity of shape keys.
  const props = new Map<string, DocNode>();
  for (const name of ['MessageListParamsSchema', 'SenderListParamsSchema', 'ListParamsSchema']) {
    const entry = docs.get(name);
    const keys = Object.keys((json.properties as Json) ?? {});
    if (entry && keys.every((key) => entry.props.has(key))) {
      for (const [key, node] of entry.props) if (!props.has(key)) props.set(key, node);
      break;
    }
  }
  applyProps(json, props);
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries((json.properties as Record<string, Json>) ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    const parameter: Json = { name, in: 'query', required: required.has(name), schema: rest };
    if (description) parameter.description = description;
    return parameter;
  });
}

function eventSchemas(docs: DocIndex): Record<string, Json> {
  const base = docs.get('WebhookEventBase')?.props;
  const describe = (key: string, fallback: string) => base?.get(key)?.description ?? fallback;
  const out: Record<string, Json> = {};
  for (const type of WEBHOOK_EVENT_TYPES) {
    const name = eventName(type);
    const data = EVENT_DATA[type.split('.')[0]!]!;
    const description = docs.get(name)?.description;
    out[name] = {
      type: 'object',
      ...(description ? { description: clean(description) } : {}),
      properties: {
        event_id: {
          type: 'string',
          pattern: '^evt_',
          description: describe('event_id', 'The event id, the same on every retry.'),
        },
        type: { type: 'string', const: type, description: describe('type', 'The event type.') },
        created: { type: 'integer', description: describe('created', 'When the event happened, unix seconds.') },
        data: { $ref: `${REF}${data}`, description: describe('data', 'The object the event is about.') },
      },
      required: ['event_id', 'type', 'created', 'data'],
      additionalProperties: false,
    };
  }
  out.WebhookEvent = {
    description: 'Any event a webhook endpoint receives, told apart by `type`.',
    oneOf: WEBHOOK_EVENT_TYPES.map((type) => ({ $ref: `${REF}${eventName(type)}` })),
  };
  return out;
}

/** `message.delivered` → `MessageDeliveredEvent`, as src/webhooks/events.ts names the types. */
export function eventName(type: WebhookEventType): string {
  return `${pascal(type)}Event`;
}

function webhookOperations(): Json {
  const out: Json = {};
  for (const type of WEBHOOK_EVENT_TYPES) {
    out[type] = {
      post: {
        operationId: `on${eventName(type)}`,
        tags: ['Webhooks'],
        summary: `The ${type} event, POSTed to every endpoint that lists it`,
        description:
          'Verify `X-OneMessage-Signature` before trusting the body (the SDK: `verifyWebhook` from ' +
          '`@onemessage/sdk/webhooks`). Any non-2xx, or no answer within 10 s, is retried up to 7 times over 24 h ' +
          'with exponential backoff, with the same `event_id`.',
        security: [],
        parameters: [
          {
            name: 'X-OneMessage-Signature',
            in: 'header',
            required: true,
            description:
              '`t=<unix seconds>,v1=<hex>`: HMAC-SHA256, keyed with the UTF-8 bytes of the whole secret ' +
              '(`whsec_…`), of `<t>.<raw body>`. During a secret rotation, one `v1=` per active secret.',
            schema: { type: 'string', pattern: '^t=\\d+(,[a-z0-9]+=[^,]*)+$' },
            example: 't=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd',
          },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: `${REF}${eventName(type)}` } } },
        },
        responses: { '2XX': { description: 'Received: any 2xx stops the retries.' } },
      },
    };
  }
  return out;
}
