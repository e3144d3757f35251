import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../src/db/dialect.js';

// Editable reference lists (issue #17): fields of action, kinds of organisation, target groups and the
// languages of the directory. Each entry keeps its German name in its own table (canonical: CSV import
// and export, search); its names in the other interface languages move to one table reference_names
// (list, entry, locale, name), where the English names of migration 0017 and the kinds' English labels
// go. An entry can be retired (retired_at): records keep it and show it, forms no longer offer it.
// The languages, until now a constant in the code, become a table of ISO 639 codes with the language's
// own name (endonym); the ones offered so far are seeded, with Lingala and Dari added.

const OFFERED = [
  'de', 'en', 'tr', 'ar', 'ru', 'uk', 'pl', 'fa', 'ps', 'ku', 'ti', 'so', 'fr', 'es', 'it', 'el', 'ro', 'bg', 'sq', 'sr', 'hr', 'bs', 'zh', 'vi', 'ta', 'ur',
  'ln', 'prs',
];
const LOCALES = ['de', 'en', 'tr', 'ar', 'ru', 'uk'];

function intlName(code: string, locale: string): string | undefined {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('reference_names')
    .addColumn('list', 'varchar(20)', (c) => c.notNull())
    .addColumn('entry', 'varchar(50)', (c) => c.notNull())
    .addColumn('locale', 'varchar(10)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addPrimaryKeyConstraint('reference_names_pk', ['list', 'entry', 'locale'])
    .execute();

  const names: { list: string; entry: string; locale: string; name: string }[] = [];
  for (const [table, list] of [['fields_of_action', 'fields'], ['target_groups', 'targets']] as const) {
    const rows = await db.selectFrom(table).select(['id', 'name_en']).where('name_en', 'is not', null).execute();
    for (const r of rows) if (String(r.name_en).trim()) names.push({ list, entry: String(r.id), locale: 'en', name: String(r.name_en).trim() });
    await db.schema.alterTable(table).dropColumn('name_en').execute();
    await db.schema.alterTable(table).addColumn('retired_at', t.instant).execute();
  }
  for (const k of await db.selectFrom('organisation_kinds').select(['key', 'label_en']).execute()) {
    if (String(k.label_en).trim()) names.push({ list: 'kinds', entry: k.key, locale: 'en', name: String(k.label_en).trim() });
  }
  await db.schema.alterTable('organisation_kinds').dropColumn('label_en').execute();
  await db.schema.alterTable('organisation_kinds').addColumn('retired_at', t.instant).execute();

  // ISO 639-3 codes have three letters (prs: Dari); the entries' languages were two (SQLite ignores the length).
  if (dialectOf(db) === 'postgres') await db.schema.alterTable('organisation_languages').alterColumn('language', (c) => c.setDataType('varchar(3)')).execute();
  await db.schema
    .createTable('languages')
    .addColumn('code', 'varchar(3)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('endonym', 'varchar(200)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', t.instant)
    .execute();
  // Codes an entry already uses stay known, even one the list above lacks.
  const used = (await db.selectFrom('organisation_languages').select('language').distinct().execute()).map((r) => String(r.language));
  const codes = [...new Set([...OFFERED, ...used])];
  await db
    .insertInto('languages')
    .values(codes.map((code, i) => ({ code, name: intlName(code, 'de') ?? code, endonym: intlName(code, code) ?? intlName(code, 'de') ?? code, position: i + 1 })))
    .execute();
  for (const code of codes) {
    for (const locale of LOCALES.slice(1)) {
      const name = intlName(code, locale);
      if (name) names.push({ list: 'languages', entry: code, locale, name });
    }
  }
  for (let i = 0; i < names.length; i += 200) await db.insertInto('reference_names').values(names.slice(i, i + 200)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const english = async (list: string) =>
    new Map((await db.selectFrom('reference_names').select(['entry', 'name']).where('list', '=', list).where('locale', '=', 'en').execute()).map((r) => [String(r.entry), String(r.name)]));
  for (const [table, list] of [['fields_of_action', 'fields'], ['target_groups', 'targets']] as const) {
    await db.schema.alterTable(table).dropColumn('retired_at').execute();
    await db.schema.alterTable(table).addColumn('name_en', 'varchar(200)').execute();
    for (const [id, name] of await english(list)) await db.updateTable(table).set({ name_en: name }).where('id', '=', Number(id)).execute();
  }
  await db.schema.alterTable('organisation_kinds').dropColumn('retired_at').execute();
  await db.schema.alterTable('organisation_kinds').addColumn('label_en', 'varchar(200)', (c) => c.notNull().defaultTo('')).execute();
  const kinds = await english('kinds');
  for (const k of await db.selectFrom('organisation_kinds').select(['key', 'label_de']).execute()) {
    await db.updateTable('organisation_kinds').set({ label_en: kinds.get(k.key) ?? k.label_de }).where('key', '=', k.key).execute();
  }
  await db.schema.dropTable('languages').execute();
  await db.schema.dropTable('reference_names').execute();
  // Back to two letters: entries lose their three-letter languages.
  await db.deleteFrom('organisation_languages').where(sql`length(language)`, '>', 2).execute();
  if (dialectOf(db) === 'postgres') await db.schema.alterTable('organisation_languages').alterColumn('language', (c) => c.setDataType('varchar(2)')).execute();
}
