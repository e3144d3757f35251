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
  /**
   * The office that runs the hub, the ORGANIZER of every event: RFC 5546 requires exactly one in each
   * PUBLISH event, and RFC 5545 one beside every ATTENDEE (see officeAddress in src/http/site.ts).
   */
  organizer: { name: string; email: string };
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
    event.organizer(opts.organizer);
    if (m.attendee) {
      event.createAttendee({
        name: m.attendee.name,
        email: m.attendee.email,
        rsvp: false,
        role: m.attendee.chair ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ,
        status: m.attendee.answer ? partstat[m.attendee.answer] : ICalAttendeeStatus.NEEDSACTION,
      });
    }
  }
  return finish(cal.toString(), opts.refreshSeconds);
}

/**
 * finish: what ical-generator 10 gets wrong in the raw text. It writes REFRESH-INTERVAL and
 * X-PUBLISHED-TTL after the VTIMEZONE, where RFC 5545 allows calendar properties only before the first
 * component, and it ends the last line (END:VCALENDAR) without its CRLF. So the polling interval is
 * written here, ahead of the first component, and the last line gets its line break.
 */
function finish(text: string, refreshSeconds: number | undefined): string {
  let out = text.endsWith('\r\n') ? text : `${text}\r\n`;
  if (refreshSeconds) {
    const duration = refreshSeconds % 3600 === 0 ? `PT${refreshSeconds / 3600}H` : `PT${refreshSeconds}S`;
    // Before the first component, or before the end of a calendar that has none (an empty feed).
    const component = out.indexOf('\r\nBEGIN:', 'BEGIN:VCALENDAR'.length);
    const first = (component >= 0 ? component : out.lastIndexOf('\r\nEND:VCALENDAR')) + 2;
    out = `${out.slice(0, first)}REFRESH-INTERVAL;VALUE=DURATION:${duration}\r\nX-PUBLISHED-TTL:${duration}\r\n${out.slice(first)}`;
  }
  return out;
}
