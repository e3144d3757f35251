import { stringify } from 'csv-stringify/sync';

/**
 * excelCsv writes rows as a CSV file that Excel opens correctly in Germany: UTF-8 with BOM (umlauts),
 * semicolons (Excel's list separator here), CRLF line ends. Cells that Excel would run as formulas
 * (=, +, -, @ at the start) get a leading apostrophe, so an exported list cannot carry a formula. A lone
 * "-" is no formula and stays as it is: it is the official statistics' "nothing" (src/statistics/).
 */
export function excelCsv(header: string[], rows: (string | null | undefined)[][]): string {
  const safe = (cell: string | null | undefined) => {
    const text = cell ?? '';
    return text !== '-' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  };
  return stringify([header, ...rows.map((r) => r.map(safe))], { delimiter: ';', bom: true, record_delimiter: 'windows' });
}
