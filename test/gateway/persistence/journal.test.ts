import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGateway, GatewayOptionsError } from '../../../src/gateway/index.js';
import { IdempotencyStore } from '../../../src/gateway/idempotency.js';
import { MessageStore } from '../../../src/gateway/messages/store.js';
import { OtpStore, type OtpRecord } from '../../../src/gateway/otp/store.js';
import {
  WriteThroughJournal,
  type JournalBackend,
  type JournalWrite,
  type RecordKind,
} from '../../../src/gateway/persistence/journal.js';
import { sqliteUnavailable } from '../../../src/gateway/persistence/sqlite.js';
import { describeOptionsError, parseCli } from '../../../src/cli/gateway.js';
import type { Message } from '../../../src/schemas/message.js';

// The SQLite file's stand-in: each write() is one transaction.
function memoryBackend() {
  const transactions: JournalWrite[][] = [];
  const rows = new Map<string, { kind: RecordKind; account: string; id: string; json: string }>();
  const backend: JournalBackend = {
    write(writes) {
      transactions.push(writes);
      for (const write of writes) {
        const key = `${write.kind}/${write.account}/${write.id}`;
        if (write.json === null) rows.delete(key);
        else rows.set(key, { kind: write.kind, account: write.account, id: write.id, json: write.json });
      }
    },
    read: (kind) => [...rows.values()].filter((row) => row.kind === kind),
    close: () => undefined,
  };
  return { backend, transactions, rows };
}

const account = { id: 'acct_000001', apiKey: 'ark_test_x', currency: 'EUR' };

function message(id: string, status: Message['status'] = 'delivered'): Message {
  return { id, status, created_at: '2026-03-01T12:00:00.000Z', events: [] } as unknown as Message;
}

describe('WriteThroughJournal', () => {
  it('writes the changes of one tick in one transaction, each record once, as it is at flush time', async () => {
    const { backend, transactions } = memoryBackend();
    const journal = new WriteThroughJournal(backend);
    const record = { status: 'queued' };
    journal.put('message', 'a', 'm1', () => ({ ...record }));
    journal.put('balance', 'a', 'a', () => ({ units: 1 }));
    record.status = 'sent';
    journal.put('message', 'a', 'm1', () => ({ ...record }));
    expect(transactions).toHaveLength(0);
    await Promise.resolve();
    expect(transactions).toHaveLength(1);
    expect(transactions[0]!.map((write) => [write.kind, write.json])).toEqual([
      ['balance', '{"units":1}'],
      ['message', '{"status":"sent"}'],
    ]);
  });

  it('flushes before an answer built after an await in the same request', async () => {
    const { backend, transactions } = memoryBackend();
    const journal = new WriteThroughJournal(backend);
    const answer = (async () => {
      journal.put('idempotency', 'a', 'k', () => ({ state: 'done' }));
      await Promise.resolve();
      return transactions.length;
    })();
    expect(await answer).toBe(1);
  });

  it('holds a keyed request: its effects and its key are one commit, answers and new requests wait for it', async () => {
    const { backend, transactions } = memoryBackend();
    const journal = new WriteThroughJournal(backend);
    const release = journal.hold();
    journal.put('message', 'a', 'm1', () => ({ id: 'm1' }));
    await Promise.resolve();
    expect(transactions).toHaveLength(0);
    const answered = journal.committed().then(() => transactions.length);
    let admitted = false;
    const next = journal.admit().then(() => (admitted = true));
    await Promise.resolve();
    expect(admitted).toBe(false);
    journal.put('idempotency', 'a', 'k', () => ({ state: 'done' }));
    release();
    release();
    expect(await answered).toBe(1);
    await next;
    expect(transactions[0]!.map((write) => write.id)).toEqual(['m1', 'k']);
  });

  it('keeps deletes while restoring, but not the records being loaded', async () => {
    const { backend, transactions } = memoryBackend();
    const journal = new WriteThroughJournal(backend);
    journal.restoring(() => {
      journal.put('message', 'a', 'loaded', () => ({}));
      journal.delete('message', 'a', 'evicted');
    });
    await Promise.resolve();
    expect(transactions.flat().map((write) => [write.id, write.json])).toEqual([['evicted', null]]);
  });

  it('ignores changes after close, and refuses a damaged row naming it', () => {
    const { backend, rows, transactions } = memoryBackend();
    const journal = new WriteThroughJournal(backend);
    rows.set('x', { kind: 'otp', account: 'a', id: 'otp_1', json: '{nope' });
    expect(() => journal.load('otp')).toThrow(/otp record a\/otp_1 is not valid JSON/);
    journal.close();
    journal.put('otp', 'a', 'otp_2', () => ({}));
    journal.flush();
    expect(transactions).toHaveLength(0);
  });
});

describe('stores report to the journal', () => {
  it('messages: insert and status changes are written; eviction deletes the row', async () => {
    const { backend, rows } = memoryBackend();
    const journal = new WriteThroughJournal(backend);
    const store = new MessageStore({ maxMessagesPerAccount: 2, journal });
    for (const id of ['m1', 'm2', 'm3'])
      store.insert(account, message(id), { expiresAt: 0, callbackUrl: null, priceUnits: 79 });
    await Promise.resolve();
    const ids = [...rows.values()].map((row) => row.id);
    expect(ids).not.toContain('m1');
    expect(ids).toContain('m3');
    expect(JSON.parse(rows.get('message/acct_000001/m3')!.json)).toMatchObject({
      priceUnits: 79,
      message: { id: 'm3' },
    });
    expect(rows.get('message/acct_000001/m3')!.json).not.toContain('timers');
  });

  it('idempotency: only finished keys are written, so a key in flight at a crash is absent', async () => {
    const { backend, rows } = memoryBackend();
    const journal = new WriteThroughJournal(backend);
    const store = new IdempotencyStore({ journal });
    await store.begin(account, 'k1', Promise.resolve('POST /v1/messages'), 0);
    await store.begin(account, 'k2', Promise.resolve('POST /v1/messages'), 0);
    await Promise.resolve();
    expect(rows.size).toBe(0);
    await store.finish(account, 'k1', 'req_1', new Response('{"id":"msg_1"}', { status: 201 }));
    await Promise.resolve();
    // k2 is still held: nothing is written until it settles too (a 503 forgets it).
    expect(rows.size).toBe(0);
    await store.finish(account, 'k2', 'req_2', new Response('{}', { status: 503 }));
    expect([...rows.keys()]).toEqual(['idempotency/acct_000001/k1']);
    expect(JSON.parse(rows.get('idempotency/acct_000001/k1')!.json).response).toMatchObject({
      requestId: 'req_1',
      status: 201,
      body: '{"id":"msg_1"}',
    });
  });

  it('OTPs: the hash is written, never the plain code', async () => {
    const { backend, rows } = memoryBackend();
    const store = new OtpStore(new WriteThroughJournal(backend));
    const record = {
      otp: { id: 'otp_1', to: '+447911123456', status: 'pending' },
      salt: 'salt',
      hash: 'hash',
      plainCode: '482913',
      alphanumeric: false,
      attempts: 0,
      maxAttempts: 3,
      expiresAt: 1,
      cacheUntil: 1,
      forget: undefined,
    } as unknown as OtpRecord;
    store.insert(account, record);
    await Promise.resolve();
    const json = rows.get('otp/acct_000001/otp_1')!.json;
    expect(json).toContain('"hash":"hash"');
    expect(json).not.toContain('482913');
  });
});

describe('where node:sqlite is missing', () => {
  it('refuses Node 20, Node 22.12, Bun and Deno, naming the version needed and the one running', () => {
    const get = () => undefined;
    expect(sqliteUnavailable({ versions: { node: '20.20.2' }, getBuiltinModule: get })).toMatch(
      /node:sqlite module, built into Node ≥ 22\.13; this is Node 20\.20\.2/,
    );
    expect(sqliteUnavailable({ versions: { node: '22.12.0' }, getBuiltinModule: get })).toMatch(/Node 22\.12\.0/);
    expect(sqliteUnavailable({ versions: { node: '1.3.0', bun: '1.3.0' } })).toMatch(/this is Bun 1\.3\.0/);
    expect(sqliteUnavailable({ versions: { node: '22.0.0', deno: '2.9.6' } })).toMatch(/this is Deno 2\.9\.6/);
    expect(sqliteUnavailable(undefined)).toMatch(/a runtime without Node APIs/);
    expect(sqliteUnavailable({ versions: { node: '22.13.0' }, getBuiltinModule: get })).toBeUndefined();
    expect(sqliteUnavailable({ versions: { node: '24.1.0' }, getBuiltinModule: get })).toBeUndefined();
  });

  afterEach(() => vi.unstubAllGlobals());

  it('createGateway({ data }) on Node 20 throws a GatewayOptionsError for data instead of crashing', () => {
    // Node 20 whatever runs the tests: the refusal must not depend on the machine's version.
    vi.stubGlobal('process', { ...process, versions: { ...process.versions, node: '20.20.2' } });
    let thrown: unknown;
    try {
      createGateway({ data: '/tmp/never-created.db' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayOptionsError);
    expect((thrown as GatewayOptionsError).option).toBe('data');
    expect(describeOptionsError(thrown as GatewayOptionsError)).toMatch(/^--data needs the node:sqlite module/);
  });

  it('refuses a data value that is not a file path', () => {
    expect(() => createGateway({ data: '' })).toThrow(GatewayOptionsError);
    expect(() => createGateway({ data: ':memory:' })).toThrow(/must be the path of a file/);
  });

  it('--data sets the option', () => {
    expect(parseCli(['--data', 'gateway.db'])).toMatchObject({ options: { data: 'gateway.db' } });
  });
});
