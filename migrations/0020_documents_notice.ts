import type { Kysely } from 'kysely';
import { columnTypes } from '../src/db/dialect.js';

// Documents added after the invitation (issue "The secretariat's working day"): the meeting page offers
// to tell the invited about them, naming the files. The mark says up to when they were told, so that
// the offer names only what is new since.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').addColumn('documents_notified_at', columnTypes(db).instant).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').dropColumn('documents_notified_at').execute();
}
