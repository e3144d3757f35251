import type { Kysely } from 'kysely';
import { columnTypes, flagDefault, idColumn, oneOf } from '../src/db/dialect.js';

// Funding programmes (issue #19, first increment, src/programmes/): the programmes the office tells
// associations about, with fields of action and target groups (the editable lists of src/reference/),
// who may apply (a fixed set), funding (amounts in integer cents and/or a rate), deadlines (or "laufend"),
// the office's contact (one of src/contact/'s persons, or free text), status and the date last checked.
// A programme is archived, never deleted while the office still needs its history.
export const PROGRAMME_LEVELS = ['eu', 'bund', 'land', 'kreis', 'stiftung'] as const;
export const PROGRAMME_APPLICANTS = ['associations', 'migrant_organisations', 'cities', 'schools', 'others'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('programmes')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('funder', 'varchar(200)', (c) => c.notNull())
    .addColumn('level', 'varchar(10)', (c) => c.notNull().check(oneOf('level', PROGRAMME_LEVELS)))
    .addColumn('description', 'text')
    .addColumn('amount_min_cents', 'integer')
    .addColumn('amount_max_cents', 'integer')
    .addColumn('rate_percent', 'integer')
    .addColumn('own_share', 'varchar(500)')
    .addColumn('link', 'varchar(500)')
    .addColumn('office_contact_id', 'integer', (c) => c.references('contact_persons.id').onDelete('set null'))
    .addColumn('contact_text', 'varchar(300)')
    .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('open').check(oneOf('status', ['open', 'closed'])))
    .addColumn('rolling', t.flag, (c) => c.notNull().defaultTo(flagDefault(db, false)))
    .addColumn('last_checked', t.day)
    .addColumn('archived_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('programme_fields')
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('field_id', 'integer', (c) => c.notNull().references('fields_of_action.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('programme_fields_pk', ['programme_id', 'field_id'])
    .execute();
  await db.schema
    .createTable('programme_target_groups')
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('target_group_id', 'integer', (c) => c.notNull().references('target_groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('programme_target_groups_pk', ['programme_id', 'target_group_id'])
    .execute();
  await db.schema
    .createTable('programme_applicants')
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('applicant', 'varchar(30)', (c) => c.notNull().check(oneOf('applicant', PROGRAMME_APPLICANTS)))
    .addPrimaryKeyConstraint('programme_applicants_pk', ['programme_id', 'applicant'])
    .execute();
  await db.schema
    .createTable('programme_deadlines')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('due_on', t.day, (c) => c.notNull())
    .addColumn('note', 'varchar(200)')
    // The deadlines feed (/programmes/deadlines.ics): a moved deadline keeps its row (UID) and raises its
    // SEQUENCE; a dropped one stays as cancelled for 30 days, as meetings do.
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', t.instant)
    .addColumn('cancelled_at', t.instant)
    .execute();
  await db.schema.createIndex('programme_deadlines_programme_idx').on('programme_deadlines').columns(['programme_id', 'due_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['programme_deadlines', 'programme_applicants', 'programme_target_groups', 'programme_fields', 'programmes']) await db.schema.dropTable(table).execute();
}
