import type { Kysely } from 'kysely';
import { columnTypes, idColumn, oneOf } from '../src/db/dialect.js';

// Advice requests (Antragsberatung, issue #19, src/advice/): an association asks the office for advice
// on a funding programme through the public form on the programme's page; the staff assign, answer by
// mail from the hub (each answer kept with the request) and close. Requests are personal data: closed
// ones are deleted after the retention period with their answers, and only the numbers stay, in
// advice_request_tallies (per year of receipt and programme), written in the deleting transaction.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('advice_requests')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id'))
    // A published directory entry when the name matched one; the name as typed is kept either way.
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('organisation_name', 'varchar(300)', (c) => c.notNull())
    .addColumn('contact_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('contact_email', 'varchar(320)', (c) => c.notNull())
    .addColumn('contact_phone', 'varchar(50)')
    .addColumn('idea', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    // The language the form was sent in: the confirmation mail speaks it.
    .addColumn('lang', 'varchar(5)', (c) => c.notNull().defaultTo('de'))
    .addColumn('consent_at', t.instant, (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('open').check(oneOf('status', ['open', 'closed'])))
    .addColumn('assigned_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('assigned_at', t.instant)
    .addColumn('answered_at', t.instant)
    .addColumn('closed_at', t.instant)
    .addColumn('close_note', 'varchar(2000)')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advice_requests_status_idx').on('advice_requests').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('advice_requests_programme_idx').on('advice_requests').columns(['programme_id', 'created_at']).execute();
  await db.schema.createIndex('advice_requests_closed_idx').on('advice_requests').columns(['closed_at']).execute();
  await db.schema
    .createTable('advice_answers')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('advice_requests.id').onDelete('cascade'))
    .addColumn('sender_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('subject', 'varchar(300)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'integer')
    .addColumn('sent_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advice_answers_request_idx').on('advice_answers').columns(['request_id', 'sent_at']).execute();
  await db.schema
    .createTable('advice_request_tallies')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id'))
    .addColumn('received', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answered', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('advice_request_tallies_pk', ['year', 'programme_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['advice_request_tallies', 'advice_answers', 'advice_requests']) await db.schema.dropTable(table).execute();
}
