import type { Kysely } from 'kysely';
import { columnTypes } from '../src/db/dialect.js';

// Circulated minutes name the day by which comments are due (issue "The secretariat's working day"):
// the circulation mail and the minutes page say it, and the work queue reports the minutes as due for
// approval from the day after. Minutes circulated before have none (the queue then counts 14 days).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('minutes').addColumn('comments_due_on', columnTypes(db).day).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('minutes').dropColumn('comments_due_on').execute();
}
