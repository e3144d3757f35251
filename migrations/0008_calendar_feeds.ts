import { sql, type Kysely } from 'kysely';
import { columnTypes, idColumn, oneOf } from '../src/db/dialect.js';

// Calendar subscription feeds: secret URLs (only the SHA-256 of the token is kept), and the two stamps
// that let a poll be answered with 304 without reading a single meeting (src/calendar/feed-validators.ts).

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('feed_tokens')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('scope', 'varchar(20)', (c) => c.notNull().check(oneOf('scope', ['person', 'group'])))
    .addColumn('group_id', 'integer', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('rotated_at', t.instant)
    // The day of the last poll (written at most once a day), so people see whether a calendar app uses it.
    .addColumn('last_used_on', t.day)
    .addCheckConstraint('feed_tokens_group_check', sql`(scope = 'group') = (group_id is not null)`)
    .execute();
  await db.schema.createIndex('feed_tokens_user_idx').on('feed_tokens').column('user_id').execute();

  // Last change to anything a group's calendar shows (its meetings and their agendas): a counter for the
  // ETag (two changes in one millisecond still differ) and a time for Last-Modified.
  for (const table of ['groups', 'persons']) {
    // persons: what only a person's own feed shows (their replies and memberships).
    await db.schema.alterTable(table).addColumn('calendar_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable(table).addColumn('calendar_stamp', t.instant).execute();
    await db.updateTable(table).set({ calendar_stamp: sql`updated_at` }).execute();
  }
  // When a meeting was cancelled: feeds keep it for 30 days from then, whatever is edited later.
  await db.schema.alterTable('meetings').addColumn('cancelled_at', t.instant).execute();
  await db.updateTable('meetings').set({ cancelled_at: sql`updated_at` }).where('status', '=', 'cancelled').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('feed_tokens').execute();
  await db.schema.alterTable('meetings').dropColumn('cancelled_at').execute();
  for (const table of ['persons', 'groups']) {
    await db.schema.alterTable(table).dropColumn('calendar_stamp').execute();
    await db.schema.alterTable(table).dropColumn('calendar_version').execute();
  }
}
