// Shared by the chaos test (test/integration/chaos.test.ts) and `npm run chaos` (run.ts).
import type { Gateway } from '../../src/gateway/index.js';

/** Runs `task(0…count-1)` with at most `concurrency` in flight; resolves once all have settled. */
export async function runPool(count: number, concurrency: number, task: (index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

interface ListedMessage {
  id: string;
  metadata?: Record<string, string> | null;
}

/**
 * Every message of the gateway's first key, paged in-process (the fault mode must spare GETs), as
 * a count per `keyOf(message)`: a count above 1 is a duplicate.
 */
export async function countMessages(
  gateway: Gateway,
  keyOf: (message: ListedMessage) => string | undefined,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let after: string | undefined;
  for (;;) {
    const query = after === undefined ? '' : `&starting_after=${after}`;
    const response = await gateway.fetch(`/v1/messages?limit=100${query}`, {
      headers: { authorization: `Bearer ${gateway.apiKey}` },
    });
    if (response.status !== 200) throw new Error(`listing messages: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { data: ListedMessage[]; has_more: boolean };
    for (const message of page.data) {
      const key = keyOf(message) ?? `(no key) ${message.id}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    if (!page.has_more || page.data.length === 0) return counts;
    after = page.data[page.data.length - 1]!.id;
  }
}
