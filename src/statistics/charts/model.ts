import type { MessageKey, PublicLocale, Translate } from '../../i18n/index.js';
import type { Figure, FigureTable, Indicator, Place, StatisticsCity } from '../figures.js';
import { numberFormat, type NumberFormat } from './format.js';

/**
 * The charts' data: a table of rows (places or age groups) × series (years), every cell taken from
 * figureTable() as it is (derived shares and district sums included; nothing is summed or divided
 * here). The same Chart feeds the SVG, the data table under it and the CSV download, so they cannot
 * disagree.
 */
export type ChartKind = 'bars' | 'lines' | 'compare' | 'age';

export interface ChartRow {
  key: string;
  label: string;
  /** The district's row: drawn with its own pattern and a bold label. */
  district?: boolean;
  /** One figure per series (undefined: nothing known). */
  figures: (Figure | undefined)[];
}

export interface Chart {
  id: string;
  kind: ChartKind;
  title: string;
  /** The title's text and its German parts (names from the data), so a page can mark them lang="de". */
  titleText: { key: MessageKey; params: Record<string, string>; german: string[] };
  desc: string;
  unit: string;
  /** The header of the rows' column (place or age group). */
  rowHeader: string;
  /** The series (years), in order. */
  series: string[];
  rows: ChartRow[];
  /** Row labels are German names from the data (lang="de" on pages in other languages). */
  labelsAreGerman: boolean;
  format: NumberFormat;
}

/** indicatorName: English name in English (if given); German otherwise (marked lang="de" by the view). */
export function indicatorName(indicator: Indicator, lang: PublicLocale): string {
  return lang === 'en' && indicator.nameEn ? indicator.nameEn : indicator.name;
}

/** Whether indicatorName() gives a German name on a page in another language. */
export function indicatorNameIsGerman(indicator: Indicator, lang: PublicLocale): boolean {
  return lang !== 'de' && !(lang === 'en' && indicator.nameEn);
}

/** The age group of an indicator key like foreign_age_6_17 or foreign_age_65_plus, as "6–17" or "65+". */
export function ageLabel(indicator: Indicator): string {
  const m = /_(\d+)_(\d+|plus)$/.exec(indicator.key);
  if (!m) return indicator.name;
  return m[2] === 'plus' ? `${m[1]}+` : `${m[1]}–${m[2]}`;
}

export const AGE_GROUP = 'foreign_by_age';

interface Context {
  table: FigureTable;
  t: Translate;
  lang: PublicLocale;
}

/** A chart's title and its parts; `german` names the params that hold German names from the data. */
function titled(ctx: Context, key: MessageKey, params: Record<string, string>, german: string[]): Pick<Chart, 'title' | 'titleText'> {
  return { title: ctx.t(key, params), titleText: { key, params, german } };
}

function placeRows(ctx: Context, indicator: Indicator, years: number[]): ChartRow[] {
  const get = (place: Place) => years.map((y) => ctx.table.get(indicator.key, place, y));
  return [
    ...ctx.table.cities.map((c) => ({ key: c.slug, label: c.name, figures: get(c.id) })),
    { key: 'district', label: ctx.t('statistics.district'), district: true, figures: get('district') },
  ];
}

/** The rows with a number in series i, highest first. */
function ranked(rows: ChartRow[], i: number): { row: ChartRow; value: number }[] {
  return rows
    .flatMap((row) => {
      const f = row.figures[i];
      return f && f.special === null ? [{ row, value: f.value }] : [];
    })
    .sort((a, b) => b.value - a.value);
}

/** A sentence of the highest and lowest city and the district in series i (the desc's core). */
function extremes(ctx: Context, rows: ChartRow[], i: number, format: NumberFormat): string {
  const cities = ranked(
    rows.filter((r) => !r.district),
    i,
  );
  const district = rows.find((r) => r.district)?.figures[i];
  const parts: string[] = [];
  if (cities.length) {
    const top = cities[0]!;
    const low = cities[cities.length - 1]!;
    parts.push(ctx.t('statistics.desc.extremes', { high: top.row.label, highValue: format.value(top.value), low: low.row.label, lowValue: format.value(low.value) }));
  } else parts.push(ctx.t('statistics.desc.noNumbers'));
  if (district) parts.push(ctx.t('statistics.desc.district', { value: spoken(ctx, district, format) }));
  return parts.join(' ');
}

const MEANING = { '-': 'statistics.special.dash', '.': 'statistics.special.dot', x: 'statistics.special.x', '…': 'statistics.special.ellipsis' } as const;

/** A figure in a sentence: its number, or its symbol with the symbol's meaning ("." would vanish in the text). */
function spoken(ctx: Context, figure: Figure | undefined, format: NumberFormat): string {
  const special = figure ? figure.special : '…';
  return special === null ? format.value(figure!.value!) : `${special} (${ctx.t(MEANING[special])})`;
}

function specialsNote(ctx: Context, rows: ChartRow[]): string {
  const specials = rows.some((r) => r.figures.some((f) => !f || f.special !== null));
  return specials ? ` ${ctx.t('statistics.desc.specials')}` : '';
}

/** (a) The cities and the district in one year. */
export function barsChart(ctx: Context, indicator: Indicator, year: number): Chart {
  const format = numberFormat(ctx.lang, indicator.unit);
  const rows = placeRows(ctx, indicator, [year]);
  const name = indicatorName(indicator, ctx.lang);
  return {
    id: `bars-${indicator.key}`,
    kind: 'bars',
    ...titled(ctx, 'statistics.barsTitle', { indicator: name, year: String(year) }, indicatorNameIsGerman(indicator, ctx.lang) ? ['indicator'] : []),
    desc: extremes(ctx, rows, 0, format) + specialsNote(ctx, rows),
    unit: indicator.unit,
    rowHeader: ctx.t('statistics.place'),
    series: [String(year)],
    rows,
    labelsAreGerman: ctx.lang !== 'de',
    format,
  };
}

/** (b) The development over the years, per place. */
export function linesChart(ctx: Context, indicator: Indicator, years: number[]): Chart {
  const format = numberFormat(ctx.lang, indicator.unit);
  const rows = placeRows(ctx, indicator, years);
  const name = indicatorName(indicator, ctx.lang);
  const first = years[0];
  const last = years[years.length - 1];
  const district = rows.find((r) => r.district)!;
  const desc =
    first === undefined
      ? ctx.t('statistics.desc.noNumbers')
      : ctx.t('statistics.desc.change', {
          from: String(first),
          to: String(last),
          fromValue: spoken(ctx, district.figures[0], format),
          toValue: spoken(ctx, district.figures[years.length - 1], format),
        }) +
        ' ' +
        extremes(ctx, rows, years.length - 1, format);
  return {
    id: `lines-${indicator.key}`,
    kind: 'lines',
    ...titled(ctx, 'statistics.linesTitle', { indicator: name, from: String(first ?? ''), to: String(last ?? '') }, indicatorNameIsGerman(indicator, ctx.lang) ? ['indicator'] : []),
    desc: desc + specialsNote(ctx, rows),
    unit: indicator.unit,
    rowHeader: ctx.t('statistics.place'),
    series: years.map(String),
    rows,
    labelsAreGerman: ctx.lang !== 'de',
    format,
  };
}

/** (c) Two reference dates side by side. */
export function compareChart(ctx: Context, indicator: Indicator, from: number, to: number): Chart {
  const format = numberFormat(ctx.lang, indicator.unit);
  const rows = placeRows(ctx, indicator, [from, to]);
  const name = indicatorName(indicator, ctx.lang);
  const district = rows.find((r) => r.district)!;
  return {
    id: `compare-${indicator.key}`,
    kind: 'compare',
    ...titled(ctx, 'statistics.compareTitle', { indicator: name, from: String(from), to: String(to) }, indicatorNameIsGerman(indicator, ctx.lang) ? ['indicator'] : []),
    desc:
      ctx.t('statistics.desc.change', { from: String(from), to: String(to), fromValue: spoken(ctx, district.figures[0], format), toValue: spoken(ctx, district.figures[1], format) }) +
      ' ' +
      extremes(ctx, rows, 1, format) +
      specialsNote(ctx, rows),
    unit: indicator.unit,
    rowHeader: ctx.t('statistics.place'),
    series: [String(from), String(to)],
    rows,
    labelsAreGerman: ctx.lang !== 'de',
    format,
  };
}

/** (d) The age structure of the foreign population of one city in one year. */
export function ageChart(ctx: Context, city: StatisticsCity, year: number): Chart {
  const groups = ctx.table.indicators.filter((i) => i.chartGroup === AGE_GROUP);
  const format = numberFormat(ctx.lang, groups[0]?.unit ?? '');
  const rows: ChartRow[] = groups.map((g) => ({ key: g.key, label: ageLabel(g), figures: [ctx.table.get(g.key, city.id, year)] }));
  const top = ranked(rows, 0);
  const desc = top.length
    ? ctx.t('statistics.desc.age', { high: top[0]!.row.label, highValue: format.value(top[0]!.value), low: top[top.length - 1]!.row.label, lowValue: format.value(top[top.length - 1]!.value) })
    : ctx.t('statistics.desc.noNumbers');
  return {
    id: `age-${city.slug}`,
    kind: 'age',
    ...titled(ctx, 'statistics.ageTitle', { city: city.name, year: String(year) }, ctx.lang === 'de' ? [] : ['city']),
    desc: desc + specialsNote(ctx, rows),
    unit: groups[0]?.unit ?? '',
    rowHeader: ctx.t('statistics.ageGroup'),
    series: [String(year)],
    rows,
    labelsAreGerman: false,
    format,
  };
}
