// `npm run demo`: the whole loop on one machine, in a few seconds.
//
// 1. starts the bundled reference gateway on 127.0.0.1 (a real HTTP server),
// 2. starts a webhook receiver on 127.0.0.1 and registers it with `client.webhooks.create`,
// 3. sends a message exactly as in the quickstart (`client.messages.create({ to, sender, body, route })`),
// 4. prints the message's status history as it is delivered, and each signed webhook as it arrives,
//    verified with `verifyWebhook`.
//
// Imports the package by its own name, as your app does (in this repository Node resolves the name
// to dist/ through package.json `exports`: build first with `npx tsup`).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OneMessage, { type Message } from '@onemessage/sdk';
import { createGateway } from '@onemessage/sdk/gateway';
import { verifyWebhook, type WebhookEvent } from '@onemessage/sdk/webhooks';

const TERMINAL = new Set(['delivered', 'failed', 'expired', 'canceled', 'rejected']);
const DEADLINE_MS = 20_000;

/** What one run of the demo saw; returned for tests and printed for people. */
export interface DemoResult {
  message: Message;
  events: WebhookEvent[];
}

/** Runs the demo end to end; `log` receives each line it prints. */
export async function runDemo(log: (line: string) => void = console.log): Promise<DemoResult> {
  const gateway = createGateway();
  const server = await gateway.listen({ hostname: '127.0.0.1', port: 0 });
  log(`gateway     ${server.url}  (test key ${gateway.apiKey})`);

  const client = new OneMessage({ apiKey: gateway.apiKey, baseURL: server.url });
  const events: WebhookEvent[] = [];
  let secret = '';
  let onTerminalEvent: () => void = () => {};
  const terminalEvent = new Promise<void>((resolve) => (onTerminalEvent = resolve));

  const receiver = await listen(async (payload, signature) => {
    const event = await verifyWebhook({ payload, signature, secret });
    events.push(event);
    const data = event.data as Message;
    log(`webhook     ${event.type.padEnd(18)} ${event.event_id}  signature ok  (status ${data.status})`);
    if (event.type !== 'message.sent') onTerminalEvent();
  });

  try {
    const endpoint = await client.webhooks.create({
      url: `${receiver.url}/webhooks`,
      events: ['message.sent', 'message.delivered', 'message.failed', 'message.expired'],
      description: 'npm run demo',
    });
    secret = endpoint.secret ?? '';
    log(`webhook     registered ${endpoint.id} → ${endpoint.url}`);

    const { data: message, response } = await client.messages
      .create({ to: '+447911123456', sender: 'OneMSG', body: 'Your code is 4821', route: 'local_operator' })
      .withResponse();
    log(
      `sent        ${message.id}  ${message.encoding}, ${message.segments} segment(s), ` +
        `${message.price?.amount ?? '?'} ${message.price?.currency ?? ''}  (request ${response.requestId})`,
    );

    const final = await followStatus(client, message.id, log);
    await withDeadline(terminalEvent, 'the terminal webhook');
    log(`done        ${final.id} is ${final.status}; ${events.length} signed webhook(s) received and verified`);
    return { message: final, events };
  } finally {
    await receiver.close();
    await gateway.close();
  }
}

/** Polls the message and prints each new DLR event until it reaches a final status. */
async function followStatus(client: OneMessage, id: string, log: (line: string) => void): Promise<Message> {
  const started = Date.now();
  let printed = 0;
  for (;;) {
    const message = await client.messages.retrieve(id);
    for (const event of message.events.slice(printed)) {
      log(
        `status      ${event.status.padEnd(10)} at ${event.at}${event.operator_code ? `  (operator ${event.operator_code})` : ''}`,
      );
    }
    printed = message.events.length;
    if (TERMINAL.has(message.status)) return message;
    if (Date.now() - started > DEADLINE_MS)
      throw new Error(`message ${id} still ${message.status} after ${DEADLINE_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A webhook receiver on 127.0.0.1 that hands the raw body and signature header to `handle`. */
async function listen(handle: (payload: Buffer, signature: string | undefined) => Promise<void>) {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(Buffer.concat(chunks), req.headers['x-onemessage-signature'] as string | undefined).then(
        () => res.writeHead(204).end(),
        (error: unknown) => {
          console.error(`webhook rejected: ${error instanceof Error ? error.message : String(error)}`);
          res.writeHead(400).end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runDemo().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
