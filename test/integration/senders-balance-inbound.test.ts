// Senders, balance and inbound SMS end to end: the SDK over real HTTP to a listening gateway, and
// webhooks delivered over HTTP to a local receiver that verifies them with verifyWebhook.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGateway, ManualClock, type Gateway } from '../../src/gateway/index.js';
import OneMessage, { PermissionDeniedError, TestModeError, ValidationError } from '../../src/index.js';
import { verifyWebhook, type WebhookEvent } from '../../src/webhooks/index.node.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function receiver(secret: () => string, clock: ManualClock) {
  const events: WebhookEvent[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const payload = Buffer.concat(chunks).toString('utf8');
      const signature = String(request.headers['x-onemessage-signature'] ?? '');
      verifyWebhook({
        payload,
        signature,
        secret: secret(),
        now: Math.floor(clock.now() / 1000),
      }).then(
        (event) => (events.push(event), response.writeHead(200).end()),
        () => response.writeHead(400).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    events,
  };
}

async function setup(options: Parameters<typeof createGateway>[0] = {}) {
  const clock = new ManualClock(Date.parse('2026-03-01T12:00:00.000Z'));
  const gateway: Gateway = createGateway({ clock, ...options });
  const server = await gateway.listen({ port: 0 });
  cleanup.push(() => gateway.close());
  const client = new OneMessage({
    apiKey: gateway.apiKey,
    baseURL: server.url,
    maxRetries: 0,
  });
  let secret = '';
  const hooks = await receiver(() => secret, clock);
  const subscribe = async (events: WebhookEvent['type'][]) => {
    secret = (await client.webhooks.create({ url: hooks.url, events })).secret!;
  };
  return { clock, gateway, client, hooks, subscribe };
}

describe('over HTTP', () => {
  it('registers a sender, refuses it before approval (403), sends after (201), announces sender.approved', async () => {
    const { clock, gateway, client, hooks, subscribe } = await setup({
      senderApprovalDelayMs: 2_000,
    });
    await subscribe(['sender.approved']);
    const sender = await client.senders.create({
      sender_id: 'ACME',
      type: 'alphanumeric',
      use_case: 'orders',
    });
    expect(sender.status).toBe('pending');
    const refused = await client.messages
      .create({ to: '+447911123456', sender: 'ACME', body: 'Hi' })
      .catch((e: unknown) => e as any);
    expect(refused).toBeInstanceOf(PermissionDeniedError);
    expect(refused).toMatchObject({ status: 403, code: 'sender_not_approved' });
    expect(refused.message).toContain('POST /v1/senders');

    await clock.advance(2_000);
    await gateway.idle();
    expect((await client.senders.retrieve(sender.id)).status).toBe('approved');
    expect(hooks.events.map((event) => [event.type, (event.data as { id: string }).id])).toEqual([
      ['sender.approved', sender.id],
    ]);
    const { data: message, response } = await client.messages
      .create({ to: '+447911123456', sender: 'ACME', body: 'Hi' })
      .withResponse();
    expect([response.status, message.sender]).toEqual([201, 'ACME']);
    expect(response.balanceRemaining).toEqual({
      amount: expect.stringMatching(/^\d+\.\d{4}$/),
      currency: 'EUR',
    });

    const ids: string[] = [];
    for await (const listed of client.senders.list({ limit: 1 })) ids.push(listed.sender_id);
    expect(ids).toEqual(['ACME', gateway.virtualNumber(), 'OneMSG']);
  });

  it('rejects a forbidden sender with a reason and sender.rejected; bad input fails before the network', async () => {
    const { gateway, client, hooks, subscribe } = await setup();
    await subscribe(['sender.rejected']);
    const sender = await client.senders.create({
      sender_id: 'PayPal',
      type: 'alphanumeric',
      use_case: 'x',
    });
    expect(sender).toMatchObject({
      status: 'rejected',
      rejection_reason: expect.stringContaining('PAYPAL'),
    });
    await gateway.idle();
    expect(hooks.events.map((event) => event.type)).toEqual(['sender.rejected']);
    const bad = await client.senders
      .create({ sender_id: '12345', type: 'alphanumeric', use_case: 'x' })
      .catch((e: unknown) => e as any);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad).toMatchObject({ param: 'sender_id', code: 'invalid_sender' });
  });

  it('reports the balance, fires balance.low once, and tops up', async () => {
    const { gateway, client, hooks, subscribe } = await setup({
      balance: '0.05',
    });
    await subscribe(['balance.low']);
    // 0.0500 → threshold 0.0050; seven US segments of 0.0079 cross it once, at the 6th (0.0026).
    for (let i = 0; i < 6; i++) await client.messages.create({ to: '+15005550000', body: `n${i}` });
    const last = await client.messages
      .create({ to: '+15005550000', body: 'last' })
      .withResponse()
      .catch((e: unknown) => e as any);
    expect(last).toMatchObject({ status: 402, code: 'insufficient_credits' });
    await gateway.idle();
    expect(hooks.events.map((event) => event.type)).toEqual(['balance.low']);
    expect((await client.balance.retrieve()).available).toEqual({
      amount: '0.0026',
      currency: 'EUR',
    });
    const topped = await client.test.topUp('25.00');
    expect(topped.available.amount).toBe('25.0026');
    expect(topped.recent_top_ups[0]).toMatchObject({ amount: '25.0000' });
  });

  it('round-trips an inbound SMS: simulate → message.received verified → listed as inbound', async () => {
    const { gateway, client, hooks, subscribe } = await setup();
    await subscribe(['message.received']);
    const reply = await client.test.inbound({
      from: '+447911123456',
      body: 'STOP',
    });
    expect(reply).toMatchObject({
      direction: 'inbound',
      to: gateway.virtualNumber(),
      sender: '+447911123456',
    });
    await gateway.idle();
    expect(hooks.events).toEqual([expect.objectContaining({ type: 'message.received', data: reply })]);
    const listed = [];
    for await (const message of client.messages.list({ direction: 'inbound' })) listed.push(message.id);
    expect(listed).toEqual([reply.id]);
  });

  it('refuses client.test.* with a live key before any request', async () => {
    let requests = 0;
    const client = new OneMessage({
      apiKey: 'ark_live_abc',
      fetch: async () => (requests++, new Response('{}')),
    });
    const topUp = await client.test.topUp('25.00').catch((e: unknown) => e as any);
    const inbound = await client.test.inbound({ from: '+447911123456', body: 'x' }).catch((e: unknown) => e as any);
    for (const [error, method] of [
      [topUp, 'test.topUp'],
      [inbound, 'test.inbound'],
    ] as const) {
      expect(error).toBeInstanceOf(TestModeError);
      expect(error).toMatchObject({ name: 'TestModeError', method });
      expect(error.message).toMatch(/needs a test key \(ark_test_…\)/);
    }
    expect(requests).toBe(0);
  });
});
