import type { Kysely } from 'kysely';
import type { Database, SpecialValue } from '../db/schema.js';
import { referenceLabel } from '../directory/choices.js';
import { namesByEntry } from '../reference/names.js';
import { coverage } from '../directory/overview.js';
import { type FigureTable, type StatisticsCity } from './figures.js';
import { cachedFigureTable } from './figure-cache.js';
import { isNumber } from './need-format.js';

/**
 * Need next to offer (issue #18): per city and field of action, the published directory entries that
 * serve the city in that field (the directory's coverage table, src/directory/overview.ts: an entry
 * serves the cities it names in organisation_cities, exactly what /directory?city=…&field=… finds), next
 * to the population with a migration history, or, where the city has no such figure, its foreign
 * population, as offers per 10,000 of them.
 *
 * The population basis of a city: the latest year with a number for the population with a migration
 * history; without any, the latest year with a number for the foreign population. Without either, the
 * row shows the special value of official statistics it has (or that nothing is known) and no ratio.
 *
 * District-wide entries (named under the district's own row, "kreisweit") are shown in a row of their
 * own against the district's population (the sum of the cities, figures.ts); they are not in the cities'
 * cells unless they name the city too, so that each cell's count is what its directory link finds.
 *
 * The weakest cells: among the cells with at least one offer and a ratio, the lowest fifth (at least one;
 * cells equal to the last one marked are marked too). Cells without any offer are gaps, marked as such.
 */

export const PER = 10_000;

export type Basis = 'population_migration' | 'population_foreign';

export interface NeedCell {
  fieldId: number;
  count: number;
  /** Offers per 10,000 of the basis population; null without a usable population number. */
  rate: number | null;
  weak: boolean;
  gap: boolean;
  href: string;
}

export interface NeedRow {
  city: { id: number; name: string; shortName: string; slug: string };
  basis: Basis | null;
  year: number | null;
  population: number | null;
  /** The special value standing for the population where there is no number (null: a number, or nothing known). */
  special: SpecialValue | null;
  cells: NeedCell[];
}

export interface NeedTable {
  fields: { id: number; name: string; label: string }[];
  rows: NeedRow[];
  /** The district-wide entries (null when the installation has no district row). */
  district: NeedRow | null;
  weakCount: number;
}

export function directoryHref(cityId: number, fieldId: number): string {
  return `/directory?city=${cityId}&field=${fieldId}`;
}

/** rate: offers per 10,000 people; null for no population number or a zero population. */
export function rate(count: number, population: number | null): number | null {
  if (population === null || population <= 0) return null;
  return (count * PER) / population;
}

/** The population basis of a city (see above). */
export function basisOf(figures: FigureTable, place: number | 'district'): Pick<NeedRow, 'basis' | 'year' | 'population' | 'special'> {
  const years = [...figures.years].reverse();
  for (const basis of ['population_migration', 'population_foreign'] as const) {
    for (const year of years) {
      const f = figures.get(basis, place, year);
      if (isNumber(f)) return { basis, year, population: f.value, special: null };
    }
  }
  for (const basis of ['population_migration', 'population_foreign'] as const) {
    for (const year of years) {
      const f = figures.get(basis, place, year);
      if (f) return { basis, year, population: null, special: f.special };
    }
  }
  return { basis: null, year: null, population: null, special: null };
}

/** markWeakest marks the lowest fifth of the cells with an offer and a ratio (ties at the edge included). */
export function markWeakest(rows: NeedRow[]): number {
  const rated = rows.flatMap((r) => r.cells).filter((c) => c.count > 0 && c.rate !== null);
  if (rated.length === 0) return 0;
  const sorted = rated.map((c) => c.rate!).sort((a, b) => a - b);
  const edge = sorted[Math.max(1, Math.ceil(rated.length / 5)) - 1]!;
  let marked = 0;
  for (const c of rated) {
    if (c.rate! <= edge) {
      c.weak = true;
      marked += 1;
    }
  }
  return marked;
}

function rowOf(city: StatisticsCity | { id: number; name: string; shortName: string; slug: string }, basis: ReturnType<typeof basisOf>, fields: { id: number }[], cells: Map<string, number>): NeedRow {
  return {
    city: { id: city.id, name: city.name, shortName: city.shortName, slug: city.slug },
    ...basis,
    cells: fields.map((f) => {
      const count = cells.get(`${city.id}:${f.id}`) ?? 0;
      return { fieldId: f.id, count, rate: rate(count, basis.population), weak: false, gap: count === 0, href: directoryHref(city.id, f.id) };
    }),
  };
}

export async function needTable(db: Kysely<Database>, locale: string): Promise<NeedTable> {
  const [figures, cov, fieldRows, names, district] = await Promise.all([
    cachedFigureTable(db),
    coverage(db),
    db.selectFrom('fields_of_action').select(['id', 'name']).where('retired_at', 'is', null).orderBy('position').orderBy('id').execute(),
    namesByEntry(db, 'fields'),
    db.selectFrom('cities').select(['id', 'name', 'short_name', 'slug']).where('kind', '=', 'district').where('retired', '=', 0).orderBy('position').executeTakeFirst(),
  ]);
  const fields = fieldRows.map((f) => ({ id: f.id, name: f.name, label: referenceLabel({ name: f.name, names: names.get(String(f.id)) }, locale) }));
  const rows = figures.cities.map((city) => rowOf(city, basisOf(figures, city.id), fields, cov.cells));
  const weakCount = markWeakest(rows);
  return {
    fields,
    rows,
    district: district ? rowOf({ id: district.id, name: district.name, shortName: district.short_name, slug: district.slug }, basisOf(figures, 'district'), fields, cov.cells) : null,
    weakCount,
  };
}
