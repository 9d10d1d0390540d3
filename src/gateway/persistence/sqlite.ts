/**
 * The SQLite backend of the durable gateway: Node's built-in `node:sqlite` (`DatabaseSync`),
 * Node ≥ 22.13. Loaded through `process.getBuiltinModule` only when the `data` option is set, so
 * the gateway entry has no `node:` import and still loads in workerd, Deno, Bun and browsers, and
 * `createGateway` stays synchronous.
 * @module
 */

import { GatewayOptionsError } from '../options.js';
import type { JournalBackend, JournalWrite, RecordKind } from './journal.js';

/** The Node version `node:sqlite` is available from without a flag. */
export const SQLITE_MIN_NODE = '22.13';

// The few members of node:sqlite used here: @types/node 20 does not describe the module.
interface Statement {
  run(...values: (string | number | null)[]): unknown;
  all(...values: (string | number | null)[]): Record<string, unknown>[];
  get(...values: (string | number | null)[]): Record<string, unknown> | undefined;
}
interface Database {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  close(): void;
}
type DatabaseConstructor = new (path: string) => Database;

interface RuntimeProcess {
  versions?: { node?: string; bun?: string; deno?: string };
  getBuiltinModule?: (id: string) => unknown;
}

/**
 * Why this runtime cannot open a data file, or `undefined` when it can: the refusal names the
 * Node version needed and the one running.
 */
export function sqliteUnavailable(runtime: RuntimeProcess | undefined): string | undefined {
  const versions = runtime?.versions;
  const node = versions?.node;
  const running =
    versions?.bun !== undefined
      ? `Bun ${versions.bun}`
      : versions?.deno !== undefined
        ? `Deno ${versions.deno}`
        : node !== undefined
          ? `Node ${node}`
          : 'a runtime without Node APIs';
  const needs =
    `needs the node:sqlite module, built into Node ≥ ${SQLITE_MIN_NODE}; this is ${running}. ` +
    'Run on a newer Node, or leave data out for an in-memory gateway.';
  if (node === undefined || versions?.bun !== undefined || versions?.deno !== undefined) return needs;
  const [major = 0, minor = 0] = node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 13) || (major === 23 && minor < 4)) return needs;
  if (typeof runtime?.getBuiltinModule !== 'function') return needs;
  return undefined;
}

/**
 * Opens (or creates) the SQLite file: WAL journal, `synchronous=NORMAL` (a commit survives the
 * process being killed; only a power cut or OS crash can lose the last commits), one
 * `records(kind, account, id, seq, json)` table.
 * @throws GatewayOptionsError `data` when the runtime has no node:sqlite or the file cannot be opened.
 */
export function openSqliteBackend(file: string): JournalBackend {
  const runtime = (globalThis as { process?: RuntimeProcess }).process;
  const refusal = sqliteUnavailable(runtime);
  if (refusal) throw new GatewayOptionsError('data', refusal);
  const sqlite = runtime!.getBuiltinModule!('node:sqlite') as { DatabaseSync?: DatabaseConstructor } | undefined;
  if (!sqlite?.DatabaseSync) throw new GatewayOptionsError('data', sqliteUnavailable(undefined)!);
  let db: Database;
  try {
    db = new sqlite.DatabaseSync(file);
    db.exec(SCHEMA);
  } catch (error) {
    throw new GatewayOptionsError('data', `could not open ${file}: ${error instanceof Error ? error.message : error}`);
  }
  return new SqliteBackend(db);
}

const SCHEMA = `
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = NORMAL;
  CREATE TABLE IF NOT EXISTS records (
    kind TEXT NOT NULL,
    account TEXT NOT NULL,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (kind, account, id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS records_by_seq ON records (kind, seq);
`;

class SqliteBackend implements JournalBackend {
  readonly #db: Database;
  readonly #upsert: Statement;
  readonly #delete: Statement;
  readonly #read: Statement;
  // First-insert order: kept on update, so a store reloads in the order it filled.
  #seq: number;

  constructor(db: Database) {
    this.#db = db;
    this.#upsert = db.prepare(
      'INSERT INTO records (kind, account, id, seq, json) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (kind, account, id) DO UPDATE SET json = excluded.json',
    );
    this.#delete = db.prepare('DELETE FROM records WHERE kind = ? AND account = ? AND id = ?');
    this.#read = db.prepare('SELECT account, id, json FROM records WHERE kind = ? ORDER BY seq');
    this.#seq = Number(db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM records').get()?.seq ?? 0);
  }

  write(writes: JournalWrite[]): void {
    this.#db.exec('BEGIN');
    try {
      for (const { kind, account, id, json } of writes) {
        if (json === null) this.#delete.run(kind, account, id);
        else this.#upsert.run(kind, account, id, ++this.#seq, json);
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  read(kind: RecordKind): { account: string; id: string; json: string }[] {
    return this.#read.all(kind) as { account: string; id: string; json: string }[];
  }

  close(): void {
    this.#db.close();
  }
}
