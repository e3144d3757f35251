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
    .addCheckConstraint('feed_tokens_scope_check', sql`(scope = 'group') = (group_id is not null)`)
    .execute();
  await db.schema.createIndex('feed_tokens_user_idx').on('feed_tokens').column('user_id').execute();

  // Last change to anything a group's calendar shows (its meetings and their agendas).
  await db.schema.alterTable('groups').addColumn('calendar_stamp', t.instant).execute();
  await db.updateTable('groups').set({ calendar_stamp: sql`updated_at` }).execute();
  // Last change to what only a person's own feed shows (their replies).
  await db.schema.alterTable('persons').addColumn('calendar_stamp', t.instant).execute();
  await db.updateTable('persons').set({ calendar_stamp: sql`updated_at` }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('feed_tokens').execute();
  await db.schema.alterTable('persons').dropColumn('calendar_stamp').execute();
  await db.schema.alterTable('groups').dropColumn('calendar_stamp').execute();
}
