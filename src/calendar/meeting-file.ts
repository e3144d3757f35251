import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { atLeast } from '../groups/access.js';
import type { VisibleGroup } from '../groups/groups.js';
import type { AppEnv } from '../http/env.js';
import { organizerOf } from '../http/site.js';
import { listAgenda, type MeetingWithGroup } from '../meetings/meetings.js';
import { describeMeeting } from './describe.js';
import { meetingsCalendar } from './ics.js';
import { notModified, setValidators, wholeSeconds } from './validators.js';

/** Changes whenever the file's output format changes, so that copies of the old format are refreshed. */
const FORMAT = 'meeting-file-v2';

/**
 * sendMeetingFile answers /meetings/:id.ics: one meeting as a calendar file, with ETag and Last-Modified
 * like the feeds, so that an app that keeps the file (or a browser) hears 304 while nothing changed. The
 * public gets date and place only, as on the page.
 *
 * Every change of the meeting or its agenda moves its updated_at (src/calendar/stamps.ts), which is in
 * the ETag; so are what the file's text depends on besides: the reader's view (agenda or not) and
 * language, the group's name and the site's facts (address, district, office).
 */
export async function sendMeetingFile(c: Context<AppEnv>, m: MeetingWithGroup, vg: Pick<VisibleGroup, 'access'>): Promise<Response> {
  const visible = atLeast(vg.access, 'viewer');
  const organizer = organizerOf(c.var.site, c.var.config.mailFrom);
  const inputs = [FORMAT, m.id, m.updated_at, m.sequence, m.status, m.group_name, visible, c.var.locale, c.var.config.baseUrl, c.var.site.districtName, organizer];
  const validators = { etag: `"${createHash('sha256').update(JSON.stringify(inputs)).digest('base64url').slice(0, 32)}"`, lastModified: wholeSeconds(m.updated_at) };
  setValidators(c, validators, false);
  if (notModified(c, validators)) return c.body(null, 304);
  const description = describeMeeting(c.var.t, {
    pageUrl: `${c.var.config.baseUrl}/meetings/${m.id}`,
    agenda: visible ? await listAgenda(c.var.db, m.id) : null,
    onlineUrl: visible ? m.online_url : null,
    cancelReason: visible && m.status === 'cancelled' ? m.cancel_reason : null,
  });
  const ics = meetingsCalendar([{ ...m, online_url: visible ? m.online_url : null, description, category: m.group_name }], {
    baseUrl: c.var.config.baseUrl,
    districtName: c.var.site.districtName,
    cancelledPrefix: c.var.t('calendar.cancelledPrefix'),
    organizer,
  });
  c.header('Content-Type', 'text/calendar; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="sitzung-${m.id}.ics"`);
  return c.body(ics);
}
