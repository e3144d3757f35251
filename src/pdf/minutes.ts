import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { findMeeting } from '../meetings/meetings.js';
import { instantToBerlin } from '../lib/berlin-time.js';
import { FONT_BOLD, pdfBuffer } from './document.js';

/**
 * minutesPdf: a meeting's minutes as a tagged PDF. Callers check that the viewer may read the minutes.
 * (First version: the heading only; the full document follows.)
 */
export async function minutesPdf(db: Kysely<Database>, meetingId: number): Promise<Buffer> {
  const m = await findMeeting(db, meetingId);
  if (!m) throw new Error(`no meeting ${meetingId}`);
  const start = instantToBerlin(m.starts_at);
  return pdfBuffer(`Protokoll: ${m.title}`, (doc, root) => {
    root.add(doc.struct('H1', {}, () => doc.font(FONT_BOLD).fontSize(16).text(`Protokoll: ${m.title} (${start.day})`)));
  });
}
