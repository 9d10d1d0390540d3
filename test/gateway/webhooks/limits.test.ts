// Finding 1 of #12: a hanging receiver costs a few sockets, not one per event; and the manual
// clock runs a whole retry chain in one advance (the gateway settles on webhooks.parked()).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/gateway/clock.js';
import { WebhookDispatcher } from '../../../src/gateway/webhooks/dispatcher.js';
import type { WebhookEnvelope } from '../../../src/gateway/webhooks/webhooks.js';
import { makeGateway } from '../helpers.js';

const HOUR = 3_600_000;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A receiver on 127.0.0.1 that holds every request while `hanging`, counting open sockets. */
async function receiver() {
  const state = { hanging: true, open: 0, maxOpen: 0, received: new Set<string>(), held: [] as ServerResponse[] };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (state.hanging) {
        state.held.push(res);
        return;
      }
      state.received.add((JSON.parse(body) as { event_id: string }).event_id);
      res.end('ok');
    });
  });
  server.on('connection', (socket: Socket) => {
    state.open++;
    state.maxOpen = Math.max(state.maxOpen, state.open);
    socket.once('close', () => state.open--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return {
    state,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    recover() {
      state.hanging = false;
      for (const res of state.held.splice(0)) res.end('late');
    },
  };
}

function event(id: string): WebhookEnvelope {
  return { event_id: id, type: 'message.delivered', created: 1_767_225_600, data: { id } };
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('webhook delivery limits', () => {
  it('holds at most maxInFlightPerEndpoint sockets to a hanging receiver, then delivers all 500 events', async () => {
    const hook = await receiver();
    const dispatcher = new WebhookDispatcher({
      clock: systemClock,
      orderingWaitMs: 5,
      attemptTimeoutMs: 5_000,
      retryDelay: () => 20,
      maxRetries: 20,
    });
    closers.push(async () => dispatcher.close());
    const ids = Array.from({ length: 500 }, (_, i) => `evt_${i}`);
    for (const id of ids)
      dispatcher.deliver({ webhookId: 'wh_1', logKey: 'wh_1', url: hook.url(), secrets: () => ['whsec_x'] }, event(id));

    await until(() => hook.state.held.length === 4);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hook.state.held).toHaveLength(4);
    expect(hook.state.open).toBe(4);
    expect(dispatcher.inFlight(hook.url())).toBe(4);
    expect(dispatcher.queued(hook.url())).toBeGreaterThan(0);
    // While it hangs, 496 events wait and the receiver has never seen more than 4 connections.
    expect(hook.state.maxOpen).toBe(4);

    hook.recover();
    await until(() => hook.state.received.size === 496);
    await dispatcher.idle();
    const delivered = dispatcher.deliveries('wh_1').filter((delivery) => delivery.status === 'succeeded');
    expect(delivered).toHaveLength(500);
    // Attempts in flight never pass the cap; the fetch pool may open a socket a moment before
    // one that just finished is back in the pool, so sockets stay within twice the cap.
    expect(hook.state.maxOpen).toBeLessThanOrEqual(8);
  }, 30_000);

  it('caps sockets in total across receivers and serves waiting receivers in turn', async () => {
    const hook = await receiver();
    const dispatcher = new WebhookDispatcher({
      clock: systemClock,
      orderingWaitMs: 5,
      attemptTimeoutMs: 5_000,
      maxInFlightPerEndpoint: 2,
      maxInFlight: 5,
    });
    closers.push(async () => dispatcher.close());
    for (let endpoint = 0; endpoint < 10; endpoint++) {
      const url = hook.url(`/hook/${endpoint}`);
      for (let n = 0; n < 20; n++) {
        dispatcher.deliver(
          { webhookId: `wh_${endpoint}`, logKey: `wh_${endpoint}`, url, secrets: () => ['whsec_x'] },
          event(`evt_${endpoint}_${n}`),
        );
      }
    }
    await until(() => hook.state.held.length === 5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hook.state.held).toHaveLength(5);
    expect(hook.state.open).toBe(5);
    expect(dispatcher.inFlight()).toBe(5);
    hook.recover();
    await until(() => hook.state.received.size === 195);
    await dispatcher.idle();
    expect(hook.state.maxOpen).toBeLessThanOrEqual(10);
    for (let endpoint = 0; endpoint < 10; endpoint++) {
      expect(dispatcher.deliveries(`wh_${endpoint}`).every((delivery) => delivery.status === 'succeeded')).toBe(true);
    }
  }, 30_000);

  it('runs the whole retry schedule (8 attempts) inside one advance(24 h) on the ManualClock', async () => {
    const attempts: number[] = [];
    const { gateway, clock, post, send } = makeGateway({
      fetch: async () => {
        attempts.push(clock.now());
        return new Response('no', { status: 500 });
      },
    });
    const created = await post('/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['message.sent'] });
    expect(created.status).toBe(201);
    await send({ to: '+15005550000' });
    await clock.advance(24 * HOUR);
    expect(attempts).toHaveLength(8);
    // Each retry waits three times longer than the one before (1 min first).
    const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
    expect(gaps).toEqual([1, 3, 9, 27, 81, 243, 729].map((minutes) => minutes * 60_000));
    await gateway.close();
  });

  it('caps endpoints per account at 20 by default', async () => {
    const { gateway, post } = makeGateway();
    for (let i = 0; i < 20; i++) {
      expect((await post('/v1/webhooks', { url: `https://h${i}.test/`, events: ['message.sent'] })).status).toBe(201);
    }
    const refused = await post('/v1/webhooks', { url: 'https://one-more.test/', events: ['message.sent'] });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'invalid_parameter',
      message: expect.stringContaining('at most 20 webhook endpoints'),
    });
    await gateway.close();
  });
});
