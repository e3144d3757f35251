import { Kysely, PostgresAdapter, sql, type ColumnDataType, type ColumnDefinitionBuilder, type RawBuilder } from 'kysely';

/**
 * The few places where SQLite and PostgreSQL differ, each answered once.
 * Queries elsewhere are written in the common subset Kysely offers (RETURNING and ON CONFLICT
 * work on both); booleans and instants are normalised by the drivers (see ./connect.ts).
 */
export type DialectName = 'sqlite' | 'postgres';

/** dialectOf tells which database a Kysely instance talks to. */
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Column types for migrations. */
export function columnTypes(db: Kysely<any>): { instant: ColumnDataType; day: ColumnDataType; flag: ColumnDataType; blob: ColumnDataType } {
  return dialectOf(db) === 'postgres'
    ? { instant: 'timestamptz', day: 'date', flag: 'boolean', blob: 'bytea' }
    : { instant: 'text', day: 'text', flag: 'integer', blob: 'blob' };
}

/** idColumn: INTEGER PRIMARY KEY AUTOINCREMENT on SQLite, an identity column on PostgreSQL. */
export function idColumn(db: Kysely<any>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return dialectOf(db) === 'postgres' ? (c) => c.primaryKey().generatedByDefaultAsIdentity() : (c) => c.primaryKey().autoIncrement();
}

/** oneOf is a CHECK constraint that keeps a text column within its allowed values. */
export function oneOf(column: string, values: readonly string[]): RawBuilder<unknown> {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

/** flagDefault is the literal for a Flag in DDL defaults (booleans in PostgreSQL, 0/1 in SQLite). */
export function flagDefault(db: Kysely<any>, value: boolean): RawBuilder<unknown> {
  if (dialectOf(db) === 'postgres') return value ? sql`true` : sql`false`;
  return value ? sql`1` : sql`0`;
}

/** toFlag turns a boolean into the stored 0 | 1. */
export function toFlag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

/**
 * lockKey serialises transactions that check-then-insert on the same key (say, one person's membership
 * of one group): a transaction-scoped advisory lock on PostgreSQL. SQLite needs none: it runs one
 * writing transaction at a time.
 */
export async function lockKey(trx: Kysely<any>, key: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}

/** isUniqueViolation: the error a unique index raises, on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
