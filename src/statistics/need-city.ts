import type { Kysely } from 'kysely';
import type { City, Database } from '../db/schema.js';
import { type Figure, type Indicator, type Place } from './figures.js';
import { cachedFigureTable } from './figure-cache.js';

/**
 * The figures of the Datensammlung on a city page (issue #18): per indicator the latest year that has
 * a figure for the city (a number or a special value), with its source and note; shares derived by
 * figureTable from their two counts, never re-computed here. The district's own page (cities.kind
 * 'district') shows the district's figures: sums of the cities and shares derived from the sums.
 */
export interface CityFigure {
  key: string;
  /** Name in the reader's data language (English where there is one and the page is English). */
  label: string;
  /** Whether the label is the German name (marked lang="de" on a page in another language). */
  german: boolean;
  kind: 'count' | 'share';
  unit: string;
  year: number;
  figure: Figure;
  source: string | null;
  note: string | null;
  /** For a share: the names of its two counts. */
  parts: { numerator: string; denominator: string } | null;
  /** Where the latest figure is a special value: the latest number before it, if any. */
  previous: { year: number; value: number } | null;
}

function labelOf(indicator: Indicator, locale: string): { label: string; german: boolean } {
  return locale === 'en' && indicator.nameEn ? { label: indicator.nameEn, german: false } : { label: indicator.name, german: true };
}

export async function cityFigures(db: Kysely<Database>, city: Pick<City, 'id' | 'kind'>, locale: string): Promise<CityFigure[]> {
  const table = await cachedFigureTable(db);
  const place: Place = city.kind === 'district' ? 'district' : city.id;
  if (place !== 'district' && !table.cities.some((c) => c.id === city.id)) return [];
  const byId = new Map(table.indicators.map((i) => [i.id, i]));
  const years = [...table.years].reverse();
  const out: CityFigure[] = [];
  for (const indicator of table.indicators) {
    const year = years.find((y) => table.get(indicator.key, place, y) !== undefined);
    if (year === undefined) continue;
    const figure = table.get(indicator.key, place, year)!;
    const previousYear = figure.special === null ? undefined : years.find((y) => y < year && table.get(indicator.key, place, y)?.special === null);
    const detail = place === 'district' ? undefined : table.detail(indicator.key, place, year);
    const numerator = indicator.numeratorId === null ? undefined : byId.get(indicator.numeratorId);
    const denominator = indicator.denominatorId === null ? undefined : byId.get(indicator.denominatorId);
    out.push({
      key: indicator.key,
      ...labelOf(indicator, locale),
      kind: indicator.kind,
      unit: indicator.unit,
      year,
      figure,
      source: indicator.kind === 'share' ? null : (detail?.source ?? indicator.source),
      note: detail?.note ?? null,
      parts: numerator && denominator ? { numerator: labelOf(numerator, locale).label, denominator: labelOf(denominator, locale).label } : null,
      previous: previousYear === undefined ? null : { year: previousYear, value: table.get(indicator.key, place, previousYear)!.value! },
    });
  }
  // In the staff's order of the indicators (statistic_indicators.position).
  return out;
}
