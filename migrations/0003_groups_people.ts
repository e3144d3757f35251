import { sql, type Kysely } from 'kysely';
import { columnTypes, flagDefault, idColumn, oneOf } from '../src/db/dialect.js';

// Working groups, their memberships, and the organisations people work for or represent.
// The directory (a later migration) adds the public details of organisations.

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const id = idColumn(db);

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'varchar(300)', (c) => c.notNull())
    .addColumn('name_normalized', 'text', (c) => c.notNull())
    .addColumn('kind', 'varchar(50)', (c) => c.notNull().defaultTo('other').references('organisation_kinds.key'))
    .addColumn('city_id', 'integer', (c) => c.references('cities.id').onDelete('set null'))
    .addColumn('status', 'varchar(20)', (c) =>
      c.notNull().defaultTo('unlisted').check(oneOf('status', ['unlisted', 'pending', 'published', 'rejected', 'archived'])),
    )
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organisations_name_idx').on('organisations').column('name_normalized').execute();

  await db.schema
    .alterTable('persons')
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('persons_organisation_idx').on('persons').column('organisation_id').execute();

  await db.schema
    .createTable('groups')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('slug', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull().check(oneOf('kind', ['internal', 'external'])))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('colour', 'varchar(7)', (c) => c.notNull().defaultTo('#0b5394'))
    .addColumn('dates_public', t.flag, (c) => c.notNull().defaultTo(flagDefault(db, false)))
    .addColumn('archived_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('id', 'integer', id)
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('role', 'varchar(20)', (c) => c.notNull().check(oneOf('role', ['chair', 'deputy', 'organiser', 'member', 'guest'])))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('starts_on', t.day, (c) => c.notNull())
    .addColumn('ends_on', t.day)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addCheckConstraint('memberships_dates_check', sql`ends_on is null or ends_on >= starts_on`)
    .execute();
  await db.schema.createIndex('memberships_group_idx').on('memberships').columns(['group_id', 'ends_on']).execute();
  await db.schema.createIndex('memberships_person_idx').on('memberships').columns(['person_id', 'ends_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('memberships').execute();
  await db.schema.dropTable('groups').execute();
  await db.schema.dropIndex('persons_organisation_idx').execute();
  await db.schema.alterTable('persons').dropColumn('organisation_id').execute();
  await db.schema.dropTable('organisations').execute();
}
