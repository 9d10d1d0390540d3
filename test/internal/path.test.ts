import { describe, expect, it } from 'vitest';
import { path } from '../../src/internal/path.js';

describe('path', () => {
  it('encodes every interpolated value so it stays one segment', () => {
    expect(path`/messages/${'msg_1'}/cancel`).toBe('/messages/msg_1/cancel');
    expect(path`/messages/${'../balance'}`).toBe('/messages/..%2Fbalance');
    expect(path`/webhooks/${'a b?c#d'}`).toBe('/webhooks/a%20b%3Fc%23d');
    expect(path`/x/${42}`).toBe('/x/42');
  });
});
