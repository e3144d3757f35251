import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Database } from './schema.js';

/**
 * openSqlite opens (and creates) the SQLite file with the settings the hub relies on:
 * WAL so readers never wait for the writer, foreign keys enforced, and a busy timeout so that two
 * processes on one file (server and `npm run demo`) wait for each other instead of failing.
 */
export function openSqlite(file: string): Kysely<Database> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
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
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ_OID) return (v: string) => new Date(v).toISOString();
    if (oid === DATE_OID) return (v: string) => v;
    if (oid === INT8_OID) return (v: string) => Number(v);
    if (oid === BOOL_OID) return (v: string) => (v === 't' ? 1 : 0);
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
};

/** openPostgres connects a pool; `schema` pins the search_path (tests give every file its own schema). */
export function openPostgres(url: string, poolSize: number, schema?: string): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: pgTypes as pg.CustomTypesConfig,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.error(`Datenbankverbindung verloren: ${err.message}`));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** openDatabase opens the database the configuration names. */
export function openDatabase(config: Config['database']): Kysely<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url, config.poolSize) : openSqlite(config.file);
}
