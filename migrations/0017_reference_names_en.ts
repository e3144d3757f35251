import type { Kysely } from 'kysely';

// The English interface names the fields of action and target groups in English (issue "The secretariat's
// working day"), as it already names the kinds of organisation. The German name stays the canonical one
// (CSV import and export, search); the English one is optional, and where it is missing the German name is
// shown, marked as German. The district's reference lists become editable in a later issue.
const fieldsOfAction: Record<string, string> = {
  Sprache: 'Language',
  'Bildung und Ausbildung': 'Education and training',
  'Wirtschaft und Arbeit': 'Economy and work',
  Gesundheit: 'Health',
  Wohnen: 'Housing',
  Kultur: 'Culture',
  Sport: 'Sport',
};

const targetGroups: Record<string, string> = {
  'Kinder und Jugendliche': 'Children and young people',
  Frauen: 'Women',
  'Familien und Eltern': 'Families and parents',
  Geflüchtete: 'Refugees',
  Neuzugewanderte: 'Newcomers',
  'Ältere Menschen': 'Older people',
  'Menschen mit Behinderung': 'People with disabilities',
  Arbeitsuchende: 'Jobseekers',
  'Studierende und Auszubildende': 'Students and apprentices',
  Ehrenamtliche: 'Volunteers',
  Fachkräfte: 'Professionals',
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, names] of [
    ['fields_of_action', fieldsOfAction],
    ['target_groups', targetGroups],
  ] as const) {
    await db.schema.alterTable(table).addColumn('name_en', 'varchar(200)').execute();
    for (const [de, en] of Object.entries(names)) await db.updateTable(table).set({ name_en: en }).where('name', '=', de).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['fields_of_action', 'target_groups']) await db.schema.alterTable(table).dropColumn('name_en').execute();
}
