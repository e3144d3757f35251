import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { translator } from '../i18n/index.js';
import { formatters } from '../lib/berlin-time.js';
import { FONT_BOLD, FONT_REGULAR, pdfBuffer } from '../pdf/document.js';
import { SIZE, Writer } from '../pdf/layout.js';
import { letterhead, readDocumentSite } from '../pdf/letterhead.js';
import { count, figureText, percent } from './format.js';
import type { YearlyReport } from './report.js';

const t = translator('de');
const fmt = formatters('de');

/**
 * reportPdf: the yearly report as a tagged PDF (PDF/UA, de-DE, DejaVu embedded) with the machinery of the
 * meeting documents (src/pdf/): headings H1/H2, the explanation as a list (L/LI), and every table as a
 * tagged Table with TR, TH (column scope) and TD, like the sign-in sheet. German only, like the other PDFs.
 */
export async function reportPdf(db: Kysely<Database>, report: YearlyReport, now: Date): Promise<Buffer> {
  const site = await readDocumentSite(db);
  const { year } = report;
  const title = t('reports.title', { year });
  return pdfBuffer(title, (doc, root) => {
    const w = new Writer(doc);
    const table = (header: string[], rows: string[][], size: number = SIZE.small) => w.table(root, header, rows, { widths: fitWidths(doc, w.width, header, rows, size), size });
    letterhead(w, root, site, fmt.date(now));
    w.heading(root, 1, title);
    w.paragraph(root, t('reports.lead', { year }));

    w.heading(root, 2, t('reports.how'));
    w.list(
      root,
      (['reports.how.held', 'reports.how.fields', 'reports.how.directory', 'reports.how.figures'] as const).map((key) => ({ label: '•', write: (body, column) => column.paragraph(body, t(key), { size: SIZE.small }) })),
    );

    w.heading(root, 2, t('reports.groups.heading'));
    if (report.groups.length === 0) w.paragraph(root, t('reports.noGroups'));
    else
      table([t('reports.col.group'), t('reports.col.held'), t('reports.col.present'), t('reports.col.excused'), t('reports.col.absent'), t('reports.col.guests'), t('reports.col.rate')], [
          ...report.groups.map((g) => [g.name, count(g.held), count(g.present), count(g.excused), count(g.absent), count(g.guests), percent(g.rate)]),
          [t('reports.total'), count(report.totals.held), '', '', '', '', ''],
        ], 8);

    w.heading(root, 2, t('reports.fields.heading'));
    table([t('reports.col.field'), t('reports.col.meetings'), t('reports.col.decisions'), t('reports.col.actionsDone'), t('reports.col.actionsOpen')], [
        ...report.fields.map((f) => [f.retired ? t('reference.retiredMark', { name: f.label }) : f.label, count(f.meetings), count(f.decisions), count(f.actionsDone), count(f.actionsOpen)]),
        [t('reports.total'), count(report.totals.held), count(report.totals.decisions), count(report.totals.actionsDone), count(report.totals.actionsOpen)],
      ], SIZE.small);

    w.heading(root, 2, t('reports.entries.heading'));
    if (report.entries.cities.length === 0) w.paragraph(root, t('reports.entries.none', { year }));
    else {
      w.ensureSpace(90);
      w.paragraph(root, [{ text: t('reports.entries.citiesCaption', { year }), bold: true }], { size: SIZE.small });
      table([t('reports.col.city'), t('reports.col.created'), t('reports.col.confirmed')], [...report.entries.cities.map((r) => [r.city, count(r.created), count(r.confirmed)]), [t('reports.total'), count(report.entries.created), count(report.entries.confirmed)]], SIZE.small);
      for (const measure of ['created', 'confirmed'] as const) {
        w.ensureSpace(90);
        w.paragraph(root, [{ text: t(measure === 'created' ? 'reports.entries.createdCaption' : 'reports.entries.confirmedCaption', { year }), bold: true }], { size: SIZE.small });
        table([t('reports.col.city'), ...report.entries.matrix.fields], report.entries.matrix.rows.map((r) => [r.city, ...r[measure].map(count)]), 8);
      }
    }

    w.heading(root, 2, t('reports.figures.heading', { year }));
    if (!report.hasFigures) w.paragraph(root, t('reports.figures.none', { year }));
    else
      for (const group of report.figures) {
        w.ensureSpace(90);
        w.paragraph(root, [{ text: t(group.chartGroup ? 'reports.figures.captionAge' : 'reports.figures.caption', { year }), bold: true }], { size: SIZE.small });
        table([t('reports.col.place'), ...group.indicators.map((i) => i.name)], group.rows.map((row) => [row.place, ...row.figures.map((f, n) => figureText(f, group.indicators[n]!, t('reports.figures.unknown')))]), 7);
      }
  });
}

/**
 * fitWidths: column widths for a table whose first column names the row: every other column gets the
 * width of its longest word (header bold, cells regular) and padding, so no header breaks inside a word;
 * the first column takes what is left, and any room to spare is shared out. Too narrow a page: equal columns.
 */
function fitWidths(doc: PDFKit.PDFDocument, width: number, header: string[], rows: string[][], size: number): (number | '*')[] {
  const longest = (font: string, texts: string[]) => {
    doc.font(font).fontSize(size);
    return Math.max(0, ...texts.flatMap((text) => text.split(/\s+/)).map((word) => doc.widthOfString(word)));
  };
  const padding = 14;
  const widths = header.map((h, i) => Math.ceil(Math.max(longest(FONT_BOLD, [h]), longest(FONT_REGULAR, rows.map((r) => r[i] ?? '')))) + padding);
  const rest = widths.slice(1).reduce((a, b) => a + b, 0);
  const first = width - rest;
  doc.font(FONT_REGULAR);
  if (first < widths[0]! && first < 90) return header.map(() => '*');
  const spare = Math.max(0, first - widths[0]!);
  const share = spare / header.length;
  return [first - share * (header.length - 1), ...widths.slice(1).map((w) => w + share)];
}

/** reportFileName: "Jahresbericht_2026.pdf" / ".csv". */
export function reportFileName(year: number, ext: 'pdf' | 'csv'): string {
  return `Jahresbericht_${year}.${ext}`;
}
