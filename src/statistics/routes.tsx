import { cachedFigureTable } from './figure-cache.js';
import { Hono, type Context } from 'hono';
import { StatisticsPage, type StatisticsPageData } from '../../views/statistics/index.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import type { MessageKey } from '../i18n/index.js';
import { mayReadFigures } from './access.js';
import { chartCsv } from './charts/csv.js';
import { AGE_GROUP, type Chart } from './charts/model.js';
import { chooseYears, cityAgeChart, indicatorCharts, latestYear, svgTexts, type ChartContext } from './charts/page.js';
import { standaloneSvg } from './charts/svg.js';
import type { FigureTable, Indicator } from './figures.js';

const KEY = ':indicator{[a-z0-9_]{1,80}}';
const SLUG = ':slug{[a-z0-9-]{1,80}}';
const FILE = ':file{chart\\.svg|data\\.csv}';
const KIND = ':kind{bars|lines|compare}';
const DEFAULT_INDICATOR = 'share_foreign';

/** The error page with another status (renderError knows no 422). */
async function withStatus(c: Context<AppEnv>, status: 400 | 404 | 422, text: MessageKey): Promise<Response> {
  const res = await renderError(c, status === 422 ? 400 : status, text);
  return new Response(res.body, { status, headers: res.headers });
}

function context(c: Context<AppEnv>, table: FigureTable): ChartContext {
  return { table, t: c.var.t, lang: c.var.lang };
}

/** A chart as a download: the SVG on its own (xmlns, title, desc, no script, no style element) or its CSV. */
function download(c: Context<AppEnv>, chart: Chart, file: string): Response {
  const name = chart.id;
  if (file === 'chart.svg') {
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    c.header('Content-Disposition', `inline; filename="${name}.svg"`);
    return c.body(standaloneSvg(chart, svgTexts(c.var.t)));
  }
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
  return c.body(chartCsv(chart));
}

function findIndicator(table: FigureTable, key: string | undefined): Indicator | undefined {
  return table.indicators.find((i) => i.key === key);
}

/**
 * The public statistics (issue #18): /statistics with its charts, and every chart as SVG and CSV.
 * Everyone may read them (mayReadFigures); the figures come from figureTable() as they are.
 */
export const statisticsRoutes = new Hono<AppEnv>()
  .use('/statistics/*', async (c, next) => (mayReadFigures(c.var.user) ? next() : renderError(c, 403)))
  .get('/statistics', async (c) => {
    if (!mayReadFigures(c.var.user)) return renderError(c, 403);
    const t = c.var.t;
    const table = await cachedFigureTable(c.var.db);
    const q = c.req.query();
    const indicator = q.indicator ? findIndicator(table, q.indicator) : (findIndicator(table, DEFAULT_INDICATOR) ?? table.indicators[0]);
    if (!indicator) return withStatus(c, 404, 'statistics.notFound');
    const city = q.city ? table.cities.find((x) => x.slug === q.city) : table.cities[0];
    if (!city) return withStatus(c, 404, 'statistics.cityNotFound');
    const choice = chooseYears(table, q.from, q.to);
    if (choice && 'error' in choice && choice.error === 'bad') return withStatus(c, 400, 'statistics.badYear');
    let errors: StatisticsPageData['errors'];
    let years = choice && !('error' in choice) ? choice : null;
    if (choice && 'error' in choice && choice.error === 'unknown') {
      errors = { [choice.field]: 'statistics.yearUnknown' };
      years = chooseYears(table, undefined, undefined) as { from: number; to: number };
    }
    const ctx = context(c, table);
    const latest = latestYear(table);
    const byId = new Map(table.indicators.map((i) => [i.id, i]));
    const data: StatisticsPageData = {
      lang: c.var.lang,
      indicators: table.indicators,
      indicator,
      shareParts:
        indicator.kind === 'share' ? { numerator: byId.get(indicator.numeratorId!)?.name ?? '', denominator: byId.get(indicator.denominatorId!)?.name ?? '' } : null,
      cities: table.cities,
      city,
      years: table.years,
      // A refused year stays in the form (next to its message); the charts show the defaults.
      values: { from: errors && q.from ? q.from : String(years?.from ?? ''), to: errors && q.to ? q.to : String(years?.to ?? '') },
      errors,
      charts:
        years && latest !== undefined
          ? { ...indicatorCharts(ctx, indicator, years), age: table.indicators.some((i) => i.chartGroup === AGE_GROUP) ? cityAgeChart(ctx, city, latest) : null }
          : null,
      texts: svgTexts(t),
    };
    if (errors) c.status(422);
    return c.render(<StatisticsPage t={t} data={data} />, { title: t('statistics.title') });
  })
  .get(`/statistics/cities/${SLUG}/age/${FILE}`, async (c) => {
    const table = await cachedFigureTable(c.var.db);
    const city = table.cities.find((x) => x.slug === c.req.param('slug'));
    if (!city) return withStatus(c, 404, 'statistics.cityNotFound');
    const latest = latestYear(table);
    if (latest === undefined) return withStatus(c, 404, 'statistics.empty');
    return download(c, cityAgeChart(context(c, table), city, latest), c.req.param('file'));
  })
  .get(`/statistics/${KEY}/${KIND}/${FILE}`, async (c) => {
    const table = await cachedFigureTable(c.var.db);
    const indicator = findIndicator(table, c.req.param('indicator'));
    if (!indicator) return withStatus(c, 404, 'statistics.notFound');
    const choice = chooseYears(table, c.req.query('from'), c.req.query('to'));
    if (choice === null) return withStatus(c, 404, 'statistics.empty');
    if ('error' in choice) return withStatus(c, choice.error === 'bad' ? 400 : 422, choice.error === 'bad' ? 'statistics.badYear' : 'statistics.yearUnknown');
    const charts = indicatorCharts(context(c, table), indicator, choice);
    return download(c, charts[c.req.param('kind') as 'bars' | 'lines' | 'compare'], c.req.param('file'));
  });
