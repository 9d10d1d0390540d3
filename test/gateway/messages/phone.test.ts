import { describe, expect, it } from 'vitest';
import { errorOf, makeGateway } from '../helpers.js';

// The gateway is the authority on numbers: it checks them with libphonenumber's full metadata,
// which knows which national ranges exist, not just how long a number may be.
describe('phone numbers at the gateway (full metadata)', () => {
  it.each(['+910123456789', '+33712345678'])('refuses %s, which only has a plausible length', async (to) => {
    const { post } = makeGateway();
    const error = await errorOf(await post('/v1/messages', { to, body: 'Hello' }));
    expect(error).toMatchObject({ status: 400, code: 'invalid_phone_number', param: 'to' });
  });

  it('accepts a number from an assigned range', async () => {
    const { send } = makeGateway();
    expect((await send({ to: '+33612345678' })).country).toBe('FR');
  });

  it('refuses an unassigned number in a list filter too', async () => {
    const { get } = makeGateway();
    const error = await errorOf(await get('/v1/messages?to=%2B910123456789'));
    expect(error).toMatchObject({ status: 400, code: 'invalid_phone_number', param: 'to' });
  });
});
