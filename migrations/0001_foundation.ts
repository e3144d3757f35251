import type { Kysely } from 'kysely';
import { columnTypes, flagDefault, idColumn, oneOf } from '../src/db/dialect.js';

// Tables of the foundation: reference data, people and accounts, sessions, one-time tokens,
// throttling, the mail outbox and the audit log. Later features add their own migrations.

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const id = idColumn(db);

  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cities')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('short_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull().check(oneOf('kind', ['city', 'district'])))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('fields_of_action')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('organisation_kinds')
    .addColumn('key', 'varchar(50)', (c) => c.primaryKey())
    .addColumn('label_de', 'varchar(200)', (c) => c.notNull())
    .addColumn('label_en', 'varchar(200)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('persons')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('email', 'varchar(320)')
    .addColumn('email_normalized', 'varchar(320)', (c) => c.unique())
    .addColumn('phone', 'varchar(50)')
    .addColumn('job_function', 'varchar(200)')
    .addColumn('city_id', 'integer', (c) => c.references('cities.id').onDelete('set null'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('persons_name_idx').on('persons').column('name_folded').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().unique().references('persons.id').onDelete('cascade'))
    .addColumn('password_hash', 'varchar(255)')
    .addColumn('role', 'varchar(20)', (c) => c.notNull().check(oneOf('role', ['admin', 'secretariat', 'member'])))
    .addColumn('active', t.flag, (c) => c.notNull().defaultTo(flagDefault(db, true)))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('last_login_at', t.instant)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('secret_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('last_verified_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_verified_idx').on('sessions').column('last_verified_at').execute();

  await db.schema
    .createTable('auth_tokens')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('secret_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'varchar(20)', (c) => c.notNull().check(oneOf('purpose', ['reset', 'invite', 'setup'])))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .addColumn('used_at', t.instant)
    .execute();
  await db.schema.createIndex('auth_tokens_user_idx').on('auth_tokens').columns(['user_id', 'purpose']).execute();

  await db.schema
    .createTable('throttle')
    .addColumn('key', 'varchar(400)', (c) => c.primaryKey())
    .addColumn('window_started_at', t.instant, (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', id)
    .addColumn('to_address', 'varchar(320)', (c) => c.notNull())
    .addColumn('subject', 'varchar(500)', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('attachments_json', 'text')
    .addColumn('status', 'varchar(20)', (c) => c.notNull().check(oneOf('status', ['pending', 'sent', 'failed'])))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', t.instant, (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('claimed_by', 'varchar(100)')
    .addColumn('claimed_until', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('sent_at', t.instant)
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', id)
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'varchar(100)', (c) => c.notNull())
    .addColumn('entity_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(100)')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_log', 'outbox', 'throttle', 'auth_tokens', 'sessions', 'users', 'persons',
    'organisation_kinds', 'fields_of_action', 'cities', 'settings']) {
    await db.schema.dropTable(table).execute();
  }
}

