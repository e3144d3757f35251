import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, Day } from '../db/schema.js';
import { listAllVisibleGroups } from '../groups/groups.js';
import { addDays, addMonths, monthWeeks, startOfDay, today } from '../lib/berlin-time.js';

/**
 * The calendar page's choices, read from its URL: ?month=2026-11&view=list&group=slug, or group=_mine
 * for the viewer's own groups (a slug has no "_", so no group can be mistaken for it).
 */
export const MY_GROUPS = '_mine';

export interface CalendarQuery {
  month: string;
  view: 'month' | 'list';
  group: string;
}

/** readCalendarQuery: the choices from the URL; anything unreadable falls back to this month, all groups. */
export function readCalendarQuery(query: Record<string, string | undefined>, now: Date): CalendarQuery {
  const month = /^(19|2[0-9])\d{2}-(0[1-9]|1[0-2])$/.test(query.month ?? '') ? query.month! : today(now).slice(0, 7);
  const view = query.view === 'list' ? 'list' : 'month';
  const group = query.group === MY_GROUPS || /^[a-z0-9-]{1,80}$/.test(query.group ?? '') ? query.group! : '';
  return { month, view, group };
}

export function calendarHref(q: CalendarQuery, change: Partial<CalendarQuery> = {}): string {
  const next = { ...q, ...change };
  const params = new URLSearchParams({ month: next.month });
  if (next.view === 'list') params.set('view', 'list');
  if (next.group) params.set('group', next.group);
  return `/calendar?${params}`;
}

/**
 * loadCalendar: the weeks of a month and the meetings in them that the viewer may see (the groups of
 * the groups page's rule), optionally of one group or of the viewer's own groups, with the viewer's
 * own reply. An unknown or invisible group shows nothing rather than telling that it exists.
 */
export async function loadCalendar(db: Kysely<Database>, viewer: SessionUser | null, q: CalendarQuery, now: Date) {
  const day = today(now);
  const visible = await listAllVisibleGroups(db, viewer, day);
  const chosen = q.group === MY_GROUPS ? visible.filter((g) => g.role) : q.group ? visible.filter((g) => g.group.slug === q.group) : visible;
  const ids = chosen.map((g) => g.group.id);
  const groups = visible.map(({ group }) => ({ id: group.id, name: group.name, slug: group.slug }));
  const weeks = monthWeeks(q.month);
  const from = startOfDay(weeks[0]![0]!);
  const to = startOfDay(addDays(weeks.at(-1)!.at(-1)!, 1));
  const meetings = ids.length
    ? await db
        .selectFrom('meetings')
        .innerJoin('groups', 'groups.id', 'meetings.group_id')
        .leftJoin('rsvps', (join) => join.onRef('rsvps.meeting_id', '=', 'meetings.id').on('rsvps.person_id', '=', viewer?.personId ?? -1))
        .select(['meetings.id', 'meetings.title', 'meetings.starts_at', 'meetings.ends_at', 'meetings.location', 'meetings.status', 'groups.name as group_name', 'rsvps.answer'])
        .where('meetings.group_id', 'in', ids)
        .where('meetings.starts_at', '>=', from)
        .where('meetings.starts_at', '<', to)
        .orderBy('meetings.starts_at')
        .orderBy('meetings.id')
        .execute()
    : [];
  return { groups, weeks, meetings, today: day, prev: addMonths(q.month, -1), next: addMonths(q.month, 1) };
}

export type CalendarData = Awaited<ReturnType<typeof loadCalendar>>;
export type CalendarMeeting = CalendarData['meetings'][number];
