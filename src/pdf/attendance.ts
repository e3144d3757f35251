import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { translator } from '../i18n/index.js';
import { formatters, instantToBerlin } from '../lib/berlin-time.js';
import { listAttendance, listGuests, retainedAttendance, retainedNote } from '../meetings/attendance.js';
import type { MeetingWithGroup } from '../meetings/meetings.js';
import { pdfBuffer } from './document.js';
import { Writer } from './layout.js';
import { letterhead, readDocumentSite, whenText } from './letterhead.js';

const t = translator('de');
const fmt = formatters('de');

/** Blank rows for those who are not on the list (as on the printable page). */
export const SPARE_ROWS = 5;

/**
 * attendancePdf: the sign-in sheet of a meeting as a tagged PDF: a table of name, organisation and
 * signature for everyone on the meeting's list (members on its day, the invited, recorded guests) and
 * blank rows. Past the retention period the lists are gone: the sheet says so and has only blank rows.
 * Callers check that the reader may keep the attendance.
 */
export async function attendancePdf(db: Kysely<Database>, meeting: MeetingWithGroup, opts: { now: Date; retentionMonths: number }): Promise<Buffer> {
  const m = meeting;
  const retained = await retainedAttendance(db, m, opts.now, opts.retentionMonths);
  const [site, rows, guests] = await Promise.all([
    readDocumentSite(db),
    retained ? [] : listAttendance(db, m.id, m.group_id, instantToBerlin(m.starts_at).day),
    retained ? [] : listGuests(db, m.id),
  ]);
  const people = [...rows.map((r) => [r.name, r.organisation_name ?? '']), ...guests.map((g) => [g.name, g.organisation ?? ''])];
  const title = `${t('attendance.sheet')}: ${m.title}`;
  return pdfBuffer(`${title} (${fmt.date(m.starts_at)})`, (doc, root) => {
    const w = new Writer(doc);
    letterhead(w, root, site, fmt.date(m.starts_at));
    w.heading(root, 1, title);
    w.facts(root, [
      [t('minutes.group'), m.group_name],
      [t('meetings.day'), whenText(t, fmt, m)],
      ...(m.location || m.room ? [[t('meetings.place'), [m.location, m.room].filter(Boolean).join(', ')] as [string, string]] : []),
    ]);
    if (retained) w.paragraph(root, retainedNote(t, fmt, retained), { size: 9, color: '#444444' });
    w.paragraph(root, t('pdf.attendance.lead'), { size: 9, color: '#444444' });
    w.table(root, [t('replies.name'), t('people.organisation'), t('attendance.signature')], [...people.map(([name, org]) => [name!, org!, '']), ...Array.from({ length: SPARE_ROWS }, () => ['', '', ''])], {
      widths: [150, 170, '*'],
      rowHeight: 30,
    });
  });
}
