import { describe, expect, it } from 'vitest';
import { GatewayOptionsError, resolveOptions } from '../../src/gateway/options.js';

describe('resolveOptions', () => {
  it('fills in the webhook defaults: a 24 h rotation grace and a 10 s attempt timeout', () => {
    expect(resolveOptions({}).webhooks).toEqual({ rotationGraceMs: 86_400_000, attemptTimeoutMs: 10_000 });
    expect(resolveOptions({ webhooks: { attemptTimeoutMs: 250 } }).webhooks).toEqual({
      rotationGraceMs: 86_400_000,
      attemptTimeoutMs: 250,
    });
  });

  it.each([
    [{ rotationGraceMs: -1 }, 'webhooks.rotationGraceMs'],
    [{ rotationGraceMs: Number.NaN }, 'webhooks.rotationGraceMs'],
    [{ attemptTimeoutMs: 0 }, 'webhooks.attemptTimeoutMs'],
    [{ attemptTimeoutMs: 1.5 }, 'webhooks.attemptTimeoutMs'],
  ])('refuses webhooks %j, naming %s', (webhooks, option) => {
    expect(() => resolveOptions({ webhooks })).toThrow(GatewayOptionsError);
    expect(() => resolveOptions({ webhooks })).toThrow(expect.objectContaining({ option }));
  });
});
