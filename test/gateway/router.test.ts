import { describe, expect, it } from 'vitest';
import { Router } from '../../src/gateway/router.js';

const ok = () => new Response('ok');

describe('Router', () => {
  it('captures decoded path parameters', () => {
    const router = new Router<null>().get('/v1/messages/:id', ok).post('/v1/messages/:id/cancel', ok);
    const match = router.match('POST', '/v1/messages/msg%5F1/cancel');
    expect(match.kind).toBe('found');
    expect(match.kind === 'found' && match.params).toEqual({ id: 'msg_1' });
  });

  it('tells an unknown path from a known path with another method', () => {
    const router = new Router<null>().get('/v1/messages', ok).post('/v1/messages', ok);
    expect(router.match('GET', '/v1/nothing').kind).toBe('not_found');
    expect(router.match('PATCH', '/v1/messages')).toEqual({ kind: 'method_not_allowed', allow: ['GET', 'POST'] });
  });

  it('matches the first registered route, exact segment counts only, and ignores a trailing slash', () => {
    const first = () => new Response('first');
    const router = new Router<null>().get('/v1/messages/batch', first).get('/v1/messages/:id', ok);
    const match = router.match('get', '/v1/messages/batch/');
    expect(match.kind === 'found' && match.handler).toBe(first);
    expect(router.match('GET', '/v1/messages/a/b').kind).toBe('not_found');
  });

  it('treats a malformed %-escape as no match instead of throwing', () => {
    const router = new Router<null>().get('/v1/messages/:id', ok);
    expect(router.match('GET', '/v1/messages/%E0%A4%A').kind).toBe('not_found');
  });
});
