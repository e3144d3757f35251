import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../src/db/dialect.js';

// A narrow copy of the published directory for search: one row per published entry with what the search
// filters, counts and sorts by (kind, folded name, and its cities, fields of action, languages and target
// groups as lists like ",3,7,"). Counting the filter values over thousands of matching entries through
// the four join tables cost one index lookup per entry and table (over 100 ms at 100,000 entries);
// here one pass over the matching rows counts them all (src/directory/search/index.ts).
//
// The database keeps it in step (triggers), so every way of changing an entry, the app's or not, is
// followed: a row exists exactly while its organisation is published; the lists follow the join tables.
//
// PostgreSQL: the row also carries the entry's search_vector (with its own GIN index), so a text query
// reads only these narrow rows; through organisations it visited most of that wide table's pages for
// a common word. Its GIN index there is then unused and dropped. (SQLite's FTS5 index is separate anyway.)

/** The join tables behind the lists: [list column, join table, value column]. */
const LISTS = [
  ['cities', 'organisation_cities', 'city_id'],
  ['fields', 'organisation_fields', 'field_id'],
  ['languages', 'organisation_languages', 'language'],
  ['targets', 'organisation_target_groups', 'target_group_id'],
] as const;

/**
 * listOf: the SQL for one organisation's values of a join table as ",a,b," ('' when none). A comma on
 * both sides, so that a filter is a substring test for ",3,". Sorted, so that equal sets are mostly equal
 * strings: the counts group by the whole list before splitting it (unsorted would only mean more groups).
 */
function listOf(postgres: boolean, table: string, column: string, id: string): string {
  return postgres
    ? `coalesce((select ',' || string_agg(x.${column}::text, ',' order by x.${column}) || ',' from ${table} x where x.organisation_id = ${id}), '')`
    : `coalesce((select ',' || group_concat(v, ',') || ',' from (select x.${column} as v from ${table} x where x.organisation_id = ${id} order by x.${column})), '')`;
}

/** The columns of a row, and their values for organisation `o` (an alias or NEW). */
function columnsOf(postgres: boolean): string {
  return `organisation_id, kind, name_normalized, cities, fields, languages, targets${postgres ? ', search_vector' : ''}`;
}
function rowOf(postgres: boolean, o: string): string {
  const lists = LISTS.map(([, table, column]) => listOf(postgres, table, column, `${o}.id`));
  return [`${o}.id`, `${o}.kind`, `${o}.name_normalized`, ...lists, ...(postgres ? [`${o}.search_vector`] : [])].join(', ');
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  const COLUMNS = columnsOf(postgres);

  let create = db.schema
    .createTable('directory_search')
    // INTEGER PRIMARY KEY on SQLite: the rowid, so a full-text hit (a rowid) finds its row directly.
    .addColumn('organisation_id', 'integer', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(50)', (c) => c.notNull())
    .addColumn('name_normalized', 'text', (c) => c.notNull())
    .addColumn('cities', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('languages', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('targets', 'text', (c) => c.notNull().defaultTo(''));
  if (postgres) create = create.addColumn('search_vector', sql`tsvector`, (c) => c.notNull());
  await create.execute();
  // Pages without a text query, in name order.
  await db.schema.createIndex('directory_search_name_idx').on('directory_search').columns(['name_normalized', 'organisation_id']).execute();
  // The counts of the unfiltered directory (the first page everyone sees): one ordered pass over a small
  // index per filter, no sorting of 100,000 rows.
  for (const column of ['kind', 'cities', 'fields', 'languages', 'targets']) {
    await db.schema.createIndex(`directory_search_${column}_idx`).on('directory_search').column(column).execute();
  }

  await sql.raw(`insert into directory_search (${COLUMNS}) select ${rowOf(postgres, 'o')} from organisations o where o.status = 'published'`).execute(db);

  if (postgres) {
    await sql`create index directory_search_text_idx on directory_search using gin (search_vector)`.execute(db);
    await sql`drop index organisations_search_idx`.execute(db);
    // search_vector makes the rows wide: counting without a text query reads this narrow index instead
    // (an index-only scan; on SQLite the table itself is that narrow).
    await db.schema.createIndex('directory_search_filters_idx').on('directory_search').columns(['kind', 'cities', 'fields', 'languages', 'targets']).execute();
    // An entry's row follows its status, kind, name and searched text.
    await sql
      .raw(
        `create function directory_search_entry() returns trigger language plpgsql as $$
        begin
          -- Lock the row first: the statement after it then reads the join tables with a fresh snapshot,
          -- so a concurrent change to this entry that committed while we waited is not lost.
          perform 1 from directory_search where organisation_id = new.id for update;
          if new.status = 'published' then
            insert into directory_search (${COLUMNS}) select ${rowOf(true, 'new')}
            on conflict (organisation_id) do update set kind = excluded.kind, name_normalized = excluded.name_normalized,
              cities = excluded.cities, fields = excluded.fields, languages = excluded.languages, targets = excluded.targets,
              search_vector = excluded.search_vector;
          else
            delete from directory_search where organisation_id = new.id;
          end if;
          return null;
        end $$`,
      )
      .execute(db);
    // (search_vector is generated from search_name and search_body, which are what an UPDATE names.)
    await sql`create trigger directory_search_entry after insert or update of status, kind, name_normalized, search_name, search_body on organisations
      for each row execute function directory_search_entry()`.execute(db);
    // The lists follow their join table, once per statement (an entry's cities are replaced in one go).
    for (const [list, table, column] of LISTS) {
      await sql
        .raw(
          `create function directory_search_${list}() returns trigger language plpgsql as $$
          begin
            -- Lock the rows first (in id order, against deadlocks), so that the updates below read the
            -- join table with a fresh snapshot: under READ COMMITTED an UPDATE that waited for a row
            -- lock would otherwise recompute the list from the snapshot it took before waiting.
            if tg_op <> 'DELETE' then
              perform 1 from directory_search where organisation_id in (select organisation_id from new_rows) order by organisation_id for update;
              update directory_search s set ${list} = ${listOf(true, table, column, 's.organisation_id')} where s.organisation_id in (select organisation_id from new_rows);
            end if;
            if tg_op <> 'INSERT' then
              perform 1 from directory_search where organisation_id in (select organisation_id from old_rows) order by organisation_id for update;
              update directory_search s set ${list} = ${listOf(true, table, column, 's.organisation_id')} where s.organisation_id in (select organisation_id from old_rows);
            end if;
            return null;
          end $$`,
        )
        .execute(db);
      await sql.raw(`create trigger directory_search_${list}_insert after insert on ${table} referencing new table as new_rows for each statement execute function directory_search_${list}()`).execute(db);
      await sql.raw(`create trigger directory_search_${list}_update after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function directory_search_${list}()`).execute(db);
      await sql.raw(`create trigger directory_search_${list}_delete after delete on ${table} referencing old table as old_rows for each statement execute function directory_search_${list}()`).execute(db);
    }
  } else {
    // Deleting an organisation removes its row by the foreign key (ON DELETE CASCADE, like the join tables).
    await sql
      .raw(
        `create trigger directory_search_entry_insert after insert on organisations when new.status = 'published' begin
          insert or replace into directory_search (${COLUMNS}) select ${rowOf(false, 'new')};
        end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger directory_search_entry_update after update of status, kind, name_normalized on organisations begin
          delete from directory_search where organisation_id = new.id and new.status <> 'published';
          insert or replace into directory_search (${COLUMNS}) select ${rowOf(false, 'new')} where new.status = 'published';
        end`,
      )
      .execute(db);
    for (const [list, table, column] of LISTS) {
      const refresh = (id: string) => `update directory_search set ${list} = ${listOf(false, table, column, id)} where organisation_id = ${id};`;
      await sql.raw(`create trigger directory_search_${list}_insert after insert on ${table} begin ${refresh('new.organisation_id')} end`).execute(db);
      await sql.raw(`create trigger directory_search_${list}_update after update on ${table} begin ${refresh('old.organisation_id')} ${refresh('new.organisation_id')} end`).execute(db);
      await sql.raw(`create trigger directory_search_${list}_delete after delete on ${table} begin ${refresh('old.organisation_id')} end`).execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  for (const [list, table] of LISTS) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger directory_search_${list}_${event}${postgres ? ` on ${table}` : ''}`).execute(db);
    if (postgres) await sql.raw(`drop function directory_search_${list}()`).execute(db);
  }
  if (postgres) {
    await sql`drop trigger directory_search_entry on organisations`.execute(db);
    await sql`drop function directory_search_entry()`.execute(db);
    await sql`create index organisations_search_idx on organisations using gin (search_vector)`.execute(db);
  } else {
    await sql`drop trigger directory_search_entry_insert`.execute(db);
    await sql`drop trigger directory_search_entry_update`.execute(db);
  }
  await db.schema.dropTable('directory_search').execute();
}
