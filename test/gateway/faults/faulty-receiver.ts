// A webhook receiver that fails on purpose: a fetch handler that verifies each delivery, skips
// duplicates with the replay guard, and injects receiver-side faults (5xx, resets, hangs past the
// gateway's deadline), some before processing the event and some after (the answer is lost, so
// the gateway retries an event already handled: the replay guard must catch it).
import { mulberry32 } from '../../../src/gateway/faults/prng.js';
import { ConnectionDropped } from '../../../src/gateway/faults/injector.js';
import { createReplayGuard, verifyWebhook, type WebhookEvent } from '../../../src/webhooks/index.js';

/** What the receiver does to one delivery. */
export type ReceiverFault =
  | 'error500' // answer 500 without looking at the event
  | 'reset' // drop the connection without looking at the event
  | 'hang' // never answer: the gateway's attempt times out
  | 'processedThen500' // handle the event, then answer 500
  | 'processedThenReset' // handle the event, then drop the connection
  | 'processedThenHang'; // handle the event, then never answer

export interface FaultyReceiverOptions {
  /** Seeds the fault draws; a draw depends only on the seed, the event id and the attempt number. */
  seed: number;
  /** Probability of each fault per delivery; the rest are answered 200. */
  rates: Partial<Record<ReceiverFault, number>>;
  /** The endpoint's signing secrets (read per delivery, so they can be set after start). */
  secrets: () => string[];
  /** The receiver's clock in ms (the gateway's ManualClock), for the signature's tolerance. */
  now: () => number;
}

export class FaultyReceiver {
  /** Events handled (first deliveries), by event id. */
  readonly handled = new Map<string, WebhookEvent>();
  /** Deliveries of an event already handled, caught by the replay guard. */
  duplicates = 0;
  /** Every delivery received. */
  deliveries = 0;
  /** Deliveries refused by signature verification (there should be none). */
  rejected = 0;
  /** Faults injected, by kind. */
  readonly faults = new Map<ReceiverFault, number>();
  readonly #arrivals = new Map<string, number>();
  readonly #guard = createReplayGuard();
  readonly #options: FaultyReceiverOptions;
  #busy = 0;

  constructor(options: FaultyReceiverOptions) {
    this.#options = options;
  }

  /** The receiver as the gateway's outbound `fetch` (in-process, on the gateway's clock). */
  readonly fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    this.deliveries++;
    const now = Math.floor(this.#options.now() / 1000);
    const request = new Request(input, init);
    const payload = await request.text();
    const eventId = (JSON.parse(payload) as { event_id: string }).event_id;
    const fault = this.#draw(eventId);
    if (fault) this.faults.set(fault, (this.faults.get(fault) ?? 0) + 1);
    if (fault === 'error500') return new Response('boom', { status: 500 });
    if (fault === 'reset') throw new ConnectionDropped('resetBeforeHandling');
    if (fault === 'hang') return hang(init?.signal);

    this.#busy++;
    let answer: Response | 'hang';
    try {
      answer = await this.#handle(request, payload, now, fault);
    } finally {
      this.#busy--;
    }
    return answer === 'hang' ? hang(init?.signal) : answer;
  };

  /** Resolves once no delivery is being verified or handled (hanging ones are done with). */
  async quiet(): Promise<void> {
    while (this.#busy > 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  async #handle(
    request: Request,
    payload: string,
    now: number,
    fault: ReceiverFault | undefined,
  ): Promise<Response | 'hang'> {
    let event: WebhookEvent;
    try {
      const signature = request.headers.get('x-onemessage-signature') ?? '';
      // The manual clock may jump hours between the gateway's signing and this check (both await Web
      // Crypto), so the timestamp tolerance is a day; the signature itself is checked as ever.
      const secret = this.#options.secrets();
      event = await verifyWebhook({ payload, signature, secret, now, tolerance: 86_400 });
    } catch {
      this.rejected++;
      return new Response('bad signature', { status: 400 });
    }
    if (await this.#guard.seen(event.event_id)) this.duplicates++;
    else this.handled.set(event.event_id, event);

    if (fault === 'processedThen500') return new Response('lost', { status: 500 });
    if (fault === 'processedThenReset') throw new ConnectionDropped('dropAfterCommit');
    if (fault === 'processedThenHang') return 'hang';
    return new Response('ok', { status: 200 });
  }

  // Keyed on (seed, event, attempt), not arrival order, so the run is the same however I/O interleaves.
  #draw(eventId: string): ReceiverFault | undefined {
    const attempt = (this.#arrivals.get(eventId) ?? 0) + 1;
    this.#arrivals.set(eventId, attempt);
    const draw = mulberry32(hash(`${this.#options.seed}:${eventId}:${attempt}`))();
    let upTo = 0;
    for (const [fault, rate] of Object.entries(this.#options.rates) as [ReceiverFault, number][]) {
      upTo += rate;
      if (draw < upTo) return fault;
    }
    return undefined;
  }
}

/** Never answers; rejects once the sender gives up (its signal aborts), as a dropped socket would. */
function hang(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** FNV-1a, 32 bits: a seed per string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
