import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Day, MembershipRole } from '../db/schema.js';
import { accessTo, atLeast, MANAGING_ROLES } from '../groups/access.js';
import { currentOn, currentRoles } from '../groups/groups.js';
import { translator } from '../i18n/index.js';
import { addDays, startOfDay } from '../lib/berlin-time.js';
import { belongsOnMeetingDay } from '../meetings/meeting-day.js';
import { describeMeeting } from './describe.js';
import type { FeedToken } from './feed-tokens.js';
import { eventCacheFor, type EventTextCache } from './event-cache.js';
import { assembleCalendar, calendarShell, meetingEvents, meetingsCalendar, type CalendarOptions, type IcsMeeting } from './ics.js';
import { wholeSeconds } from './validators.js';
import { deadlineEvents, deadlinesCalendar, deadlinesStamp } from '../programmes/ics.js';
import { projectDeadlinesStamp, projectDeadlineVevents } from '../projects/ics.js';

/**
 * The three subscription feeds, built from what the feed's owner may see right now:
 * - person: the meetings of every group the person currently belongs to, on the days they belong to it,
 *   with their own reply and role, and the deadlines of the projects they are responsible for
 *   (src/projects/ics.ts);
 * - group: one group's meetings, while the owner may still see that group's meetings, without names
 *   (a group feed's address is often passed on, so no presenters of TOPs and no replies);
 * - public: the meetings of every group that publishes its dates, without agenda, links or names.
 *
 * A feed is answered in two steps, so that the frequent "has anything changed?" poll is cheap:
 * resolveFeed() reads only the feed's owner, groups and their calendar versions (see ./stamps.ts) and
 * gives an ETag and Last-Modified; only when they differ does renderFeed() read and write the meetings.
 */

// Calendars are written in German: a calendar app sends no language preference worth following.
const t = translator('de');

/** How far back a feed reaches, and how long a cancelled meeting stays in it as STATUS:CANCELLED. */
export const PAST_DAYS = 365;
export const CANCELLED_DAYS = 30;
/** How often calendar apps are asked to poll (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const REFRESH_SECONDS = 60 * 60;
/** Changes whenever the feed's output format changes, so that caches holding the old format refresh. */
const FORMAT = 'feed-v2';
interface FeedGroup {
  id: number;
  name: string;
  updated_at: string;
  calendar_version: number;
  calendar_stamp: string | null;
  archived_at: string | null;
  dates_public: number;
  role: MembershipRole | null;
}

/** What a feed's text depends on besides the database: the hub's address and the district's name. */
export interface FeedOutput {
  baseUrl: string;
  districtName: string;
  /** The office that runs the hub: the ORGANIZER that RFC 5545 requires beside an ATTENDEE. */
  organizer: { name: string; email: string };
}

export interface ResolvedFeed {
  kind: 'person' | 'group' | 'public';
  token: FeedToken | null;
  groups: FeedGroup[];
  /** Whether the reader may see agendas and online links (members and signed-in viewers). */
  detailed: boolean;
  output: FeedOutput;
  etag: string;
  lastModified: Date;
}

/**
 * resolveFeed: what a feed URL shows and its validators; null when the token is unknown, revoked or
 * its account deactivated, or a group feed's owner may no longer see the group (all 404).
 */
export async function resolveFeed(db: Kysely<Database>, token: FeedToken | 'public', day: Day, output: FeedOutput): Promise<ResolvedFeed | null> {
  const columns = ['groups.id', 'groups.name', 'groups.updated_at', 'groups.calendar_version', 'groups.calendar_stamp', 'groups.archived_at', 'groups.dates_public'] as const;
  if (token === 'public') {
    // Every group counts for the validators, so that a group that stops publishing its dates (or is
    // archived) changes the feed's ETag and Last-Modified, though it is no longer in it.
    const groups = await db.selectFrom('groups').select(columns).orderBy('id').execute();
    const all = groups.map((g) => ({ ...g, role: null }));
    // Funding programmes' deadlines are in the public feed too (src/programmes/ics.ts).
    return validate('public', null, all.filter((g) => g.dates_public && !g.archived_at), all, false, day, output, await deadlinesStamp(db));
  }
  if (token.scope === 'person') {
    const groups = await db
      .selectFrom('memberships')
      .innerJoin('groups', 'groups.id', 'memberships.group_id')
      .select([...columns, 'memberships.role'])
      .where('memberships.person_id', '=', token.person_id)
      .where(currentOn(day))
      .orderBy('groups.id')
      .execute();
    // The meetings of archived groups leave the person's feed, as they leave their dashboard.
    // The deadlines of the office's projects this person is responsible for are in it too (src/projects/ics.ts).
    return validate('person', token, groups.filter((g) => !g.archived_at), groups, true, day, output, await projectDeadlinesStamp(db, token.user_id, day));
  }
  const group = await db.selectFrom('groups').select([...columns, 'groups.kind']).where('id', '=', token.group_id!).executeTakeFirst();
  if (!group) return null;
  const owner = { id: token.user_id, personId: token.person_id, name: token.person_name, email: token.email ?? '', role: token.role };
  const role = (await currentRoles(db, owner, day, [group.id])).get(group.id) ?? null;
  if (!atLeast(accessTo(owner, group, role), 'viewer')) return null;
  const feedGroup = [{ ...group, role }];
  return validate('group', token, feedGroup, feedGroup, true, day, output);
}

/**
 * validate: the feed's ETag and Last-Modified, from everything its bytes depend on apart from the
 * meetings themselves (whose every change raises their group's calendar_version): the day (the windows
 * move daily), the site's address and name, the owner, their roles and their own version, and every
 * group that is or could be in the feed.
 */
function validate(kind: ResolvedFeed['kind'], token: FeedToken | null, shown: FeedGroup[], considered: FeedGroup[], detailed: boolean, day: Day, output: FeedOutput, deadlines?: { key: unknown[]; latest: string | null }): ResolvedFeed {
  const owner = token ? [token.id, token.name, token.role, token.person_updated_at, token.person_version] : '';
  const groups = considered.map((g) => [g.id, g.name, g.updated_at, g.calendar_version, g.archived_at, g.dates_public, g.role]);
  const inputs = [FORMAT, kind, day, output, owner, groups, ...(deadlines ? [deadlines.key] : [])];
  const etag = `"${createHash('sha256').update(JSON.stringify(inputs)).digest('base64url').slice(0, 32)}"`;
  const stamps = [startOfDay(day), token?.person_updated_at, token?.person_stamp, ...considered.flatMap((g) => [g.updated_at, g.calendar_stamp]), deadlines?.latest];
  const latest = stamps.filter((s): s is string => !!s).reduce((a, b) => (a > b ? a : b));
  const lastModified = wholeSeconds(latest);
  return { kind, token, groups: shown, detailed, output, etag, lastModified };
}

/** calendarOptions: the feed's calendar-level options (its name, kind and polling interval). */
function calendarOptions(feed: ResolvedFeed): CalendarOptions {
  const opts = feed.output;
  const name =
    feed.kind === 'public' ? t('calendar.feed.publicName', { district: opts.districtName }) : feed.kind === 'group' ? `${feed.groups[0]!.name} – ${feed.token!.name}` : feed.token!.name;
  return {
    baseUrl: opts.baseUrl,
    districtName: opts.districtName,
    cancelledPrefix: t('calendar.cancelledPrefix'),
    name,
    description: t('calendar.feed.description', { district: opts.districtName }),
    refreshSeconds: REFRESH_SECONDS,
    publish: feed.kind !== 'person',
    organizer: opts.organizer,
  };
}

/** personProjectDeadlines: the VEVENT texts of the project deadlines the feed's owner is responsible for (src/projects/ics.ts). */
function personProjectDeadlines(db: Kysely<Database>, feed: ResolvedFeed, day: Day): Promise<string> {
  return projectDeadlineVevents(db, feed.token!.user_id, day, {
    ...feed.output,
    summary: (r) => t(r.done ? 'projects.feed.summaryDone' : 'projects.feed.summary', { kind: t(`projects.deadlineKind.${r.kind}`), title: r.title, project: r.project }),
    cancelledPrefix: t('calendar.cancelledPrefix'),
  });
}

/**
 * renderFeed: the feed as iCalendar text, assembled from the calendar's shell (VCALENDAR properties and
 * VTIMEZONE, from ical-generator) and the VEVENT texts of each source in turn: the meetings, written by
 * ical-generator or taken from the cache of texts whose inputs are unchanged (src/calendar/event-cache.ts),
 * then the funding programmes' deadlines in the public feed. Another source of events (a person's
 * project deadlines) adds its VEVENT texts to `events` in the same way. The bytes are those of one
 * ical-generator calendar of all events (test/feed-assembly.test.ts compares them).
 */
export async function renderFeed(db: Kysely<Database>, feed: ResolvedFeed, day: Day, cache: EventTextCache = eventCacheFor(db)): Promise<string> {
  const opts = calendarOptions(feed);
  const meetings = await loadFeedMeetings(db, feed, day);
  const events = meetingEvents(meetings, opts, cache);
  if (feed.kind === 'public') {
    // The public feed also holds the funding programmes' application deadlines, as all-day events.
    const deadlines = await deadlinesCalendar(db, day, { ...feed.output, name: opts.name!, summary: (programme) => t('programmes.feed.summary', { name: programme }), cancelledPrefix: opts.cancelledPrefix });
    events.push(deadlineEvents(deadlines));
  }
  if (feed.kind === 'person') events.push(await personProjectDeadlines(db, feed, day));
  // The VTIMEZONE is there when a meeting is (ical-generator writes it for events in a zone only).
  return assembleCalendar(calendarShell(opts, meetings.length > 0), events);
}

/**
 * renderFeedAtOnce: the feed written by ical-generator as one calendar, as it was before the assembly
 * above, without any cache: the reference the assembled feed must equal to the byte (tests, bench).
 */
export async function renderFeedAtOnce(db: Kysely<Database>, feed: ResolvedFeed, day: Day): Promise<string> {
  const opts = calendarOptions(feed);
  const text = meetingsCalendar(await loadFeedMeetings(db, feed, day), opts);
  if (feed.kind === 'person') {
    const end = text.lastIndexOf('END:VCALENDAR\r\n');
    return `${text.slice(0, end)}${await personProjectDeadlines(db, feed, day)}${text.slice(end)}`;
  }
  if (feed.kind !== 'public') return text;
  const deadlines = deadlineEvents(
    await deadlinesCalendar(db, day, { ...feed.output, name: opts.name!, summary: (programme) => t('programmes.feed.summary', { name: programme }), cancelledPrefix: opts.cancelledPrefix }),
  );
  const end = text.lastIndexOf('END:VCALENDAR\r\n');
  return `${text.slice(0, end)}${deadlines}${text.slice(end)}`;
}

/** loadFeedMeetings: the feed's meetings with everything their VEVENT shows, in the feed's order. */
export async function loadFeedMeetings(db: Kysely<Database>, feed: ResolvedFeed, day: Day): Promise<IcsMeeting[]> {
  const baseUrl = feed.output.baseUrl;
  const groupIds = feed.groups.map((g) => g.id);
  if (groupIds.length === 0) return [];
  const personId = feed.kind === 'person' ? feed.token!.person_id : null;
  const inWindow = db
    .selectFrom('meetings')
    .where('meetings.group_id', 'in', groupIds)
    .where('meetings.starts_at', '>=', startOfDay(addDays(day, -PAST_DAYS)))
    .where((eb) => eb.or([eb('meetings.status', '!=', 'cancelled'), eb('meetings.cancelled_at', '>=', startOfDay(addDays(day, -CANCELLED_DAYS)))]))
    // A person's feed shows the meetings of the days they belong to the group, with their reply: not
    // those after a membership's last day (already set, though still ahead), to which they are no longer
    // invited (the rule of invitationStands).
    .$if(personId !== null, (qb) => qb.where(belongsOnMeetingDay(db, personId!, 'meetings')));
  const [rows, agenda] = await Promise.all([
    inWindow
      .leftJoin('rsvps', (join) => join.onRef('rsvps.meeting_id', '=', 'meetings.id').on('rsvps.person_id', '=', personId ?? -1))
      .selectAll('meetings')
      .select(['rsvps.answer', 'rsvps.answered_at'])
      .orderBy('meetings.starts_at')
      .orderBy('meetings.id')
      .execute(),
    feed.detailed
      ? db
          .selectFrom('agenda_items')
          .select(['meeting_id', 'title', 'presenter'])
          .where('meeting_id', 'in', inWindow.select('meetings.id'))
          .orderBy('meeting_id')
          .orderBy('position')
          .orderBy('id')
          .execute()
      : Promise.resolve([]),
  ]);
  const agendaOf = new Map<number, typeof agenda>();
  for (const item of agenda) {
    const items = agendaOf.get(item.meeting_id);
    if (items) items.push(item);
    else agendaOf.set(item.meeting_id, [item]);
  }
  const groupOf = new Map(feed.groups.map((g) => [g.id, g]));
  return rows.map((m) => {
    const group = groupOf.get(m.group_id)!;
    const own = personId !== null && group.role ? { answer: m.answer, role: group.role } : undefined;
    return {
      ...m,
      // In the person's feed a new reply is a change of the entry too (DTSTAMP, LAST-MODIFIED).
      updated_at: own && m.answered_at && m.answered_at > m.updated_at ? m.answered_at : m.updated_at,
      online_url: feed.detailed ? m.online_url : null,
      category: group.name,
      description: describeMeeting(t, {
        pageUrl: `${baseUrl}/meetings/${m.id}`,
        // Presenters are free text that names people: only the member's own feed shows them.
        agenda: feed.detailed ? (agendaOf.get(m.id) ?? []).map((item) => (personId !== null ? item : { ...item, presenter: null })) : null,
        onlineUrl: feed.detailed ? m.online_url : null,
        cancelReason: feed.detailed && m.status === 'cancelled' ? m.cancel_reason : null,
        own,
      }),
      attendee: own && feed.token!.email ? { name: feed.token!.person_name, email: feed.token!.email, answer: m.answer, chair: MANAGING_ROLES.includes(group.role!) } : undefined,
    };
  });
}
