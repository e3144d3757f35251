import type { Kysely } from 'kysely';
import { columnTypes } from '../src/db/dialect.js';

// What the organiser chose when sending the invitation (issue "The secretariat's working day"): a
// personal note and a reply deadline. Kept with the meeting, so that members invited later get the same
// invitation, and the meeting page and reminders name the deadline.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').addColumn('invitation_note', 'text').execute();
  await db.schema.alterTable('meetings').addColumn('reply_by', columnTypes(db).day).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['reply_by', 'invitation_note']) await db.schema.alterTable('meetings').dropColumn(column).execute();
}
