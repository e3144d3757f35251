import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openPostgres, openSqlite } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';

export interface TestDatabase {
  /** Opens another connection (pool) to the same database, as a second app instance would. */
  openAnother(): Kysely<Database>;
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  destroy(): Promise<void>;
}

/**
 * migrateInSchema migrates a PostgreSQL connection whose search_path is a schema of its own. Kysely's
 * migrator looks for its two tables in every schema it may use and creates them only when it finds
 * them nowhere: another test file's schema (or a benchmark's) on the same database would make it skip
 * them here and then fail ("kysely_migration_lock does not exist"). Made here first, they are found.
 */
export async function migrateInSchema(db: Kysely<Database>): Promise<void> {
  await sql`create table kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)`.execute(db);
  await sql`create table kysely_migration_lock (id varchar(255) primary key, is_locked integer not null default 0)`.execute(db);
  await migrateToLatest(db);
}

/**
 * createTestDatabase gives a test file its own migrated database: a schema of its own on the
 * PostgreSQL server named by TEST_DATABASE_URL, else SQLite (in memory, or a temporary file when a
 * test needs a second connection to it).
 */
export async function createTestDatabase(opts: { shareable?: boolean } = {}): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  const opened: Kysely<Database>[] = [];
  if (url) {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const admin = openPostgres(url, 1);
    await sql`create schema ${sql.id(schema)}`.execute(admin);
    const open = () => {
      const db = openPostgres(url, 4, schema);
      opened.push(db);
      return db;
    };
    const db = open();
    try {
      await migrateInSchema(db);
    } catch (err) {
      await db.destroy();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
      throw err;
    }
    return {
      db,
      dialect: 'postgres',
      openAnother: open,
      async destroy() {
        await Promise.all(opened.map((d) => d.destroy()));
        await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
        await admin.destroy();
      },
    };
  }
  const file = opts.shareable ? path.join(os.tmpdir(), `hub-test-${randomBytes(6).toString('hex')}.sqlite`) : ':memory:';
  const open = () => {
    const db = openSqlite(file);
    opened.push(db);
    return db;
  };
  const db = open();
  await migrateToLatest(db);
  return {
    db,
    dialect: 'sqlite',
    openAnother: () => {
      if (file === ':memory:') throw new Error('createTestDatabase({ shareable: true }) is needed for a second connection');
      return open();
    },
    async destroy() {
      await Promise.all(opened.map((d) => d.destroy()));
    },
  };
}
