import { afterEach, describe, expect, it, vi } from 'vitest';
import { idempotencyKey } from '../../src/internal/uuid.js';

const webcrypto = globalThis.crypto;
const V4 = /^idk_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => vi.unstubAllGlobals());

describe('idempotencyKey', () => {
  it('is idk_ and a random v4 UUID, different each time', () => {
    const keys = new Set(Array.from({ length: 100 }, idempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(V4);
  });

  it('still makes v4 UUIDs where crypto.randomUUID is missing (insecure browser contexts)', () => {
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array<ArrayBuffer>) => webcrypto.getRandomValues(a) });
    const keys = new Set(Array.from({ length: 100 }, idempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(V4);
  });
});
