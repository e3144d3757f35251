import type { Kysely } from 'kysely';
import { columnTypes } from '../src/db/dialect.js';

// Data protection (DSGVO): when a person was anonymised (they left; src/privacy/anonymise.ts), and what a
// meeting keeps of its attendance list once the retention period has deleted the list itself
// (src/privacy/retention.ts): the numbers, never the names.

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('persons').addColumn('anonymised_at', t.instant).execute();

  await db.schema
    .createTable('meeting_attendance_counts')
    .addColumn('meeting_id', 'integer', (c) => c.primaryKey().references('meetings.id').onDelete('cascade'))
    .addColumn('present', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('excused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('absent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('guests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('purged_at', t.instant, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('meeting_attendance_counts').execute();
  await db.schema.alterTable('persons').dropColumn('anonymised_at').execute();
}
