import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PublicLocale, Translate } from '../../i18n/index.js';
import { type FigureTable, type Indicator, type StatisticsCity } from '../figures.js';
import { ageChart, barsChart, compareChart, linesChart, type Chart } from './model.js';
import type { SvgTexts } from './svg.js';

/** A year from the query: absent (undefined), well-formed, or not a year at all ('bad'). */
export function parseYear(value: string | undefined): number | undefined | 'bad' {
  if (value === undefined || value === '') return undefined;
  return /^[12][0-9]{3}$/.test(value) ? Number(value) : 'bad';
}

/** The default comparison: the latest year and the one five years earlier (else the earliest). */
export function defaultYears(years: number[]): { from: number; to: number } | null {
  if (!years.length) return null;
  const to = years[years.length - 1]!;
  const from = years.includes(to - 5) ? to - 5 : years[0]!;
  return { from, to };
}

export type YearChoice = { from: number; to: number } | { error: 'bad' } | { error: 'unknown'; field: 'from' | 'to' };

/** chooseYears: the two years to compare from ?from=&to=, checked against the years with figures. */
export function chooseYears(table: FigureTable, fromParam: string | undefined, toParam: string | undefined): YearChoice | null {
  const defaults = defaultYears(table.years);
  const from = parseYear(fromParam);
  const to = parseYear(toParam);
  if (from === 'bad' || to === 'bad') return { error: 'bad' };
  if (!defaults) return null;
  if (from !== undefined && !table.years.includes(from)) return { error: 'unknown', field: 'from' };
  if (to !== undefined && !table.years.includes(to)) return { error: 'unknown', field: 'to' };
  const chosen = { from: from ?? defaults.from, to: to ?? defaults.to };
  if (chosen.from >= chosen.to && table.years.length > 1) return { error: 'unknown', field: 'from' };
  return chosen;
}

export interface ChartContext {
  table: FigureTable;
  t: Translate;
  lang: PublicLocale;
}

export function svgTexts(t: Translate): SvgTexts {
  const meaning: Record<string, string> = {
    '-': t('statistics.special.dash'),
    '.': t('statistics.special.dot'),
    x: t('statistics.special.x'),
    '…': t('statistics.special.ellipsis'),
  };
  return {
    specialLegend: (symbols) => symbols.map((symbol) => t('statistics.specialLine', { symbol, meaning: meaning[symbol]! })),
    lineLegend: { city: t('statistics.place'), district: t('statistics.district') },
  };
}

export function latestYear(table: FigureTable): number | undefined {
  return table.years[table.years.length - 1];
}

/**
 * The charts made from one figure table, by language and choice: while the table is kept (above), a
 * chart and its SVG are made once, not for every visitor (a chart depends only on the table, the
 * language and the choice; the SVG only on the chart).
 */
const made = new WeakMap<FigureTable, Map<string, Chart>>();
const MAX_KEPT_CHARTS = 400;
function once(ctx: ChartContext, key: string, make: () => Chart): Chart {
  let charts = made.get(ctx.table);
  if (!charts) made.set(ctx.table, (charts = new Map()));
  const id = `${ctx.lang}:${key}`;
  let chart = charts.get(id);
  if (!chart) {
    // Bounded: a crawler walking every pair of years in every language must not fill the memory.
    if (charts.size >= MAX_KEPT_CHARTS) charts.clear();
    charts.set(id, (chart = make()));
  }
  return chart;
}

export function indicatorCharts(ctx: ChartContext, indicator: Indicator, years: { from: number; to: number }): { bars: Chart; lines: Chart; compare: Chart } {
  const latest = latestYear(ctx.table) ?? years.to;
  return {
    bars: once(ctx, `bars:${indicator.key}:${latest}`, () => barsChart(ctx, indicator, latest)),
    lines: once(ctx, `lines:${indicator.key}`, () => linesChart(ctx, indicator, ctx.table.years)),
    compare: once(ctx, `compare:${indicator.key}:${years.from}:${years.to}`, () => compareChart(ctx, indicator, years.from, years.to)),
  };
}

export function cityAgeChart(ctx: ChartContext, city: StatisticsCity, year: number): Chart {
  return once(ctx, `age:${city.id}:${year}`, () => ageChart(ctx, city, year));
}
