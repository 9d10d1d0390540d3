import { describe, expect, it } from 'vitest';
import { idempotencyKey } from '../../src/internal/uuid.js';

describe('idempotencyKey', () => {
  it('is idk_ and a random v4 UUID, different each time', () => {
    const keys = new Set(Array.from({ length: 100 }, idempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^idk_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
