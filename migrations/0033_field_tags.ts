import type { Kysely } from 'kysely';

// The yearly report (issue #18): working groups, meetings and agenda items tagged with fields of action
// (the editable list of src/reference/). A retired field stays on the records that carry it; forms only
// stop offering it. A meeting inherits nothing when it is stored: the report counts a meeting without
// fields of its own under its group's fields (src/reports/report.ts).
const TAGS = [
  { table: 'group_fields', owner: 'group_id', references: 'groups.id' },
  { table: 'meeting_fields', owner: 'meeting_id', references: 'meetings.id' },
  { table: 'agenda_item_fields', owner: 'agenda_item_id', references: 'agenda_items.id' },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const { table, owner, references } of TAGS) {
    await db.schema
      .createTable(table)
      .addColumn(owner, 'integer', (c) => c.notNull().references(references).onDelete('cascade'))
      .addColumn('field_id', 'integer', (c) => c.notNull().references('fields_of_action.id').onDelete('cascade'))
      .addPrimaryKeyConstraint(`${table}_pk`, [owner, 'field_id'])
      .execute();
    await db.schema.createIndex(`${table}_field_idx`).on(table).columns(['field_id', owner]).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table } of [...TAGS].reverse()) await db.schema.dropTable(table).execute();
}
