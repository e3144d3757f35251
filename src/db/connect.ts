import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Database } from './schema.js';
import { registerChangeCounter } from './change-counter.js';
import { cacheStatements } from './statement-cache.js';
import { RetryingKysely } from './retry.js';

/**
 * Transactions on SQLite start with BEGIN IMMEDIATE, which takes the write lock at once (waiting up to
 * the busy timeout). A plain BEGIN reads first and asks for the lock at its first write; when another
 * process wrote in between, SQLite cannot wait (the read snapshot is stale) and fails at once with
 * SQLITE_BUSY: two processes on one file (two servers, server and `npm run demo`) turned a read-then-
 * write transaction such as saving the minutes into a 500.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/**
 * openSqlite opens (and creates) the SQLite file with the settings the hub relies on:
 * WAL so readers never wait for the writer, foreign keys enforced, and a busy timeout so that two
 * processes on one file (server and `npm run demo`) wait for each other instead of failing.
 * synchronous = NORMAL keeps every commit through a crash of the process (SIGKILL included); only a
 * power cut or a kernel crash can lose the last commits, and neither corrupts the file.
 */
export function openSqlite(file: string): Kysely<Database> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  cacheStatements(database);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database }) });
  registerChangeCounter(db, database);
  return db;
}

const TIMESTAMPTZ_OID = 1184;
const DATE_OID = 1082;
const INT8_OID = 20;
const BOOL_OID = 16;

/**
 * Type parsers that make PostgreSQL answer like SQLite: instants as ISO strings, calendar days as
 * "YYYY-MM-DD" (never a Date at local midnight, which would shift a day), booleans as 0 | 1,
 * bigint counts as numbers (our ids and counts stay far below 2^53).
 */
export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ_OID) return (v: string) => new Date(v).toISOString();
    if (oid === DATE_OID) return (v: string) => v;
    if (oid === INT8_OID) return (v: string) => Number(v);
    if (oid === BOOL_OID) return (v: string) => (v === 't' ? 1 : 0);
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
};

/** How long a request waits for a PostgreSQL connection before it gets the 503 page. */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * openPostgres connects a pool; `schema` pins the search_path (tests give every file its own schema).
 * `statementTimeoutMs` (none when undefined) is sent with every connection as statement_timeout and
 * idle_in_transaction_session_timeout, see below.
 */
export function openPostgres(url: string, poolSize: number, schema?: string, statementTimeoutMs?: number): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: pgTypes as pg.CustomTypesConfig,
    // Without it a connection attempt to a host that swallows packets waits for the kernel (minutes),
    // and so does every request queued behind it: at start and whenever the pool needs a new client.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // A server that vanished without a word (no reset) from under an open connection is noticed by
    // TCP keepalive probes after 10 s of silence plus the kernel's probe interval (Linux: 9 × 75 s),
    // instead of never; idle pooled connections are closed after 10 s anyway (pg-pool's default).
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    // A database that does not finish a statement (a lock held elsewhere, an overloaded server) would
    // keep the request, and the pooled connection, waiting for ever: the server cancels it instead
    // (SQLSTATE 57014, the 503 page). The same time for a transaction left idle: an instance that lost
    // its network in the middle of one would otherwise hold its row locks until the server's TCP
    // keepalive notices (hours), and every other instance would wait for them. lock_timeout is not set:
    // the statement timeout already counts the wait for a lock.
    ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs, idle_in_transaction_session_timeout: statementTimeoutMs } : {}),
  });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.error(`Datenbankverbindung verloren: ${err.message}`));
  // Nor may a client that is checked out: pg-pool listens only on idle ones, and a client that emits
  // 'error' with nobody listening (the server went away between two queries of a transaction) takes the
  // whole process down. Its queries fail anyway, and the pool drops it when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new RetryingKysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

// Errors that mean "the database cannot be reached right now", as opposed to a mistake in a query:
// socket errors, PostgreSQL's connection-exception class 08 and shutdown/overload codes, a statement
// cancelled by the statement timeout (57014) or a session ended by the idle-in-transaction timeout
// (25P03), pg's own messages for a lost or timed-out connection, and SQLite's lock, disk and I/O errors;
// also a deadlock or serialization failure (40P01, 40001) that outlasted its retries (src/db/retry.ts).
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', '57P01', '57P02', '57P03', '53300', '57014', '25P03', '40P01', '40001']);
const UNREACHABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY)/;

/**
 * unavailableCause: the first error in the chain of causes that says the database is unreachable or
 * busy (not that a query is wrong); undefined when there is none.
 */
export function unavailableCause(err: unknown): unknown {
  for (let e = err, depth = 0; e && depth < 5; e = (e as Error).cause, depth++) {
    if (e instanceof AggregateError && e.errors.some((inner) => unavailableCause(inner) !== undefined)) return e;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || SQLITE_UNAVAILABLE.test(code))) return e;
    if (e instanceof Error && UNREACHABLE_MESSAGES.test(e.message)) return e;
  }
  return undefined;
}

/** isDatabaseUnavailable: whether an error says the database is unreachable or busy (see unavailableCause). */
export function isDatabaseUnavailable(err: unknown): boolean {
  return unavailableCause(err) !== undefined;
}

/** describeDatabaseError: one line for the log, also for errors without a message (AggregateError). */
export function describeDatabaseError(err: unknown): string {
  if (err instanceof AggregateError && !err.message) return err.errors.map((e) => describeDatabaseError(e)).join('; ');
  const e = err as { message?: string; code?: string };
  return (e.message || e.code || String(err)).split('\n')[0]!;
}

/** openDatabase opens the database the configuration names. */
export function openDatabase(config: Config['database']): Kysely<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url, config.poolSize, undefined, config.statementTimeoutSeconds * 1000) : openSqlite(config.file);
}
