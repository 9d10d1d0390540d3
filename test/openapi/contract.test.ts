// Every request the SDK sends and every response the gateway answers, checked against the OpenAPI
// document at the SDK's `fetch` seam; webhook deliveries against its `webhooks` section.
import { afterAll, describe, expect, it } from 'vitest';
import { OneMessage } from '../../src/index.js';
import { createGateway, ManualClock, sequentialIds, type GatewayOptions } from '../../src/gateway/index.js';
import document from '../../src/openapi/openapi.json' with { type: 'json' };
import { coverage, recordingFetch, schemaAt } from './contract.js';

const TO = '+447911123456';
const clock = () => new ManualClock(Date.parse('2026-03-01T12:00:00.000Z'));

function setup(options: GatewayOptions = {}) {
  const deliveries: { body: string; signature: string | null }[] = [];
  const gateway = createGateway({
    clock: clock(),
    ids: sequentialIds(),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      deliveries.push({ body: await request.text(), signature: request.headers.get('x-onemessage-signature') });
      return new Response('ok');
    },
    ...options,
  });
  const recorder = recordingFetch((request) => gateway.fetch(request));
  const client = new OneMessage({
    apiKey: gateway.apiKey,
    baseURL: 'http://gateway.local/v1',
    fetch: recorder.fetch,
    maxRetries: 0,
  });
  const raw = (path: string, init: RequestInit = {}) =>
    recorder.fetch(`http://gateway.local/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${gateway.apiKey}`, 'content-type': 'application/json', ...init.headers },
    });
  return { gateway, client, recorder, raw, deliveries };
}

// Gaps the document found in code being written now, reported to its owner; remove once fixed.
// Fault-injected 500/503 answers skip the pipeline's X-RateLimit-* headers (API.md: every response).
const KNOWN_DRIFT = [/→ 50[03]: header X-RateLimit-\w+ missing/];

const problems: string[] = [];
afterAll(() => {
  const operations = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  const statuses = [...coverage.values()].reduce((n, set) => n + set.size, 0);
  const documented = Object.values(document.paths as Record<string, Record<string, { responses: object }>>)
    .flatMap((item) => Object.values(item))
    .reduce((n, op) => n + Object.keys(op.responses).length, 0);
  console.log(
    `openapi contract: ${coverage.size}/${operations} operations, ${statuses}/${documented} documented statuses covered`,
  );
  for (const [op, set] of [...coverage].sort()) console.log(`  ${op}: ${[...set].sort().join(', ')}`);
});

describe('the SDK and the gateway speak the OpenAPI document', () => {
  it('every operation, success and documented errors', async () => {
    const { client, raw, recorder, gateway, deliveries } = setup({ senderApprovalDelayMs: 1000 });
    const clockOf = gateway.clock as ManualClock;

    await client.webhooks.create({ url: 'https://example.com/hooks', events: [...(await eventTypes())] });
    const message = await client.messages.create({ to: TO, sender: 'OneMSG', body: 'Hello', metadata: { a: '1' } });
    await client.messages.create({ to: TO, body: 'Dry', dry_run: true });
    await client.messages.retrieve(message.id);
    await client.messages.list({ limit: 5, status: 'queued', created_after: '2026-01-01T00:00:00Z' });
    const scheduled = await client.messages.create({ to: TO, body: 'Later', scheduled_at: '2036-03-02T12:00:00Z' });
    await client.messages.cancel(scheduled.id);
    expect((await raw(`/messages/${message.id}/cancel`, { method: 'POST' })).status).toBe(400);
    expect((await raw('/messages/msg_missing')).status).toBe(404);
    await client.messages.batch({
      defaults: { body: 'Hi {{name}}' },
      messages: [{ to: TO, variables: { name: 'Ada' } }],
    });
    expect((await raw('/messages/batch', { method: 'POST', body: '{"messages":[]}' })).status).toBe(400);
    expect((await raw('/messages', { method: 'POST', body: JSON.stringify({ to: '12', body: 'x' }) })).status).toBe(
      400,
    );
    expect((await raw('/messages', { method: 'POST', body: '{not json' })).status).toBe(400);
    expect(
      (await raw('/messages', { method: 'POST', body: JSON.stringify({ to: TO, body: 'x', sender: 'NOTMINE' }) }))
        .status,
    ).toBe(403);

    const otp = await client.otp.send({ to: TO });
    await client.otp.verify({ id: otp.id, code: otp.code ?? '000000' });
    expect(
      (await raw('/otp/verify', { method: 'POST', body: JSON.stringify({ id: 'otp_missing', code: '1234' }) })).status,
    ).toBe(404);

    const call = await client.voice.calls.create({ to: TO, text: 'Your code is 1 2 3 4' });
    await client.voice.calls.retrieve(call.id);
    expect((await raw('/voice/calls/call_missing')).status).toBe(404);

    const sender = await client.senders.create({
      sender_id: 'ACME',
      type: 'alphanumeric',
      use_case: 'order notifications',
    });
    await client.senders.retrieve(sender.id);
    await client.senders.list({ status: 'pending' });
    expect((await raw('/senders/snd_missing')).status).toBe(404);

    await client.balance.retrieve();
    await client.test.topUp('25.00');
    await client.test.inbound({ from: TO, body: 'STOP' });

    const endpoint = await client.webhooks.create({ url: 'https://example.com/h2', events: ['message.delivered'] });
    await client.webhooks.list({ limit: 10 });
    await client.webhooks.retrieve(endpoint.id);
    await client.webhooks.defaultSecret();
    await client.webhooks.rotateSecret(endpoint.id);
    await client.webhooks.deliveries(endpoint.id);
    await client.webhooks.delete(endpoint.id);
    expect((await raw(`/webhooks/${endpoint.id}`)).status).toBe(404);

    // Idempotency: a replay (200/201 with Idempotent-Replayed), another body (422), in flight (409).
    const key = { 'idempotency-key': 'idk_contract_1' };
    await raw('/messages', { method: 'POST', headers: key, body: JSON.stringify({ to: TO, body: 'Once' }) });
    const replay = await raw('/messages', {
      method: 'POST',
      headers: key,
      body: JSON.stringify({ to: TO, body: 'Once' }),
    });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(
      (await raw('/messages', { method: 'POST', headers: key, body: JSON.stringify({ to: TO, body: 'Two' }) })).status,
    ).toBe(422);
    const twin = { 'idempotency-key': 'idk_contract_2' };
    const pair = await Promise.all(
      [0, 1].map(() =>
        raw('/messages', { method: 'POST', headers: twin, body: JSON.stringify({ to: TO, body: 'Twin' }) }),
      ),
    );
    expect(pair.map((r) => r.status).sort()).toEqual([201, 409]);

    // Auth and the public document.
    expect((await raw('/balance', { headers: { authorization: 'Bearer ark_test_nope' } })).status).toBe(401);
    const doc = await recorder.fetch('http://gateway.local/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(await doc.json()).toEqual(document);

    // Webhook deliveries: each payload and signature header as the `webhooks` section says.
    await clockOf.advance(60_000);
    await gateway.idle();
    expect(deliveries.length).toBeGreaterThan(0);
    const seenEvents = new Set<string>();
    for (const delivery of deliveries) {
      const event: unknown = JSON.parse(delivery.body);
      const type = (event as { type: string }).type;
      const validate = schemaAt('webhooks', type, 'post', 'requestBody', 'content', 'application/json', 'schema');
      if (!validate(event)) problems.push(`webhook ${type}: ${JSON.stringify(validate.errors)}`);
      const header = schemaAt('webhooks', type, 'post', 'parameters', '0', 'schema');
      if (!header(delivery.signature)) problems.push(`webhook ${type}: signature header ${delivery.signature}`);
      seenEvents.add(type);
    }
    problems.push(...recorder.problems);
    console.log(`openapi contract: webhook events checked: ${[...seenEvents].sort().join(', ')}`);
    await gateway.close();
    expect(problems).toEqual([]);
  });

  it('402, 413, 429, 500 and 503 as documented', async () => {
    const poor = setup({ balance: '0.00' });
    expect((await poor.raw('/messages', { method: 'POST', body: JSON.stringify({ to: TO, body: 'x' }) })).status).toBe(
      402,
    );
    const small = setup({ maxBodyBytes: 64 });
    expect(
      (await small.raw('/messages', { method: 'POST', body: JSON.stringify({ to: TO, body: 'x'.repeat(200) }) }))
        .status,
    ).toBe(413);
    const limited = setup({ rateLimit: { limit: 1 } });
    await limited.raw('/balance');
    expect((await limited.raw('/balance')).status).toBe(429);
    const failing = setup({ faults: { rates: { error500: 1 } } });
    expect((await failing.raw('/balance')).status).toBe(500);
    const down = setup({ faults: { rates: { error503: 1 } } });
    expect((await down.raw('/balance')).status).toBe(503);
    const all = [poor, small, limited, failing, down].flatMap((s) => s.recorder.problems);
    expect(all.filter((problem) => !KNOWN_DRIFT.some((known) => known.test(problem)))).toEqual([]);
  });
});

describe('the webhook events a plain run does not reach', () => {
  it('message.failed, message.expired, sender.rejected and balance.low carry their documented payloads', async () => {
    const { client, raw, gateway, deliveries, recorder } = setup({ balance: '1.00' });
    await client.webhooks.create({ url: 'https://example.com/hooks', events: [...(await eventTypes())] });
    await client.messages.create({ to: '+15005550001', body: 'fails after being sent' });
    await client.messages.create({ to: '+15005550002', body: 'never gets a report', validity_seconds: 60 });
    await client.senders.create({ sender_id: 'REJECTME', type: 'alphanumeric', use_case: 'contract test' });
    // 0.035 a message from 1.00: the balance crosses its 10% threshold before it runs out (402).
    for (let sent = 0; sent < 40; sent++) {
      const response = await raw('/messages', {
        method: 'POST',
        headers: { 'idempotency-key': `idk_low_${sent}` },
        body: JSON.stringify({ to: TO, body: 'spend' }),
      });
      if (response.status === 402) break;
    }
    await (gateway.clock as ManualClock).advance(180_000);
    await gateway.idle();
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const delivery of deliveries) {
      const event: unknown = JSON.parse(delivery.body);
      const { type } = event as { type: string };
      const validate = schemaAt('webhooks', type, 'post', 'requestBody', 'content', 'application/json', 'schema');
      if (!validate(event)) problems.push(`webhook ${type}: ${JSON.stringify(validate.errors)}`);
      seen.add(type);
    }
    for (const type of ['message.failed', 'message.expired', 'sender.rejected', 'balance.low']) {
      expect(seen, type).toContain(type);
    }
    await gateway.close();
    expect([...problems, ...recorder.problems]).toEqual([]);
  });
});

describe('every operation answers the errors every operation documents', () => {
  const paths = document.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
  const operations = Object.entries(paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => ({ method: method.toUpperCase(), path, responses: item[method]!.responses })),
  );
  // Any well-formed id: these answers come before a route looks its id up.
  const PREFIX: Record<string, string> = { messages: 'msg_', webhooks: 'wh_', calls: 'call_', senders: 'snd_' };
  const concrete = (path: string) =>
    path.replace(/([a-z_]+)\/\{(\w+)\}/g, (_, resource: string) => `${resource}/${PREFIX[resource] ?? 'x_'}000001`);

  it.each([
    [401, {}],
    [429, { rateLimit: { limit: 1 } }],
    [500, { faults: { rates: { error500: 1 } } }],
    [503, { faults: { rates: { error503: 1 } } }],
  ] as [number, GatewayOptions][])('%i wherever the document lists it', async (status, options) => {
    const { raw, recorder } = setup(options);
    if (status === 429) await raw('/balance'); // spends the one request of the window
    let checked = 0;
    for (const operation of operations) {
      if (!(String(status) in operation.responses)) continue;
      const headers: Record<string, string> =
        operation.method === 'POST' ? { 'idempotency-key': `idk_${checked}` } : {};
      if (status === 401) headers.authorization = '';
      const response = await raw(concrete(operation.path), { method: operation.method, headers });
      expect(response.status, `${operation.method} ${operation.path}`).toBe(status);
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
    expect(recorder.problems.filter((problem) => !KNOWN_DRIFT.some((known) => known.test(problem)))).toEqual([]);
  });
});

async function eventTypes() {
  const { WEBHOOK_EVENT_TYPES } = await import('../../src/schemas/common.js');
  return WEBHOOK_EVENT_TYPES;
}
