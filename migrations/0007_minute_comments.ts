import type { Kysely } from 'kysely';
import { columnTypes, idColumn } from '../src/db/dialect.js';

// Members' comments on circulated minutes, one thread per TOP, for the correction period.

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('minute_comments')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('minutes_id', 'integer', (c) => c.notNull().references('minutes.id').onDelete('cascade'))
    .addColumn('agenda_item_id', 'integer', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.references('persons.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('minute_comments_idx').on('minute_comments').columns(['minutes_id', 'agenda_item_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('minute_comments').execute();
}
