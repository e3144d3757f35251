import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf, idColumn } from '../src/db/dialect.js';
import { foldWords } from '../src/lib/fold.js';

// Search inside words (German compounds: "kurs" in "Integrationskurse"), see src/directory/search/.
//
// - organisations.search_offers: the folded offers on their own (they rank between name and description);
//   search_body gains the postcode.
// - directory_text: per published entry its name, offers and body in the loose spelling (ae/oe/ue → a/o/u,
//   so "Dusseldorf" = "Düsseldorf"), each padded with spaces so " kurs " tests a whole word. Kept in step
//   by triggers like directory_search. SQLite: an FTS5 table with the trigram tokenizer (a second index
//   beside organisations_fts, which still answers words under 3 letters by their start: trigrams need 3).
//   PostgreSQL: a table with a pg_trgm GIN index on all three, which answers LIKE '%kurs%'.
// - search_words: the loose words of 5+ letters of all entries, with a trigram index, for typo tolerance
//   (a word that occurs nowhere is matched against the words within one edit). Filled by triggers, never
//   emptied: a stale word only yields a correction that finds nothing.
// - search_synonyms: groups of words the staff edit ("Sprachkurs ~ Deutschkurs ~ Integrationskurs").
// - minutes_text: per note and decision its agenda item's title and its text (with the decision's number),
//   folded in SQL by the same rules, with the same kind of index; triggers on minute_notes, decisions and
//   agenda_items keep it in step, so the minutes search (src/minutes/search.ts) reads only matching rows
//   instead of every note the viewer may read.
//
// pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. It goes into the
// schema public (or stays wherever it already is); queries find its operator class by that schema.

const LOOSE = (x: string) => `replace(replace(replace(${x}, 'ae', 'a'), 'oe', 'o'), 'ue', 'u')`;
const PAD = (x: string) => `' ' || ${LOOSE(x)} || ' '`;

/** The body as indexed: the folded body (which has the postcode, see refreshSearchText). */
const TEXT_COLUMNS = 'organisation_id, name, offers, body';
const textRow = (o: string) => `${o}.id, ${PAD(`${o}.search_name`)}, ${PAD(`${o}.search_offers`)}, ${PAD(`${o}.search_body`)}`;

const SYNONYMS = [
  'Sprachkurs ~ Deutschkurs ~ Integrationskurs',
  'Beratung ~ Sprechstunde',
  'Kita ~ Kindertagesstätte ~ Kindergarten',
  'Geflüchtete ~ Flüchtlinge ~ Asyl',
  'Hausaufgabenhilfe ~ Nachhilfe ~ Lernhilfe',
  'Jugendliche ~ Jugend',
  'Senioren ~ Ältere',
];

async function trigramSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  return rows[0]!.schema;
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  const t = columnTypes(db);

  await db.schema.alterTable('organisations').addColumn('search_offers', 'text', (c) => c.notNull().defaultTo('')).execute();
  // Backfill: the offers folded as the app folds them, the postcode added to the body.
  const orgs = await db.selectFrom('organisations').select(['id', 'offers', 'postal_code']).execute();
  for (const o of orgs) {
    const offers = foldWords(o.offers ?? '').join(' ');
    const postcode = foldWords(o.postal_code ?? '').join(' ');
    if (!offers && !postcode) continue;
    await db
      .updateTable('organisations')
      .set({ search_offers: offers, ...(postcode ? { search_body: sql`trim(search_body || ' ' || ${postcode})` } : {}) })
      .where('id', '=', o.id)
      .execute();
  }

  await db.schema
    .createTable('search_synonyms')
    .addColumn('id', 'integer', idColumn(db))
    // As the staff wrote it: words or short phrases separated by "~" (or commas).
    .addColumn('words', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  const at = new Date().toISOString();
  await db.insertInto('search_synonyms').values(SYNONYMS.map((words) => ({ words, updated_at: at }))).execute();

  if (postgres) {
    await sql`select pg_advisory_xact_lock(hashtext('create extension pg_trgm'))`.execute(db);
    await sql`create extension if not exists pg_trgm schema public`.execute(db);
    const ops = sql.raw(`${await trigramSchema(db)}.gin_trgm_ops`);

    await sql`create table directory_text (
      organisation_id integer primary key references organisations(id) on delete cascade,
      name text not null, offers text not null, body text not null)`.execute(db);
    await sql`create index directory_text_trgm_idx on directory_text using gin ((name || offers || body) ${ops})`.execute(db);
    await sql.raw(`insert into directory_text (${TEXT_COLUMNS}) select ${textRow('o')} from organisations o where o.status = 'published'`).execute(db);

    await sql`create table search_words (word text primary key)`.execute(db);
    await sql`create index search_words_trgm_idx on search_words using gin (word ${ops})`.execute(db);
    const words = (o: string) =>
      `insert into search_words (word) select distinct w from regexp_split_to_table(${LOOSE(`${o}.search_name || ' ' || ${o}.search_offers || ' ' || ${o}.search_body`)}, ' ') w
        where length(w) >= 5 on conflict do nothing`;
    await sql.raw(`${words('o')}`.replace('from regexp_split_to_table', 'from organisations o, regexp_split_to_table')).execute(db);

    await sql
      .raw(
        `create function directory_text_entry() returns trigger language plpgsql as $$
        begin
          if new.status = 'published' then
            insert into directory_text (${TEXT_COLUMNS}) values (${textRow('new')})
            on conflict (organisation_id) do update set name = excluded.name, offers = excluded.offers, body = excluded.body;
          else
            delete from directory_text where organisation_id = new.id;
          end if;
          ${words('new')};
          return null;
        end $$`,
      )
      .execute(db);
    await sql`create trigger directory_text_entry after insert or update of status, search_name, search_offers, search_body on organisations
      for each row execute function directory_text_entry()`.execute(db);
  } else {
    await sql`create virtual table directory_text using fts5(name, offers, body, tokenize='trigram')`.execute(db);
    await sql.raw(`insert into directory_text (rowid, name, offers, body) select ${textRow('o')} from organisations o where o.status = 'published'`).execute(db);
    await sql`create trigger directory_text_insert after insert on organisations when new.status = 'published' begin
      ${sql.raw(`insert into directory_text (rowid, name, offers, body) values (${textRow('new')});`)}
    end`.execute(db);
    await sql`create trigger directory_text_update after update of status, search_name, search_offers, search_body on organisations begin
      delete from directory_text where rowid = old.id;
      ${sql.raw(`insert into directory_text (rowid, name, offers, body) select ${textRow('new')} where new.status = 'published';`)}
    end`.execute(db);
    await sql`create trigger directory_text_delete after delete on organisations begin
      delete from directory_text where rowid = old.id;
    end`.execute(db);

    // The vocabulary: split by json_each (CTEs are not allowed in triggers); folded words hold only
    // letters, digits and single spaces, so the JSON array is always well-formed.
    await sql`create table search_words (word text primary key) without rowid`.execute(db);
    await sql`create virtual table search_words_trigram using fts5(word, tokenize='trigram')`.execute(db);
    await sql`create trigger search_words_insert after insert on search_words begin
      insert into search_words_trigram (word) values (new.word);
    end`.execute(db);
    const words = (o: string) =>
      `insert or ignore into search_words (word) select value from json_each('["' || replace(${LOOSE(`trim(${o}.search_name || ' ' || ${o}.search_offers || ' ' || ${o}.search_body)`)}, ' ', '","') || '"]')
        where length(value) >= 5;`;
    await sql.raw(`insert or ignore into search_words (word) select j.value from organisations o, json_each('["' || replace(${LOOSE(`trim(o.search_name || ' ' || o.search_offers || ' ' || o.search_body)`)}, ' ', '","') || '"]') j where length(j.value) >= 5`).execute(db);
    await sql`create trigger search_words_entry_insert after insert on organisations begin ${sql.raw(words('new'))} end`.execute(db);
    await sql`create trigger search_words_entry_update after update of search_name, search_offers, search_body on organisations begin ${sql.raw(words('new'))} end`.execute(db);
  }
  await minutesIndex(db, postgres);
}


/** foldSql: foldText (src/lib/fold.ts) and the loose spelling in SQL. SQLite's lower() knows ASCII only:
 * its trigram tokenizer folds the case and drops the accents of the rest (remove_diacritics). */
function foldSql(postgres: boolean, x: string): string {
  // ß and the dotless ı (Yılmaz) as foldText spells them.
  if (!postgres) return LOOSE(`replace(replace(lower(${x}), 'ß', 'ss'), 'ı', 'i')`);
  const umlauts = `replace(replace(replace(replace(replace(lower(${x}), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ı', 'i')`;
  return LOOSE(`regexp_replace(normalize(${umlauts}, NFKD), '[\\u0300-\\u036f]', '', 'g')`);
}

/** A decision's number as shown ("2027/04", src/minutes/decisions.ts decisionLabel), '' before it has one. */
function labelSql(d: string): string {
  return `coalesce(${d}.number_year || '/' || case when ${d}.number < 10 then '0' || ${d}.number else '' || ${d}.number end, '')`;
}

const titleOf = (postgres: boolean, item: string) => foldSql(postgres, `(select a.title from agenda_items a where a.id = ${item})`);

async function minutesIndex(db: Kysely<any>, postgres: boolean): Promise<void> {
  // title, body of a note (n) or decision (d)
  const noteRow = (n: string) => `${titleOf(postgres, `${n}.agenda_item_id`)}, ${foldSql(postgres, `${n}.notes`)}`;
  const decisionRow = (d: string) => `${titleOf(postgres, `${d}.agenda_item_id`)}, ${labelSql(d)} || ' ' || ${foldSql(postgres, `${d}.text`)}`;
  if (postgres) {
    const ops = sql.raw(`${await trigramSchema(db)}.gin_trgm_ops`);
    // decision_id 0 for notes: one key for both kinds.
    await sql`create table minutes_text (
      minutes_id integer not null references minutes(id) on delete cascade, agenda_item_id integer not null,
      decision_id integer not null, title text not null, body text not null,
      primary key (minutes_id, agenda_item_id, decision_id))`.execute(db);
    await sql`create index minutes_text_trgm_idx on minutes_text using gin ((title || ' ' || body) ${ops})`.execute(db);
    await sql`create index minutes_text_item_idx on minutes_text (agenda_item_id)`.execute(db);
    const cols = 'minutes_id, agenda_item_id, decision_id, title, body';
    await sql.raw(`insert into minutes_text (${cols}) select n.minutes_id, n.agenda_item_id, 0, ${noteRow('n')} from minute_notes n`).execute(db);
    await sql.raw(`insert into minutes_text (${cols}) select d.minutes_id, d.agenda_item_id, d.id, ${decisionRow('d')} from decisions d`).execute(db);
    await sql
      .raw(
        `create function minutes_text_note() returns trigger language plpgsql as $$
        begin
          if tg_op <> 'INSERT' then delete from minutes_text where minutes_id = old.minutes_id and agenda_item_id = old.agenda_item_id and decision_id = 0; end if;
          if tg_op <> 'DELETE' then insert into minutes_text (${cols}) values (new.minutes_id, new.agenda_item_id, 0, ${noteRow('new')}); end if;
          return null;
        end $$`,
      )
      .execute(db);
    await sql`create trigger minutes_text_note after insert or update or delete on minute_notes for each row execute function minutes_text_note()`.execute(db);
    await sql
      .raw(
        `create function minutes_text_decision() returns trigger language plpgsql as $$
        begin
          if tg_op <> 'INSERT' then delete from minutes_text where minutes_id = old.minutes_id and agenda_item_id = old.agenda_item_id and decision_id = old.id; end if;
          if tg_op <> 'DELETE' then insert into minutes_text (${cols}) values (new.minutes_id, new.agenda_item_id, new.id, ${decisionRow('new')}); end if;
          return null;
        end $$`,
      )
      .execute(db);
    await sql`create trigger minutes_text_decision after insert or update or delete on decisions for each row execute function minutes_text_decision()`.execute(db);
    await sql
      .raw(
        `create function minutes_text_item() returns trigger language plpgsql as $$
        begin
          update minutes_text set title = ${foldSql(true, 'new.title')} where agenda_item_id = new.id;
          return null;
        end $$`,
      )
      .execute(db);
    await sql`create trigger minutes_text_item after update of title on agenda_items for each row execute function minutes_text_item()`.execute(db);
  } else {
    // rowid: 2 × the note's rowid, or 2 × the decision's id + 1.
    await sql`create virtual table minutes_text using fts5(minutes_id unindexed, agenda_item_id unindexed, decision_id unindexed, title, body, tokenize='trigram remove_diacritics 1')`.execute(db);
    const cols = 'rowid, minutes_id, agenda_item_id, decision_id, title, body';
    const noteValues = (n: string) => `2 * ${n}.rowid, ${n}.minutes_id, ${n}.agenda_item_id, 0, ${noteRow(n)}`;
    const decisionValues = (d: string) => `2 * ${d}.id + 1, ${d}.minutes_id, ${d}.agenda_item_id, ${d}.id, ${decisionRow(d)}`;
    await sql.raw(`insert into minutes_text (${cols}) select ${noteValues('n')} from minute_notes n`).execute(db);
    await sql.raw(`insert into minutes_text (${cols}) select ${decisionValues('d')} from decisions d`).execute(db);
    await sql.raw(`create trigger minutes_text_note_insert after insert on minute_notes begin insert into minutes_text (${cols}) select ${noteValues('new')}; end`).execute(db);
    await sql.raw(`create trigger minutes_text_note_update after update on minute_notes begin delete from minutes_text where rowid = 2 * old.rowid; insert into minutes_text (${cols}) select ${noteValues('new')}; end`).execute(db);
    await sql.raw(`create trigger minutes_text_note_delete after delete on minute_notes begin delete from minutes_text where rowid = 2 * old.rowid; end`).execute(db);
    await sql.raw(`create trigger minutes_text_decision_insert after insert on decisions begin insert into minutes_text (${cols}) select ${decisionValues('new')}; end`).execute(db);
    await sql.raw(`create trigger minutes_text_decision_update after update on decisions begin delete from minutes_text where rowid = 2 * old.id + 1; insert into minutes_text (${cols}) select ${decisionValues('new')}; end`).execute(db);
    await sql.raw(`create trigger minutes_text_decision_delete after delete on decisions begin delete from minutes_text where rowid = 2 * old.id + 1; end`).execute(db);
    await sql
      .raw(
        `create trigger minutes_text_item after update of title on agenda_items begin
          update minutes_text set title = ${foldSql(false, 'new.title')}
          where rowid in (select 2 * n.rowid from minute_notes n where n.agenda_item_id = new.id union all select 2 * d.id + 1 from decisions d where d.agenda_item_id = new.id);
        end`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  if (postgres) {
    for (const [trigger, table, fn] of [['minutes_text_note', 'minute_notes', 'minutes_text_note'], ['minutes_text_decision', 'decisions', 'minutes_text_decision'], ['minutes_text_item', 'agenda_items', 'minutes_text_item']]) {
      await sql.raw(`drop trigger ${trigger} on ${table}`).execute(db);
      await sql.raw(`drop function ${fn}()`).execute(db);
    }
    await sql`drop trigger directory_text_entry on organisations`.execute(db);
    await sql`drop function directory_text_entry()`.execute(db);
    await sql`drop table directory_text`.execute(db);
    // The extension stays: other databases' objects or a later migration may use it.
  } else {
    for (const trigger of ['minutes_text_note_insert', 'minutes_text_note_update', 'minutes_text_note_delete', 'minutes_text_decision_insert', 'minutes_text_decision_update', 'minutes_text_decision_delete', 'minutes_text_item', 'directory_text_insert', 'directory_text_update', 'directory_text_delete', 'search_words_insert', 'search_words_entry_insert', 'search_words_entry_update']) {
      await sql`drop trigger ${sql.id(trigger)}`.execute(db);
    }
    await sql`drop table directory_text`.execute(db);
    await sql`drop table search_words_trigram`.execute(db);
  }
  await sql`drop table minutes_text`.execute(db);
  await sql`drop table search_words`.execute(db);
  await db.schema.dropTable('search_synonyms').execute();
  await db.schema.alterTable('organisations').dropColumn('search_offers').execute();
}
