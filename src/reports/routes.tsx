import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { YearlyReportPage, indicatorName } from '../../views/reports/report.js';
import { requireUser } from '../auth/middleware.js';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { translator } from '../i18n/index.js';
import { inBerlin } from '../lib/berlin-time.js';
import { mayReadReport } from './access.js';
import { reportCsv } from './csv.js';
import { yearParam } from './format.js';
import { reportFileName, reportPdf } from './pdf.js';
import { FIRST_YEAR, yearlyReport, type YearlyReport } from './report.js';

/** Only the staff read the yearly report (./access.ts): visitors sign in first, everyone else gets 403. */
const staffOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return requireUser(c, next);
  if (!mayReadReport(c.var.user)) return renderError(c, 403);
  return next();
};

function currentYear(c: Context<AppEnv>): number {
  return inBerlin(c.var.now()).year;
}

/**
 * withReport: the report of the URL's year. Not four digits → 400; a year before FIRST_YEAR or after the
 * current one → 404 (a report of the future would only be empty).
 */
async function withReport(c: Context<AppEnv>, raw: string | undefined, then: (report: YearlyReport) => Response | Promise<Response>, opts: { german?: boolean } = {}): Promise<Response> {
  const year = yearParam(raw);
  if (year === 'bad') return renderError(c, 400, 'reports.badYear');
  if (year < FIRST_YEAR || year > currentYear(c)) return renderError(c, 404, 'reports.noYear');
  // The PDF is German, like the meeting documents; the page and the CSV speak the reader's language.
  const [t, locale] = opts.german ? [translator('de'), 'de'] : [c.var.t, c.var.locale];
  const report = await yearlyReport(c.var.db, year, c.var.now(), { locale, noField: t('reports.noField'), district: t('reports.figures.district') });
  return then(report);
}

/** The years the page offers: from the first year with a meeting or a figure (at the earliest 2000) to now. */
async function offeredYears(c: Context<AppEnv>): Promise<number[]> {
  const [meeting, figure] = await Promise.all([
    c.var.db.selectFrom('meetings').select((eb) => eb.fn.min('starts_at').as('first')).executeTakeFirst(),
    c.var.db.selectFrom('statistic_values').select((eb) => eb.fn.min('year').as('first')).executeTakeFirst(),
  ]);
  const now = currentYear(c);
  const firsts = [now, meeting?.first ? inBerlin(String(meeting.first)).year : now, figure?.first ? Number(figure.first) : now];
  const from = Math.max(FIRST_YEAR, Math.min(...firsts));
  return Array.from({ length: now - from + 1 }, (_, i) => now - i);
}

function download(c: Context<AppEnv>, body: string | Buffer, type: string, name: string, disposition: 'inline' | 'attachment') {
  c.header('Content-Type', type);
  c.header('Content-Disposition', `${disposition}; filename="${name}"`);
  c.header('Cache-Control', 'private, no-store');
  return c.body(typeof body === 'string' ? body : new Uint8Array(body));
}

export const reportRoutes = new Hono<AppEnv>()
  // /reports: the current year's report (or the year chosen in the page's form).
  .get('/reports', staffOnly, (c) => {
    const chosen = c.req.query('year');
    if (chosen !== undefined) {
      const year = yearParam(chosen);
      if (year === 'bad') return renderError(c, 400, 'reports.badYear');
      return c.redirect(`/reports/${year}`, 303);
    }
    return c.redirect(`/reports/${currentYear(c)}`, 303);
  })
  .get('/reports/:pdf{[0-9]{4}\\.pdf}', staffOnly, (c) =>
    withReport(c, c.req.param('pdf').slice(0, 4), async (report) => download(c, await reportPdf(c.var.db, report, c.var.now()), 'application/pdf', reportFileName(report.year, 'pdf'), 'inline'), { german: true }),
  )
  .get('/reports/:csv{[0-9]{4}\\.csv}', staffOnly, (c) =>
    withReport(c, c.req.param('csv').slice(0, 4), (report) =>
      download(c, reportCsv(c.var.t, report, (i) => indicatorName(i, c.var.locale)), 'text/csv; charset=utf-8', reportFileName(report.year, 'csv'), 'attachment'),
    ),
  )
  .get('/reports/:year', staffOnly, (c) =>
    withReport(c, c.req.param('year'), async (report) =>
      c.render(<YearlyReportPage t={c.var.t} report={report} locale={c.var.locale} years={await offeredYears(c)} />, { title: c.var.t('reports.title', { year: report.year }) }),
    ),
  );
