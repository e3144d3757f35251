import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { findMeeting } from '../meetings/meetings.js';
import { instantToBerlin } from '../lib/berlin-time.js';
import { FONT_BOLD, FONT_REGULAR, pdfBuffer } from './document.js';

/**
 * invitationPdf: the invitation to a meeting as a tagged PDF. Callers check that the viewer may see the
 * meeting. (First version: title, date and place; the full letter follows.)
 */
export async function invitationPdf(db: Kysely<Database>, meetingId: number): Promise<Buffer> {
  const m = await findMeeting(db, meetingId);
  if (!m) throw new Error(`no meeting ${meetingId}`);
  const start = instantToBerlin(m.starts_at);
  return pdfBuffer(`Einladung: ${m.title}`, (doc, root) => {
    root.add(doc.struct('H1', {}, () => doc.font(FONT_BOLD).fontSize(16).text(`Einladung: ${m.title}`)));
    root.add(doc.struct('P', {}, () => doc.font(FONT_REGULAR).fontSize(11).text(`${m.group_name}, ${start.day} ${start.time}, ${m.location ?? ''}`)));
  });
}
