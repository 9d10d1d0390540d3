// Collects the webhook events a gateway delivers, in-process, through its `fetch` option.
import type { GatewayOptions } from '../../src/gateway/index.js';
import { makeGateway, type TestGateway } from './helpers.js';

export interface EventsGateway extends TestGateway {
  /** Every event delivered so far, in order. */
  events: { type: string; data: Record<string, any> }[];
  /** Subscribes a receiver to `types`. */
  subscribe(types: string[]): Promise<void>;
}

export function makeEventsGateway(options: GatewayOptions = {}): EventsGateway {
  const events: EventsGateway['events'] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    events.push(JSON.parse(await request.text()));
    return new Response('ok');
  };
  const test = makeGateway({ fetch, ...options });
  const subscribe = async (types: string[]) => {
    const response = await test.post('/v1/webhooks', {
      url: 'https://receiver.test/hooks',
      events: types,
    });
    if (response.status !== 201) throw new Error(`subscribe failed: ${response.status}`);
  };
  return { ...test, events, subscribe };
}
