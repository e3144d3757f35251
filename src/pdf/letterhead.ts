import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Site } from '../http/env.js';
import { readSite } from '../http/site.js';
import { pdfLogo } from '../settings/logo.js';
import type { Translate } from '../i18n/index.js';
import type { Formatters } from '../lib/berlin-time.js';
import { translator } from '../i18n/index.js';
import { SIZE, type Writer } from './layout.js';

const t = translator('de');

/** The settings a document's letterhead shows, with the logo's PNG (an SVG logo is not drawn: pdfkit cannot). */
export type DocumentSite = Site & { logoPng: Buffer | null };

/** readDocumentSite: the settings and the logo for a PDF, read when the document is made. */
export async function readDocumentSite(db: Kysely<Database>): Promise<DocumentSite> {
  const [site, logoPng] = await Promise.all([readSite(db), pdfLogo(db)]);
  return { ...site, logoPng };
}

const LOGO_BOX = { width: 160, height: 48 };

/**
 * letterhead: the office's logo (a PNG, when there is one), the office as it is named in the settings
 * (/admin/settings: office, district, the office's e-mail address, as in every mail's signature), the
 * document's date on the right, and a rule. The logo is an artifact: the office's name follows as text.
 */
export function letterhead(w: Writer, root: PDFKit.PDFStructureElement, site: Pick<Site, 'officeName' | 'districtName' | 'officeEmail'> & { logoPng?: Buffer | null }, date: string): void {
  const { doc } = w;
  if (site.logoPng) {
    try {
      doc.markContent('Artifact', { type: 'Layout' });
      doc.image(site.logoPng, doc.page.margins.left, doc.y, { fit: [LOGO_BOX.width, LOGO_BOX.height] });
      doc.endMarkedContent();
      doc.y += LOGO_BOX.height + 8;
    } catch {
      // A logo pdfkit cannot read (checked at upload, so only a changed pdfkit): the document goes without it.
      doc.endMarkedContent();
    }
  }
  const top = doc.y;
  const lines = [site.officeName, site.districtName, site.officeEmail ? t('pdf.email', { email: site.officeEmail }) : ''].filter((l) => l.trim() !== '');
  lines.forEach((line, i) => w.paragraph(root, [{ text: line, bold: i === 0 }], { size: i === 0 ? 11.5 : SIZE.small, gap: 1, color: i === 0 ? undefined : '#444444' }));
  const bottom = doc.y;
  doc.y = top;
  w.paragraph(root, date, { size: SIZE.small, align: 'right', color: '#444444' });
  doc.y = Math.max(bottom, doc.y);
  w.rule(8);
  doc.y += 6;
}

/** whenText: "Mittwoch, 18.11.2026, 18:00–20:00 Uhr" (as on the meeting page and in the mails). */
export function whenText(tr: Translate, fmt: Formatters, m: { starts_at: string; ends_at: string }): string {
  return tr('meetings.when', { weekday: fmt.weekday(m.starts_at), date: fmt.date(m.starts_at), start: fmt.time(m.starts_at), end: fmt.time(m.ends_at) });
}
