import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf, idColumn, oneOf } from '../src/db/dialect.js';

// The public directory of actors: the details of organisations, what they offer where and in which
// languages, descriptions in several languages, proposed changes awaiting review, and full-text search
// (FTS5 on SQLite, a weighted tsvector with a GIN index on PostgreSQL).

const targetGroups = [
  'Kinder und Jugendliche',
  'Frauen',
  'Familien und Eltern',
  'Geflüchtete',
  'Neuzugewanderte',
  'Ältere Menschen',
  'Menschen mit Behinderung',
  'Arbeitsuchende',
  'Studierende und Auszubildende',
  'Ehrenamtliche',
  'Fachkräfte',
];

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const id = idColumn(db);
  const postgres = dialectOf(db) === 'postgres';

  for (const [name, type] of [
    ['street', 'varchar(200)'],
    ['postal_code', 'varchar(10)'],
    ['place', 'varchar(100)'],
    ['opening_hours', 'text'],
    ['phone', 'varchar(50)'],
    ['email', 'varchar(320)'],
    ['website', 'varchar(500)'],
    ['consent_at', t.instant],
    ['submitter_name', 'varchar(200)'],
    ['submitter_email', 'varchar(320)'],
    ['rejection_reason', 'text'],
    ['reviewed_at', t.instant],
    ['last_confirmed_at', t.instant],
    ['confirmation_sent_at', t.instant],
  ] as const) {
    await db.schema.alterTable('organisations').addColumn(name, type as any).execute();
  }
  await db.schema.alterTable('organisations').addColumn('offers', 'text', (c) => c.notNull().defaultTo('')).execute();
  // Who reviewed: kept as a plain id (the audit log holds the accountable record); a foreign key here
  // would make the column impossible to drop on SQLite when rolling back.
  await db.schema.alterTable('organisations').addColumn('reviewed_by_user_id', 'integer').execute();
  // Folded text for search (see src/lib/fold.ts), kept by the app on every change.
  await db.schema.alterTable('organisations').addColumn('search_name', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('organisations').addColumn('search_body', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('organisations_status_idx').on('organisations').columns(['status', 'name_normalized']).execute();

  await db.schema.alterTable('persons').addColumn('contact_consent_at', t.instant).execute();

  await db.schema
    .createTable('organisation_descriptions')
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('language', 'varchar(2)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('organisation_descriptions_pk', ['organisation_id', 'language'])
    .execute();

  await db.schema
    .createTable('organisation_languages')
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('language', 'varchar(2)', (c) => c.notNull())
    .addPrimaryKeyConstraint('organisation_languages_pk', ['organisation_id', 'language'])
    .execute();
  await db.schema.createIndex('organisation_languages_language_idx').on('organisation_languages').columns(['language', 'organisation_id']).execute();

  await db.schema
    .createTable('organisation_fields')
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('field_id', 'integer', (c) => c.notNull().references('fields_of_action.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('organisation_fields_pk', ['organisation_id', 'field_id'])
    .execute();
  await db.schema.createIndex('organisation_fields_field_idx').on('organisation_fields').columns(['field_id', 'organisation_id']).execute();

  await db.schema
    .createTable('organisation_cities')
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('city_id', 'integer', (c) => c.notNull().references('cities.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('organisation_cities_pk', ['organisation_id', 'city_id'])
    .execute();
  await db.schema.createIndex('organisation_cities_city_idx').on('organisation_cities').columns(['city_id', 'organisation_id']).execute();

  await db.schema
    .createTable('target_groups')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.insertInto('target_groups').values(targetGroups.map((name, i) => ({ name, position: i + 1 }))).execute();

  await db.schema
    .createTable('organisation_target_groups')
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('target_group_id', 'integer', (c) => c.notNull().references('target_groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('organisation_target_groups_pk', ['organisation_id', 'target_group_id'])
    .execute();
  await db.schema.createIndex('organisation_target_groups_group_idx').on('organisation_target_groups').columns(['target_group_id', 'organisation_id']).execute();

  await db.schema
    .createTable('organisation_changes')
    .addColumn('id', 'integer', id)
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('proposed_json', 'text', (c) => c.notNull())
    // A fingerprint of the entry when the change was proposed: a later edit makes the proposal stale.
    .addColumn('base_fingerprint', 'varchar(64)', (c) => c.notNull())
    .addColumn('proposed_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'varchar(20)', (c) => c.notNull().check(oneOf('status', ['pending', 'approved', 'rejected'])))
    .addColumn('reason', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('decided_at', t.instant)
    .addColumn('decided_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('organisation_changes_status_idx').on('organisation_changes').columns(['status', 'organisation_id']).execute();

  // Yearly "is this still right?" links to an entry's contact: like the other one-time links, only the
  // hash of the secret is kept.
  await db.schema
    .createTable('directory_confirmations')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('secret_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .addColumn('used_at', t.instant)
    .execute();
  await db.schema.createIndex('directory_confirmations_org_idx').on('directory_confirmations').column('organisation_id').execute();
  await db.schema.createIndex('organisations_confirmed_idx').on('organisations').columns(['status', 'last_confirmed_at']).execute();

  if (postgres) {
    await sql`alter table organisations add column search_vector tsvector generated always as (
      setweight(to_tsvector('simple', search_name), 'A') || setweight(to_tsvector('simple', search_body), 'B')
    ) stored`.execute(db);
    await sql`create index organisations_search_idx on organisations using gin (search_vector)`.execute(db);
  } else {
    // An external-content FTS5 index over the folded columns, kept in step by triggers.
    await sql`create virtual table organisations_fts using fts5(search_name, search_body, content='organisations', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
    await sql`create trigger organisations_fts_insert after insert on organisations begin
      insert into organisations_fts(rowid, search_name, search_body) values (new.id, new.search_name, new.search_body);
    end`.execute(db);
    await sql`create trigger organisations_fts_delete after delete on organisations begin
      insert into organisations_fts(organisations_fts, rowid, search_name, search_body) values ('delete', old.id, old.search_name, old.search_body);
    end`.execute(db);
    await sql`create trigger organisations_fts_update after update of search_name, search_body on organisations begin
      insert into organisations_fts(organisations_fts, rowid, search_name, search_body) values ('delete', old.id, old.search_name, old.search_body);
      insert into organisations_fts(rowid, search_name, search_body) values (new.id, new.search_name, new.search_body);
    end`.execute(db);
    await sql`insert into organisations_fts(organisations_fts) values ('rebuild')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    for (const trigger of ['organisations_fts_insert', 'organisations_fts_delete', 'organisations_fts_update']) await sql`drop trigger ${sql.id(trigger)}`.execute(db);
    await sql`drop table organisations_fts`.execute(db);
  } else {
    await sql`drop index organisations_search_idx`.execute(db);
    await db.schema.alterTable('organisations').dropColumn('search_vector').execute();
  }
  for (const table of ['directory_confirmations', 'organisation_changes', 'organisation_target_groups', 'target_groups', 'organisation_cities', 'organisation_fields', 'organisation_languages', 'organisation_descriptions']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('organisations_confirmed_idx').execute();
  await db.schema.dropIndex('organisations_status_idx').execute();
  await db.schema.alterTable('persons').dropColumn('contact_consent_at').execute();
  for (const column of ['street', 'postal_code', 'place', 'opening_hours', 'phone', 'email', 'website', 'consent_at', 'submitter_name', 'submitter_email', 'rejection_reason', 'reviewed_at', 'last_confirmed_at', 'confirmation_sent_at', 'offers', 'reviewed_by_user_id', 'search_name', 'search_body']) {
    await db.schema.alterTable('organisations').dropColumn(column).execute();
  }
}
