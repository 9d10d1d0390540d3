// Runs the webhook examples for real: each Node one listens on 127.0.0.1:0 and receives a correctly
// signed event, a tampered one and an unsigned one. The Deno, Bun and Worker examples run on their
// runtimes in test/runtimes; here their handlers are driven in-process with a stand-in for the
// runtime's serve(), which proves their logic (not the runtime).

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serve } from '../../src/adapters/node.js';
// The examples' own types: they import the package by name, which resolves to dist/.
import type { WebhookEvent } from '@onemessage/sdk/webhooks';
import { signWebhook } from '../../src/webhooks/index.node.js';
import { createApp as createExpressApp } from '../../examples/webhooks/express.js';
import { createApp as createFastifyApp } from '../../examples/webhooks/fastify.js';
import { createApp as createHonoApp } from '../../examples/webhooks/hono.js';
import { POST as nextRoute } from '../../examples/webhooks/nextjs-route.js';
import { createWebhookServer } from '../../examples/webhooks/node-http.js';

// Those three import the package by name, as users do; point it at the source (no dist/ needed).
vi.mock('@onemessage/sdk/webhooks', () => import('../../src/webhooks/index.js'));

const SECRET = 'whsec_examples_9d3f1a';
const event = {
  event_id: 'evt_example_1',
  type: 'message.delivered',
  created: Math.floor(Date.now() / 1000),
  data: { id: 'msg_example_1', object: 'message', to: '+15005550001', status: 'delivered', body: 'Grüße 👋' },
};
const body = JSON.stringify(event);

type Started = { url: string; close: () => Promise<void> };
const running: Started[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function listen(server: Server): Promise<Started> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const started = {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  running.push(started);
  return started;
}

async function post(url: string, payload: string, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (signature) headers['x-onemessage-signature'] = signature;
  const response = await fetch(`${url}/webhooks`, { method: 'POST', body: payload, headers });
  return { status: response.status, text: await response.text() };
}

const starters: Record<string, (onEvent: (event: WebhookEvent) => void) => Promise<Started>> = {
  'node:http': (onEvent) => listen(createWebhookServer(SECRET, onEvent)),
  express: (onEvent) => listen(createExpressApp(SECRET, onEvent).listen(0, '127.0.0.1')),
  fastify: async (onEvent) => {
    const app = createFastifyApp(SECRET, onEvent);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const started = { url: address, close: () => app.close() };
    running.push(started);
    return started;
  },
  hono: async (onEvent) => {
    const server = await serve(createHonoApp(SECRET, onEvent).fetch);
    running.push(server);
    return server;
  },
};

describe.each(Object.entries(starters))('the %s example', (_, start) => {
  it('answers 2xx to a correctly signed event and hands the handler the typed event', async () => {
    const seen: WebhookEvent[] = [];
    const { url } = await start((e) => void seen.push(e));
    const response = await post(url, body, await signWebhook({ payload: body, secret: SECRET }));
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(300);
    expect(seen).toEqual([event]);
    expect(seen[0]?.type === 'message.delivered' && seen[0].data.id).toBe('msg_example_1');
  });

  it('answers 400 to a tampered body, a wrong secret and a missing signature, and handles none of them', async () => {
    const seen: WebhookEvent[] = [];
    const { url } = await start((e) => void seen.push(e));
    const signature = await signWebhook({ payload: body, secret: SECRET });
    expect(await post(url, body.replace('delivered', 'failed'), signature)).toEqual({
      status: 400,
      text: 'no_matching_signature',
    });
    expect(await post(url, body, await signWebhook({ payload: body, secret: 'whsec_wrong' }))).toEqual({
      status: 400,
      text: 'no_matching_signature',
    });
    expect(await post(url, body)).toEqual({ status: 400, text: 'missing_signature' });
    expect(seen).toEqual([]);
  });
});

describe('the node:http example', () => {
  it('acknowledges a duplicate delivery without handling it twice', async () => {
    const seen: WebhookEvent[] = [];
    const { url } = await listen(createWebhookServer(SECRET, (e) => void seen.push(e)));
    const first = await post(url, body, await signWebhook({ payload: body, secret: SECRET }));
    const retry = await post(
      url,
      body,
      await signWebhook({ payload: body, secret: SECRET, timestamp: event.created + 60 }),
    );
    expect([first.status, retry.status]).toEqual([204, 200]);
    expect(seen).toHaveLength(1);
  });

  it('handles the retry after the handler failed the first time', async () => {
    let calls = 0;
    const server = createWebhookServer(SECRET, () => {
      calls += 1;
      if (calls === 1) throw new Error('database down');
    });
    const { url } = await listen(server);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const signature = await signWebhook({ payload: body, secret: SECRET });
    expect((await post(url, body, signature)).status).toBe(500);
    expect((await post(url, body, signature)).status).toBe(204);
    expect(calls).toBe(2);
    expect(logged).toHaveBeenCalledWith(new Error('database down'));
    logged.mockRestore();
  });
});

describe('the Next.js route handler example', () => {
  const request = (payload: string, signature: string) =>
    new Request('http://127.0.0.1/api/webhooks', {
      method: 'POST',
      body: payload,
      headers: { 'x-onemessage-signature': signature },
    });

  const previousSecret = process.env.ONEMESSAGE_WEBHOOK_SECRET;
  afterEach(() => {
    if (previousSecret === undefined) delete process.env.ONEMESSAGE_WEBHOOK_SECRET;
    else process.env.ONEMESSAGE_WEBHOOK_SECRET = previousSecret;
  });

  it('answers 204 to a signed event and 400 to a tampered one', async () => {
    process.env.ONEMESSAGE_WEBHOOK_SECRET = SECRET;
    const signature = await signWebhook({ payload: body, secret: SECRET });
    expect((await nextRoute(request(body, signature))).status).toBe(204);
    const tampered = await nextRoute(request(`${body} `, signature));
    expect([tampered.status, await tampered.text()]).toEqual([400, 'no_matching_signature']);
  });
});

describe.each([
  {
    name: 'Cloudflare Worker',
    load: async () => {
      const worker = (await import('../../examples/webhooks/cloudflare-worker.js')).default;
      return (request: Request) => worker.fetch(request, { ONEMESSAGE_WEBHOOK_SECRET: SECRET });
    },
  },
  {
    name: 'Deno.serve',
    load: async () => {
      let handler: ((request: Request) => Promise<Response>) | undefined;
      vi.stubGlobal('Deno', {
        env: { get: (name: string) => ({ ONEMESSAGE_WEBHOOK_SECRET: SECRET, PORT: '0' })[name] },
        serve: (_options: unknown, fetch: typeof handler) => ((handler = fetch), { shutdown: async () => undefined }),
      });
      await import('../../examples/webhooks/deno.js');
      return handler!;
    },
  },
  {
    name: 'Bun.serve',
    load: async () => {
      let handler: ((request: Request) => Promise<Response>) | undefined;
      vi.stubEnv('ONEMESSAGE_WEBHOOK_SECRET', SECRET);
      vi.stubGlobal('Bun', {
        serve: (options: { fetch: typeof handler }) => (
          (handler = options.fetch),
          { url: new URL('http://127.0.0.1:0/') }
        ),
      });
      vi.spyOn(console, 'log').mockImplementation(() => undefined);
      await import('../../examples/webhooks/bun.js');
      return handler!;
    },
  },
])('the $name example', ({ load }) => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  const request = (payload: string, signature?: string) =>
    new Request('http://127.0.0.1/webhooks', {
      method: 'POST',
      body: payload,
      headers: signature ? { 'x-onemessage-signature': signature } : {},
    });

  it('accepts a signed event, and rejects a tampered or unsigned one with the reason', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const handle = await load();
    const signature = await signWebhook({ payload: body, secret: SECRET });
    const accepted = await handle(request(body, signature));
    expect([accepted.status, await accepted.json()]).toEqual([
      200,
      { received: 'message.delivered', id: 'evt_example_1' },
    ]);
    const tampered = await handle(request(body.replace('delivered', 'failed'), signature));
    expect([tampered.status, await tampered.text()]).toEqual([400, 'no_matching_signature']);
    const unsigned = await handle(request(body));
    expect([unsigned.status, await unsigned.text()]).toEqual([400, 'missing_signature']);
  });
});
