import { describe, expect, it, vi } from 'vitest';
import { TEST_NUMBERS } from '../../../src/gateway/index.js';
import { makeGateway } from '../helpers.js';

type Message = {
  id: string;
  status: string;
  events: { status: string; at: string; operator_code?: string }[];
  [k: string]: any;
};

async function fetchMessage(get: (path: string) => Promise<Response>, id: string): Promise<Message> {
  return (await (await get(`/v1/messages/${id}`)).json()) as Message;
}

const statuses = (message: Message) => message.events.map((event) => event.status);

describe('simulated delivery', () => {
  it('copies a message once per event it publishes (the event bus takes the snapshot)', async () => {
    const { send, clock } = makeGateway();
    await send({ to: '+447911123456', body: 'hi' });
    const clone = vi.spyOn(globalThis, 'structuredClone');
    try {
      await clock.advance(1_000); // message.sent, then message.delivered
      expect(clone).toHaveBeenCalledTimes(2);
    } finally {
      clone.mockRestore();
    }
  });

  it('takes an ordinary number queued → sent → delivered on the clock, about a second after sending', async () => {
    const { send, get, clock } = makeGateway();
    const start = clock.now();
    const { id } = await send({ to: '+447911123456', body: 'hi' });
    await clock.advance(199);
    expect((await fetchMessage(get, id)).status).toBe('queued');
    await clock.advance(1);
    expect((await fetchMessage(get, id)).status).toBe('sent');
    await clock.advance(800);
    const delivered = await fetchMessage(get, id);
    expect(delivered).toMatchObject({
      status: 'delivered',
      sent_at: new Date(start + 200).toISOString(),
      delivered_at: new Date(start + 1_000).toISOString(),
      error: null,
    });
    expect(delivered.events).toEqual([
      { status: 'queued', at: new Date(start).toISOString() },
      { status: 'sent', at: new Date(start + 200).toISOString() },
      { status: 'delivered', at: new Date(start + 1_000).toISOString() },
    ]);
  });

  it('honours configured delivery timings', async () => {
    const { send, get, clock } = makeGateway({ delivery: { sentAfterMs: 0, deliveredAfterMs: 50 } });
    const { id } = await send({});
    await clock.advance(50);
    expect((await fetchMessage(get, id)).status).toBe('delivered');
  });

  it('+15005550000 always delivers', async () => {
    const { send, get, clock } = makeGateway();
    const { id } = await send({ to: '+15005550000' });
    await clock.advance(1_000);
    const message = await fetchMessage(get, id);
    expect(statuses(message)).toEqual(['queued', 'sent', 'delivered']);
    expect(message.operator).toBe('OneMessage Test Network');
  });

  it('+15005550001 is sent, then fails with an operator error', async () => {
    const { send, get, clock } = makeGateway();
    const { id } = await send({ to: '+15005550001' });
    await clock.advance(5_000);
    const message = await fetchMessage(get, id);
    expect(message).toMatchObject({ status: 'failed', delivered_at: null, error: { code: 'operator_error' } });
    expect(message.sent_at).not.toBeNull();
    expect(message.events.at(-1)).toMatchObject({ status: 'failed', operator_code: 'EC_SYSTEM_FAILURE' });
    expect(statuses(message)).toEqual(['queued', 'sent', 'failed']);
  });

  it('+15005550002 never gets a delivery report and expires when validity_seconds runs out', async () => {
    const { send, get, clock } = makeGateway();
    const { id } = await send({ to: '+15005550002', validity_seconds: 600 });
    await clock.advance(599_999);
    expect((await fetchMessage(get, id)).status).toBe('sent');
    await clock.advance(1);
    const message = await fetchMessage(get, id);
    expect(message).toMatchObject({ status: 'expired', error: { code: 'validity_expired' } });
    expect(statuses(message)).toEqual(['queued', 'sent', 'expired']);
    expect(message.events.at(-1)!.at).toBe(new Date(Date.parse(message.created_at) + 600_000).toISOString());
  });

  it('+15005550002 without validity_seconds expires after the default 48 h', async () => {
    const { send, get, clock } = makeGateway();
    const { id } = await send({ to: '+15005550002' });
    await clock.advance(48 * 3_600_000 - 1);
    expect((await fetchMessage(get, id)).status).toBe('sent');
    await clock.advance(1);
    expect((await fetchMessage(get, id)).status).toBe('expired');
  });

  it('+15005550003 is unreachable: fails without ever being sent', async () => {
    const { send, get, clock } = makeGateway();
    const { id } = await send({ to: '+15005550003' });
    await clock.advance(5_000);
    const message = await fetchMessage(get, id);
    expect(message).toMatchObject({ status: 'failed', sent_at: null, error: { code: 'unreachable' } });
    expect(message.events).toEqual([
      expect.objectContaining({ status: 'queued' }),
      expect.objectContaining({ status: 'failed', operator_code: 'EC_ABSENT_SUBSCRIBER' }),
    ]);
  });

  it('+15005550004 is delivered slowly', async () => {
    const { send, get, clock } = makeGateway();
    const { id } = await send({ to: '+15005550004' });
    await clock.advance(5_000);
    expect((await fetchMessage(get, id)).status).toBe('sent');
    await clock.advance(5_200);
    expect((await fetchMessage(get, id)).status).toBe('delivered');
  });

  it.each([
    ['+15005550005', 'unknown_subscriber', 'EC_UNKNOWN_SUBSCRIBER'],
    ['+15005550006', 'carrier_blocked', 'EC_CALL_BARRED'],
  ])('%s fails after sending with %s', async (to, code, operatorCode) => {
    const { send, get, clock } = makeGateway();
    const { id } = await send({ to });
    await clock.advance(5_000);
    const message = await fetchMessage(get, id);
    expect(message).toMatchObject({ status: 'failed', error: { code } });
    expect(message.events.at(-1)!.operator_code).toBe(operatorCode);
  });

  it('documents every magic number it simulates, and other numbers of the range deliver', async () => {
    expect(Object.keys(TEST_NUMBERS)).toHaveLength(7);
    const { send, get, clock } = makeGateway();
    const { id } = await send({ to: '+15005550042' });
    await clock.advance(1_000);
    expect((await fetchMessage(get, id)).status).toBe('delivered');
  });

  it('expires a message whose validity ends before it is sent', async () => {
    const { send, get, clock } = makeGateway({ delivery: { sentAfterMs: 5_000 } });
    const { id } = await send({ validity_seconds: 1 });
    await clock.advance(10_000);
    const message = await fetchMessage(get, id);
    expect(statuses(message)).toEqual(['queued', 'expired']);
  });
});

describe('scheduled messages', () => {
  it('stay scheduled until scheduled_at, then run the usual delivery from that time', async () => {
    const { send, get, clock } = makeGateway();
    const at = clock.now() + 3_600_000;
    const { id } = await send({ scheduled_at: new Date(at).toISOString() });
    await clock.advance(3_600_000 - 1);
    expect((await fetchMessage(get, id)).status).toBe('scheduled');
    await clock.advance(1_001);
    const message = await fetchMessage(get, id);
    expect(message.events).toEqual([
      { status: 'scheduled', at: new Date(at - 3_600_000).toISOString() },
      { status: 'queued', at: new Date(at).toISOString() },
      { status: 'sent', at: new Date(at + 200).toISOString() },
      { status: 'delivered', at: new Date(at + 1_000).toISOString() },
    ]);
  });

  it('count validity from scheduled_at', async () => {
    const { send, get, clock } = makeGateway();
    const at = clock.now() + 60_000;
    const { id } = await send({ to: '+15005550002', scheduled_at: new Date(at).toISOString(), validity_seconds: 30 });
    await clock.advance(60_000 + 29_999);
    expect((await fetchMessage(get, id)).status).toBe('sent');
    await clock.advance(1);
    expect((await fetchMessage(get, id)).status).toBe('expired');
  });
});

describe('events', () => {
  it('announces message.sent and message.delivered to the callback_url, with the message as data', async () => {
    const received: { type: string; data: { id: string; status: string } }[] = [];
    const { send, clock, gateway } = makeGateway({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        received.push((await request.json()) as (typeof received)[number]);
        return new Response(null, { status: 204 });
      },
    });
    const { id } = await send({ to: '+15005550001', callback_url: 'https://example.test/hook' });
    await clock.advance(2_000);
    await gateway.idle();
    expect(received.map((event) => [event.type, event.data.id, event.data.status])).toEqual([
      ['message.sent', id, 'sent'],
      ['message.failed', id, 'failed'],
    ]);
    await gateway.close();
  });

  it('stops every pending timer on close', async () => {
    const { send, clock, gateway } = makeGateway();
    await send({ to: '+15005550002' });
    expect(clock.pending).toBeGreaterThan(0);
    await gateway.close();
    expect(clock.pending).toBe(0);
  });
});
