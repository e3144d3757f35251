import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { columnTypes, idColumn } from '../src/db/dialect.js';

// Periods a meeting series skips (issue "The secretariat's working day"): school holidays, the summer
// break. The secretariat enters them for the district (group_id null), a group's organisers for their
// group; the series preview names the break a date falls into.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('breaks')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('group_id', 'integer', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('starts_on', t.day, (c) => c.notNull())
    .addColumn('ends_on', t.day, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addCheckConstraint('breaks_period_check', sql`ends_on >= starts_on`)
    .execute();
  await db.schema.createIndex('breaks_group_idx').on('breaks').columns(['group_id', 'starts_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('breaks').execute();
}
