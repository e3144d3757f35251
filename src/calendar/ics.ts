import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { ZONE } from '../lib/berlin-time.js';

/**
 * iCalendar for meetings, shared by invitation mails and (later) the subscription feeds, so that every
 * copy of a meeting has the same UID and calendar apps treat them as one event.
 *
 * Known traps of ical-generator avoided here: times are given as Luxon DateTimes in Europe/Berlin (native
 * Dates would be written in the process's zone); VTIMEZONE comes from the timezone generator with an
 * empty calendar-level name (the other variant writes DTSTAMP without "Z"); id, stamp and sequence are
 * always set (the defaults, a random id, "now" and 0, duplicate events on every poll).
 */
export interface IcsMeeting {
  id: number;
  title: string;
  starts_at: string;
  ends_at: string;
  location: string | null;
  room: string | null;
  online_url: string | null;
  status: 'planned' | 'invited' | 'held' | 'cancelled';
  sequence: number;
  updated_at: string;
  description: string;
}

/** meetingUid: the one UID of a meeting everywhere ("meeting-42@hub.kreis-mettmann.de"). */
export function meetingUid(meetingId: number, baseUrl: string): string {
  return `meeting-${meetingId}@${new URL(baseUrl).hostname}`;
}

export function meetingsCalendar(meetings: IcsMeeting[], opts: { baseUrl: string; districtName: string; cancelledPrefix: string }): string {
  const cal = ical({ prodId: { company: opts.districtName, product: 'Arbeitskreis-Hub', language: 'DE' }, method: ICalCalendarMethod.PUBLISH });
  cal.timezone({ name: '', generator: getVtimezoneComponent });
  for (const m of meetings) {
    const cancelled = m.status === 'cancelled';
    const changed = DateTime.fromISO(m.updated_at, { zone: 'utc' });
    cal.createEvent({
      id: meetingUid(m.id, opts.baseUrl),
      sequence: m.sequence,
      stamp: changed,
      lastModified: changed,
      start: DateTime.fromISO(m.starts_at, { zone: 'utc' }).setZone(ZONE),
      end: DateTime.fromISO(m.ends_at, { zone: 'utc' }).setZone(ZONE),
      timezone: ZONE,
      summary: cancelled ? `${opts.cancelledPrefix} ${m.title}` : m.title,
      description: [m.description, m.online_url].filter(Boolean).join('\n\n'),
      location: [m.location, m.room].filter(Boolean).join(', ') || m.online_url || undefined,
      url: `${opts.baseUrl}/meetings/${m.id}`,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
