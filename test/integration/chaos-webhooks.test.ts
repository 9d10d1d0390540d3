// At-least-once webhook delivery to a receiver that fails a third of the time (5xx, resets, hangs
// past the deadline, before or after handling the event): every event is handled, retries of
// events already handled are caught by the replay guard, and nothing is handled twice.
import { describe, expect, it } from 'vitest';
import { createGateway, ManualClock, sequentialIds } from '../../src/gateway/index.js';
import { FaultyReceiver } from '../gateway/faults/faulty-receiver.js';

const MESSAGES = 150;

describe('webhook delivery under receiver faults', () => {
  it('delivers every event at least once; the replay guard catches the duplicates', async () => {
    const clock = new ManualClock(Date.parse('2026-03-01T12:00:00.000Z'));
    let secrets: string[] = [];
    const receiver = new FaultyReceiver({
      seed: 11,
      rates: {
        error500: 0.07,
        reset: 0.06,
        hang: 0.05,
        processedThen500: 0.06,
        processedThenReset: 0.05,
        processedThenHang: 0.04,
      },
      secrets: () => secrets,
      now: () => clock.now(),
    });
    const gateway = createGateway({ clock, ids: sequentialIds(), balance: '10000', fetch: receiver.fetch });
    const post = async (path: string, body: unknown) => {
      const response = await gateway.fetch(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${gateway.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as Record<string, any>;
    };
    try {
      const endpoint = await post('/v1/webhooks', {
        url: 'https://receiver.test/hooks',
        events: ['message.sent', 'message.delivered'],
      });
      secrets = [endpoint.secret];
      const ids: string[] = [];
      for (let i = 0; i < MESSAGES; i++) {
        ids.push((await post('/v1/messages', { to: '+447911123456', sender: 'OneMSG', body: `m${i}` })).id);
      }
      // Hour by hour over the whole retry schedule (7 retries over ~18 h); a receiver that answers
      // after an await can still time out when the clock jumps past its deadline: more duplicates.
      // No gateway.idle() at the end: a retry fired in the last hour may be hanging on its deadline.
      for (let hour = 0; hour < 30 && receiver.handled.size < 2 * MESSAGES; hour++) await clock.advance(3_600_000);
      await receiver.quiet();

      const handled = [...receiver.handled.values()].map(
        (event) => `${event.type} ${(event.data as { id: string }).id}`,
      );
      const expected = ids.flatMap((id) => [`message.sent ${id}`, `message.delivered ${id}`]);
      expect(new Set(handled)).toEqual(new Set(expected));
      expect(handled).toHaveLength(expected.length);
      expect(receiver.rejected).toBe(0);
      // Faults after handling lose the answer: the retry brings the same event_id, and the guard skips it.
      const lostAnswers =
        (receiver.faults.get('processedThen500') ?? 0) +
        (receiver.faults.get('processedThenReset') ?? 0) +
        (receiver.faults.get('processedThenHang') ?? 0);
      expect(lostAnswers).toBeGreaterThan(0);
      expect(receiver.duplicates).toBeGreaterThan(0);
      // Every delivery is accounted for: handled once, skipped as a duplicate, or failed before handling.
      const failedBefore = ['error500', 'reset', 'hang'].reduce(
        (sum, f) => sum + (receiver.faults.get(f as never) ?? 0),
        0,
      );
      expect(receiver.deliveries).toBe(receiver.handled.size + receiver.duplicates + failedBefore);
      for (const fault of ['error500', 'reset', 'hang'] as const) expect(receiver.faults.get(fault)).toBeGreaterThan(0);
    } finally {
      await gateway.close();
    }
  });
});
