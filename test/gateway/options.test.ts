import { describe, expect, it } from 'vitest';
import { GatewayOptionsError, resolveOptions } from '../../src/gateway/options.js';

describe('resolveOptions', () => {
  it('fills in the webhook defaults: a 24 h rotation grace, a 10 s attempt timeout and the delivery limits', () => {
    const limits = { maxEndpointsPerAccount: 20, maxInFlightPerEndpoint: 4, maxInFlight: 64 };
    expect(resolveOptions({}).webhooks).toEqual({ rotationGraceMs: 86_400_000, attemptTimeoutMs: 10_000, ...limits });
    expect(resolveOptions({ webhooks: { attemptTimeoutMs: 250, maxInFlight: Infinity } }).webhooks).toEqual({
      rotationGraceMs: 86_400_000,
      attemptTimeoutMs: 250,
      ...limits,
      maxInFlight: Infinity,
    });
  });

  it('fills in the store bounds, loopback-only hosts and origins', () => {
    const resolved = resolveOptions({});
    expect(resolved.limits).toEqual({
      maxMessagesPerAccount: 100_000,
      messageRetentionMs: 7 * 86_400_000,
      maxIdempotencyKeysPerAccount: 100_000,
    });
    expect(resolved.allowedHosts).toEqual([]);
    expect(resolved.corsOrigins).toEqual(['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*']);
    expect(resolveOptions({ corsOrigins: '*', allowedHosts: '*' })).toMatchObject({
      corsOrigins: '*',
      allowedHosts: '*',
    });
    expect(() => resolveOptions({ limits: { maxMessagesPerAccount: 0 } })).toThrow(/limits.maxMessagesPerAccount/);
    expect(() => resolveOptions({ allowedHosts: [''] })).toThrow(/allowedHosts/);
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
