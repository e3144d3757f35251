import type { Kysely } from 'kysely';
import type { Database, SpecialValue } from '../../src/db/schema.js';

/**
 * seedFigures: counts for every active city and year, straight into statistic_values (the import is
 * another feature's): population, foreign population, population with an immigration history and the
 * foreign population by age group, growing by city index and year. `specials` overrides cells.
 */
export async function seedFigures(
  db: Kysely<Database>,
  years: number[],
  specials: { indicator: string; slug: string; year: number; special: SpecialValue }[] = [],
): Promise<{ cities: { id: number; slug: string; name: string }[]; indicators: Map<string, number> }> {
  const cities = await db.selectFrom('cities').select(['id', 'slug', 'name']).where('kind', '=', 'city').where('retired', '=', 0).orderBy('position').orderBy('name').execute();
  const indicators = new Map((await db.selectFrom('statistic_indicators').select(['id', 'key']).execute()).map((r) => [r.key, Number(r.id)]));
  const at = '2026-01-01T00:00:00.000Z';
  const ageKeys = ['foreign_age_0_5', 'foreign_age_6_17', 'foreign_age_18_24', 'foreign_age_25_44', 'foreign_age_45_64', 'foreign_age_65_plus'];
  const rows = cities.flatMap((c, i) =>
    years.flatMap((year, y) => {
      const total = 20000 + 5000 * i + 100 * y;
      const foreign = 2000 + 300 * i + 50 * y;
      const values: [string, number][] = [
        ['population_total', total],
        ['population_foreign', foreign],
        ['population_migration', foreign * 2],
        ...ageKeys.map((k, a): [string, number] => [k, 100 * (a + 1) + i + y]),
      ];
      return values.map(([key, value]) => {
        const s = specials.find((x) => x.indicator === key && x.slug === c.slug && x.year === year);
        return { indicator_id: indicators.get(key)!, city_id: c.id, year, value: s ? null : value, special: s ? s.special : null, source: 'IT.NRW', note: null, updated_at: at, updated_by_user_id: null };
      });
    }),
  );
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('statistic_values').values(rows.slice(i, i + 200)).execute();
  return { cities: cities.map((c) => ({ id: Number(c.id), slug: c.slug, name: c.name })), indicators };
}
