import { describe, expect, it } from 'vitest';
import OneMessage, { ValidationError } from '../../src/index.js';

// An id must never change the route: GET /v1/messages/. would list messages typed as one.
function client() {
  const requests: string[] = [];
  const om = new OneMessage({
    apiKey: 'ark_test_x',
    baseURL: 'http://gateway.local/v1',
    fetch: async (url, init) => {
      requests.push(`${init.method} ${url}`);
      return Response.json({ object: 'list', data: [], has_more: false, next_cursor: null });
    },
  });
  return { om, requests };
}

type IdMethod = (om: OneMessage, id: unknown) => PromiseLike<unknown>;
const methods: [string, IdMethod][] = [
  ['messages.retrieve', (om, id) => om.messages.retrieve(id as string)],
  ['messages.cancel', (om, id) => om.messages.cancel(id as string)],
  ['webhooks.retrieve', (om, id) => om.webhooks.retrieve(id as string)],
  ['webhooks.delete', (om, id) => om.webhooks.delete(id as string)],
  ['webhooks.rotateSecret', (om, id) => om.webhooks.rotateSecret(id as string)],
  ['webhooks.deliveries', (om, id) => om.webhooks.deliveries(id as string)],
];
const badIds: unknown[] = ['.', '..', '', undefined, null, 42, { id: 'msg_1' }];

describe('path parameters', () => {
  describe.each(methods)('%s', (_name, call) => {
    it.each(badIds.map((id) => [id]))(
      'rejects the id %j with a ValidationError naming id, before any request',
      async (id) => {
        const { om, requests } = client();
        const error = await call(om, id).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ValidationError);
        expect(error).toMatchObject({ param: 'id' });
        expect((error as Error).message).toMatch(/\/v1\/(messages|webhooks)\/:id/);
        expect(requests).toEqual([]);
      },
    );

    it('sends a real id percent-encoded, as one segment', async () => {
      const { om, requests } = client();
      await call(om, 'a/../b');
      expect(requests[0]).toContain('/a%2F..%2Fb');
    });
  });
});
