import type { Kysely } from 'kysely';
import { columnTypes, idColumn, oneOf } from '../src/db/dialect.js';

// Minutes ("Protokoll") of a meeting, structured by its agenda: notes per TOP, decisions and action
// items; a version counter for optimistic locking, and a snapshot of every circulated or approved version.

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const id = idColumn(db);

  await db.schema
    .createTable('minutes')
    .addColumn('id', 'integer', id)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().unique().references('meetings.id').onDelete('cascade'))
    .addColumn('status', 'varchar(20)', (c) => c.notNull().check(oneOf('status', ['draft', 'circulated', 'approved'])))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('minute_taker', 'varchar(200)')
    .addColumn('circulated_at', t.instant)
    .addColumn('approved_at', t.instant)
    .addColumn('approved_in_meeting_id', 'integer', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('minute_notes')
    .addColumn('minutes_id', 'integer', (c) => c.notNull().references('minutes.id').onDelete('cascade'))
    .addColumn('agenda_item_id', 'integer', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('minute_notes_pk', ['minutes_id', 'agenda_item_id'])
    .execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'integer', id)
    .addColumn('minutes_id', 'integer', (c) => c.notNull().references('minutes.id').onDelete('cascade'))
    .addColumn('agenda_item_id', 'integer', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('votes_yes', 'integer')
    .addColumn('votes_no', 'integer')
    .addColumn('votes_abstain', 'integer')
    .execute();
  await db.schema.createIndex('decisions_minutes_idx').on('decisions').columns(['minutes_id', 'agenda_item_id', 'position']).execute();

  await db.schema
    .createTable('action_items')
    .addColumn('id', 'integer', id)
    .addColumn('minutes_id', 'integer', (c) => c.notNull().references('minutes.id').onDelete('cascade'))
    .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id').onDelete('set null'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('responsible_person_id', 'integer', (c) => c.references('persons.id').onDelete('set null'))
    .addColumn('responsible_organisation', 'varchar(300)')
    .addColumn('due_on', t.day)
    .addColumn('status', 'varchar(20)', (c) => c.notNull().check(oneOf('status', ['open', 'done'])))
    .addColumn('done_note', 'text')
    .addColumn('done_at', t.instant)
    .addColumn('done_by_user_id', 'integer')
    .addColumn('reminded_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_items_group_idx').on('action_items').columns(['group_id', 'status', 'due_on']).execute();
  await db.schema.createIndex('action_items_person_idx').on('action_items').columns(['responsible_person_id', 'status']).execute();
  await db.schema.createIndex('action_items_minutes_idx').on('action_items').column('minutes_id').execute();

  await db.schema
    .createTable('minutes_versions')
    .addColumn('id', 'integer', id)
    .addColumn('minutes_id', 'integer', (c) => c.notNull().references('minutes.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by_user_id', 'integer')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('minutes_versions_idx').on('minutes_versions').columns(['minutes_id', 'version']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['minutes_versions', 'action_items', 'decisions', 'minute_notes', 'minutes']) await db.schema.dropTable(table).execute();
}
