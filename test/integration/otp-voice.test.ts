// OTP and voice end to end: the SDK against the reference gateway over real HTTP on 127.0.0.1.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import OneMessage, { ValidationError, type Message } from '../../src/index.node.js';
import { createGateway, ManualClock, type GatewayOptions } from '../../src/gateway/index.js';
import { verifyWebhook, type WebhookEvent } from '../../src/webhooks/index.node.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function start(options: GatewayOptions = {}) {
  // Starts at the real time: the webhook receiver checks signature timestamps against it.
  const clock = new ManualClock(Date.now());
  const logged: string[] = [];
  const log = (message: string, fields?: Record<string, unknown>) =>
    logged.push(`${message} ${JSON.stringify(fields)}`);
  const gateway = createGateway({
    clock,
    logger: { debug: log, info: log, warn: log, error: log },
    ...options,
  });
  const server = await gateway.listen({ port: 0 });
  cleanups.push(() => gateway.close());
  const client = new OneMessage({
    apiKey: gateway.apiKey,
    baseURL: server.url,
    maxRetries: 0,
  });
  return { gateway, clock, client, logged, server };
}

/** A webhook receiver on 127.0.0.1 that verifies every delivery; returns the raw bodies too. */
async function receiver(client: OneMessage, events: WebhookEvent['type'][]) {
  const received: WebhookEvent[] = [];
  const raw: string[] = [];
  let secret = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const payload = Buffer.concat(chunks).toString('utf8');
      raw.push(payload);
      received.push(
        await verifyWebhook({
          payload,
          signature: req.headers['x-onemessage-signature'] as string,
          secret,
        }),
      );
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const { port } = server.address() as AddressInfo;
  const endpoint = await client.webhooks.create({
    url: `http://127.0.0.1:${port}/hooks`,
    events,
  });
  secret = endpoint.secret!;
  return { received, raw };
}

describe('OTP over HTTP', () => {
  it('sends, locks out after max_attempts wrong codes, and never lets the right code in afterwards', async () => {
    const { client } = await start();
    const otp = await client.otp.send({ to: '+447911123456', max_attempts: 2 });
    const wrong = otp.code === '0000' ? '1111' : '0000';
    expect(await client.otp.verify({ id: otp.id, code: wrong })).toMatchObject({
      valid: false,
      attempts_remaining: 1,
    });
    expect(await client.otp.verify({ id: otp.id, code: wrong })).toMatchObject({
      valid: false,
      status: 'max_attempts_reached',
      attempts_remaining: 0,
    });
    expect(await client.otp.verify({ id: otp.id, code: otp.code! })).toMatchObject({
      valid: false,
      status: 'max_attempts_reached',
    });
  });

  it('expires on the manual clock', async () => {
    const { client, clock } = await start();
    const otp = await client.otp.send({ to: '+447911123456', expires_in: 60 });
    await clock.advance(59_999);
    await clock.advance(1);
    expect(await client.otp.verify({ id: otp.id, code: otp.code! })).toMatchObject({ valid: false, status: 'expired' });
  });

  it('resends the same code under the same id inside cache_seconds', async () => {
    const { client, clock } = await start();
    const first = await client.otp.send({
      to: '+447911123456',
      cache_seconds: 120,
    });
    await clock.advance(60_000);
    const second = await client.otp.send({
      to: '+447911123456',
      cache_seconds: 120,
    });
    expect(second).toMatchObject({ id: first.id, code: first.code });
    expect(second.message_id).not.toBe(first.message_id);
    expect(await client.otp.verify({ id: first.id, code: first.code! })).toMatchObject({ valid: true });
  });

  it('writes the default text in the language of an Italian number, English for a Japanese one', async () => {
    const { client } = await start();
    const italian = await client.otp.send({ to: '+39 347 123 4567' });
    const japanese = await client.otp.send({ to: '+81 90 1234 5678' });
    expect((await client.messages.retrieve(italian.message_id)).body).toBe('Il tuo codice è ••••••');
    expect((await client.messages.retrieve(japanese.message_id)).body).toBe('Your code is ••••••');
  });

  it('never stores, lists, logs or publishes the plain code; otp.verified arrives signed', async () => {
    const { client, clock, gateway, logged } = await start();
    const hooks = await receiver(client, ['otp.verified', 'message.sent', 'message.delivered']);
    const otp = await client.otp.send({
      to: '+447911123456',
      template: 'Acme code {{code}}',
      cache_seconds: 60,
    });
    const code = otp.code!;
    await client.otp.verify({
      id: otp.id,
      code: code === '999999' ? '000000' : '999999',
    });
    expect((await client.otp.verify({ id: otp.id, code })).valid).toBe(true);
    await clock.advance(5_000);
    await gateway.idle();

    const stored = await client.messages.retrieve(otp.message_id);
    expect(stored).toMatchObject({
      body: 'Acme code ••••••',
      status: 'delivered',
      segments: 1,
    });
    expect(Number(stored.price.amount)).toBeGreaterThan(0);
    const listed: Message[] = [];
    for await (const message of client.messages.list()) listed.push(message);
    expect(listed.map((m) => m.id)).toContain(otp.message_id);
    expect(hooks.received.map((event) => event.type).sort()).toEqual([
      'message.delivered',
      'message.sent',
      'otp.verified',
    ]);
    const verified = hooks.received.find((event) => event.type === 'otp.verified')!;
    expect(verified.data).toMatchObject({ id: otp.id, status: 'approved' });
    expect(verified.data).not.toHaveProperty('code');

    const everything = [JSON.stringify(stored), JSON.stringify(listed), ...hooks.raw, ...logged].join('\n');
    expect(everything).not.toContain(code);
  });
});

describe('voice over HTTP', () => {
  it('walks every state of a broadcast, prices answered minutes and announces voice.completed', async () => {
    const { client, clock, gateway } = await start();
    const hooks = await receiver(client, ['voice.completed']);
    const call = await client.voice.calls.create({
      to: ['+447911123456', '+15005550010', '+15005550011'],
      text: 'Your parcel arrives today between 10 and 12.',
    });
    expect(call).toMatchObject({
      status: 'queued',
      language: 'en',
      price: null,
    });
    await clock.advance(1_000);
    expect((await client.voice.calls.retrieve(call.id)).status).toBe('ringing');
    await clock.advance(4_000);
    expect((await client.voice.calls.retrieve(call.id)).status).toBe('answered');
    // To the last hang-up (no_answer: 1 s + 30 s ring timeout + 1 s), then let the delivery land
    // before the clock moves on (its 10 s attempt timeout runs on the same clock).
    await clock.advance(27_000);
    await gateway.idle();
    const done = await client.voice.calls.retrieve(call.id);
    expect(done).toMatchObject({
      status: 'completed',
      duration: 3,
      price: { amount: '0.0500', currency: 'EUR' },
    });
    expect(done.legs.map((leg) => leg.outcome)).toEqual(['answered', 'no_answer', 'busy']);
    expect(hooks.received).toHaveLength(1);
    expect(hooks.received[0]).toMatchObject({
      type: 'voice.completed',
      data: { id: call.id, status: 'completed' },
    });
  });
});

describe('validation on both sides', () => {
  it('the SDK refuses bad input before any request', async () => {
    let requests = 0;
    const client = new OneMessage({
      apiKey: 'ark_test_x',
      fetch: async () => {
        requests++;
        return new Response('{}');
      },
    });
    const cases: [Promise<unknown>, string][] = [
      [client.otp.send({ to: '+447911123456', template: 'no code here' }), 'template'],
      [client.otp.send({ to: '+447911123456', length: 3 }), 'length'],
      [client.otp.verify({ id: 'otp_1', code: '12' }), 'code'],
      [client.voice.calls.create({ to: '+447911123456' }), 'text'],
      [
        client.voice.calls.create({
          to: '+447911123456',
          text: 'x',
          repeat: 9,
        }),
        'repeat',
      ],
      [client.voice.calls.retrieve(''), 'id'],
    ];
    for (const [promise, param] of cases) {
      const error = await promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]!.param).toBe(param);
    }
    expect(requests).toBe(0);
  });

  it('the gateway refuses the same input called raw, with the same code and param', async () => {
    const { gateway, server } = await start();
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${gateway.apiKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      return {
        status: response.status,
        ...((await response.json()) as { error: { code: string; param: string } }).error,
      };
    };
    expect(await post('/otp/send', { to: '+447911123456', cache_seconds: 601 })).toMatchObject({
      status: 400,
      code: 'invalid_parameter',
      param: 'cache_seconds',
    });
    expect(
      await post('/voice/calls', {
        to: '+447911123456',
        text: 'x',
        audio_url: 'https://e.com/a.mp3',
      }),
    ).toMatchObject({
      status: 400,
      param: 'audio_url',
    });
  });
});
