import type { Kysely } from 'kysely';
import type { Database, SpecialValue } from '../db/schema.js';

/**
 * The demo's figures of the Datensammlung (issue #18): SYNTHETIC numbers for the ten cities and the years
 * 2015–2024, of the real order of magnitude (population, a foreign share of about 12–22 %, a migration
 * history of about 25–40 %) but invented: every value's source and note say so, so that nobody takes them
 * for official statistics. The age groups of the foreign population add up to it exactly.
 *
 * Special values as official statistics have them: "." (secret) for one cell, "…" (not yet available) for
 * the newest year's population with a migration history; Wülfrath has no migration figures at all, so the
 * need-next-to-offer page shows its fallback to the foreign population.
 *
 * Written straight into statistic_values: the demo is a fresh database, no change history is wanted, and
 * the module that writes values with history (src/statistics/values.ts) is the data helper's.
 */
export const DEMO_STATISTICS_SOURCE = 'Synthetische Beispielzahlen (Demo)';
export const DEMO_STATISTICS_NOTE = 'Synthetische Beispielzahlen (Demo): erfunden, keine amtlichen Daten.';
export const DEMO_YEARS = { from: 2015, to: 2024 } as const;

/** Population 2024, foreign share 2024 (%), migration share 2024 (%, null: none kept). */
const CITIES: Record<string, [population: number, foreign: number, migration: number | null]> = {
  ratingen: [87_400, 15.8, 31.5],
  velbert: [82_100, 19.6, 36.2],
  'langenfeld-rhld': [59_300, 12.4, 26.1],
  hilden: [55_600, 16.2, 32.4],
  'monheim-am-rhein': [41_200, 21.7, 39.3],
  erkrath: [44_300, 14.1, 28.7],
  mettmann: [38_600, 15.2, 30.2],
  haan: [30_200, 12.9, 25.4],
  heiligenhaus: [26_400, 17.8, 33.6],
  wuelfrath: [21_100, 13.3, null],
};

/** Shares of the age groups in the foreign population (sum 1); the last group takes the rounding rest. */
const AGE_GROUPS: [key: string, part: number][] = [
  ['foreign_age_0_5', 0.07],
  ['foreign_age_6_17', 0.13],
  ['foreign_age_18_24', 0.09],
  ['foreign_age_25_44', 0.37],
  ['foreign_age_45_64', 0.24],
  ['foreign_age_65_plus', 0.1],
];

/** The one secret cell: an age group of a small city in one year. */
const SECRET = { slug: 'wuelfrath', key: 'foreign_age_0_5', year: 2019 };

export interface DemoFigure {
  key: string;
  slug: string;
  year: number;
  value: number | null;
  special: SpecialValue | null;
}

/** demoFigures: the synthetic values, deterministic (no randomness: the demo looks the same every time). */
export function demoFigures(): DemoFigure[] {
  const out: DemoFigure[] = [];
  for (const [slug, [population2024, foreign2024, migration2024]] of Object.entries(CITIES)) {
    for (let year: number = DEMO_YEARS.from; year <= DEMO_YEARS.to; year++) {
      const back = DEMO_YEARS.to - year;
      // A slowly growing population, a foreign share rising by about 0.45 points a year (more after 2022).
      const population = Math.round(population2024 * (1 - 0.002 * back));
      const foreignShare = foreign2024 - 0.45 * back - (year < 2022 ? 1.2 : 0);
      const foreign = Math.round((population * foreignShare) / 100);
      out.push({ key: 'population_total', slug, year, value: population, special: null });
      out.push({ key: 'population_foreign', slug, year, value: foreign, special: null });
      if (migration2024 !== null) {
        const migration = Math.round((population * (migration2024 - 0.5 * back)) / 100);
        out.push({ key: 'population_migration', slug, year, value: year === DEMO_YEARS.to ? null : migration, special: year === DEMO_YEARS.to ? '…' : null });
      }
      let rest = foreign;
      for (const [i, [key, part]] of AGE_GROUPS.entries()) {
        const value = i === AGE_GROUPS.length - 1 ? rest : Math.round(foreign * part);
        rest -= value;
        const secret = slug === SECRET.slug && key === SECRET.key && year === SECRET.year;
        out.push({ key, slug, year, value: secret ? null : value, special: secret ? '.' : null });
      }
    }
  }
  return out;
}

/** seedStatisticsDemo writes the synthetic figures once (nothing when the Datensammlung already has values). */
export async function seedStatisticsDemo(trx: Kysely<Database>, now: Date): Promise<number> {
  if (await trx.selectFrom('statistic_values').select('id').limit(1).executeTakeFirst()) return 0;
  const [indicators, cities] = await Promise.all([
    trx.selectFrom('statistic_indicators').select(['id', 'key']).execute(),
    trx.selectFrom('cities').select(['id', 'slug']).where('kind', '=', 'city').where('retired', '=', 0).execute(),
  ]);
  const indicatorId = new Map(indicators.map((i) => [i.key, Number(i.id)]));
  const cityId = new Map(cities.map((c) => [c.slug, Number(c.id)]));
  const at = now.toISOString();
  const rows = demoFigures()
    .filter((f) => indicatorId.has(f.key) && cityId.has(f.slug))
    .map((f) => ({
      indicator_id: indicatorId.get(f.key)!,
      city_id: cityId.get(f.slug)!,
      year: f.year,
      value: f.value,
      special: f.special,
      source: DEMO_STATISTICS_SOURCE,
      note: DEMO_STATISTICS_NOTE,
      updated_at: at,
      updated_by_user_id: null,
    }));
  // In chunks: SQLite allows a limited number of bound parameters per statement.
  for (let i = 0; i < rows.length; i += 50) await trx.insertInto('statistic_values').values(rows.slice(i, i + 50)).execute();
  return rows.length;
}
