import type { Kysely } from 'kysely';
import { databaseVersion } from '../db/change-counter.js';
import { dialectOf } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { figureTable, type FigureTable } from './figures.js';

/**
 * The figures, kept per database while nothing behind them changed: reading 10 cities × 20 years × 20
 * indicators again for every visitor would cost more than a whole page may take (issue #18: under
 * 20 ms). SQLite's change counter says so in microseconds (src/db/change-counter.ts); on PostgreSQL a
 * trigger raises statistics_version with every write to the tables figureTable() reads (migration
 * 0034), so any instance sees another's change at its next request, for one small query.
 * The version is read before the figures: a change in between makes the kept table look older than it
 * is (read again next time), never newer.
 */
const kept = new WeakMap<Kysely<Database>, { version: string; table: Promise<FigureTable> }>();

async function figuresVersion(db: Kysely<Database>): Promise<string | null> {
  const local = databaseVersion(db);
  if (local !== null || dialectOf(db) !== 'postgres') return local;
  const row = await db.selectFrom('statistics_version').select('version').where('id', '=', 1).executeTakeFirst();
  return row ? `pg:${row.version}` : null;
}

export async function cachedFigureTable(db: Kysely<Database>): Promise<FigureTable> {
  const version = await figuresVersion(db);
  if (version === null) return figureTable(db);
  const hit = kept.get(db);
  if (hit && hit.version === version) return hit.table;
  const table = figureTable(db);
  kept.set(db, { version, table });
  // A failed read is not kept.
  table.catch(() => kept.delete(db));
  return table;
}
