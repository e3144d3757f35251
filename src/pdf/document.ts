import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { instantToBerlin } from '../lib/berlin-time.js';
import type { MailAttachment } from '../mail/outbox.js';

const require = createRequire(import.meta.url);
/** DejaVu Sans from the dejavu-fonts-ttf package: a PDF/UA document embeds its fonts (the 14 standard fonts are not embedded). */
export const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
export const FONT_ITALIC = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf');
export const FONT_BOLD_ITALIC = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf');

// pdfkit declares its documents PDF/UA-1 (XMP pdfuaid:part) with this subset; @types/pdfkit lists only PDF/A.
const PDF_UA = 'PDF/UA' as string as PDFKit.Mixins.PDFSubsets;

/**
 * pdfBuffer: runs `write` on a tagged, German A4 document and returns the finished file. `write` adds its
 * structure elements (H1, P, Table …) to `root`, the document's one top element, as PDF/UA asks.
 */
export function pdfBuffer(title: string, write: (doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, subset: PDF_UA, tagged: true, lang: 'de-DE', displayTitle: true, pdfVersion: '1.7', info: { Title: title }, font: FONT_REGULAR, bufferPages: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  write(doc, root);
  root.end();
  pageNumbers(doc);
  doc.end();
  return done;
}

/**
 * pageNumbers: "Seite 1 von 2" at the foot of every page, once the number of pages is known; marked as
 * a pagination artifact, so assistive technology does not read it as part of the text.
 */
function pageNumbers(doc: PDFKit.PDFDocument): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing below the bottom margin would start a new page.
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font(FONT_REGULAR).fontSize(8).fillColor('#555555').text(`Seite ${i + 1} von ${count}`, doc.page.margins.left, doc.page.height - bottom / 2 - 4, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'right', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}

/**
 * pdfFileName: "Einladung_Herbstsitzung_2026-11-18.pdf": what the document is, the meeting's title and
 * day; `ascii` for clients that only read the plain filename parameter (umlauts spelled out).
 */
export function pdfFileName(kind: string, meeting: { title: string; starts_at: string }): { utf8: string; ascii: string } {
  const clean = (s: string) => s.replace(/[\\/:*?"<>|\x00-\x1f]+/g, ' ').replace(/\s+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '').slice(0, 80);
  const utf8 = `${kind}_${clean(meeting.title)}_${instantToBerlin(meeting.starts_at).day}.pdf`;
  const spelled = utf8.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue').replace(/ß/g, 'ss');
  return { utf8, ascii: spelled.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/[^A-Za-z0-9._-]/g, '_') };
}

/** pdfAttachment: a document as a mail attachment (the outbox keeps binary files as base64). */
export function pdfAttachment(kind: string, meeting: { title: string; starts_at: string }, pdf: Buffer): MailAttachment {
  return { filename: pdfFileName(kind, meeting).ascii, contentType: 'application/pdf', content: pdf.toString('base64'), encoding: 'base64' };
}
