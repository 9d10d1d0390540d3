// Row 4, webhook verification: our two builds against stripe and standardwebhooks, on the same 1 KB body,
// each with a valid signature in its own scheme, plus the floor (a bare node:crypto HMAC + JSON.parse).
// `@onemessage/sdk/webhooks` resolves to the node:crypto build on Node; the Web Crypto build is the same
// subpath's `default` file, imported by its path in dist/.
import { createHmac } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { bestOf, load, perSecond, printTable, times, type SummaryRow } from './harness.js';

const FLOOR = 'floor: node:crypto HMAC + JSON.parse';

/** A message.delivered event padded to about 1 KB, like a real Message object. */
function kilobytePayload(): string {
  const event = {
    event_id: 'evt_01JD7X3Q9V2K8M4N6P0R5S7T9W',
    type: 'message.delivered',
    created: 1_700_000_000,
    data: {
      id: 'msg_01JD7X3Q9V2K8M4N6P0R5S7T9W',
      object: 'message',
      direction: 'outbound',
      to: '+15005550001',
      sender: 'OneMSG',
      body: '',
      route: 'local_operator',
      status: 'delivered',
      encoding: 'GSM-7',
      segments: 1,
      price: { amount: '0.0350', currency: 'EUR' },
      country: 'US',
      metadata: { order_id: 'ord_123', customer: 'cus_456' },
    },
  };
  event.data.body = 'x'.repeat(1024 - JSON.stringify(event).length);
  return JSON.stringify(event);
}

const NODE = '@onemessage/sdk/webhooks (node build)';
const WEB = '@onemessage/sdk/webhooks (Web Crypto build)';
const STRIPE_SYNC = 'stripe webhooks.constructEvent';
const STRIPE_ASYNC = 'stripe webhooks.constructEventAsync';

/** Prints verifications per second for each contender, as ratios of the floor; returns row 4. */
export async function run(): Promise<SummaryRow[]> {
  const nodeBuild = await load<typeof import('../../src/webhooks/index.node.js')>('@onemessage/sdk/webhooks');
  // The subpath's `default` file: not reachable by name on Node, whose condition picks the node:crypto build.
  const webFile = new URL('../../dist/webhooks/index.js', import.meta.url).href;
  const webBuild = await load<typeof import('../../src/webhooks/index.js')>(webFile);
  const payload = kilobytePayload();
  const secret = 'whsec_5f0a9c2e7b41d8e3a6c9f0b2d4e6a8c1';
  const t = Math.floor(Date.now() / 1000);
  const ours = await nodeBuild.signWebhook({ payload, secret });

  const stripe = new Stripe('sk_test_bench');
  const stripeSecret = 'whsec_stripe_bench_secret';
  const stripeHeader = stripe.webhooks.generateTestHeaderString({ payload, secret: stripeSecret });

  const standard = new StandardWebhook(btoa('standardwebhooks-bench-secret-32b'));
  const id = 'msg_bench';
  const sentAt = new Date();
  const standardHeaders = {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'webhook-signature': standard.sign(id, sentAt, payload),
  };

  const results = await bestOf(3, {
    [FLOOR]: () => {
      createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
      return JSON.parse(payload);
    },
    [NODE]: () => nodeBuild.verifyWebhook({ payload, signature: ours, secret }),
    [WEB]: () => webBuild.verifyWebhook({ payload, signature: ours, secret }),
    [STRIPE_SYNC]: () => stripe.webhooks.constructEvent(payload, stripeHeader, stripeSecret),
    [STRIPE_ASYNC]: () => stripe.webhooks.constructEventAsync(payload, stripeHeader, stripeSecret),
    'standardwebhooks verify': () => standard.verify(payload, standardHeaders),
  });
  const title = `Row 4: webhook verification, ${payload.length}-byte payload, best of 3 rounds (higher is better)`;
  printTable(title, results, FLOOR);
  const by = new Map(results.map((r) => [r.name, r.opsPerSecond]));
  const overFloor = by.get(FLOOR)! / by.get(NODE)!;
  const overStripe = by.get(WEB)! / by.get(STRIPE_ASYNC)!;
  return [
    {
      row: '4. Webhook verification',
      metric: 'time per verify ÷ floor (Node)',
      ours: perSecond(by.get(NODE)!),
      versus: `floor ${perSecond(by.get(FLOOR)!)}`,
      ratio: times(overFloor),
      target: '≤ 1.2×',
      met: overFloor <= 1.2,
      ...(overFloor > 1.2
        ? { note: 'header parsing, timestamp tolerance and timing-safe compare on top of the HMAC' }
        : {}),
    },
    {
      row: '4. Webhook verification',
      metric: 'Web Crypto build speed ÷ stripe async',
      ours: perSecond(by.get(WEB)!),
      versus: `stripe constructEventAsync ${perSecond(by.get(STRIPE_ASYNC)!)}`,
      ratio: times(overStripe),
      target: '> 1×',
      met: overStripe > 1,
      ...(overStripe <= 1
        ? {
            note: "each verify goes through crypto.subtle (async jobs on Node); stripe's async path is node:crypto",
          }
        : {}),
    },
  ];
}
