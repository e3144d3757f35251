import { sql, type Kysely } from 'kysely';
import { columnTypes, idColumn, oneOf } from '../src/db/dialect.js';

// The office's own projects (issue #19, src/projects/): what they are (programmes, the funder's reference
// number, period, responsible staff, partner organisations from the directory, cities, fields of action,
// status), their documents (stored like meeting documents, checked by content), their milestones and
// reporting deadlines (in the responsible person's feed, reminded by mail once each), and their accounts
// (budget lines, expenses, tranches received). Money is integer cents, never a float.
export const PROJECT_STATUSES = ['planned', 'running', 'finished', 'settled'] as const;
export const PROJECT_FILE_KINDS = ['grant_notice', 'report', 'other', 'receipt'] as const;
export const PROJECT_DEADLINE_KINDS = ['milestone', 'interim_report', 'final_report'] as const;
export const BUDGET_CATEGORIES = ['staff', 'material', 'fees', 'travel', 'other'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('projects')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('short_name', 'varchar(50)')
    .addColumn('description', 'text')
    .addColumn('reference_no', 'varchar(100)')
    .addColumn('starts_on', t.day)
    .addColumn('ends_on', t.day)
    .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('planned').check(oneOf('status', PROJECT_STATUSES)))
    .addColumn('responsible_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('archived_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addCheckConstraint('projects_period_check', sql`starts_on is null or ends_on is null or starts_on <= ends_on`)
    .execute();
  const link = async (table: string, column: string, target: string) => {
    await db.schema
      .createTable(table)
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn(column, 'integer', (c) => c.notNull().references(target).onDelete('cascade'))
      .addPrimaryKeyConstraint(`${table}_pk`, ['project_id', column])
      .execute();
    await db.schema.createIndex(`${table}_${column}_idx`).on(table).columns([column, 'project_id']).execute();
  };
  await link('project_programmes', 'programme_id', 'programmes.id');
  // A partner's representatives (src/directory/entries.ts, isRepresentative) see the project's page.
  await link('project_partners', 'organisation_id', 'organisations.id');
  await link('project_cities', 'city_id', 'cities.id');
  await link('project_fields', 'field_id', 'fields_of_action.id');

  await db.schema
    .createTable('project_files')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    // Receipts belong to the accounts: partners never see them.
    .addColumn('kind', 'varchar(20)', (c) => c.notNull().check(oneOf('kind', PROJECT_FILE_KINDS)))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('data', t.blob, (c) => c.notNull())
    .addColumn('uploaded_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_files_project_idx').on('project_files').columns(['project_id', 'kind']).execute();

  await db.schema
    .createTable('project_deadlines')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull().check(oneOf('kind', PROJECT_DEADLINE_KINDS)))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('due_on', t.day, (c) => c.notNull())
    .addColumn('done_at', t.instant)
    // The reminder mail N days before: claimed by a conditional update, so several instances mail once.
    .addColumn('reminded_at', t.instant)
    // The feed: a moved deadline keeps its UID and raises SEQUENCE; a dropped one stays cancelled for 30 days.
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', t.instant)
    .addColumn('cancelled_at', t.instant)
    .execute();
  await db.schema.createIndex('project_deadlines_due_idx').on('project_deadlines').columns(['due_on', 'project_id']).execute();

  await db.schema
    .createTable('project_budget_lines')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('category', 'varchar(10)', (c) => c.notNull().check(oneOf('category', BUDGET_CATEGORIES)))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('planned_cents', 'integer', (c) => c.notNull().check(sql`planned_cents >= 0`))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('project_budget_lines_project_idx').on('project_budget_lines').columns(['project_id', 'position']).execute();

  await db.schema
    .createTable('project_expenses')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    // A line with expenses is not deleted (restrict): the accounts would no longer add up.
    .addColumn('budget_line_id', 'integer', (c) => c.notNull().references('project_budget_lines.id').onDelete('restrict'))
    .addColumn('spent_on', t.day, (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('payee', 'varchar(200)', (c) => c.notNull())
    .addColumn('receipt_no', 'varchar(100)')
    .addColumn('receipt_file_id', 'integer', (c) => c.references('project_files.id').onDelete('set null'))
    .addColumn('note', 'varchar(500)')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_expenses_project_idx').on('project_expenses').columns(['project_id', 'spent_on']).execute();
  await db.schema.createIndex('project_expenses_line_idx').on('project_expenses').column('budget_line_id').execute();

  await db.schema
    .createTable('project_tranches')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('received_on', t.day, (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('note', 'varchar(200)')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_tranches_project_idx').on('project_tranches').columns(['project_id', 'received_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'project_tranches',
    'project_expenses',
    'project_budget_lines',
    'project_deadlines',
    'project_files',
    'project_fields',
    'project_cities',
    'project_partners',
    'project_programmes',
    'projects',
  ])
    await db.schema.dropTable(table).execute();
}
