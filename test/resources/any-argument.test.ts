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

let requests = 0;
const client = new OneMessage({
  apiKey: 'ark_test_x',
  baseURL: 'http://gateway.local/v1',
  maxRetries: 0,
  fetch: async () => {
    requests++;
    return Response.json({ object: 'list', data: [], has_more: false, next_cursor: null });
  },
});

type Call = (args: unknown[]) => unknown;
const methods: Record<string, Call> = {
  'messages.create': (a) => client.messages.create(a[0] as never, a[1] as never),
  'messages.retrieve': (a) => client.messages.retrieve(a[0] as never, a[1] as never),
  'messages.list': (a) => client.messages.list(a[0] as never, a[1] as never),
  'messages.cancel': (a) => client.messages.cancel(a[0] as never, a[1] as never),
  'messages.estimate': (a) => client.messages.estimate(a[0] as never),
  'messages.batch': (a) => client.messages.batch(a[0] as never, a[1] as never),
  // The job is a thenable (awaiting it is the summary) and an async iterable of per-recipient results.
  'messages.sendMany': (a) => client.messages.sendMany(a[0] as never, a[1] as never),
  'messages.sendMany results': (a) => drain(client.messages.sendMany(a[0] as never, a[1] as never).results()),
  // Past the first checks: any entries under a valid envelope, answered by a server that sends the wrong shape.
  'messages.batch entries': (a) => client.messages.batch({ messages: a } as never),
  'messages.sendMany entries': (a) => client.messages.sendMany(a as never, { jobId: 'job_any', chunkSize: 2 }),
  'otp.send': (a) => client.otp.send(a[0] as never, a[1] as never),
  'otp.verify': (a) => client.otp.verify(a[0] as never, a[1] as never),
  'voice.calls.create': (a) => client.voice.calls.create(a[0] as never, a[1] as never),
  'voice.calls.retrieve': (a) => client.voice.calls.retrieve(a[0] as never, a[1] as never),
  'senders.create': (a) => client.senders.create(a[0] as never, a[1] as never),
  'senders.retrieve': (a) => client.senders.retrieve(a[0] as never, a[1] as never),
  'senders.list': (a) => client.senders.list(a[0] as never, a[1] as never),
  'balance.retrieve': (a) => client.balance.retrieve(a[0] as never),
  'test.topUp': (a) => client.test.topUp(a[0] as never, a[1] as never),
  'test.inbound': (a) => client.test.inbound(a[0] as never, a[1] as never),
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

// Reads an async iterator to its end, as a promise: how a streaming consumer meets an error.
async function drain(iterator: AsyncIterator<unknown>): Promise<void> {
  while (!(await iterator.next()).done);
}

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
  // Valid entries, so batch and sendMany get as far as the (wrong-shaped) answer.
  fc.record({ to: fc.constantFrom('+447911123456', '+14155550123'), body: fc.string({ minLength: 1 }) }),
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

  it('reaches the server with the valid entries: the bulk properties test more than local validation', async () => {
    const before = requests;
    await outcome(() => methods['messages.batch entries']!([{ to: '+447911123456', body: 'Hi' }]));
    await outcome(() => methods['messages.sendMany entries']!([{ to: '+447911123456', body: 'Hi' }]));
    expect(requests - before).toBe(2);
  });

  it('create("x", null) rejects with one ValidationError and leaks nothing', async () => {
    for (const call of [
      () => client.messages.create('x' as never, null as never),
      () => client.webhooks.create('x' as never, null as never),
    ]) {
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
