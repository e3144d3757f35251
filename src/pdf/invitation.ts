import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { translator } from '../i18n/index.js';
import { formatters } from '../lib/berlin-time.js';
import { listAgenda, type MeetingWithGroup } from '../meetings/meetings.js';
import { pdfBuffer } from './document.js';
import { Writer } from './layout.js';
import { letterhead, readDocumentSite, whenText } from './letterhead.js';

// The documents are German, like the mails they go with (the recipient's UI language is not known).
const t = translator('de');
const fmt = formatters('de');

export interface InvitationOptions {
  /** Whether the reader may see the agenda and the online link (src/pdf/access.ts: as on the meeting page). */
  details: boolean;
  baseUrl: string;
  now: Date;
  /** A personal note of the organiser, printed after the invitation text (paragraphs at blank lines). */
  note?: string;
}

/**
 * invitationPdf: the invitation to a meeting as a tagged PDF: the office's letterhead, the invitation
 * text, date, time and place, and for readers who may see them the online link and the agenda with
 * presenters and planned times. Callers check that the reader may see the meeting.
 */
export async function invitationPdf(db: Kysely<Database>, meeting: MeetingWithGroup, opts: InvitationOptions): Promise<Buffer> {
  const [site, agenda] = await Promise.all([readDocumentSite(db), opts.details ? listAgenda(db, meeting.id) : null]);
  const m = meeting;
  const title = `${t('pdf.invitation.title')}: ${m.title}`;
  return pdfBuffer(title, (doc, root) => {
    const w = new Writer(doc);
    letterhead(w, root, site, fmt.date(opts.now));
    w.heading(root, 1, title);
    w.paragraph(root, m.group_name, { color: '#444444' });
    if (m.status === 'cancelled') w.paragraph(root, [{ text: t('pdf.invitation.cancelled'), bold: true }]);
    w.paragraph(root, t('pdf.invitation.salutation'));
    w.paragraph(root, t('pdf.invitation.text', { title: m.title, group: m.group_name }));
    for (const part of (opts.note ?? '').split(/\n\s*\n/)) w.paragraph(root, part.trim().replace(/\s*\n\s*/g, ' '));
    const facts: [string, string | { text: string; link?: string }[]][] = [[t('meetings.day'), whenText(t, fmt, m)]];
    if (m.location) facts.push([t('meetings.place'), m.location]);
    if (m.room) facts.push([t('pdf.invitation.room'), m.room]);
    if (opts.details && m.online_url) facts.push([t('meetings.online'), [{ text: m.online_url, link: /^https?:\/\//i.test(m.online_url) ? m.online_url : undefined }]]);
    w.facts(root, facts);
    // Those who may see the agenda are the ones who answer; the public only learns that the meeting takes place.
    const page = `${opts.baseUrl}/meetings/${m.id}`;
    if (opts.details && m.status !== 'cancelled') w.paragraph(root, [{ text: t('pdf.invitation.reply') }, { text: page, link: page }]);
    w.heading(root, 2, t('meetings.agenda'));
    if (!agenda) w.paragraph(root, t('pdf.invitation.agendaMembers'));
    else if (agenda.length === 0) w.paragraph(root, t('meetings.noAgenda'));
    else
      w.list(
        root,
        agenda.map((item, i) => ({
          label: t('meetings.top', { n: i + 1 }),
          write: (body, column) => {
            const meta = [item.presenter, item.planned_minutes ? t('meetings.minutesShort', { minutes: item.planned_minutes }) : null].filter(Boolean).join(', ');
            column.paragraph(body, [{ text: item.title, bold: true }, ...(meta ? [{ text: ` (${meta})` }] : [])], { gap: 2 });
            if (item.description) column.paragraph(body, item.description, { size: 9.5, color: '#444444' });
            doc.y += 3;
          },
        })),
        { labelWidth: 48 },
      );
    doc.y += 10;
    w.paragraph(root, t('pdf.invitation.closing'));
    if (site.officeName) w.paragraph(root, site.officeName);
  });
}
