import ical, { escape, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Database, Day } from '../db/schema.js';
import { addDays } from '../lib/berlin-time.js';

/**
 * The programmes' application deadlines as all-day events (DTSTART;VALUE=DATE), for those who only want
 * the deadlines (/programmes/deadlines.ics). Each deadline row has one UID for good; a moved deadline is
 * the same row with a higher SEQUENCE; a dropped one stays as CANCELLED for 30 days, as meetings do.
 * Deadlines of archived programmes leave the feed with them. Past deadlines are kept for a year.
 */
export const DEADLINES_PAST_DAYS = 365;
export const DEADLINES_CANCELLED_DAYS = 30;

export function deadlineUid(deadlineId: number, baseUrl: string): string {
  return `programme-deadline-${deadlineId}@${new URL(baseUrl).hostname}`;
}

export async function deadlinesCalendar(
  db: Kysely<Database>,
  day: Day,
  now: Date,
  opts: { baseUrl: string; districtName: string; organizer: { name: string; email: string }; name: string; summary: (programme: string) => string; cancelledPrefix: string },
): Promise<string> {
  const rows = await db
    .selectFrom('programme_deadlines')
    .innerJoin('programmes', 'programmes.id', 'programme_deadlines.programme_id')
    .select(['programme_deadlines.id', 'programme_deadlines.due_on', 'programme_deadlines.note', 'programme_deadlines.sequence', 'programme_deadlines.updated_at', 'programme_deadlines.cancelled_at', 'programmes.id as programme_id', 'programmes.name', 'programmes.funder', 'programmes.created_at'])
    .where('programmes.archived_at', 'is', null)
    .where('programme_deadlines.due_on', '>=', addDays(day, -DEADLINES_PAST_DAYS))
    .where((eb) => eb.or([eb('programme_deadlines.cancelled_at', 'is', null), eb('programme_deadlines.cancelled_at', '>=', new Date(now.getTime() - DEADLINES_CANCELLED_DAYS * 86_400_000).toISOString())]))
    .orderBy('programme_deadlines.due_on')
    .orderBy('programme_deadlines.id')
    .execute();
  const cal = ical({ prodId: { company: opts.districtName, product: 'Arbeitskreis-Hub', language: 'DE' } });
  cal.method(ICalCalendarMethod.PUBLISH);
  cal.name(escape(opts.name, false));
  for (const r of rows) {
    const cancelled = r.cancelled_at !== null;
    const changed = DateTime.fromISO(r.updated_at ?? r.created_at, { zone: 'utc' });
    const start = DateTime.fromISO(r.due_on, { zone: 'utc' });
    const summary = opts.summary(r.name);
    const event = cal.createEvent({
      id: deadlineUid(r.id, opts.baseUrl),
      sequence: r.sequence,
      stamp: changed,
      lastModified: changed,
      start,
      end: start.plus({ days: 1 }),
      allDay: true,
      summary: cancelled ? `${opts.cancelledPrefix} ${summary}` : summary,
      description: [r.funder, r.note].filter(Boolean).join('\n'),
      url: `${opts.baseUrl}/programmes/${r.programme_id}`,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
    event.organizer(opts.organizer);
  }
  const text = cal.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
