import type { Translate } from '../i18n/index.js';
import { excelCsv } from '../lib/csv-export.js';
import { count, figureText, percent } from './format.js';
import type { YearlyReport } from './report.js';

/**
 * reportCsv: the whole report as one long table, one figure per line, so that Excel filters and pivots
 * it: Abschnitt (section) | Bezug (the group, field, city or "city / field") | Angabe (what is counted)
 * | Wert (the figure as on the page: "12", "87,5 %", or a special value). Semicolons, UTF-8 with BOM,
 * CRLF, like the hub's other exports (src/lib/csv-export.ts).
 */
export function reportCsv(t: Translate, report: YearlyReport, indicatorName: (i: { name: string; nameEn: string | null }) => string): string {
  const rows: string[][] = [];
  const push = (section: string, subject: string, measure: string, value: string) => rows.push([section, subject, measure, value]);
  const groups = t('reports.csv.groups');
  for (const g of report.groups) {
    push(groups, g.name, t('reports.col.held'), count(g.held));
    push(groups, g.name, t('reports.col.present'), count(g.present));
    push(groups, g.name, t('reports.col.excused'), count(g.excused));
    push(groups, g.name, t('reports.col.absent'), count(g.absent));
    push(groups, g.name, t('reports.col.guests'), count(g.guests));
    push(groups, g.name, t('reports.col.rate'), percent(g.rate));
  }
  const fields = t('reports.csv.fields');
  for (const f of [...report.fields, { label: t('reports.total'), retired: false, meetings: report.totals.held, ...report.totals }]) {
    const subject = f.retired ? t('reference.retiredMark', { name: f.label }) : f.label;
    push(fields, subject, t('reports.col.meetings'), count(f.meetings));
    push(fields, subject, t('reports.col.decisions'), count(f.decisions));
    push(fields, subject, t('reports.col.actionsDone'), count(f.actionsDone));
    push(fields, subject, t('reports.col.actionsOpen'), count(f.actionsOpen));
  }
  const byCity = t('reports.csv.entriesCity');
  for (const r of [...report.entries.cities, { city: t('reports.total'), created: report.entries.created, confirmed: report.entries.confirmed }]) {
    push(byCity, r.city, t('reports.col.created'), count(r.created));
    push(byCity, r.city, t('reports.col.confirmed'), count(r.confirmed));
  }
  const byCell = t('reports.csv.entriesCell');
  for (const r of report.entries.cells) {
    push(byCell, `${r.city} / ${r.field}`, t('reports.col.created'), count(r.created));
    push(byCell, `${r.city} / ${r.field}`, t('reports.col.confirmed'), count(r.confirmed));
  }
  const figures = `${t('reports.csv.figures')} 31.12.${report.year}`;
  if (report.hasFigures)
    for (const group of report.figures)
      for (const row of group.rows) row.figures.forEach((f, n) => push(figures, row.place, indicatorName(group.indicators[n]!), figureText(f, group.indicators[n]!, t('reports.figures.unknown'))));
  return excelCsv([t('reports.col.section'), t('reports.col.subject'), t('reports.col.measure'), t('reports.col.value')], rows);
}
