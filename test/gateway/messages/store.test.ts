import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/gateway/accounts/accounts.js';
import { ManualClock } from '../../../src/gateway/clock.js';
import { MessageStore } from '../../../src/gateway/messages/store.js';
import type { Message } from '../../../src/schemas/message.js';

const account = { id: 'acct_1', apiKey: 'ark_test_x', currency: 'EUR' } as Account;
const NUMBERS = ['+447911123456', '+447911123457', '+33612345678'];
const SENDERS = ['OneMSG', 'ACME', '+15005550101'];
const STATUSES: Message['status'][] = ['queued', 'sent', 'delivered', 'failed'];

// The indexes are an optimisation: every page must equal a plain walk over all messages, newest first.
describe('MessageStore pages with the to/sender indexes', () => {
  it('match a brute-force filter for any messages, bound, filter and cursor', () => {
    const spec = fc.record({
      messages: fc.array(fc.tuple(fc.nat(2), fc.nat(2), fc.nat(3)), { minLength: 1, maxLength: 120 }),
      max: fc.integer({ min: 5, max: 150 }),
      to: fc.option(fc.nat(2), { nil: undefined }),
      sender: fc.option(fc.nat(2), { nil: undefined }),
      status: fc.option(fc.nat(3), { nil: undefined }),
      limit: fc.integer({ min: 1, max: 25 }),
      cursor: fc.nat(),
    });
    fc.assert(
      fc.property(spec, (input) => {
        const clock = new ManualClock();
        const store = new MessageStore({ clock, maxMessagesPerAccount: input.max, messageRetentionMs: Infinity });
        input.messages.forEach(([to, sender, status], i) => {
          const message = {
            id: `msg_${i}`,
            to: NUMBERS[to]!,
            sender: SENDERS[sender]!,
            status: STATUSES[status]!,
            created_at: new Date(clock.now()).toISOString(),
          } as Message;
          store.insert(account, message, { expiresAt: 0, callbackUrl: null, priceUnits: 0 });
        });
        const params = {
          limit: input.limit,
          to: input.to === undefined ? undefined : NUMBERS[input.to],
          sender: input.sender === undefined ? undefined : SENDERS[input.sender],
        };
        const status = input.status === undefined ? undefined : STATUSES[input.status];
        const keep = (m: Message) =>
          (params.to === undefined || m.to === params.to) &&
          (params.sender === undefined || m.sender === params.sender) &&
          (status === undefined || m.status === status);
        const all = store.newestFirst(account);
        const cursor = all[input.cursor % all.length]!;
        const expected = all.slice(all.indexOf(cursor) + 1).filter(keep);

        const page = store.page(account, { ...params, starting_after: cursor.id }, keep);
        expect(page.data.map((m) => m.id)).toEqual(expected.slice(0, input.limit).map((m) => m.id));
        expect(page.has_more).toBe(expected.length > input.limit);
        const first = store.page(account, params, keep);
        expect(first.data.map((m) => m.id)).toEqual(
          all
            .filter(keep)
            .slice(0, input.limit)
            .map((m) => m.id),
        );
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });
});
