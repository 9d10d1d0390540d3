// Gateway → real HTTP on 127.0.0.1 → local receiver → verifyWebhook → typed event.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGateway, ManualClock, type Gateway, type GatewayServer } from '../../src/gateway/index.js';
import { verifyWebhook, WebhookVerificationError, type WebhookEvent } from '../../src/webhooks/index.node.js';

interface Delivery {
  path: string;
  rawBody: string;
  signature: string;
  t: number;
  event?: WebhookEvent;
  rejected?: string;
}

/** A webhook receiver over node:http that verifies every request and answers 200 or 400. */
class Receiver {
  readonly deliveries: Delivery[] = [];
  secrets: string[] = [];
  #server: Server | undefined;

  constructor(private readonly clock: ManualClock) {}

  async start(port = 0): Promise<string> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const signature = String(request.headers['x-onemessage-signature'] ?? '');
        const delivery: Delivery = {
          path: request.url ?? '',
          rawBody,
          signature,
          t: Number(/t=(\d+)/.exec(signature)?.[1]),
        };
        verifyWebhook({ payload: rawBody, signature, secret: this.secrets, now: Math.floor(this.clock.now() / 1000) })
          .then(
            (event) => {
              delivery.event = event;
            },
            (error: unknown) => {
              delivery.rejected = error instanceof WebhookVerificationError ? error.reason : String(error);
            },
          )
          .then(() => {
            // Recorded before answering, so the test sees it as soon as the sender has the answer.
            this.deliveries.push(delivery);
            response.writeHead(delivery.event ? 200 : 400).end(delivery.event ? 'ok' : 'rejected');
          });
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.#server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  accepted(): WebhookEvent[] {
    return this.deliveries.flatMap((delivery) => (delivery.event ? [delivery.event] : []));
  }
}

const opened: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((thing) => thing.stop()));
});

async function setup() {
  const clock = new ManualClock();
  const gateway: Gateway = createGateway({ clock });
  const server: GatewayServer = await gateway.listen({ port: 0 });
  opened.push({ stop: () => gateway.close() });
  const receiver = new Receiver(clock);
  opened.push(receiver);
  // server.url is the SDK's base URL (it ends in /v1); these raw calls spell out the whole path.
  const origin = new URL(server.url).origin;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${gateway.apiKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  return { clock, gateway, receiver, api };
}

// Waits for real network I/O (the clock is already advanced); generous so a loaded CI box never flakes.
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const MESSAGE = { to: '+447911123456', body: 'Your code is 4821', sender: 'OneMSG' };

describe('webhooks round trip over 127.0.0.1', () => {
  it('delivers message.sent then message.delivered, signed, verified and typed', async () => {
    const { clock, receiver, api } = await setup();
    const url = await receiver.start();
    const endpoint = await api('POST', '/v1/webhooks', {
      url: `${url}/hooks`,
      events: ['message.sent', 'message.delivered'],
    });
    receiver.secrets = [endpoint.body.secret];

    const message = await api('POST', '/v1/messages', MESSAGE);
    expect(message.status).toBe(201);
    await clock.advance(200);
    await until(() => receiver.deliveries.length === 1, 'message.sent');
    await clock.advance(800);
    await until(() => receiver.deliveries.length === 2, 'message.delivered');

    expect(receiver.deliveries.map((d) => d.rejected)).toEqual([undefined, undefined]);
    const [sent, delivered] = receiver.accepted();
    expect(sent!.type).toBe('message.sent');
    expect(delivered!.type).toBe('message.delivered');
    if (delivered!.type !== 'message.delivered') throw new Error('unreachable: narrowed above');
    // The union narrows: data is a Message.
    expect(delivered!.data.id).toBe(message.body.id);
    expect(delivered!.data.status).toBe('delivered');
    expect(sent!.event_id).not.toBe(delivered!.event_id);
    expect(sent!.event_id).toMatch(/^evt_/);
    expect(delivered!.created).toBe(Math.floor(clock.now() / 1000));
    expect(receiver.deliveries.every((d) => d.path === '/hooks')).toBe(true);

    const log = await api('GET', `/v1/webhooks/${endpoint.body.id}/deliveries`);
    expect(log.body.data.map((d: { type: string; status: string }) => [d.type, d.status])).toEqual([
      ['message.delivered', 'succeeded'],
      ['message.sent', 'succeeded'],
    ]);
  });

  it('retries while the receiver is down, then delivers with the same event_id and a fresh t', async () => {
    const { clock, receiver, api } = await setup();
    const url = await receiver.start();
    const port = Number(new URL(url).port);
    await receiver.stop(); // down: connections are refused
    const endpoint = await api('POST', '/v1/webhooks', { url: `${url}/hooks`, events: ['message.sent'] });
    receiver.secrets = [endpoint.body.secret];

    await api('POST', '/v1/messages', MESSAGE);
    await clock.advance(200);
    const firstAttempt = async () => {
      const log = await api('GET', `/v1/webhooks/${endpoint.body.id}/deliveries`);
      return log.body.data[0]?.attempts.length === 1 ? log.body.data[0] : undefined;
    };
    await until(async () => (await firstAttempt()) !== undefined, 'the failed first attempt');
    const failed = await firstAttempt();
    expect(failed).toMatchObject({ status: 'pending', attempts: [{ status_code: null }] });
    expect(failed.attempts[0].error).toMatch(/^connection_error/);
    expect(Date.parse(failed.next_retry_at) - clock.now()).toBe(60_000);

    await receiver.start(port); // up again
    await clock.advance(60_000);
    await until(() => receiver.deliveries.length === 1, 'the retry');

    const [retry] = receiver.deliveries;
    expect(retry!.rejected).toBeUndefined();
    expect(retry!.event!.event_id).toBe(failed.event_id);
    expect(retry!.t).toBe(Math.floor(Date.parse(failed.attempts[0].at) / 1000) + 60);
    await until(
      async () => (await api('GET', `/v1/webhooks/${endpoint.body.id}/deliveries`)).body.data[0].status === 'succeeded',
      'the log to show success',
    );
  });

  it('delivers a message’s events to its callback_url, signed with the account’s default secret', async () => {
    const { clock, receiver, api } = await setup();
    const url = await receiver.start();
    receiver.secrets = [(await api('GET', '/v1/webhooks/default_secret')).body.secret];

    const message = await api('POST', '/v1/messages', { ...MESSAGE, callback_url: `${url}/callback` });
    await clock.advance(200);
    await until(() => receiver.deliveries.length === 1, 'message.sent');
    await clock.advance(800);
    await until(() => receiver.deliveries.length === 2, 'message.delivered');

    expect(receiver.deliveries.map((d) => [d.path, d.rejected])).toEqual([
      ['/callback', undefined],
      ['/callback', undefined],
    ]);
    expect(receiver.accepted().map((e) => [e.type, (e.data as { id: string }).id])).toEqual([
      ['message.sent', message.body.id],
      ['message.delivered', message.body.id],
    ]);
  });

  it('has the receiver reject a tampered body that carries a genuine signature', async () => {
    const { clock, receiver, api } = await setup();
    const url = await receiver.start();
    const endpoint = await api('POST', '/v1/webhooks', { url: `${url}/hooks`, events: ['message.sent'] });
    receiver.secrets = [endpoint.body.secret];
    await api('POST', '/v1/messages', MESSAGE);
    await clock.advance(200);
    await until(() => receiver.deliveries.length === 1, 'message.sent');
    const genuine = receiver.deliveries[0]!;
    expect(genuine.event).toMatchObject({ type: 'message.sent', data: { status: 'sent' } });

    const tampered = genuine.rawBody.replace('"status":"sent"', '"status":"delivered"');
    expect(tampered).not.toBe(genuine.rawBody);
    const response = await fetch(`${url}/hooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-onemessage-signature': genuine.signature },
      body: tampered,
    });

    expect(response.status).toBe(400);
    expect(receiver.deliveries[1]!.rejected).toBe('no_matching_signature');
    expect(receiver.deliveries[1]!.event).toBeUndefined();
  });

  it('keeps the rotated-out secret valid for receivers during the grace period', async () => {
    const { clock, receiver, api } = await setup();
    const url = await receiver.start();
    const endpoint = await api('POST', '/v1/webhooks', { url: `${url}/hooks`, events: ['message.sent'] });
    const rotated = await api('POST', `/v1/webhooks/${endpoint.body.id}/rotate_secret`);

    receiver.secrets = [endpoint.body.secret]; // a receiver not yet updated still verifies
    await api('POST', '/v1/messages', MESSAGE);
    await clock.advance(200);
    await until(() => receiver.deliveries.length === 1, 'delivery under the old secret');
    expect(receiver.deliveries[0]!.signature.match(/v1=/g)).toHaveLength(2);
    expect(receiver.deliveries[0]!.rejected).toBeUndefined();

    // Let the gateway see the 200 first: a jump past 10 s with the attempt in flight would time it out.
    await until(
      async () =>
        (await api('GET', `/v1/webhooks/${endpoint.body.id}/deliveries`)).body.data[0]?.status === 'succeeded',
      'the gateway to record the first delivery',
    );
    await clock.advance(24 * 3_600_000); // grace over: only the new secret signs
    receiver.secrets = [rotated.body.secret];
    await api('POST', '/v1/messages', MESSAGE);
    await clock.advance(200);
    await until(() => receiver.deliveries.length === 2, 'delivery under the new secret');
    const late = receiver.deliveries[1]!;
    expect(late.t).toBe(Math.floor(clock.now() / 1000));
    expect(late.signature.match(/v1=/g)).toHaveLength(1);
    expect(late.rejected).toBeUndefined();
  });
});
