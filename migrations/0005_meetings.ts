import { sql, type Kysely } from 'kysely';
import { columnTypes, idColumn, oneOf } from '../src/db/dialect.js';

// Meetings of working groups and their agendas (TOPs). Times are instants (UTC); what people enter and
// read is Europe/Berlin (src/meetings/time.ts).

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const id = idColumn(db);

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'integer', id)
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('starts_at', t.instant, (c) => c.notNull())
    .addColumn('ends_at', t.instant, (c) => c.notNull())
    .addColumn('location', 'varchar(300)')
    .addColumn('room', 'varchar(200)')
    .addColumn('online_url', 'varchar(1000)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull().check(oneOf('status', ['planned', 'invited', 'held', 'cancelled'])))
    .addColumn('cancel_reason', 'text')
    // Raised on every change that matters to a calendar (time, place, status): the feeds' SEQUENCE.
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invitation_sent_at', t.instant)
    // The sequence the invited were last told about: a notification only when something is new.
    .addColumn('notified_sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addCheckConstraint('meetings_time_check', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('meetings_group_start_idx').on('meetings').columns(['group_id', 'starts_at']).execute();
  await db.schema.createIndex('meetings_start_idx').on('meetings').column('starts_at').execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'integer', id)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('presenter', 'varchar(200)')
    .addColumn('planned_minutes', 'integer')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agenda_items_meeting_idx').on('agenda_items').columns(['meeting_id', 'position']).execute();

  // One row per invited person: when they were invited, their answer, and their one-click link
  // (only the hash of its secret is kept).
  await db.schema
    .createTable('rsvps')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('invited_at', t.instant, (c) => c.notNull())
    .addColumn('answer', 'varchar(20)', (c) => c.check(oneOf('answer', ['accepted', 'declined', 'tentative'])))
    .addColumn('comment', 'varchar(1000)')
    .addColumn('substitute', 'varchar(200)')
    .addColumn('answered_at', t.instant)
    .addColumn('link_id', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('link_secret_hash', 'varchar(128)', (c) => c.notNull())
    .addPrimaryKeyConstraint('rsvps_pk', ['meeting_id', 'person_id'])
    .execute();
  await db.schema.createIndex('rsvps_person_idx').on('rsvps').columns(['person_id', 'meeting_id']).execute();

  // Who came, separate from who said they would.
  await db.schema
    .createTable('attendance')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('status', 'varchar(20)', (c) => c.notNull().check(oneOf('status', ['present', 'excused', 'absent'])))
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_pk', ['meeting_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('meeting_guests')
    .addColumn('id', 'integer', id)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('organisation', 'varchar(300)')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_guests_meeting_idx').on('meeting_guests').column('meeting_id').execute();
  await db.schema.createIndex('attendance_person_idx').on('attendance').column('person_id').execute();

  // Documents live in the database: one backup holds everything, and every instance serves them.
  await db.schema
    .createTable('files')
    .addColumn('id', 'integer', id)
    .addColumn('meeting_id', 'integer', (c) => c.references('meetings.id').onDelete('cascade'))
    .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id').onDelete('set null'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(200)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('data', t.blob, (c) => c.notNull())
    .addColumn('uploaded_by_user_id', 'integer')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_meeting_idx').on('files').column('meeting_id').execute();
  await db.schema.createIndex('files_agenda_item_idx').on('files').column('agenda_item_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('files').execute();
  await db.schema.dropTable('meeting_guests').execute();
  await db.schema.dropTable('attendance').execute();
  await db.schema.dropTable('rsvps').execute();
  await db.schema.dropTable('agenda_items').execute();
  await db.schema.dropTable('meetings').execute();
}
