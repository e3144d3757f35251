import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import { renderError } from '../http/errors.js';
import { withMeeting } from '../meetings/load.js';
import type { MeetingWithGroup } from '../meetings/meetings.js';
import { pdfFileName } from './document.js';
import { DOCUMENT_ACCESS, invitationDetails, mayReadMinutes } from './access.js';
import { attendancePdf } from './attendance.js';
import { invitationPdf } from './invitation.js';
import { loadMinutesDocument, minutesPdf } from './minutes.js';

const ID = ':id{[1-9][0-9]{0,8}}';

/** sendPdf: the document shown in the browser (inline), never kept in a shared cache. */
function sendPdf(c: Context<AppEnv>, kind: string, meeting: MeetingWithGroup, pdf: Buffer) {
  const name = pdfFileName(kind, meeting);
  const encoded = encodeURIComponent(name.utf8).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  c.header('Content-Type', 'application/pdf');
  c.header('Content-Disposition', `inline; filename="${name.ascii}"; filename*=UTF-8''${encoded}`);
  c.header('Content-Length', String(pdf.byteLength));
  c.header('Cache-Control', 'private, no-store');
  return c.body(new Uint8Array(pdf));
}

/** The meeting documents (src/pdf/access.ts says who may fetch which). */
export const pdfRoutes = new Hono<AppEnv>()
  .get(`/meetings/${ID}/invitation.pdf`, (c) =>
    withMeeting(c, DOCUMENT_ACCESS.invitation, async (m, vg) =>
      sendPdf(c, 'Einladung', m, await invitationPdf(c.var.db, m, { details: invitationDetails(vg.access), baseUrl: c.var.config.baseUrl, now: c.var.now() })),
    ),
  )
  .get(`/meetings/${ID}/minutes.pdf`, (c) =>
    withMeeting(c, DOCUMENT_ACCESS.minutes, async (m, vg) => {
      const doc = await loadMinutesDocument(c.var.db, m, c.var.now(), c.var.config.retentionMonths);
      if (!doc || !mayReadMinutes(vg.access, doc.content.minutes.status)) return renderError(c, 404, 'minutes.none');
      return sendPdf(c, 'Protokoll', m, await minutesPdf(doc));
    }),
  )
  .get(`/meetings/${ID}/attendance.pdf`, (c) =>
    withMeeting(c, DOCUMENT_ACCESS.attendance, async (m) => sendPdf(c, 'Anwesenheitsliste', m, await attendancePdf(c.var.db, m, { now: c.var.now(), retentionMonths: c.var.config.retentionMonths }))),
  );
