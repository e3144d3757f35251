import ical, { escape, ICalCalendarMethod } from 'ical-generator';
import type { Kysely } from 'kysely';
import { addDeadlineEvent } from '../calendar/deadline-event.js';
import type { Database, Day } from '../db/schema.js';
import { addDays, startOfDay } from '../lib/berlin-time.js';

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
  opts: { baseUrl: string; districtName: string; organizer: { name: string; email: string }; name: string; summary: (programme: string) => string; cancelledPrefix: string },
): Promise<string> {
  const rows = await db
    .selectFrom('programme_deadlines')
    .innerJoin('programmes', 'programmes.id', 'programme_deadlines.programme_id')
    .select(['programme_deadlines.id', 'programme_deadlines.due_on', 'programme_deadlines.note', 'programme_deadlines.sequence', 'programme_deadlines.updated_at', 'programme_deadlines.cancelled_at', 'programmes.id as programme_id', 'programmes.name', 'programmes.funder', 'programmes.created_at'])
    .where('programmes.archived_at', 'is', null)
    .where('programme_deadlines.due_on', '>=', addDays(day, -DEADLINES_PAST_DAYS))
    .where((eb) => eb.or([eb('programme_deadlines.cancelled_at', 'is', null), eb('programme_deadlines.cancelled_at', '>=', startOfDay(addDays(day, -DEADLINES_CANCELLED_DAYS)))]))
    .orderBy('programme_deadlines.due_on')
    .orderBy('programme_deadlines.id')
    .execute();
  const cal = ical({ prodId: { company: opts.districtName, product: 'Arbeitskreis-Hub', language: 'DE' } });
  cal.method(ICalCalendarMethod.PUBLISH);
  cal.name(escape(opts.name, false));
  for (const r of rows) {
    addDeadlineEvent(cal, {
      uid: deadlineUid(r.id, opts.baseUrl),
      sequence: r.sequence,
      changedAt: r.updated_at ?? r.created_at,
      dueOn: r.due_on,
      summary: opts.summary(r.name),
      cancelled: r.cancelled_at !== null,
      cancelledPrefix: opts.cancelledPrefix,
      description: [r.funder, r.note].filter(Boolean).join('\n'),
      url: `${opts.baseUrl}/programmes/${r.programme_id}`,
      organizer: opts.organizer,
    });
  }
  const text = cal.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** deadlineEvents: the VEVENT blocks of the deadlines calendar, to be added to another calendar (the public feed). */
export function deadlineEvents(calendar: string): string {
  const start = calendar.indexOf('BEGIN:VEVENT\r\n');
  const end = calendar.lastIndexOf('END:VEVENT\r\n');
  return start < 0 || end < 0 ? '' : calendar.slice(start, end + 'END:VEVENT\r\n'.length);
}

/**
 * deadlinesStamp: what the deadlines in a feed depend on, for the feed's validators (ETag and
 * Last-Modified): the newest change of any deadline or programme, and their counts.
 */
export async function deadlinesStamp(db: Kysely<Database>): Promise<{ key: unknown[]; latest: string | null }> {
  const [d, p] = await Promise.all([
    db.selectFrom('programme_deadlines').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')]).executeTakeFirstOrThrow(),
    db.selectFrom('programmes').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')]).executeTakeFirstOrThrow(),
  ]);
  const text = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));
  const stamps = [text(d.latest), text(p.latest)].filter((s): s is string => s !== null);
  return { key: [Number(d.n), text(d.latest), Number(p.n), text(p.latest)], latest: stamps.length ? stamps.reduce((a, b) => (a > b ? a : b)) : null };
}
