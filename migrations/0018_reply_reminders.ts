import type { Kysely } from 'kysely';
import { columnTypes } from '../src/db/dialect.js';

// "Remind those who have not answered" (issue "The secretariat's working day"): one mail each with its
// own one-click reply links. The invitation's links stay valid (only their hash is kept, so they cannot
// be sent again); the reminder's link is a second one of the same invitation, and when it went out is
// shown in the reply list.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rsvps').addColumn('reminded_at', columnTypes(db).instant).execute();
  await db.schema.alterTable('rsvps').addColumn('reminder_link_id', 'varchar(64)').execute();
  await db.schema.alterTable('rsvps').addColumn('reminder_secret_hash', 'varchar(128)').execute();
  await db.schema.createIndex('rsvps_reminder_link_idx').unique().on('rsvps').column('reminder_link_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rsvps_reminder_link_idx').execute();
  for (const column of ['reminder_secret_hash', 'reminder_link_id', 'reminded_at']) await db.schema.alterTable('rsvps').dropColumn(column).execute();
}
