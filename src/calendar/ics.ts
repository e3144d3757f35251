import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { escape, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import { inBerlin, ZONE } from '../lib/berlin-time.js';

/**
 * iCalendar for meetings, shared by invitation mails, /meetings/:id.ics and the subscription feeds, so
 * that every copy of a meeting has the same UID and calendar apps treat them as one event.
 *
 * Known traps of ical-generator avoided here: times are given as Luxon DateTimes in Europe/Berlin (native
 * Dates would be written in the process's zone); VTIMEZONE comes from the timezone generator with an
 * empty calendar-level name (the other variant writes DTSTAMP without "Z"); id, stamp and sequence are
 * always set (the defaults, a random id, "now" and 0, duplicate events on every poll); NAME,
 * X-WR-CALNAME and X-WR-CALDESC are written unescaped, so they are escaped here.
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
  /** The group's name, as a category calendar apps can colour or filter by. */
  category?: string;
  /** Only in a person's own feed: that person, with their reply and role. */
  attendee?: { name: string; email: string; answer: 'accepted' | 'declined' | 'tentative' | null; chair: boolean };
}

export interface CalendarOptions {
  baseUrl: string;
  districtName: string;
  cancelledPrefix: string;
  /** NAME / X-WR-CALNAME of a subscribed calendar. */
  name?: string;
  description?: string;
  /** How often calendar apps should poll (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  refreshSeconds?: number;
  /**
   * METHOD:PUBLISH for files and shared feeds. A person's own feed has none, because PUBLISH forbids the
   * ATTENDEE line that carries their reply (RFC 5546).
   */
  publish?: boolean;
  /** Written with every ATTENDEE line (RFC 5545 requires an ORGANIZER beside attendees). */
  organizer?: { name: string; email: string };
}

/** meetingUid: the one UID of a meeting everywhere ("meeting-42@hub.kreis-mettmann.de"). */
export function meetingUid(meetingId: number, baseUrl: string): string {
  return `meeting-${meetingId}@${new URL(baseUrl).hostname}`;
}

const partstat = { accepted: ICalAttendeeStatus.ACCEPTED, declined: ICalAttendeeStatus.DECLINED, tentative: ICalAttendeeStatus.TENTATIVE } as const;

export function meetingsCalendar(meetings: IcsMeeting[], opts: CalendarOptions): string {
  const cal = ical({ prodId: { company: opts.districtName, product: 'Arbeitskreis-Hub', language: 'DE' } });
  if (opts.publish !== false) cal.method(ICalCalendarMethod.PUBLISH);
  if (opts.name) cal.name(escape(opts.name, false));
  if (opts.description) cal.description(escape(opts.description, false));
  if (opts.refreshSeconds) cal.ttl(opts.refreshSeconds);
  cal.timezone({ name: '', generator: getVtimezoneComponent });
  for (const m of meetings) {
    const cancelled = m.status === 'cancelled';
    const changed = DateTime.fromISO(m.updated_at, { zone: 'utc' });
    const event = cal.createEvent({
      id: meetingUid(m.id, opts.baseUrl),
      sequence: m.sequence,
      stamp: changed,
      lastModified: changed,
      start: inBerlin(m.starts_at),
      end: inBerlin(m.ends_at),
      timezone: ZONE,
      summary: cancelled ? `${opts.cancelledPrefix} ${m.title}` : m.title,
      description: m.description,
      location: [m.location, m.room].filter(Boolean).join(', ') || m.online_url || undefined,
      url: `${opts.baseUrl}/meetings/${m.id}`,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // A cancelled or declined meeting does not block the time in the person's calendar.
      transparency: cancelled || m.attendee?.answer === 'declined' ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
      categories: m.category ? [{ name: m.category }] : [],
    });
    if (m.attendee) {
      if (opts.organizer) event.organizer(opts.organizer);
      event.createAttendee({
        name: m.attendee.name,
        email: m.attendee.email,
        rsvp: false,
        role: m.attendee.chair ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ,
        status: m.attendee.answer ? partstat[m.attendee.answer] : ICalAttendeeStatus.NEEDSACTION,
      });
    }
  }
  return cal.toString();
}
