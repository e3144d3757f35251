import { stringify } from 'csv-stringify/sync';
import type { Figure } from '../figures.js';
import type { Chart } from './model.js';

// German numbers without grouping (Excel in Germany reads them as numbers); shares to two decimals.
const number = new Intl.NumberFormat('de-DE', { useGrouping: false, maximumFractionDigits: 2 });

function cell(figure: Figure | undefined): string {
  if (!figure) return '';
  return figure.special !== null ? figure.special : number.format(figure.value);
}

/**
 * chartCsv: the data of a chart as Excel opens it (semicolons, BOM, like the directory's export): a row
 * per place or age group, a column per year, headed with the unit; special values as their symbols,
 * unknown cells empty. Not excelCsv(): that one puts an apostrophe before a leading "-", which would turn the
 * special value "-" (nothing) into "'-"; names still get the same guard against formulas here.
 */
export function chartCsv(chart: Chart): string {
  const header = [chart.rowHeader, ...chart.series.map((s) => `${s} (${chart.unit})`)];
  const safe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
  const rows = chart.rows.map((r) => [safe(r.label), ...r.figures.map(cell)]);
  return stringify([header.map(safe), ...rows], { delimiter: ';', bom: true, record_delimiter: 'windows' });
}
