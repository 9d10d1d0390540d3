import { describe, expect, it } from 'vitest';
import { errorOf, makeGateway } from '../helpers.js';

type Json = Record<string, any>;

async function sendOtp(post: ReturnType<typeof makeGateway>['post'], params: Json): Promise<Json> {
  const response = await post('/v1/otp/send', {
    to: '+447911123456',
    ...params,
  });
  const body = (await response.json()) as Json;
  if (response.status !== 201) throw new Error(`otp send failed: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

describe('POST /v1/otp/send', () => {
  it('sends a 6-digit code as a real, priced message whose stored body is masked', async () => {
    const { post, get, clock } = makeGateway();
    const otp = await sendOtp(post, {});
    expect(otp).toMatchObject({
      id: 'otp_000001',
      object: 'otp',
      to: '+447911123456',
      status: 'pending',
    });
    expect(otp.code).toMatch(/^\d{6}$/);
    expect(otp.expires_at).toBe('2026-03-01T12:05:00.000Z');
    const message = (await (await get(`/v1/messages/${otp.message_id}`)).json()) as Json;
    expect(message).toMatchObject({
      body: 'Your code is ••••••',
      encoding: 'GSM-7',
      segments: 1,
      sender: 'OneMSG',
    });
    expect(message.price.amount).toBe('0.0350');
    expect(otp.price).toEqual(message.price); // the send's answer says what it cost
    await clock.advance(2_000);
    expect(((await (await get(`/v1/messages/${otp.message_id}`)).json()) as Json).status).toBe('delivered');
  });

  it('draws alphanumeric codes of the asked length and uses the template', async () => {
    const { post, get } = makeGateway();
    const otp = await sendOtp(post, {
      length: 8,
      alphanumeric: true,
      template: 'Acme: {{code}} (5 min)',
    });
    expect(otp.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const message = (await (await get(`/v1/messages/${otp.message_id}`)).json()) as Json;
    expect(message.body).toBe('Acme: •••••••• (5 min)');
  });

  it('translates the default text by the number country, and locale overrides it', async () => {
    const { post, get } = makeGateway();
    const bodyOf = async (params: Json) => {
      const otp = await sendOtp(post, params);
      return ((await (await get(`/v1/messages/${otp.message_id}`)).json()) as Json).body as string;
    };
    expect(await bodyOf({ to: '+393471234567' })).toBe('Il tuo codice è ••••••');
    expect(await bodyOf({ to: '+819012345678' })).toBe('Your code is ••••••');
    expect(await bodyOf({ to: '+33612345678' })).toBe('Votre code est ••••••');
    expect(await bodyOf({ to: '+393471234567', locale: 'de-CH' })).toBe('Ihr Code lautet ••••••');
  });

  it('answers 400 naming the field and rule, as the SDK does', async () => {
    const { post } = makeGateway();
    const cases: [Json, string, string][] = [
      [{ to: 'nope' }, 'to', 'invalid_phone_number'],
      [{ template: 'no placeholder' }, 'template', 'invalid_parameter'],
      [{ length: 11 }, 'length', 'invalid_parameter'],
      [{ expires_in: 10 }, 'expires_in', 'invalid_parameter'],
      [{ max_attempts: 0 }, 'max_attempts', 'invalid_parameter'],
      [{ cache_seconds: 601 }, 'cache_seconds', 'invalid_parameter'],
      [{ locale: 'ja' }, 'locale', 'invalid_parameter'],
      [{ sender: 'x' }, 'sender', 'invalid_sender'],
    ];
    for (const [params, param, code] of cases) {
      const error = await errorOf(await post('/v1/otp/send', { to: '+447911123456', ...params }));
      expect({
        status: error.status,
        param: error.param,
        code: error.code,
      }).toEqual({ status: 400, param, code });
    }
    const missing = await errorOf(await post('/v1/otp/send', {}));
    expect(missing).toMatchObject({
      status: 400,
      code: 'missing_parameter',
      param: 'to',
    });
    const unapproved = await errorOf(await post('/v1/otp/send', { to: '+447911123456', sender: 'Unknown' }));
    expect(unapproved).toMatchObject({
      status: 403,
      code: 'sender_not_approved',
      param: 'sender',
    });
  });

  it('answers 402 when the balance cannot pay the SMS, and stores no OTP', async () => {
    const { post } = makeGateway({ balance: '0.01' });
    const error = await errorOf(await post('/v1/otp/send', { to: '+447911123456' }));
    expect(error).toMatchObject({ status: 402, code: 'insufficient_credits' });
    const verify = await errorOf(await post('/v1/otp/verify', { id: 'otp_000001', code: '123456' }));
    expect(verify).toMatchObject({
      status: 404,
      code: 'not_found',
      param: 'id',
    });
  });
});

describe('POST /v1/otp/verify', () => {
  it('approves the right code once and publishes otp.verified without the code', async () => {
    const received: Json[] = [];
    const { post, gateway } = makeGateway({
      fetch: async (input, init) => {
        received.push(JSON.parse(String(init?.body ?? (await (input as Request).text()))));
        return new Response(null, { status: 204 });
      },
    });
    await post('/v1/webhooks', {
      url: 'https://example.com/hooks',
      events: ['otp.verified'],
    });
    const otp = await sendOtp(post, {});
    const ok = (await (await post('/v1/otp/verify', { id: otp.id, code: otp.code })).json()) as Json;
    expect(ok).toEqual({
      id: otp.id,
      object: 'otp_verification',
      valid: true,
      status: 'approved',
      attempts_remaining: 5,
    });
    const again = (await (await post('/v1/otp/verify', { id: otp.id, code: otp.code })).json()) as Json;
    expect(again).toMatchObject({ valid: false, status: 'approved' });
    await gateway.idle();
    expect(received.map((event) => event.type)).toEqual(['otp.verified']);
    expect(received[0]!.data).toEqual({
      id: otp.id,
      object: 'otp',
      to: otp.to,
      status: 'approved',
      expires_at: otp.expires_at,
      message_id: otp.message_id,
      price: otp.price,
    });
  });

  it('locks the OTP after max_attempts wrong codes; then even the right code fails', async () => {
    const { post } = makeGateway();
    const otp = await sendOtp(post, { max_attempts: 3 });
    const wrong = otp.code === '000000' ? '111111' : '000000';
    const remaining: number[] = [];
    for (let i = 0; i < 3; i++) {
      const result = (await (await post('/v1/otp/verify', { id: otp.id, code: wrong })).json()) as Json;
      expect(result.valid).toBe(false);
      remaining.push(result.attempts_remaining);
    }
    expect(remaining).toEqual([2, 1, 0]);
    const right = (await (await post('/v1/otp/verify', { id: otp.id, code: otp.code })).json()) as Json;
    expect(right).toMatchObject({
      valid: false,
      status: 'max_attempts_reached',
      attempts_remaining: 0,
    });
  });

  it('expires on the gateway clock', async () => {
    const { post, clock } = makeGateway();
    const otp = await sendOtp(post, { expires_in: 30 });
    await clock.advance(30_000);
    const result = (await (await post('/v1/otp/verify', { id: otp.id, code: otp.code })).json()) as Json;
    expect(result).toMatchObject({ valid: false, status: 'expired' });
  });

  it('ignores letter case for alphanumeric codes', async () => {
    const { post } = makeGateway();
    const otp = await sendOtp(post, { alphanumeric: true });
    const result = (await (await post('/v1/otp/verify', { id: otp.id, code: otp.code.toLowerCase() })).json()) as Json;
    expect(result.valid).toBe(true);
  });

  it('answers 400 for a malformed code and 404 for an unknown id', async () => {
    const { post } = makeGateway();
    expect(await errorOf(await post('/v1/otp/verify', { id: 'otp_x', code: '1' }))).toMatchObject({
      status: 400,
      param: 'code',
      code: 'invalid_parameter',
    });
    expect(await errorOf(await post('/v1/otp/verify', { id: 'msg_1', code: '123456' }))).toMatchObject({
      status: 400,
      param: 'id',
    });
    expect(await errorOf(await post('/v1/otp/verify', { code: '123456' }))).toMatchObject({
      status: 400,
      param: 'id',
      code: 'missing_parameter',
    });
    expect(await errorOf(await post('/v1/otp/verify', { id: 'otp_nope', code: '123456' }))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });
});

describe('the resend window (cache_seconds)', () => {
  it('inside the window returns the same OTP and resends the same code in a new message', async () => {
    const { post, clock } = makeGateway();
    const first = await sendOtp(post, { cache_seconds: 60 });
    await clock.advance(59_000);
    const second = await sendOtp(post, { cache_seconds: 60 });
    expect(second.id).toBe(first.id);
    expect(second.code).toBe(first.code);
    expect(second.message_id).not.toBe(first.message_id);
    await clock.advance(1_000);
    const third = await sendOtp(post, { cache_seconds: 60 });
    expect(third.id).not.toBe(first.id);
  });

  it('two sends to one number at the same moment share one OTP and one code', async () => {
    const { post } = makeGateway();
    const [a, b] = await Promise.all([sendOtp(post, { cache_seconds: 60 }), sendOtp(post, { cache_seconds: 60 })]);
    expect(b.id).toBe(a.id);
    expect(b.code).toBe(a.code);
  });

  it('without a window every send is a new OTP, and the window closes once the OTP is used', async () => {
    const { post } = makeGateway();
    const a = await sendOtp(post, {});
    const b = await sendOtp(post, {});
    expect(b.id).not.toBe(a.id);
    const c = await sendOtp(post, { cache_seconds: 600 });
    await post('/v1/otp/verify', { id: c.id, code: c.code });
    const d = await sendOtp(post, { cache_seconds: 600 });
    expect(d.id).not.toBe(c.id);
  });
});
