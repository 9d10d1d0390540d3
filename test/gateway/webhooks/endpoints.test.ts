import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/gateway/clock.js';
import { DEFAULT_ROTATION_GRACE_MS, WebhookEndpointStore } from '../../../src/gateway/webhooks/endpoints.js';
import { sequentialIds } from '../../../src/gateway/ids.js';

function store(rotationGraceMs?: number, maxPerAccount?: number) {
  const clock = new ManualClock();
  return {
    clock,
    endpoints: new WebhookEndpointStore({ clock, ids: sequentialIds(), rotationGraceMs, maxPerAccount }),
  };
}

describe('WebhookEndpointStore', () => {
  it('keeps endpoints private to their account', () => {
    const { endpoints } = store();
    const endpoint = endpoints.create('acct_a', { url: 'https://a.test/', events: ['message.sent'] });

    expect(endpoints.get('acct_b', endpoint.id)).toBeUndefined();
    expect(endpoints.rotate('acct_b', endpoint.id)).toBeUndefined();
    expect(endpoints.delete('acct_b', endpoint.id)).toBe(false);
    expect(endpoints.list('acct_b')).toEqual([]);
    expect(endpoints.subscribers('acct_b', 'message.sent')).toEqual([]);
    expect(endpoints.list('acct_a').map((e) => e.id)).toEqual([endpoint.id]);
  });

  it('never shows a secret after creation', () => {
    const { endpoints } = store();
    const endpoint = endpoints.create('acct_a', { url: 'https://a.test/', events: ['message.sent'] });

    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    for (const view of [endpoints.get('acct_a', endpoint.id), ...endpoints.list('acct_a')]) {
      expect(view).not.toHaveProperty('secret');
      expect(JSON.stringify(view)).not.toContain(endpoint.secret);
    }
  });

  it('caps endpoints per account with a 400 that says how to get under the cap', () => {
    const { endpoints } = store(undefined, 2);
    const create = (account: string) => endpoints.create(account, { url: 'https://a.test/', events: ['message.sent'] });
    const first = create('acct_a');
    create('acct_a');
    expect(() => create('acct_a')).toThrow(expect.objectContaining({ status: 400, code: 'invalid_parameter' }));
    expect(() => create('acct_a')).toThrow(/at most 2 webhook endpoints; delete one first/);
    // Another account has its own budget; deleting frees a place.
    expect(create('acct_b').id).toMatch(/^wh_/);
    endpoints.delete('acct_a', first.id);
    expect(create('acct_a').id).toMatch(/^wh_/);
  });

  it('gives every endpoint its own random secret', () => {
    const { endpoints } = store(undefined, 50);
    const secrets = new Set(
      Array.from(
        { length: 50 },
        () => endpoints.create('acct_a', { url: 'https://a.test/', events: ['message.sent'] }).secret,
      ),
    );
    expect(secrets.size).toBe(50);
  });

  it('orders signing secrets newest first and drops each when its grace period ends', async () => {
    const { endpoints, clock } = store();
    const created = endpoints.create('acct_a', { url: 'https://a.test/', events: ['message.sent'] });
    const rotated = endpoints.rotate('acct_a', created.id)!;

    expect(endpoints.signingSecrets(created.id)).toEqual([rotated.secret, created.secret]);
    await clock.advance(DEFAULT_ROTATION_GRACE_MS - 1);
    expect(endpoints.signingSecrets(created.id)).toEqual([rotated.secret, created.secret]);
    await clock.advance(1);
    expect(endpoints.signingSecrets(created.id)).toEqual([rotated.secret]);
  });

  it('revokes the old secret at once with a zero grace period', () => {
    const { endpoints } = store(0);
    const created = endpoints.create('acct_a', { url: 'https://a.test/', events: ['message.sent'] });
    const rotated = endpoints.rotate('acct_a', created.id)!;
    expect(endpoints.signingSecrets(created.id)).toEqual([rotated.secret]);
  });

  it('has no signing secrets for a deleted endpoint', () => {
    const { endpoints } = store();
    const created = endpoints.create('acct_a', { url: 'https://a.test/', events: ['message.sent'] });
    expect(endpoints.delete('acct_a', created.id)).toBe(true);
    expect(endpoints.signingSecrets(created.id)).toEqual([]);
    expect(endpoints.subscribers('acct_a', 'message.sent')).toEqual([]);
  });

  it('keeps one default secret per account', () => {
    const { endpoints } = store();
    const first = endpoints.defaultSecret('acct_a');
    expect(endpoints.defaultSecret('acct_a')).toBe(first);
    expect(endpoints.defaultSecret('acct_b')).not.toBe(first);
    expect(first).toMatch(/^whsec_/);
  });
});
