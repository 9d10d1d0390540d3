import { describe, expect, it } from 'vitest';
import { errorOf, makeGateway } from '../helpers.js';

type Json = Record<string, any>;

describe('POST /v1/voice/calls', () => {
  it('walks queued → ringing → answered → completed on the clock and bills each started minute', async () => {
    const { post, get, clock } = makeGateway();
    const created = await post('/v1/voice/calls', {
      to: '+447911123456',
      text: 'a'.repeat(910),
      repeat: 2,
    });
    expect(created.status).toBe(201);
    const call = (await created.json()) as Json;
    expect(call).toMatchObject({
      id: 'call_000001',
      object: 'call',
      status: 'queued',
      to: ['+447911123456'],
    });
    expect(call).toMatchObject({
      language: 'en',
      repeat: 2,
      price: null,
      duration: null,
    });
    const balance = async () => ((await (await get('/v1/balance')).json()) as Json).available.amount;
    expect(await balance()).toBe('99.8500'); // held: 122 s = 3 started minutes at 0.0500
    const status = async () => (await (await get(`/v1/voice/calls/${call.id}`)).json()) as Json;
    await clock.advance(1_000);
    expect((await status()).status).toBe('ringing');
    await clock.advance(4_000);
    expect((await status()).status).toBe('answered');
    await clock.advance(122_000);
    const done = await status();
    expect(done).toMatchObject({
      status: 'completed',
      duration: 122,
      price: { amount: '0.1500', currency: 'EUR' },
    });
    expect(done.legs[0]).toMatchObject({
      outcome: 'answered',
      duration: 122,
      price: { amount: '0.1500' },
    });
    expect(done.legs[0].events.map((e: Json) => e.status)).toEqual(['queued', 'ringing', 'answered', 'completed']);
    expect(await balance()).toBe('99.8500');
  });

  it('magic numbers give no_answer, busy and failed, free of charge, and voice.completed fires once', async () => {
    const received: Json[] = [];
    const { post, get, clock, gateway } = makeGateway({
      fetch: async (_input, init) => {
        received.push(JSON.parse(String(init?.body)));
        return new Response(null, { status: 204 });
      },
    });
    await post('/v1/webhooks', {
      url: 'https://example.com/hooks',
      events: ['voice.completed'],
    });
    const to = ['+15005550010', '+15005550011', '+15005550012', '+15005550000'];
    const call = (await (await post('/v1/voice/calls', { to, text: 'Hello' })).json()) as Json;
    await clock.advance(3_000);
    const mid = (await (await get(`/v1/voice/calls/${call.id}`)).json()) as Json;
    expect(mid.legs.map((leg: Json) => leg.status)).toEqual(['ringing', 'busy', 'completed', 'ringing']);
    const balance = async () => ((await (await get('/v1/balance')).json()) as Json).available.amount;
    expect(await balance()).toBe('99.9480'); // held: one US minute on each number
    await clock.advance(60_000);
    await gateway.idle();
    expect(await balance()).toBe('99.9870'); // refunded all but the answered US minute
    const done = (await (await get(`/v1/voice/calls/${call.id}`)).json()) as Json;
    expect(done.status).toBe('completed');
    expect(done.legs.map((leg: Json) => leg.outcome)).toEqual(['no_answer', 'busy', 'failed', 'answered']);
    expect(done.legs.map((leg: Json) => leg.price.amount)).toEqual(['0.0000', '0.0000', '0.0000', '0.0130']);
    expect(done.legs[2].error).toEqual({
      code: 'unreachable',
      message: 'The number could not be reached.',
    });
    expect(done.legs[0].events.map((e: Json) => e.status)).toEqual(['queued', 'ringing', 'no_answer', 'completed']);
    expect(received.map((event) => event.type)).toEqual(['voice.completed']);
    expect(received[0]!.data).toEqual(done);
  });

  it('answers 402 when the balance cannot hold the call, and creates nothing', async () => {
    const { post, get } = makeGateway({ balance: '0.05' });
    const error = await errorOf(
      await post('/v1/voice/calls', {
        to: ['+447911123456', '+447911123457'],
        text: 'Hi',
      }),
    );
    expect(error).toMatchObject({ status: 402, code: 'insufficient_credits' });
    expect(((await (await get('/v1/balance')).json()) as Json).available.amount).toBe('0.0500');
    expect((await errorOf(await get('/v1/voice/calls/call_000001'))).code).toBe('not_found');
  });

  it('refuses bad input with the field and rule', async () => {
    const { post } = makeGateway();
    const cases: [Json, string, string][] = [
      [{ to: '+447911123456' }, 'text', 'missing_parameter'],
      [
        {
          to: '+447911123456',
          text: 'a',
          audio_url: 'https://example.com/a.mp3',
        },
        'audio_url',
        'invalid_parameter',
      ],
      [{ to: 'nope', text: 'a' }, 'to', 'invalid_phone_number'],
      [{ to: ['+447911123456', 'x'], text: 'a' }, 'to[1]', 'invalid_phone_number'],
      [{ to: Array.from({ length: 1001 }, () => '+447911123456'), text: 'a' }, 'to', 'invalid_parameter'],
      [{ to: '+447911123456', text: 'a', repeat: 4 }, 'repeat', 'invalid_parameter'],
      [{ to: '+447911123456', audio_url: 'ftp://x/a.mp3' }, 'audio_url', 'invalid_parameter'],
      [{ to: '+447911123456', audio_url: 'https://x/a.mp3', voice: 'f' }, 'voice', 'invalid_parameter'],
    ];
    for (const [params, param, code] of cases) {
      const error = await errorOf(await post('/v1/voice/calls', params));
      expect({
        status: error.status,
        param: error.param,
        code: error.code,
      }).toEqual({ status: 400, param, code });
    }
  });
});
