import { stringify } from 'csv-stringify/sync';

/**
 * excelCsv writes rows as a CSV file that Excel opens correctly in Germany: UTF-8 with BOM (umlauts),
 * semicolons (Excel's list separator here), CRLF line ends. Cells that Excel would run as formulas
 * (=, +, -, @ at the start) get a leading apostrophe, so an exported list cannot carry a formula. A lone
 * "-" is no formula and stays as it is: it is the official statistics' "nothing" (src/statistics/).
 * With `negativeNumbers`, a cell that is nothing but a negative number in German notation ("-500,00")
 * stays a number too (the project accounts' balances): digits after a minus cannot run as a formula.
 */
export function excelCsv(header: string[], rows: (string | null | undefined)[][], opts: { negativeNumbers?: boolean } = {}): string {
  const safe = (cell: string | null | undefined) => {
    const text = cell ?? '';
    if (opts.negativeNumbers && /^-\d+(,\d+)?$/.test(text)) return text;
    return text !== '-' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  };
  return stringify([header, ...rows.map((r) => r.map(safe))], { delimiter: ';', bom: true, record_delimiter: 'windows' });
}
