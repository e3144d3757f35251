import type { Kysely } from 'kysely';
import { columnTypes, idColumn, oneOf } from '../src/db/dialect.js';

// Date polls ("Terminumfrage", issue #16 section 4): an organiser proposes dates for a meeting not yet
// fixed, the group's members answer yes / if need be / no (from the page or a one-click mail link,
// whose secret is kept only as a hash, like a reply link), and one date becomes the meeting.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const id = idColumn(db);
  await db.schema
    .createTable('polls')
    .addColumn('id', 'integer', id)
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('location', 'varchar(300)')
    .addColumn('note', 'text')
    .addColumn('status', 'varchar(20)', (c) => c.notNull().check(oneOf('status', ['open', 'fixed', 'closed'])))
    .addColumn('fixed_meeting_id', 'integer', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('closed_at', t.instant)
    .execute();
  await db.schema.createIndex('polls_group_idx').on('polls').columns(['group_id', 'status']).execute();

  await db.schema
    .createTable('poll_options')
    .addColumn('id', 'integer', id)
    .addColumn('poll_id', 'integer', (c) => c.notNull().references('polls.id').onDelete('cascade'))
    .addColumn('starts_at', t.instant, (c) => c.notNull())
    .addColumn('ends_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('poll_options_poll_idx').on('poll_options').columns(['poll_id', 'starts_at']).execute();

  // One row per person asked: their one-click link (only the secret's hash is kept).
  await db.schema
    .createTable('poll_invitees')
    .addColumn('poll_id', 'integer', (c) => c.notNull().references('polls.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('link_id', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('link_secret_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('invited_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('poll_invitees_pk', ['poll_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('poll_answers')
    .addColumn('poll_id', 'integer', (c) => c.notNull().references('polls.id').onDelete('cascade'))
    .addColumn('option_id', 'integer', (c) => c.notNull().references('poll_options.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('answer', 'varchar(10)', (c) => c.notNull().check(oneOf('answer', ['yes', 'maybe', 'no'])))
    .addColumn('answered_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('poll_answers_pk', ['option_id', 'person_id'])
    .execute();
  await db.schema.createIndex('poll_answers_person_idx').on('poll_answers').columns(['person_id', 'poll_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['poll_answers', 'poll_invitees', 'poll_options', 'polls']) await db.schema.dropTable(table).execute();
}
