import { sql, type Kysely } from 'kysely';
import { columnTypes, oneOf } from '../src/db/dialect.js';

// The minute-taker says of each member's comment whether it was worked in or not taken (with a reason),
// instead of the hub guessing from the dates (issue "The secretariat's working day": circulated minutes
// with unanswered comments). Comments written before the minutes' last save counted as worked in under
// the old rule; they keep that state, so no minutes change their status in the work queue.
export async function up(db: Kysely<any>): Promise<void> {
  const types = columnTypes(db);
  await db.schema
    .alterTable('minute_comments')
    .addColumn('resolution', 'varchar(20)', (c) => c.check(oneOf('resolution', ['worked_in', 'not_taken'])))
    .execute();
  await db.schema.alterTable('minute_comments').addColumn('resolution_note', 'text').execute();
  await db.schema.alterTable('minute_comments').addColumn('resolved_at', types.instant).execute();
  await sql`update minute_comments set resolution = 'worked_in', resolved_at = (select m.updated_at from minutes m where m.id = minute_comments.minutes_id)
    where created_at <= (select m.updated_at from minutes m where m.id = minute_comments.minutes_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['resolved_at', 'resolution_note', 'resolution']) await db.schema.alterTable('minute_comments').dropColumn(column).execute();
}
