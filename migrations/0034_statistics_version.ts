import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { dialectOf } from '../src/db/dialect.js';

// The Datensammlung's figures are kept in memory while nothing behind them changed (issue #18: the
// statistics page renders in under 20 ms). SQLite tells that for free (src/db/change-counter.ts);
// PostgreSQL does not, and another instance may have written. So on PostgreSQL a statement trigger on
// every table figureTable() reads raises one counter in the writer's own transaction: any writer, an
// import, the demo or a hand-written SQL statement, moves it, and every instance reads it in one tiny
// query. SQLite gets the table too (the schemas stay alike) but needs no trigger.
const TABLES = ['statistic_values', 'statistic_indicators', 'cities'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('statistics_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('statistics_version').values({ id: 1, version: 0 }).execute();
  if (dialectOf(db) !== 'postgres') return;
  await sql`create function bump_statistics_version() returns trigger language plpgsql as $$
    begin
      update statistics_version set version = version + 1 where id = 1;
      return null;
    end
  $$`.execute(db);
  for (const table of TABLES) {
    await sql`create trigger ${sql.id(`${table}_statistics_version`)} after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function bump_statistics_version()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const table of TABLES) await sql`drop trigger ${sql.id(`${table}_statistics_version`)} on ${sql.table(table)}`.execute(db);
    await sql`drop function bump_statistics_version()`.execute(db);
  }
  await db.schema.dropTable('statistics_version').execute();
}
