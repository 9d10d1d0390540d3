import { execFile } from 'node:child_process';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportTimeoutError } from '../../src/core/transport.js';
import { undiciTransport } from '../../src/internal/undici-transport.js';
import OneMessage, { APIConnectionTimeoutError, APIUserAbortError } from '../../src/index.node.js';

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

let server: Server;
let baseURL: string;
let connections = 0;
const received: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
/** When the server saw each stalled exchange's connection close (the client gave up on it). */
const closedAt = new Map<string, number>();

/** Answers that stall, so a deadline has something to cut: the path names the way it stalls. */
const stalls: Record<string, (res: ServerResponse) => void> = {
  // Headers never come.
  '/v1/slow': () => undefined,
  // Headers at once, then half the body, then nothing.
  '/v1/stall-body': (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"id":"msg_');
  },
  // A byte every 20 ms for 2 s: no single pause is long, the whole body is.
  '/v1/trickle': (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const ticker = setInterval(() => res.write(' '), 20);
    const end = setTimeout(() => res.end('{}'), 2_000);
    res.on('close', () => (clearInterval(ticker), clearTimeout(end)));
  },
  // Headers after 100 ms, the rest of the body 100 ms later: each phase is short, the two together are not.
  '/v1/headers-then-body': (res) => {
    const headers = setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
    }, 100);
    const end = setTimeout(() => res.end('{"id":"msg_late"}'), 200);
    res.on('close', () => (clearTimeout(headers), clearTimeout(end)));
  },
};

function handle(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    received.push({ method: req.method, url: req.url, headers: req.headers, body });
    const stall = stalls[req.url ?? ''];
    if (stall) {
      const started = performance.now();
      res.on('close', () => closedAt.set(req.url!, performance.now() - started));
      return stall(res);
    }
    res.writeHead(201, [
      ['content-type', 'application/json'],
      ['x-request-id', 'req_local'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    res.end(JSON.stringify({ id: 'msg_local', echo: body }));
  });
}

beforeAll(async () => {
  server = createServer(handle);
  server.on('connection', () => connections++);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

const post = (path: string, extra: Partial<Parameters<ReturnType<typeof undiciTransport>>[0]> = {}) => ({
  method: 'POST',
  url: `${baseURL}${path}`,
  headers: { 'content-type': 'application/json', 'x-test': 'yes' },
  body: '{"hello":"world"}',
  signal: undefined,
  timeout: 2000,
  ...extra,
});

describe('undiciTransport', () => {
  it('sends method, path, headers and body, and reads status, headers and text', async () => {
    const transport = undiciTransport();
    const response = await transport(post('/messages?x=1'));
    expect(response.status).toBe(201);
    expect(response.headers.get('X-Request-Id')).toBe('req_local');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.get('missing')).toBeNull();
    expect(JSON.parse(await response.text())).toEqual({ id: 'msg_local', echo: '{"hello":"world"}' });
    expect(received.at(-1)).toMatchObject({ method: 'POST', url: '/v1/messages?x=1', headers: { 'x-test': 'yes' } });
  });

  it('keeps the connection alive across requests', async () => {
    const transport = undiciTransport();
    const before = connections;
    for (let i = 0; i < 20; i++) await (await transport(post('/messages'))).text();
    // undici may open a second socket while the first finishes its response; never one per request.
    expect(connections - before).toBeLessThanOrEqual(2);
  });

  it('rejects with TransportTimeoutError when no answer comes in time', async () => {
    const started = performance.now();
    await expect(undiciTransport()(post('/slow', { timeout: 100 }))).rejects.toBeInstanceOf(TransportTimeoutError);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  describe('bounds the whole exchange by the timeout, precisely, and aborts the request', () => {
    /** Runs one exchange (headers, then the body) and returns how it ended and after how long. */
    async function exchange(
      path: string,
      timeout: number,
    ): Promise<{ error: unknown; elapsed: number; text?: string }> {
      const transport = undiciTransport();
      await (await transport(post('/messages'))).text(); // connect and load undici outside the measurement
      closedAt.delete(`/v1${path}`);
      const started = performance.now();
      try {
        const text = await (await transport(post(path, { timeout }))).text();
        return { error: undefined, elapsed: performance.now() - started, text };
      } catch (error) {
        return { error, elapsed: performance.now() - started };
      }
    }

    it.each([
      ['the headers never come', '/v1/slow'],
      ['the body stalls midway', '/v1/stall-body'],
      ['the body trickles in a byte at a time', '/v1/trickle'],
      ['headers and body are each quick but together late', '/v1/headers-then-body'],
    ])('fails after 150 ms when %s', async (_, path) => {
      const { error, elapsed } = await exchange(path.slice('/v1'.length), 150);

      expect(error).toBeInstanceOf(TransportTimeoutError);
      expect((error as Error).message).toBe('No answer within 150 ms');
      expect(elapsed).toBeGreaterThanOrEqual(145);
      expect(elapsed).toBeLessThan(600);
      // The server sees the connection go: the request was aborted, not left to run.
      await expect.poll(() => closedAt.get(path), { timeout: 2_000 }).toBeGreaterThanOrEqual(145);
      expect(closedAt.get(path)).toBeLessThan(1_000);
    });

    it('lets an exchange that finishes inside the timeout through', async () => {
      const { error, text } = await exchange('/headers-then-body', 1_000);
      expect(error).toBeUndefined();
      expect(text).toBe('{"id":"msg_late"}');
    });

    it('surfaces as APIConnectionTimeoutError once the retries are used up', async () => {
      const client = new OneMessage({ apiKey: 'ark_test_local', baseURL, timeout: 150, maxRetries: 1 });
      const before = received.filter((r) => r.url === '/v1/stall-body').length;
      const started = performance.now();

      const error = await client.get('/stall-body').then(
        () => undefined,
        (caught: unknown) => caught,
      );

      expect(error).toBeInstanceOf(APIConnectionTimeoutError);
      expect((error as Error).message).toContain('150 ms');
      expect((error as Error).cause).toBeInstanceOf(TransportTimeoutError);
      expect(received.filter((r) => r.url === '/v1/stall-body').length - before).toBe(2);
      // Two attempts of 150 ms plus one backoff of at most 500 ms.
      expect(performance.now() - started).toBeLessThan(1_500);
    });
  });

  it('applies a per-call timeout shorter than the one the pool was created with', async () => {
    const transport = undiciTransport();
    await (await transport(post('/messages', { timeout: 60_000 }))).text();
    await expect(transport(post('/slow', { timeout: 100 }))).rejects.toBeInstanceOf(TransportTimeoutError);
  });

  it('stops reading a stalled body when the signal aborts, and drops the request', async () => {
    const transport = undiciTransport();
    const controller = new AbortController();
    closedAt.delete('/v1/stall-body');
    const response = await transport(post('/stall-body', { signal: controller.signal, timeout: 60_000 }));
    const reason = new Error('caller gave up');
    setTimeout(() => controller.abort(reason), 30);
    await expect(response.text()).rejects.toBe(reason);
    await expect.poll(() => closedAt.has('/v1/stall-body'), { timeout: 2_000 }).toBe(true);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(undiciTransport()(post('/slow', { signal: controller.signal }))).rejects.toThrow();
  });
});

/** Runs `body` as an ES module in a fresh Node process (through tsx) and returns its last stdout line, parsed. */
async function inFreshProcess(body: string): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), 'onemessage-'));
  const script = join(dir, 'probe.mts');
  const entry = resolve(import.meta.dirname, '../../src/index.node.ts');
  const undici = resolve(import.meta.dirname, '../../node_modules/undici/index.js');
  await writeFile(
    script,
    `import OneMessage from ${JSON.stringify(entry)};
const slot = Symbol.for('undici.globalDispatcher.1');
const baseURL = ${JSON.stringify(baseURL)};
const client = new OneMessage({ apiKey: 'ark_test_local', baseURL });
const undiciPath = ${JSON.stringify(undici)};
${body}`,
  );
  try {
    const tsx = resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    const { stdout } = await promisify(execFile)(tsx, [script], { timeout: 15_000 });
    return JSON.parse(stdout.trim().split('\n').at(-1)!);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the Node client', () => {
  it('sends through its own pool; the global dispatcher is not undici 7 and global fetch still works', async () => {
    const client = new OneMessage({ apiKey: 'ark_test_local', baseURL });
    const { data, response } = await client.webhooks.retrieve('wh_1').withResponse();
    expect(response.requestId).toBe('req_local');
    expect(data).toMatchObject({ id: 'msg_local' });
    expect(received.at(-1)?.headers['user-agent']).toMatch(/^onemessage-node\/0\.1\.0 \(node 20\./);
    const { Agent } = await import('undici');
    expect((globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER]).not.toBeInstanceOf(Agent);
    const viaGlobalFetch = await fetch(`${baseURL}/anything`, { method: 'POST', body: 'x' });
    expect(viaGlobalFetch.status).toBe(201);
    expect(await viaGlobalFetch.json()).toMatchObject({ echo: 'x' });
  });

  it('turns an abort into APIUserAbortError', async () => {
    const client = new OneMessage({ apiKey: 'ark_test_local', baseURL });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(client.get('/slow', { options: { signal: controller.signal } })).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
  });

  it('after the user already used fetch, leaves the global dispatcher exactly as it was', async () => {
    const result = await inFreshProcess(`
await (await fetch(baseURL + '/first', { method: 'POST', body: 'a' })).text();
const before = globalThis[slot];
await client.webhooks.retrieve('wh_1');
const res = await fetch(baseURL + '/x', { method: 'POST', body: 'probe' });
console.log(JSON.stringify({ same: globalThis[slot] === before, status: res.status, echo: (await res.json()).echo }));`);
    expect(result).toEqual({ same: true, status: 201, echo: 'probe' });
  });

  it('in a fresh process, never installs undici 7 as the dispatcher of the global fetch', async () => {
    const result = await inFreshProcess(`
const before = globalThis[slot];
await client.webhooks.retrieve('wh_1');
const { Agent } = await import(undiciPath);
const isUndici7 = globalThis[slot] instanceof Agent;
const v2 = Symbol.for('undici.globalDispatcher.2') in globalThis;
const res = await fetch(baseURL + '/x', { method: 'POST', body: 'probe' });
console.log(JSON.stringify({ before: before === undefined, isUndici7, v2, status: res.status, echo: (await res.json()).echo }));`);
    expect(result).toEqual({ before: true, isUndici7: false, v2: false, status: 201, echo: 'probe' });
  });
});
