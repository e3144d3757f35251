import { excelCsv } from '../../lib/csv-export.js';
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
 * unknown cells empty.
 */
export function chartCsv(chart: Chart): string {
  const header = [chart.rowHeader, ...chart.series.map((s) => `${s} (${chart.unit})`)];
  return excelCsv(header, chart.rows.map((r) => [r.label, ...r.figures.map(cell)]));
}
