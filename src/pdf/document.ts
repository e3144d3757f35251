import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
/** DejaVu Sans from the dejavu-fonts-ttf package: a PDF/UA document embeds its fonts (the 14 standard fonts are not embedded). */
export const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/**
 * pdfBuffer: runs `write` on a tagged, German A4 document and returns the finished file. `write` adds its
 * structure elements (H1, P, Table …) to `root`, the document's one top element, as PDF/UA asks.
 */
export function pdfBuffer(title: string, write: (doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, tagged: true, lang: 'de-DE', displayTitle: true, pdfVersion: '1.7', info: { Title: title }, font: FONT_REGULAR });
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
  doc.end();
  return done;
}
