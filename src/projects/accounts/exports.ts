import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { translator, type MessageKey } from '../../i18n/index.js';
import { excelCsv } from '../../lib/csv-export.js';
import { formatters } from '../../lib/berlin-time.js';
import { pdfBuffer } from '../../pdf/document.js';
import { Writer } from '../../pdf/layout.js';
import { letterhead, readDocumentSite } from '../../pdf/letterhead.js';
import { accountsSummary, listExpenses, listTranches, type AccountsProject } from './accounts.js';
import { csvEuro, formatEuro } from './money.js';

// The accounts' two exports, always in German (they go to the funder): a CSV for Excel with every
// expense and the summary, and a tagged PDF summary for the Verwendungsnachweis (the proof of use).

const t = translator('de');
const fmt = formatters('de');
const day = (d: string) => fmt.date(`${d}T12:00:00Z`);
const category = (c: string) => t(`accounts.category.${c}` as MessageKey);
/** An amount column: right-aligned, so the cents stand under each other. */
const money = (width: number | '*'): PDFKit.Mixins.ColumnStyle => ({ width, align: { x: 'right', y: 'top' } });

/**
 * accountsCsv: first every expense (date, category, line, payee, receipt number and file, note, amount),
 * then the summary per line (planned, spent, remaining) and overall (received, balance). Amounts with a
 * decimal comma and no thousands dots, so Excel reads them as numbers; negative ones stay numbers too.
 */
export async function accountsCsv(db: Kysely<Database>, project: AccountsProject): Promise<string> {
  const [expenses, summary, tranches] = await Promise.all([listExpenses(db, project.id), accountsSummary(db, project.id), listTranches(db, project.id)]);
  const header = [t('accounts.csv.kind'), t('accounts.expense.date'), t('accounts.line.category'), t('accounts.line.name'), t('accounts.expense.payee'), t('accounts.expense.receiptNo'), t('accounts.expense.receipt'), t('accounts.expense.note'), t('accounts.csv.amount'), t('accounts.planned'), t('accounts.remaining')];
  const rows: string[][] = [];
  for (const e of expenses) rows.push([t('accounts.csv.expense'), day(e.spent_on), category(e.category), e.line_name, e.payee, e.receipt_no ?? '', e.receipt_name ?? '', e.note ?? '', csvEuro(e.amount_cents), '', '']);
  for (const tr of tranches) rows.push([t('accounts.csv.tranche'), day(tr.received_on), '', '', '', '', '', tr.note ?? '', csvEuro(tr.amount_cents), '', '']);
  for (const l of summary.lines) rows.push([t('accounts.csv.line'), '', category(l.category), l.name, '', '', '', l.over ? t('accounts.overPlan') : '', csvEuro(l.spent), csvEuro(l.planned), csvEuro(l.remaining)]);
  const total = (label: MessageKey, amount: number, planned = '', remaining = '') => rows.push([t(label), '', '', '', '', '', '', '', csvEuro(amount), planned, remaining]);
  total('accounts.csv.totalSpent', summary.spent, csvEuro(summary.planned), csvEuro(summary.remaining));
  total('accounts.csv.totalReceived', summary.received);
  total('accounts.csv.balance', summary.balance);
  return excelCsv(header, rows, { negativeNumbers: true });
}

/**
 * accountsPdf: the summary for the Verwendungsnachweis as a tagged PDF (PDF/UA, German, embedded
 * fonts): the project's facts, a table per budget line (planned, spent, remaining, over plan in words),
 * the tranches received, the result (spent, received, balance), the list of receipts, and lines to sign.
 */
export async function accountsPdf(db: Kysely<Database>, project: AccountsProject, now: Date): Promise<Buffer> {
  const [site, expenses, summary, tranches] = await Promise.all([readDocumentSite(db), listExpenses(db, project.id), accountsSummary(db, project.id), listTranches(db, project.id)]);
  const eur = (c: number) => formatEuro(c, 'de');
  const title = t('accounts.pdf.title', { name: project.name });
  return pdfBuffer(title, (doc, root) => {
    const w = new Writer(doc);
    letterhead(w, root, site, fmt.date(now));
    w.heading(root, 1, title);
    w.facts(root, [
      [t('accounts.pdf.project'), project.short_name ? `${project.name} (${project.short_name})` : project.name],
      ...(project.reference_no ? [[t('accounts.pdf.referenceNo'), project.reference_no] as [string, string]] : []),
      ...(project.starts_on && project.ends_on ? [[t('accounts.pdf.period'), `${day(project.starts_on)} – ${day(project.ends_on)}`] as [string, string]] : []),
      [t('accounts.pdf.asOf'), fmt.date(now)],
    ]);

    w.heading(root, 2, t('accounts.pdf.result'));
    w.table(
      root,
      [t('accounts.pdf.item'), t('accounts.csv.amount')],
      [
        [t('accounts.planned'), eur(summary.planned)],
        [t('accounts.spent'), eur(summary.spent) + (summary.over ? ` (${t('accounts.overPlan')})` : '')],
        [t('accounts.remaining'), eur(summary.remaining)],
        [t('accounts.received'), eur(summary.received)],
        [t('accounts.pdf.balance'), eur(summary.balance)],
      ],
      { widths: [260, money('*')] },
    );

    w.heading(root, 2, t('accounts.byLine'));
    if (summary.lines.length === 0) w.paragraph(root, t('accounts.noLines'));
    else
      w.table(
        root,
        [t('accounts.line.category'), t('accounts.line.name'), t('accounts.planned'), t('accounts.spent'), t('accounts.remaining')],
        [
          ...summary.lines.map((l) => [category(l.category), l.name, eur(l.planned), eur(l.spent), eur(l.remaining) + (l.over ? ` (${t('accounts.overPlan')})` : '')]),
          [t('accounts.total'), '', eur(summary.planned), eur(summary.spent), eur(summary.remaining)],
        ],
        { widths: [80, '*', money(78), money(78), money(100)] },
      );

    w.heading(root, 2, t('accounts.tranches'));
    if (tranches.length === 0) w.paragraph(root, t('accounts.noTranches'));
    else
      w.table(root, [t('accounts.expense.date'), t('accounts.tranche.note'), t('accounts.tranche.amount')], [...tranches.map((tr) => [day(tr.received_on), tr.note ?? '', eur(tr.amount_cents)]), [t('accounts.total'), '', eur(summary.received)]], {
        widths: [80, '*', money(95)],
      });

    w.heading(root, 2, t('accounts.pdf.receipts'));
    if (expenses.length === 0) w.paragraph(root, t('accounts.noExpenses'));
    else
      w.table(
        root,
        [t('accounts.expense.date'), t('accounts.expense.line'), t('accounts.expense.payee'), t('accounts.pdf.receiptNo'), t('accounts.expense.amount')],
        [...expenses.map((e) => [day(e.spent_on), e.line_name, e.payee, e.receipt_no ?? '', eur(e.amount_cents)]), [t('accounts.total'), '', '', '', eur(summary.spent)]],
        { widths: [70, 105, '*', 80, money(80)] },
      );

    // The confirmation stays on the page of the lines to sign under it.
    w.ensureSpace(140);
    w.paragraph(root, t('accounts.pdf.confirm'), { size: 9, color: '#444444' });
    w.signatures(root, [t('accounts.pdf.placeDate'), t('accounts.pdf.signature')]);
  });
}

/** exportFileName: "Projektabrechnung_KOMM-IN_2026-11-25.csv" (ASCII: the short name or the name, spelled out). */
export function exportFileName(project: AccountsProject, today: string, extension: 'csv' | 'pdf'): string {
  const base = (project.short_name ?? project.name)
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return `Projektabrechnung_${base || project.id}_${today}.${extension}`;
}
