import { describe, expect, it } from 'vitest';
import { fillPath } from '../../src/internal/path.js';

const filled = (route: string, params: Record<string, unknown>) => fillPath(route, params);

describe('fillPath', () => {
  it('encodes every value so it stays one segment', () => {
    expect(filled('/messages/:id/cancel', { id: 'msg_1' })).toEqual({ ok: true, path: '/messages/msg_1/cancel' });
    expect(filled('/messages/:id', { id: '../balance' })).toEqual({ ok: true, path: '/messages/..%2Fbalance' });
    expect(filled('/webhooks/:id', { id: 'a b?c#d' })).toEqual({ ok: true, path: '/webhooks/a%20b%3Fc%23d' });
    expect(filled('/x/:id', { id: '...' })).toEqual({ ok: true, path: '/x/...' });
  });

  it('leaves a route without params alone', () => {
    expect(fillPath('/webhooks/default_secret', undefined)).toEqual({ ok: true, path: '/webhooks/default_secret' });
  });

  it.each([
    ['', 'missing_parameter'],
    [undefined, 'missing_parameter'],
    [null, 'missing_parameter'],
    ['.', 'invalid_parameter'],
    ['..', 'invalid_parameter'],
    [42, 'invalid_parameter'],
    [{ id: 'msg_1' }, 'invalid_parameter'],
    [['msg_1'], 'invalid_parameter'],
  ])('refuses %j as an id, naming the parameter', (id, code) => {
    const result = filled('/messages/:id', { id });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([expect.objectContaining({ param: 'id', code })]);
  });
});
