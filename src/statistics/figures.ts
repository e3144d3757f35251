import type { Kysely } from 'kysely';
import type { Database, SpecialValue } from '../db/schema.js';

/**
 * The read model of the Datensammlung: every figure the pages, the city pages, need-next-to-offer and
 * the yearly report show comes from figureTable(), so the two rules that matter live here once:
 * - a share is derived from its two counts (numerator / denominator × 100), never stored;
 * - the district's value of a count is the sum of its cities, and its share is derived from those sums.
 * Special values of official statistics stay special: they are never read as 0.
 */

export const SPECIAL_VALUES: readonly SpecialValue[] = ['-', '.', 'x', '…'];

/** A figure is a number or a special value; undefined (no row) means nothing is known. */
export type Figure = { value: number; special: null } | { value: null; special: SpecialValue };

export interface Indicator {
  id: number;
  key: string;
  name: string;
  nameEn: string | null;
  unit: string;
  definition: string | null;
  source: string | null;
  kind: 'count' | 'share';
  numeratorId: number | null;
  denominatorId: number | null;
  chartGroup: string | null;
  position: number;
}

export interface StatisticsCity {
  id: number;
  name: string;
  shortName: string;
  slug: string;
  ags: string | null;
}

/** Where a stored value came from (counts of a city only; derived figures have none). */
export interface StoredDetail {
  source: string | null;
  note: string | null;
}

/** "district" stands for the sum over the cities. */
export type Place = number | 'district';

export interface FigureTable {
  indicators: Indicator[];
  /** The district's active cities, in their list order. */
  cities: StatisticsCity[];
  /** Every year with at least one stored value, ascending. */
  years: number[];
  /** The figure of an indicator (by key) for a city or the district in a year; undefined: not known. */
  get(indicatorKey: string, place: Place, year: number): Figure | undefined;
  /** Source and note of a stored count of a city. */
  detail(indicatorKey: string, cityId: number, year: number): StoredDetail | undefined;
}

const number = (value: number): Figure => ({ value, special: null });
const special = (s: SpecialValue): Figure => ({ value: null, special: s });

/** Which special value wins when parts disagree: "not sensible" over "secret" over "not yet available". */
const SPECIAL_RANK: Record<SpecialValue, number> = { x: 3, '.': 2, '…': 1, '-': 0 };

/** share derives a percentage from two counts; a special part makes the share special, a zero base "x". */
export function share(numerator: Figure | undefined, denominator: Figure | undefined): Figure | undefined {
  if (!numerator || !denominator) return undefined;
  const numeratorValue = numerator.special === '-' ? 0 : numerator.value;
  if (numeratorValue === null) return numerator;
  if (denominator.special !== null) return denominator.special === '-' ? special('x') : denominator;
  if (denominator.value === 0) return special('x');
  return number((numeratorValue / denominator.value) * 100);
}

/**
 * sumOf adds the cities' counts. "-" (nothing) adds 0. Any other special value, or a city without a
 * value while others have one, makes the sum unknown in the strongest way ("…" for a missing city).
 */
export function sumOf(parts: (Figure | undefined)[]): Figure | undefined {
  if (parts.every((p) => p === undefined)) return undefined;
  let total = 0;
  let worst: SpecialValue | null = null;
  for (const part of parts) {
    const s: SpecialValue | null = part === undefined ? '…' : part.special;
    if (s === null) total += part!.value!;
    else if (s !== '-' && (worst === null || SPECIAL_RANK[s] > SPECIAL_RANK[worst])) worst = s;
  }
  if (worst !== null) return special(worst);
  if (parts.every((p) => p?.special === '-')) return special('-');
  return number(total);
}

export async function loadIndicators(db: Kysely<Database>): Promise<Indicator[]> {
  const rows = await db.selectFrom('statistic_indicators').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    key: r.key,
    name: r.name,
    nameEn: r.name_en,
    unit: r.unit,
    definition: r.definition,
    source: r.source,
    kind: r.kind,
    numeratorId: r.numerator_id === null ? null : Number(r.numerator_id),
    denominatorId: r.denominator_id === null ? null : Number(r.denominator_id),
    chartGroup: r.chart_group,
    position: r.position,
  }));
}

/** The cities figures are kept for: the district's active cities (not the district-wide row). */
export async function loadStatisticsCities(db: Kysely<Database>): Promise<StatisticsCity[]> {
  const rows = await db
    .selectFrom('cities')
    .select(['id', 'name', 'short_name', 'slug', 'ags'])
    .where('kind', '=', 'city')
    .where('retired', '=', 0)
    .orderBy('position')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, shortName: r.short_name, slug: r.slug, ags: r.ags }));
}

/** figureTable reads every indicator and stored value once and answers for any city, year and indicator. */
export async function figureTable(db: Kysely<Database>): Promise<FigureTable> {
  const [indicators, cities, rows] = await Promise.all([
    loadIndicators(db),
    loadStatisticsCities(db),
    db.selectFrom('statistic_values').select(['indicator_id', 'city_id', 'year', 'value', 'special', 'source', 'note']).execute(),
  ]);
  const byKey = new Map(indicators.map((i) => [i.key, i]));
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const stored = new Map<string, { figure: Figure; detail: StoredDetail }>();
  const years = new Set<number>();
  const cellKey = (indicatorId: number, cityId: number, year: number) => `${indicatorId}:${cityId}:${year}`;
  for (const r of rows) {
    const figure = r.special !== null ? special(r.special) : number(Number(r.value));
    stored.set(cellKey(Number(r.indicator_id), Number(r.city_id), r.year), { figure, detail: { source: r.source, note: r.note } });
    years.add(r.year);
  }

  const memo = new Map<string, Figure | undefined>();
  const figureOf = (indicator: Indicator, place: Place, year: number): Figure | undefined => {
    const key = `${indicator.id}:${place}:${year}`;
    if (memo.has(key)) return memo.get(key);
    let result: Figure | undefined;
    if (indicator.kind === 'share') {
      const numerator = byId.get(indicator.numeratorId!);
      const denominator = byId.get(indicator.denominatorId!);
      result = numerator && denominator ? share(figureOf(numerator, place, year), figureOf(denominator, place, year)) : undefined;
    } else if (place === 'district') {
      result = sumOf(cities.map((c) => stored.get(cellKey(indicator.id, c.id, year))?.figure));
    } else {
      result = stored.get(cellKey(indicator.id, place, year))?.figure;
    }
    memo.set(key, result);
    return result;
  };

  return {
    indicators,
    cities,
    years: [...years].sort((a, b) => a - b),
    get(indicatorKey, place, year) {
      const indicator = byKey.get(indicatorKey);
      return indicator ? figureOf(indicator, place, year) : undefined;
    },
    detail(indicatorKey, cityId, year) {
      const indicator = byKey.get(indicatorKey);
      return indicator ? stored.get(cellKey(indicator.id, cityId, year))?.detail : undefined;
    },
  };
}
