import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { escape, foldLines, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency, type ICalCalendar, type ICalEvent } from 'ical-generator';
import { DateTime } from 'luxon';
import { inBerlin, ZONE } from '../lib/berlin-time.js';
import type { EventTextCache } from './event-cache.js';

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

/**
 * newCalendar: an ical-generator calendar set up as every meetings calendar is. Events are rendered in
 * one too (ical-generator writes an event's dates through its calendar's zone setting), so a VEVENT
 * rendered alone is the same text as in the whole calendar.
 */
function newCalendar(opts: CalendarOptions): ICalCalendar {
  const cal = ical({ prodId: { company: opts.districtName, product: 'Arbeitskreis-Hub', language: 'DE' } });
  if (opts.publish !== false) cal.method(ICalCalendarMethod.PUBLISH);
  if (opts.name) cal.name(escape(opts.name, false));
  if (opts.description) cal.description(escape(opts.description, false));
  cal.timezone({ name: '', generator: getVtimezoneComponent });
  return cal;
}

function addMeetingEvent(cal: ICalCalendar, m: IcsMeeting, opts: EventOptions): ICalEvent {
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
  return event;
}

/**
 * meetingsCalendar: the whole calendar in one go, by ical-generator alone (invitation mails and
 * /meetings/:id.ics, one event each; and the reference the feeds' assembly is tested against).
 */
export function meetingsCalendar(meetings: IcsMeeting[], opts: CalendarOptions): string {
  const cal = newCalendar(opts);
  for (const m of meetings) addMeetingEvent(cal, m, opts);
  return finish(cal.toString(), opts.refreshSeconds);
}

/** What a meeting's VEVENT text depends on besides the meeting: the calendar's own name and kind do not count. */
type EventOptions = Pick<CalendarOptions, 'baseUrl' | 'cancelledPrefix' | 'organizer'>;

/**
 * A calendar's text without its events: `head` ends where the first VEVENT would begin, `tail` is what
 * follows the last (END:VCALENDAR). Events go in between, in order: ical-generator folds each line on
 * its own, so a calendar is its head, its folded events and its tail, to the byte.
 */
export interface CalendarShell {
  head: string;
  tail: string;
}

const shells = new Map<string, CalendarShell>();

/**
 * calendarShell: head and tail of a calendar, written by ical-generator: the VCALENDAR properties and,
 * when the calendar has meetings (`zoned`), the VTIMEZONE that ical-generator writes for their zone
 * (it writes none without events in a zone). A handful of shells exist (feed names times kinds), so they
 * are kept; the text depends only on the options, never on the time of day.
 */
export function calendarShell(opts: CalendarOptions, zoned: boolean): CalendarShell {
  const key = JSON.stringify([opts.districtName, opts.publish !== false, opts.name ?? '', opts.description ?? '', opts.refreshSeconds ?? 0, zoned]);
  let shell = shells.get(key);
  if (shell) return shell;
  const cal = newCalendar(opts);
  // A placeholder event in the meetings' zone, so that ical-generator writes its VTIMEZONE; cut out below.
  if (zoned) cal.createEvent({ id: 'shell', sequence: 0, stamp: new Date(0), start: inBerlin('2000-01-01T12:00:00.000Z'), timezone: ZONE, summary: '' });
  const text = finish(cal.toString(), opts.refreshSeconds);
  const begin = zoned ? text.indexOf('BEGIN:VEVENT\r\n') : text.lastIndexOf('END:VCALENDAR\r\n');
  const end = zoned ? text.indexOf('END:VEVENT\r\n', begin) + 'END:VEVENT\r\n'.length : begin;
  shell = { head: text.slice(0, begin), tail: text.slice(end) };
  if (shells.size >= 1000) shells.delete(shells.keys().next().value!);
  shells.set(key, shell);
  return shell;
}

/** Changes whenever the VEVENT text of a meeting changes for the same inputs, so cached texts are not reused. */
const EVENT_FORMAT = 'vevent-v1';

/**
 * meetingEvents: each meeting's VEVENT, folded, as in a calendar of `opts`. Rendering a VEVENT with
 * ical-generator 10 is slow (it folds lines one character at a time, with a TextEncoder for each), so
 * each text is kept in `cache` under everything it is made of: the meeting's every field that is
 * written (its SEQUENCE and last change, title, times, place, status, the description with the
 * person's reply and role, the agenda and the language it is written in, the attendee) and the site's
 * facts in it. A key is the input itself, read from the database for this answer: a text found under
 * it is the text ical-generator would write now, on whichever instance, however old the entry.
 */
export function meetingEvents(meetings: readonly IcsMeeting[], opts: CalendarOptions, cache: EventTextCache): string[] {
  const site = JSON.stringify([EVENT_FORMAT, opts.baseUrl, opts.cancelledPrefix, opts.organizer]);
  let cal: ICalCalendar | undefined;
  return meetings.map((m) => {
    const key = `${site}${JSON.stringify([m.id, m.sequence, m.updated_at, m.title, m.starts_at, m.ends_at, m.location, m.room, m.online_url, m.status, m.description, m.category ?? null, m.attendee ?? null])}`;
    let text = cache.get(key);
    if (text === undefined) {
      cal ??= newCalendar(opts);
      text = foldLines(addMeetingEvent(cal, m, opts).toString());
      cache.set(key, text);
    }
    return text;
  });
}

/** assembleCalendar: a calendar from its shell and its events' folded VEVENT texts, in order. */
export function assembleCalendar(shell: CalendarShell, events: readonly string[]): string {
  return shell.head + events.join('') + shell.tail;
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
