import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver } from 'kysely';
import pg from 'pg';
import { createApp } from '../../src/app.js';
import { createSession } from '../../src/auth/sessions.js';
import { openPostgres, pgTypes } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';
import { migrateInSchema } from '../helpers/db.js';
import { ORIGIN, TestClock, testConfig } from '../helpers/app.js';

/**
 * A test database on which every request (or a few requests together) runs inside an outer
 * transaction that is rolled back afterwards: the security tests send hundreds of requests that may
 * change things (an admin archiving the group, an organiser deleting the document) and every one of
 * them must meet the same fixture. The app's own transactions become savepoints inside the outer one,
 * so they still commit or roll back as units.
 *
 * Caveat: in-memory caches keyed by database counters (the rendered-feed cache) may keep something
 * seen inside a rolled-back scope; the tests therefore read feeds only on the pristine fixture.
 */
export interface RollbackDb {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** isolated runs fn inside a transaction that is rolled back whatever happens. */
  isolated<T>(fn: () => Promise<T>): Promise<T>;
  /** writeCount: rows written on the connection so far (rolled-back ones too); equal counts mean no write. */
  writeCount(): Promise<number>;
  destroy(): Promise<void>;
}

const begin = /^\s*(begin|start transaction)\b/i;

/** On SQLite the app's BEGIN/COMMIT/ROLLBACK become a savepoint (outside the outer transaction it commits). */
class SavepointSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('savepoint app_tx'));
  }
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('release savepoint app_tx'));
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback to savepoint app_tx'));
    await connection.executeQuery(CompiledQuery.raw('release savepoint app_tx'));
  }
}

class SavepointSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SQLite.Database) {
    super({ database });
  }
  override createDriver(): Driver {
    return new SavepointSqliteDriver({ database: this.database });
  }
}

async function sqliteRollbackDb(): Promise<RollbackDb> {
  const database = new SQLite(':memory:');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SavepointSqliteDialect(database) });
  await migrateToLatest(db);
  return {
    db,
    dialect: 'sqlite',
    async isolated(fn) {
      if (database.inTransaction) throw new Error('isolated scopes cannot overlap (is a timed-out test still running?)');
      database.exec('begin');
      try {
        return await fn();
      } finally {
        database.exec('rollback');
      }
    },
    writeCount: async () => (database.prepare('select total_changes() as n').get() as { n: number }).n,
    destroy: () => db.destroy(),
  };
}

/**
 * On PostgreSQL all queries share one client. Inside the outer transaction the app's BEGIN/COMMIT/
 * ROLLBACK become a savepoint, and every statement outside an app transaction gets a savepoint of its
 * own: in autocommit mode a failing statement (a unique violation the app catches) would not abort the
 * rest, and neither may it here.
 */
async function postgresRollbackDb(url: string): Promise<RollbackDb> {
  const schema = `sec_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(url, 1);
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  const client = new pg.Client({ connectionString: url, types: pgTypes as pg.CustomTypesConfig, options: `-c search_path=${schema}` });
  await client.connect();
  let outer = false;
  let depth = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const raw = (text: string) => client.query(text);
  const wrapped = {
    query(text: string | { text: string }, values?: unknown[]) {
      if (typeof text !== 'string') return client.query(text as never);
      return serial(async () => {
        if (!outer) return client.query(text, values);
        if (begin.test(text)) {
          depth += 1;
          return raw('savepoint app_tx');
        }
        if (/^\s*commit\b/i.test(text)) {
          depth -= 1;
          return raw('release savepoint app_tx');
        }
        if (/^\s*rollback\b/i.test(text)) {
          depth -= 1;
          await raw('rollback to savepoint app_tx');
          return raw('release savepoint app_tx');
        }
        if (depth > 0) return client.query(text, values);
        await raw('savepoint app_stmt');
        try {
          const result = await client.query(text, values);
          await raw('release savepoint app_stmt');
          return result;
        } catch (err) {
          await raw('rollback to savepoint app_stmt');
          await raw('release savepoint app_stmt');
          throw err;
        }
      });
    },
    release() {},
  };
  const pool = { connect: async () => wrapped, end: async () => undefined };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as never }) });
  await migrateInSchema(db);
  return {
    db,
    dialect: 'postgres',
    async isolated(fn) {
      if (outer) throw new Error('isolated scopes cannot overlap (is a timed-out test still running?)');
      await serial(() => raw('begin'));
      // The shared feeds counter is raised by a trigger deferred to the commit (migration 0040), and this
      // transaction never commits: here it is raised at the end of each statement instead.
      await serial(() => raw('set constraints all immediate'));
      outer = true;
      depth = 0;
      try {
        return await fn();
      } finally {
        outer = false;
        await serial(() => raw('rollback'));
      }
    },
    // Counts the current transaction's writes only, which is all the tests compare.
    writeCount: async () =>
      Number((await serial(() => client.query('select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) as n from pg_stat_xact_user_tables'))).rows[0].n),
    async destroy() {
      await db.destroy();
      await client.end();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    },
  };
}

/** createRollbackDb: PostgreSQL when TEST_DATABASE_URL is set (like test/helpers/db.ts), else SQLite in memory. */
export function createRollbackDb(): Promise<RollbackDb> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? postgresRollbackDb(url) : sqliteRollbackDb();
}

/**
 * Bookkeeping that requests may change without it being a change of anything the visitor asked for:
 * sessions (renewed; a deactivated account's session is deleted when it shows up), throttle counters,
 * and the day a feed URL was last polled.
 */
// feeds_version only tells the instances' feed caches that something may have changed (migration 0040):
// its statement triggers also fire for a refused UPDATE that matched no row, which changes no data.
const IGNORED: Record<string, true | string[]> = { sessions: true, throttle: true, feed_tokens: ['last_used_on'], feeds_version: true };

export type Fingerprint = Map<string, string>;

/** listTables: the app's tables (not the migrator's), read from the database so that new ones count too. */
export async function listTables(db: Kysely<Database>, dialect: RollbackDb['dialect']): Promise<string[]> {
  const rows =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  return rows.rows
    .map((r) => r.name)
    .filter((n) => !n.startsWith('kysely_') && IGNORED[n] !== true)
    .sort();
}

function stable(row: Record<string, unknown>, drop: string[]): string {
  return JSON.stringify(
    Object.keys(row)
      .filter((k) => !drop.includes(k))
      .sort()
      .map((k) => {
        const v = row[k];
        return [k, v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v instanceof Date ? v.toISOString() : v];
      }),
  );
}

/** fingerprint: every table's rows (sorted), so that two fingerprints are equal exactly when nothing changed. */
export async function fingerprint(db: Kysely<Database>, tables: string[]): Promise<Fingerprint> {
  const result: Fingerprint = new Map();
  for (const table of tables) {
    const drop = Array.isArray(IGNORED[table]) ? (IGNORED[table] as string[]) : [];
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    result.set(table, rows.rows.map((r) => stable(r, drop)).sort().join('\n'));
  }
  return result;
}

/** changedTables: the tables whose content differs between two fingerprints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((t) => before.get(t) !== after.get(t));
}

export interface Visitor {
  cookie?: string;
}

/** A security test's app on a rollback database, with a clock and request helpers. */
export interface SecurityHarness {
  app: ReturnType<typeof createApp>;
  rdb: RollbackDb;
  db: Kysely<Database>;
  clock: TestClock;
  tables: string[];
  /** The fingerprint of the fixture as built (taken by snapshot()). */
  pristine: Fingerprint;
  snapshot(): Promise<void>;
  /** changes: the tables changed since the fixture was built; with `since` (a writeCount) cheaper when nothing was written. */
  changes(since?: number): Promise<string[]>;
  /** fingerprintNow: the database's fingerprint at this moment (a baseline inside a scope). */
  fingerprintNow(): Promise<Fingerprint>;
  /** diff: the tables changed since `before` (default: the fixture) and their content now. */
  diff(before?: Fingerprint, since?: number): Promise<{ tables: string[]; content: string }>;
  sessionCookie(userId: number): Promise<string>;
  /** request: a request as a browser on this site sends it (Origin, a url-encoded form for non-GETs); headers override, '' drops one. */
  request(method: string, path: string, opts?: { cookie?: string; form?: Record<string, string | string[]>; headers?: Record<string, string>; body?: BodyInit }): Promise<Response>;
  close(): Promise<void>;
}

export async function createSecurityHarness(env: Record<string, string> = {}): Promise<SecurityHarness> {
  const rdb = await createRollbackDb();
  const clock = new TestClock();
  const app = createApp({ db: rdb.db, config: testConfig(env), now: clock.now });
  const h: SecurityHarness = {
    app,
    rdb,
    db: rdb.db,
    clock,
    tables: [],
    pristine: new Map(),
    async snapshot() {
      h.tables = await listTables(rdb.db, rdb.dialect);
      h.pristine = await fingerprint(rdb.db, h.tables);
    },
    async changes(since) {
      if (since !== undefined && (await rdb.writeCount()) === since) return [];
      return changedTables(h.pristine, await fingerprint(rdb.db, h.tables));
    },
    fingerprintNow: () => fingerprint(rdb.db, h.tables),
    async diff(before = h.pristine, since) {
      if (since !== undefined && (await rdb.writeCount()) === since) return { tables: [], content: '' };
      const after = await fingerprint(rdb.db, h.tables);
      const tables = changedTables(before, after);
      return { tables, content: tables.map((t) => after.get(t) ?? '').join('\n') };
    },
    async sessionCookie(userId) {
      return `hub_session=${await createSession(rdb.db, userId, clock.now())}`;
    },
    request(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.cookie ? { cookie: opts.cookie } : {}) };
      let body = opts.body;
      if (method !== 'GET' && method !== 'HEAD') {
        headers.Origin = ORIGIN;
        if (body === undefined) {
          const form = new URLSearchParams();
          for (const [k, v] of Object.entries(opts.form ?? {})) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
          body = form.toString();
          headers['Content-Type'] = 'application/x-www-form-urlencoded';
        }
      }
      // A header given as '' is left out (a request without Origin, say).
      const all = Object.fromEntries(Object.entries({ ...headers, ...opts.headers }).filter(([, v]) => v !== ''));
      return Promise.resolve(app.request(path, { method, body, headers: all }));
    },
    close: () => rdb.destroy(),
  };
  return h;
}
