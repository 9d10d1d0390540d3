// Property tests against the gateway's handler in-process: whatever the method, path, headers and
// body (random JSON of any shape and depth, strings with lone surrogates, invalid UTF-8 bytes), the
// answer is a 2xx or a contract-shaped 4xx, never a 5xx; and a batch is applied whole or not at all
// (the balance and the message count move exactly by what the answer says was accepted).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/schemas/error.js';
import { makeGateway } from './helpers.js';

const CODES = new Set<string>(ERROR_CODES);
const runs = { numRuns: 400, seed: 20_260_301 };

/** Checks one answer: 2xx, or 4xx with `{error: {type, code, message, request_id}}` and a contract code. */
async function expectContractAnswer(response: Response): Promise<void> {
  expect(response.status, `status ${response.status}`).toBeLessThan(500);
  expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  if (response.status < 300 || response.status === 304) return;
  expect(response.status).toBeGreaterThanOrEqual(400);
  const text = await response.text();
  const body = JSON.parse(text) as { error?: Record<string, unknown> };
  expect(typeof body.error?.message, text).toBe('string');
  expect(typeof body.error?.type, text).toBe('string');
  expect(CODES.has(body.error?.code as string), text).toBe(true);
  expect(body.error?.request_id).toBe(response.headers.get('x-request-id'));
}

const ROUTES = [
  '/v1/messages',
  '/v1/messages/batch',
  '/v1/messages/msg_1',
  '/v1/messages/msg_1/cancel',
  '/v1/webhooks',
  '/v1/webhooks/wh_1',
  '/v1/webhooks/wh_1/rotate_secret',
  '/v1/webhooks/wh_1/deliveries',
  '/v1/balance',
  '/v1/senders',
  '/v1/otp/send',
  '/v1/otp/verify',
  '/v1/calls',
];
const segment = fc.oneof(
  fc.constantFrom('v1', 'messages', 'batch', 'webhooks', '..', '.', '', '%2F', '%00', '%ZZ', 'é', '😀', 'msg_1'),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const path = fc.oneof(
  { arbitrary: fc.constantFrom(...ROUTES), weight: 4 },
  fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
  fc.constantFrom(...ROUTES).map((route) => `/${route}`), // a leading //
);
const query = fc.oneof(
  { arbitrary: fc.constant(''), weight: 4 },
  fc.constantFrom('?limit=0', '?limit=101', '?limit=abc', '?starting_after=', '?status=nope', '?limit=1e3', '?%zz=1'),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map((q) => `?${new URLSearchParams(q)}`),
);
const method = fc.oneof(
  { arbitrary: fc.constantFrom('GET', 'POST'), weight: 4 },
  fc.constantFrom('DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS', 'FOO'),
);

/** A string that may hold lone surrogates and any code unit at all. */
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
/** Parameter-looking values of every type and size. */
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  anyUnits,
  fc.constantFrom('+447911123456', '+15005550001', 'OneMSG', 'ACME', '', ' ', 'x'.repeat(2000), '2026-03-01T12:00:00Z'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(true, null, [], {}, 1e308, -0),
);
const paramsObject = fc.dictionary(
  fc.constantFrom('to', 'body', 'sender', 'metadata', 'send_at', 'callback_url', 'dry_run', 'url', 'events', 'code'),
  value,
  { maxKeys: 6 },
);
const deepJson = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    fc.array(tie('node')),
    fc.dictionary(fc.string(), tie('node')),
  ),
})).node;

/** Raw bodies: JSON text, text with lone surrogates, random bytes (invalid UTF-8), huge nesting. */
const body: fc.Arbitrary<string | Uint8Array | undefined> = fc.oneof(
  fc.constant(undefined),
  { arbitrary: paramsObject.map((p) => JSON.stringify(p)), weight: 2 },
  fc
    .record({ to: fc.constantFrom('+447911123456', '+15005550001'), body: fc.string(), sender: fc.constant('OneMSG') })
    .map((p) => JSON.stringify(p)),
  deepJson.map((j) => JSON.stringify(j)),
  fc
    .record({ messages: fc.array(paramsObject, { maxLength: 5 }), defaults: fc.option(paramsObject) })
    .map((b) => JSON.stringify(b)),
  anyUnits,
  fc.uint8Array({ maxLength: 64 }),
  fc.constantFrom('{"to":"\\ud800"}', '{"body":"\\udc00x"}', '['.repeat(5000), '{"a":1}{"b":2}', 'null', '"x"', '1'),
  fc.uint8Array({ maxLength: 16 }).map((tail) => new Uint8Array([...new TextEncoder().encode('{"body":"'), ...tail])),
);

const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
const headers = fc.record(
  {
    auth: fc.oneof(
      { arbitrary: fc.constant('valid'), weight: 6 },
      fc.constantFrom('none', 'Bearer ', 'Bearer ark_live_x', 'Basic abc', 'Bearer ark_test_nope'),
    ),
    contentType: fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/json; charset=latin1'),
    idempotencyKey: fc.option(headerValue),
    extra: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/), headerValue, { maxKeys: 3 }),
  },
  { requiredKeys: ['auth'] },
);

// A send that is valid, then maybe spoiled by one random parameter: the 2xx side of the contract.
const sendShaped = fc.tuple(paramsObject, fc.boolean(), fc.option(headerValue)).map(([overrides, spoil, key]) => {
  const params = { to: '+447911123456', sender: 'OneMSG', body: 'Hello', ...(spoil ? overrides : {}) };
  const h = { auth: 'valid', contentType: 'application/json', idempotencyKey: key, extra: {} };
  return ['POST', '/v1/messages', '', h, JSON.stringify(params)] as const;
});
const anyRequest = fc.oneof(
  { arbitrary: fc.tuple(method, path, query, headers, body), weight: 3 },
  { arbitrary: sendShaped, weight: 1 },
);

describe('gateway handler properties', () => {
  it('answers any request with a 2xx or a contract-shaped 4xx, never a 5xx', async () => {
    const { gateway } = makeGateway();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(anyRequest, async ([verb, target, search, h, payload]) => {
        const init: RequestInit = { method: verb, headers: {} };
        const sent = init.headers as Record<string, string>;
        for (const [name, text] of Object.entries((h.extra ?? {}) as Record<string, string>)) sent[name] = text;
        if (h.auth === 'valid') sent.authorization = `Bearer ${gateway.apiKey}`;
        else if (h.auth !== 'none') sent.authorization = h.auth;
        if (h.contentType) sent['content-type'] = h.contentType;
        if (h.idempotencyKey !== undefined && h.idempotencyKey !== null) sent['idempotency-key'] = h.idempotencyKey;
        if (payload !== undefined && verb !== 'GET' && verb !== 'HEAD') init.body = payload as BodyInit;
        let request: Request;
        try {
          request = new Request(`http://gateway.local${target}${search}`, init);
        } catch {
          return; // not a request a client could send (fetch refuses it first)
        }
        const response = await gateway.fetch(request);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        await expectContractAnswer(response);
      }),
      runs,
    );
    // The requests reached the routes, not only the front door.
    for (const status of [200, 201, 400, 401, 404]) expect([...statuses.keys()]).toContain(status);
  });

  it('applies a batch whole or not at all: balance and message count move by what was accepted', async () => {
    const { gateway, post, get } = makeGateway({ balance: '50' });
    let requests = 0;
    let accepted = 0;
    const state = async () => {
      const balance = (await (await get('/v1/balance')).json()) as { available: { amount: string } };
      let count = 0;
      let after = '';
      for (;;) {
        const page = (await (await get(`/v1/messages?limit=100${after}`)).json()) as {
          data: { id: string }[];
          has_more: boolean;
        };
        count += page.data.length;
        if (!page.has_more || page.data.length === 0) break;
        after = `&starting_after=${page.data.at(-1)!.id}`;
      }
      return { units: Math.round(Number(balance.available.amount) * 10_000), count };
    };
    const entry = fc.oneof(
      fc.record({ to: fc.constantFrom('+447911123456', '+15005550001', '+33612345678'), body: fc.string() }),
      paramsObject,
    );
    const batchBody = fc.oneof(
      fc.record({ messages: fc.array(entry, { maxLength: 8 }) }),
      fc.record({ messages: fc.array(entry, { maxLength: 8 }), defaults: paramsObject }),
      paramsObject,
    );
    await fc.assert(
      fc.asyncProperty(batchBody, fc.boolean(), async (payload, keyed) => {
        const before = await state();
        const response = await post(
          '/v1/messages/batch',
          payload,
          keyed ? { 'idempotency-key': `idk_batch_${++requests}` } : {},
        );
        expect(response.status).toBeLessThan(500);
        const text = await response.text();
        const after = await state();
        if (response.status !== 201) {
          expect(after, text).toEqual(before);
          return;
        }
        const batch = JSON.parse(text) as { accepted: number; results: ({ id: string } | { error: unknown })[] };
        const ids = batch.results.flatMap((result) => ('id' in result ? [result.id] : []));
        expect(ids).toHaveLength(batch.accepted);
        const dryRun = (payload as { defaults?: { dry_run?: unknown } }).defaults?.dry_run === true;
        if (dryRun) {
          expect(after).toEqual(before);
          return;
        }
        expect(after.count - before.count).toBe(batch.accepted);
        accepted += batch.accepted;
        let spent = 0;
        for (const id of ids) {
          const message = (await (await get(`/v1/messages/${id}`)).json()) as { price: { amount: string } };
          spent += Math.round(Number(message.price.amount) * 10_000);
        }
        expect(before.units - after.units).toBe(spent);
      }),
      { numRuns: 100, seed: 20_260_302 },
    );
    expect(accepted).toBeGreaterThan(20);
    await gateway.close();
  });
});
