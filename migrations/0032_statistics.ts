import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { columnTypes, idColumn, oneOf } from '../src/db/dialect.js';

// The "Datensammlung Integration" (issue #18): indicators the staff define, and values per city and
// reference date (31 December of a year). Only counts are stored; a share is derived from two counts
// (numerator / denominator) when read, so it can never disagree with them. The district's value is never
// stored either: it is the sum of its cities (src/statistics/figures.ts).
//
// A value is a number or one of the special values of official statistics, kept as such (never as 0):
// "-" nothing, "." secret or unknown, "x" not sensible, "…" not yet available.
// Every change of a stored value is kept in statistic_value_changes with who and when.
export const SPECIAL_VALUES = ['-', '.', 'x', '…'] as const;

const AGE_GROUPS = [
  { key: 'foreign_age_0_5', name: 'Ausländische Bevölkerung unter 6 Jahren', name_en: 'Foreign population under 6' },
  { key: 'foreign_age_6_17', name: 'Ausländische Bevölkerung von 6 bis 17 Jahren', name_en: 'Foreign population aged 6 to 17' },
  { key: 'foreign_age_18_24', name: 'Ausländische Bevölkerung von 18 bis 24 Jahren', name_en: 'Foreign population aged 18 to 24' },
  { key: 'foreign_age_25_44', name: 'Ausländische Bevölkerung von 25 bis 44 Jahren', name_en: 'Foreign population aged 25 to 44' },
  { key: 'foreign_age_45_64', name: 'Ausländische Bevölkerung von 45 bis 64 Jahren', name_en: 'Foreign population aged 45 to 64' },
  { key: 'foreign_age_65_plus', name: 'Ausländische Bevölkerung ab 65 Jahren', name_en: 'Foreign population aged 65 and older' },
];

const PERSONS = 'Personen';
const STATE_SOURCE = 'IT.NRW, Landesdatenbank NRW';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('statistic_indicators')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('key', 'varchar(80)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(200)')
    .addColumn('unit', 'varchar(50)', (c) => c.notNull())
    .addColumn('definition', 'text')
    .addColumn('source', 'varchar(300)')
    .addColumn('kind', 'varchar(10)', (c) => c.notNull().check(oneOf('kind', ['count', 'share'])))
    // A share's two counts; both null for a count.
    .addColumn('numerator_id', 'integer', (c) => c.references('statistic_indicators.id'))
    .addColumn('denominator_id', 'integer', (c) => c.references('statistic_indicators.id'))
    // Indicators with the same chart group form one chart of parts (the age structure).
    .addColumn('chart_group', 'varchar(80)')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addCheckConstraint(
      'statistic_indicators_share_parts',
      sql`(kind = 'count' and numerator_id is null and denominator_id is null) or (kind = 'share' and numerator_id is not null and denominator_id is not null)`,
    )
    .execute();

  await db.schema
    .createTable('statistic_values')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('statistic_indicators.id').onDelete('cascade'))
    .addColumn('city_id', 'integer', (c) => c.notNull().references('cities.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('special', 'varchar(3)', (c) => c.check(oneOf('special', SPECIAL_VALUES)))
    .addColumn('source', 'varchar(300)')
    .addColumn('note', 'text')
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('updated_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addCheckConstraint('statistic_values_one_of', sql`(value is null) <> (special is null)`)
    .execute();
  await db.schema.createIndex('statistic_values_unique').on('statistic_values').columns(['indicator_id', 'city_id', 'year']).unique().execute();

  await db.schema
    .createTable('statistic_value_changes')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('statistic_indicators.id').onDelete('cascade'))
    .addColumn('city_id', 'integer', (c) => c.notNull().references('cities.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    // Before: both null when the value was new.
    .addColumn('old_value', 'double precision')
    .addColumn('old_special', 'varchar(3)')
    // After: both null when the value was removed.
    .addColumn('new_value', 'double precision')
    .addColumn('new_special', 'varchar(3)')
    .addColumn('changed_at', t.instant, (c) => c.notNull())
    .addColumn('changed_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    // 'import' (with the file's name) or 'manual'.
    .addColumn('via', 'varchar(10)', (c) => c.notNull().check(oneOf('via', ['import', 'manual'])))
    .addColumn('file_name', 'varchar(300)')
    .execute();
  await db.schema.createIndex('statistic_value_changes_cell').on('statistic_value_changes').columns(['indicator_id', 'city_id', 'year']).execute();

  const at = new Date().toISOString();
  const count = (key: string, name: string, name_en: string, position: number, extra: { definition?: string; source?: string; chart_group?: string } = {}) => ({
    key,
    name,
    name_en,
    unit: PERSONS,
    definition: extra.definition ?? null,
    source: extra.source ?? STATE_SOURCE,
    kind: 'count',
    numerator_id: null,
    denominator_id: null,
    chart_group: extra.chart_group ?? null,
    position,
    created_at: at,
    updated_at: at,
  });
  await db
    .insertInto('statistic_indicators')
    .values([
      count('population_total', 'Bevölkerung insgesamt', 'Total population', 1, { definition: 'Einwohnerinnen und Einwohner mit Hauptwohnsitz am 31. Dezember.' }),
      count('population_foreign', 'Ausländische Bevölkerung', 'Foreign population', 2, {
        definition: 'Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit am 31. Dezember.',
      }),
      count('population_migration', 'Bevölkerung mit Einwanderungsgeschichte', 'Population with an immigration history', 3, {
        definition: 'Menschen, die selbst oder deren beide Elternteile seit 1950 nach Deutschland eingewandert sind.',
        source: 'IT.NRW, Zensus / Mikrozensus',
      }),
      ...AGE_GROUPS.map((g, i) => count(g.key, g.name, g.name_en, 10 + i, { chart_group: 'foreign_by_age' })),
    ])
    .execute();
  const ids = new Map<string, number>(
    (await db.selectFrom('statistic_indicators').select(['id', 'key']).execute()).map((r: { id: number; key: string }) => [r.key, Number(r.id)]),
  );
  const share = (key: string, name: string, name_en: string, numerator: string, position: number, definition: string) => ({
    key,
    name,
    name_en,
    unit: '%',
    definition,
    source: null,
    kind: 'share',
    numerator_id: ids.get(numerator)!,
    denominator_id: ids.get('population_total')!,
    chart_group: null,
    position,
    created_at: at,
    updated_at: at,
  });
  await db
    .insertInto('statistic_indicators')
    .values([
      share('share_foreign', 'Anteil der ausländischen Bevölkerung', 'Share of the foreign population', 'population_foreign', 4, 'Ausländische Bevölkerung je 100 Einwohnerinnen und Einwohner.'),
      share(
        'share_migration',
        'Anteil der Bevölkerung mit Einwanderungsgeschichte',
        'Share of the population with an immigration history',
        'population_migration',
        5,
        'Bevölkerung mit Einwanderungsgeschichte je 100 Einwohnerinnen und Einwohner.',
      ),
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('statistic_value_changes').execute();
  await db.schema.dropTable('statistic_values').execute();
  await db.schema.dropTable('statistic_indicators').execute();
}
