import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OneMessage, { OneMessageError, type Page } from '../../src/index.js';

// Every public method, called with anything at all, returns a promise (never throws synchronously)
// that resolves or rejects with a OneMessageError, and leaves no rejection unobserved: an unhandled
// rejection ends a Node process even when the caller has .catch().

const leaked: unknown[] = [];
const onLeak = (reason: unknown): void => void leaked.push(reason);
beforeAll(() => void process.on('unhandledRejection', onLeak));
afterAll(() => void process.off('unhandledRejection', onLeak));

const client = new OneMessage({
  apiKey: 'ark_test_x',
  baseURL: 'http://gateway.local/v1',
  maxRetries: 0,
  fetch: async () => Response.json({ object: 'list', data: [], has_more: false, next_cursor: null }),
});

type Call = (args: unknown[]) => unknown;
const methods: Record<string, Call> = {
  'messages.create': (a) => client.messages.create(a[0] as never, a[1] as never),
  'messages.retrieve': (a) => client.messages.retrieve(a[0] as never, a[1] as never),
  'messages.list': (a) => client.messages.list(a[0] as never, a[1] as never),
  'messages.cancel': (a) => client.messages.cancel(a[0] as never, a[1] as never),
  'messages.estimate': (a) => client.messages.estimate(a[0] as never),
  'webhooks.create': (a) => client.webhooks.create(a[0] as never, a[1] as never),
  'webhooks.retrieve': (a) => client.webhooks.retrieve(a[0] as never, a[1] as never),
  'webhooks.list': (a) => client.webhooks.list(a[0] as never, a[1] as never),
  'webhooks.delete': (a) => client.webhooks.delete(a[0] as never, a[1] as never),
  'webhooks.rotateSecret': (a) => client.webhooks.rotateSecret(a[0] as never, a[1] as never),
  'webhooks.deliveries': (a) => client.webhooks.deliveries(a[0] as never, a[1] as never, a[2] as never),
  'webhooks.defaultSecret': (a) => client.webhooks.defaultSecret(a[0] as never),
  get: (a) => client.get(a[0] as never, a[1] as never),
  post: (a) => client.post(a[0] as never, a[1] as never),
  delete: (a) => client.delete(a[0] as never, a[1] as never),
  getList: (a) => client.getList(a[0] as never, a[1] as never),
};

/** Runs a call and says how it ended: 'resolved', 'typed' (a OneMessageError), or what went wrong. */
async function outcome(call: () => unknown): Promise<string> {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    return `threw synchronously: ${String(error)}`;
  }
  if (typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function') return 'returned a non-promise';
  return (result as Promise<unknown>).then(
    () => 'resolved',
    (error: unknown) => (error instanceof OneMessageError ? 'typed' : `untyped rejection: ${String(error)}`),
  );
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const argument = fc.oneof(
  fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true }),
  fc.constantFrom('', '.', '..', ' ', 'msg_1', '\n', null, undefined),
  fc.record({ to: fc.string(), body: fc.string() }, { requiredKeys: [] }),
  fc.record(
    {
      idempotencyKey: fc.oneof(fc.string(), fc.anything()),
      timeout: fc.oneof(fc.double(), fc.anything()),
      maxRetries: fc.oneof(fc.integer(), fc.anything()),
      headers: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.constant(null))), fc.anything()),
      signal: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);

describe('every public method, with any arguments', () => {
  it.each(Object.keys(methods))('%s returns a promise that settles with a typed error or a result', async (name) => {
    await fc.assert(
      fc.asyncProperty(fc.array(argument, { maxLength: 3 }), async (args) => {
        const how = await outcome(() => methods[name]!(args));
        expect(how, `${name}(${fc.stringify(args)})`).toMatch(/^(resolved|typed)$/);
      }),
      { numRuns: 150 },
    );
    await settle();
    expect(leaked).toEqual([]);
  });

  it('create("x", null) rejects with one ValidationError and leaks nothing', async () => {
    for (const call of [() => client.messages.create('x' as never, null as never), () => client.webhooks.create('x' as never, null as never)]) {
      await expect(call()).rejects.toMatchObject({ name: 'ValidationError', param: '' });
    }
    await settle();
    expect(leaked).toEqual([]);
  });

  it('getNextPage past the last page rejects instead of throwing', async () => {
    const page: Page<unknown> = await client.messages.list();
    expect(await outcome(() => page.getNextPage())).toBe('typed');
    await settle();
    expect(leaked).toEqual([]);
  });
});
