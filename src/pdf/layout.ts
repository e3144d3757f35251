import { FONT_BOLD, FONT_BOLD_ITALIC, FONT_ITALIC, FONT_REGULAR } from './document.js';

type Doc = PDFKit.PDFDocument;
type Element = PDFKit.PDFStructureElement;

/** A piece of running text with its emphasis (Markdown's *…* and **…**) or its link target. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  link?: string;
}

export const SIZE = { body: 10.5, small: 9, h1: 17, h2: 13, h3: 11.5 } as const;
const INK = '#111111';
const MUTED = '#444444';
const LINK = '#0b4f8a';

function fontOf(run: Pick<Run, 'bold' | 'italic'>): string {
  if (run.bold && run.italic) return FONT_BOLD_ITALIC;
  if (run.bold) return FONT_BOLD;
  if (run.italic) return FONT_ITALIC;
  return FONT_REGULAR;
}

/**
 * Writer: writes tagged content into a column of the page (left edge and width), each block a
 * structure element under `parent`. Every element is added to an attached parent before its content is
 * drawn, so the structure tree follows the reading order of the page.
 */
export class Writer {
  constructor(
    readonly doc: Doc,
    readonly left: number = doc.page.margins.left,
    readonly width: number = doc.page.width - doc.page.margins.left - doc.page.margins.right,
  ) {}

  /** indented: a writer for a narrower column (a list item's body). */
  indented(by: number): Writer {
    return new Writer(this.doc, this.left + by, this.width - by);
  }

  /** ensureSpace: a new page when less than `points` are left (a heading stays with what follows). */
  ensureSpace(points: number): void {
    const { doc } = this;
    if (doc.y + points > doc.page.height - doc.page.margins.bottom) doc.addPage();
  }

  heading(parent: Element, level: number, text: string, opts: { size?: number; gapBefore?: number } = {}): void {
    const { doc } = this;
    const size = opts.size ?? (level <= 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3);
    doc.y += opts.gapBefore ?? (level <= 1 ? 0 : 8);
    this.ensureSpace(size * 4);
    parent.add(
      doc.struct(`H${Math.min(6, Math.max(1, level))}`, {}, () => {
        doc.font(FONT_BOLD).fontSize(size).fillColor(INK).text(text, this.left, doc.y, { width: this.width, paragraphGap: 4 });
      }),
    );
    this.reset();
  }

  /** paragraph: a P of runs (emphasis as Span, links as Link elements with their annotation). */
  paragraph(parent: Element, runs: Run[] | string, opts: { size?: number; color?: string; gap?: number; align?: 'left' | 'right'; tag?: string } = {}): void {
    const list = (typeof runs === 'string' ? [{ text: runs }] : runs).filter((r) => r.text !== '');
    if (list.length === 0) return;
    const p = this.doc.struct(opts.tag ?? 'P');
    parent.add(p);
    this.runs(p, list, opts);
    p.end();
  }

  /** runs: the runs as one flowing text into `el` (an attached element). */
  runs(el: Element, runs: Run[], opts: { size?: number; color?: string; gap?: number; align?: 'left' | 'right' } = {}): void {
    const { doc } = this;
    const size = opts.size ?? SIZE.body;
    doc.x = this.left;
    runs.forEach((run, i) => {
      const last = i === runs.length - 1;
      const draw = () => {
        doc
          .font(fontOf(run))
          .fontSize(size)
          .fillColor(run.link ? LINK : (opts.color ?? INK))
          .text(run.text, { width: this.width, continued: !last, link: run.link ?? null, underline: Boolean(run.link), paragraphGap: opts.gap ?? 5, align: opts.align ?? 'left', lineGap: 1.5 });
      };
      if (run.link) el.add(doc.struct('Link', { alt: run.link }, draw));
      else if (run.bold || run.italic) el.add(doc.struct('Span', {}, draw));
      else el.add(draw);
    });
    this.reset();
  }

  /** facts: label/value lines ("Datum: …"), each a P with the label in bold. */
  facts(parent: Element, rows: [string, string | Run[]][]): void {
    for (const [label, value] of rows) {
      const runs = typeof value === 'string' ? [{ text: value }] : value;
      this.paragraph(parent, [{ text: `${label}: `, bold: true }, ...runs], { gap: 2 });
    }
    this.doc.y += 4;
  }

  /**
   * list: an L of LI, each with its label (Lbl: "1.", "•", "TOP 1") and its body (LBody) that `write`
   * fills with paragraphs or nested lists in the indented column.
   */
  list(parent: Element, items: { label: string; write: (body: Element, column: Writer) => void }[], opts: { labelWidth?: number } = {}): void {
    const { doc } = this;
    const labelWidth = opts.labelWidth ?? 16;
    const L = doc.struct('L');
    parent.add(L);
    const column = this.indented(labelWidth);
    for (const item of items) {
      this.ensureSpace(SIZE.body * 3);
      const li = doc.struct('LI');
      L.add(li);
      const y = doc.y;
      li.add(
        doc.struct('Lbl', {}, () => {
          doc.font(FONT_REGULAR).fontSize(SIZE.body).fillColor(INK).text(item.label, this.left, y, { width: labelWidth - 2, lineBreak: false });
        }),
      );
      doc.y = y;
      const body = doc.struct('LBody');
      li.add(body);
      item.write(body, column);
      body.end();
      li.end();
    }
    L.end();
    this.reset();
  }

  /**
   * table: a tagged table (Table, TR, TH with column scope, TD) across the column. A table of rows of
   * fixed height (the sign-in sheet) is cut at the page's end and continued as a table of its own with
   * the header again, so that every page says which column is which; pdfkit would carry on without it.
   */
  table(parent: Element, header: string[], rows: string[][], opts: { widths?: (number | '*' | PDFKit.Mixins.ColumnStyle)[]; rowHeight?: number; size?: number } = {}): void {
    const { doc } = this;
    const size = opts.size ?? SIZE.small + 0.5;
    const rowHeight = opts.rowHeight;
    if (!rowHeight) return this.tablePart(parent, header, rows, size, opts);
    // The header row: one line of bold text with 4 points of padding above and below, and some room.
    const headerHeight = size * 1.5 + 8;
    let rest = rows;
    do {
      this.ensureSpace(headerHeight + rowHeight);
      const room = doc.page.height - doc.page.margins.bottom - doc.y - headerHeight - 1;
      const fit = Math.max(1, Math.floor(room / rowHeight));
      this.tablePart(parent, header, rest.slice(0, fit), size, opts);
      rest = rest.slice(fit);
      if (rest.length) doc.addPage();
    } while (rest.length);
  }

  private tablePart(parent: Element, header: string[], rows: string[][], size: number, opts: { widths?: (number | '*' | PDFKit.Mixins.ColumnStyle)[]; rowHeight?: number }): void {
    const { doc } = this;
    this.ensureSpace(size * 6);
    doc.x = this.left;
    doc.font(FONT_REGULAR).fontSize(size).fillColor(INK);
    const head = header.map((text) => ({ text, type: 'TH' as const, scope: 'Column', font: { src: FONT_BOLD }, backgroundColor: '#eeeeee' }));
    const options = {
      structParent: parent,
      position: { x: this.left, y: doc.y },
      maxWidth: this.width,
      columnStyles: opts.widths ?? '*',
      rowStyles: (i: number) => (i === 0 || !opts.rowHeight ? { padding: 4 } : { padding: 4, minHeight: opts.rowHeight }),
      data: [head, ...rows],
    };
    doc.table(options as unknown as PDFKit.Mixins.TableOptionsWithData);
    doc.y += 8;
    this.reset();
  }

  /** rule: a thin line across the column, an artifact (decoration, not content). */
  rule(gap = 6): void {
    const { doc } = this;
    doc.y += gap;
    this.artifact(() => doc.moveTo(this.left, doc.y).lineTo(this.left + this.width, doc.y).lineWidth(0.6).strokeColor('#777777').stroke());
    doc.y += gap;
  }

  /** signatures: lines to sign on, side by side, each with its label below (a P). */
  signatures(parent: Element, labels: string[]): void {
    const { doc } = this;
    this.ensureSpace(80);
    doc.y += 36;
    const gap = 24;
    const each = (this.width - gap * (labels.length - 1)) / labels.length;
    const y = doc.y;
    labels.forEach((label, i) => {
      const x = this.left + i * (each + gap);
      this.artifact(() => doc.moveTo(x, y).lineTo(x + each, y).lineWidth(0.6).strokeColor('#333333').stroke());
      parent.add(doc.struct('P', {}, () => doc.font(FONT_REGULAR).fontSize(SIZE.small).fillColor(MUTED).text(label, x, y + 4, { width: each })));
    });
    doc.y = y + 24;
    this.reset();
  }

  /** artifact: drawing that is no content (lines), marked so assistive technology skips it. */
  artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  /** reset: back to the column's left edge and the body font. */
  reset(): void {
    this.doc.x = this.left;
    this.doc.font(FONT_REGULAR).fontSize(SIZE.body).fillColor(INK);
  }
}
