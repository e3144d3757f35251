import { ICalEventStatus, ICalEventTransparency, type ICalCalendar } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Day, Instant } from '../db/schema.js';

/**
 * addDeadlineEvent: a deadline as an all-day event (DTSTART;VALUE=DATE, free time), as the funding
 * programmes' application deadlines and the projects' reporting deadlines are written: one UID for
 * good, SEQUENCE raised with each change, a removed deadline kept as CANCELLED with the prefix.
 */
export function addDeadlineEvent(
  cal: ICalCalendar,
  d: { uid: string; sequence: number; changedAt: Instant; dueOn: Day; summary: string; cancelled: boolean; cancelledPrefix: string; description: string; url: string; organizer: { name: string; email: string } },
): void {
  const changed = DateTime.fromISO(d.changedAt, { zone: 'utc' });
  const start = DateTime.fromISO(d.dueOn, { zone: 'utc' });
  const event = cal.createEvent({
    id: d.uid,
    sequence: d.sequence,
    stamp: changed,
    lastModified: changed,
    start,
    end: start.plus({ days: 1 }),
    allDay: true,
    summary: d.cancelled ? `${d.cancelledPrefix} ${d.summary}` : d.summary,
    description: d.description,
    url: d.url,
    status: d.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    transparency: ICalEventTransparency.TRANSPARENT,
  });
  event.organizer(d.organizer);
}
