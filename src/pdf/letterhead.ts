import type { Site } from '../http/env.js';
import type { Translate } from '../i18n/index.js';
import type { Formatters } from '../lib/berlin-time.js';
import { translator } from '../i18n/index.js';
import { SIZE, type Writer } from './layout.js';

const t = translator('de');

/**
 * letterhead: the office as it is named in the settings (/admin/settings: office, district, the
 * office's e-mail address, as in every mail's signature), the document's date on the right, and a rule.
 */
export function letterhead(w: Writer, root: PDFKit.PDFStructureElement, site: Pick<Site, 'officeName' | 'districtName' | 'officeEmail'>, date: string): void {
  const { doc } = w;
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
