import type { Kysely } from 'kysely';
import { columnTypes, dialectOf, oneOf } from '../src/db/dialect.js';

// Data protection, part of issue #10:
// - site_texts: the privacy notice and the imprint as the admin wrote them (no row: the default text);
// - how a directory contact's consent to publication was given (written, e-mail, verbal, online form),
//   next to the existing date, and one withdrawal link per consenting contact (only its hash is kept);
// - indexes for the audit log's filters: each filter column first, then the page order (at, id).

// Fixed here as they were when this migration landed (src/directory/contacts.ts names them for the app).
const CONSENT_METHODS = ['written', 'email', 'verbal', 'online'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('site_texts')
    .addColumn('key', 'varchar(50)', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    // A plain id like organisations.reviewed_by_user_id: the audit log is the accountable record.
    .addColumn('updated_by_user_id', 'integer')
    .execute();

  await db.schema
    .alterTable('persons')
    .addColumn('contact_consent_method', 'varchar(20)', (c) => c.check(oneOf('contact_consent_method', CONSENT_METHODS)))
    .execute();
  // Every consent on file so far came through the public submission form.
  await db.updateTable('persons').set({ contact_consent_method: 'online' }).where('contact_consent_at', 'is not', null).execute();

  await db.schema
    .createTable('contact_consent_links')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('secret_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_consent_links_person_idx').on('contact_consent_links').column('person_id').execute();

  // The audit page lists newest first (at desc, id desc) within any one filter. The old entity index is a
  // prefix of the new one and goes.
  await db.schema.dropIndex('audit_log_entity_idx').execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id', 'at', 'id']).execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_user_id', 'at', 'id']).execute();
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'at', 'id']).execute();
  if (dialectOf(db) === 'postgres') {
    // SQLite's index on `at` carries the rowid (= id) already; PostgreSQL's needs it spelled out.
    await db.schema.dropIndex('audit_log_at_idx').execute();
    await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['at', 'id']).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await db.schema.dropIndex('audit_log_at_idx').execute();
    await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
  }
  await db.schema.dropIndex('audit_log_action_idx').execute();
  await db.schema.dropIndex('audit_log_actor_idx').execute();
  await db.schema.dropIndex('audit_log_entity_idx').execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();
  await db.schema.dropTable('contact_consent_links').execute();
  await db.schema.alterTable('persons').dropColumn('contact_consent_method').execute();
  await db.schema.dropTable('site_texts').execute();
}
