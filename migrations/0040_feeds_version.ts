import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { dialectOf } from '../src/db/dialect.js';

// Feed polls are answered from memory while nothing a feed shows has changed (src/calendar/feed-memo.ts).
// SQLite tells that for free (src/db/change-counter.ts); on PostgreSQL another instance may have written,
// so a counter every instance reads in one small query moves with every write to a table a feed reads
// (the tables of src/calendar/feeds-version.ts FEED_TABLES; test/feeds-version.test.ts checks that they
// are the same). SQLite gets the table too (the schemas stay alike) but needs no trigger.
//
// Unlike statistics_version (migration 0034), the counter is not raised by the statement itself: these
// tables are written by every meeting edit and reply, and a transaction that raised the counter row
// first and then waited for a row another transaction holds, which in turn waits for the counter, would
// deadlock (markMeetingChanged writes meetings, then groups). So a statement only notes its transaction
// in feeds_version_pending (its own row: no waiting), and a deferred constraint trigger on that row
// raises the counter once, at commit, after every other lock of the transaction is held. The new value
// is visible from the commit on, with the rows it guards: an instance that reads it before the data
// can only take its answer for older than it is, never for newer.
const TABLES = ['feed_tokens', 'users', 'persons', 'groups', 'memberships', 'meetings', 'rsvps', 'agenda_items', 'settings', 'programmes', 'programme_deadlines', 'projects', 'project_deadlines'] as const;

/** A poll's day of use (feed_tokens.last_used_on) is no change of any feed. */
const FEED_TOKEN_COLUMNS = ['id', 'user_id', 'scope', 'group_id', 'name', 'token_hash'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('feeds_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('feeds_version').values({ id: 1, version: 0 }).execute();
  if (dialectOf(db) !== 'postgres') return;
  // The values come from a sequence, which never hands out a number twice, not even after a rollback:
  // a version the memo has seen always means the same data (a test harness that rolls every test back
  // would otherwise see version 5 twice, once for each of two different changes).
  await sql`create sequence feeds_version_values`.execute(db);
  await sql`create table feeds_version_pending (txid bigint primary key)`.execute(db);
  await sql`create function note_feeds_change() returns trigger language plpgsql as $$
    begin
      insert into feeds_version_pending (txid) values (txid_current()) on conflict do nothing;
      return null;
    end
  $$`.execute(db);
  await sql`create function bump_feeds_version() returns trigger language plpgsql as $$
    begin
      update feeds_version set version = nextval('feeds_version_values') where id = 1;
      delete from feeds_version_pending where txid = new.txid;
      return null;
    end
  $$`.execute(db);
  await sql`create constraint trigger feeds_version_at_commit after insert on feeds_version_pending
    deferrable initially deferred for each row execute function bump_feeds_version()`.execute(db);
  for (const table of TABLES) {
    const events = table === 'feed_tokens' ? sql.raw(`insert or delete or truncate or update of ${FEED_TOKEN_COLUMNS.join(', ')}`) : sql.raw('insert or update or delete or truncate');
    await sql`create trigger ${sql.id(`${table}_feeds_version`)} after ${events} on ${sql.table(table)}
      for each statement execute function note_feeds_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const table of TABLES) await sql`drop trigger ${sql.id(`${table}_feeds_version`)} on ${sql.table(table)}`.execute(db);
    await sql`drop trigger feeds_version_at_commit on feeds_version_pending`.execute(db);
    await sql`drop function bump_feeds_version()`.execute(db);
    await sql`drop function note_feeds_change()`.execute(db);
    await sql`drop table feeds_version_pending`.execute(db);
    await sql`drop sequence feeds_version_values`.execute(db);
  }
  await db.schema.dropTable('feeds_version').execute();
}
