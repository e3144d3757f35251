import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';

/**
 * A change counter tells in about 2 µs whether anything in the database may have changed since it was
 * last read, so that a process can answer from memory what it read before (the feeds' "has anything
 * changed?" poll, src/calendar/feed-memo.ts).
 *
 * SQLite gives it for free: total_changes() counts every row this connection inserted, updated or
 * deleted (trigger programs and rolled-back statements included, which only makes it more careful),
 * and PRAGMA data_version moves whenever another connection (a second process on the same file,
 * `npm run demo`, a restore) commits. The pair is read on the connection itself, without waiting for
 * Kysely's connection lock: an open transaction's first write moves it at once, before its commit.
 *
 * PostgreSQL has nothing as cheap that also sees the other app instances, so there is no counter here;
 * callers read the database each time, or a counter of their own that triggers raise (statistics_version,
 * feeds_version: migrations 0034 and 0040).
 */
const counters = new WeakMap<Kysely<any>, () => string>();

/** registerChangeCounter gives a Kysely instance on a better-sqlite3 connection its counter. */
export function registerChangeCounter(db: Kysely<any>, database: SQLite.Database): void {
  const statement = database.prepare('select total_changes() as local, (select data_version from pragma_data_version) as shared');
  counters.set(db, () => {
    const row = statement.get() as { local: number; shared: number };
    return `${row.local}/${row.shared}`;
  });
}

/**
 * databaseVersion: a value that differs from any earlier one as soon as the database may have changed;
 * null when the database has no counter (PostgreSQL). Read it before reading what it is to guard: a
 * change made in between then makes the kept result look older than it is, never newer.
 */
export function databaseVersion(db: Kysely<any>): string | null {
  return counters.get(db)?.() ?? null;
}
