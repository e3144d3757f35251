import type { CompiledQuery, Kysely } from 'kysely';
import { databaseVersion } from '../db/change-counter.js';
import { dialectOf } from '../db/dialect.js';
import type { Database } from '../db/schema.js';

/**
 * The tables a calendar feed's answer is read from: its token, account and person, the groups and
 * memberships, the meetings with their replies and agendas, the site's settings (district, office) and,
 * in the public feed, the funding programmes' deadlines. On PostgreSQL every write to one of them raises
 * feeds_version at its commit (migration 0040; test/feeds-version.test.ts checks the triggers against
 * this list). A new source of events in a feed (a person's project deadlines) adds its tables here and
 * the same trigger in its migration:
 *   create trigger <table>_feeds_version after insert or update or delete or truncate on <table>
 *     for each statement execute function note_feeds_change()
 */
export const FEED_TABLES = ['feed_tokens', 'users', 'persons', 'groups', 'memberships', 'meetings', 'rsvps', 'agenda_items', 'settings', 'programmes', 'programme_deadlines', 'projects', 'project_deadlines'] as const;

const compiled = new WeakMap<Kysely<Database>, CompiledQuery<{ version: string | number }>>();

/**
 * feedsVersion: a value that differs from any earlier one once anything a feed shows may have changed,
 * on this instance or another; null when there is none to read (the table is missing). SQLite: its change
 * counter (any write at all, in microseconds, without a query). PostgreSQL: feeds_version, one row by
 * primary key, its query built once. Read it before what it guards (see feed-memo.ts).
 */
export async function feedsVersion(db: Kysely<Database>): Promise<string | null> {
  const local = databaseVersion(db);
  if (local !== null || dialectOf(db) !== 'postgres') return local;
  let query = compiled.get(db);
  if (!query) compiled.set(db, (query = db.selectFrom('feeds_version').select('version').where('id', '=', 1).compile()));
  const row = (await db.executeQuery(query)).rows[0];
  return row ? `pg:${row.version}` : null;
}
