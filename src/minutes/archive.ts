import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Database } from '../db/schema.js';
import { atLeast, type GroupAccess } from '../groups/access.js';
import { inBerlin, ZONE } from '../lib/berlin-time.js';
import { decisionLabel } from './decisions.js';

/**
 * The group's minutes archive (/groups/:slug/minutes): its approved minutes, one year of meetings at a
 * time, each with its decisions and their numbers. Who may read it is who may read the minutes
 * themselves: the group's members and managers and the staff (mayReadArchive); circulated minutes are
 * reached from their meeting, drafts never from here.
 */

/** READ_MINUTES: the access to a group that reading its (circulated or approved) minutes needs. */
export const READ_MINUTES: GroupAccess = 'member';

/** mayReadArchive: whether the viewer may read the group's minutes (and so its archive). */
export function mayReadArchive(access: GroupAccess | null): boolean {
  return atLeast(access, READ_MINUTES);
}

export interface ArchiveEntry {
  meeting_id: number;
  title: string;
  starts_at: string;
  approved_at: string | null;
  decisions: { id: number; label: string | null; text: string; item_title: string }[];
}

/** archiveYears: the years (of the meeting, Europe/Berlin) that have approved minutes, newest first. */
export async function archiveYears(db: Kysely<Database>, groupId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('minutes')
    .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
    .select('meetings.starts_at')
    .where('meetings.group_id', '=', groupId)
    .where('minutes.status', '=', 'approved')
    .execute();
  return [...new Set(rows.map((r) => inBerlin(r.starts_at).year))].sort((a, b) => b - a);
}

/** listArchive: the approved minutes of the group's meetings in one year, newest meeting first, with their decisions in agenda order. */
export async function listArchive(db: Kysely<Database>, groupId: number, year: number): Promise<ArchiveEntry[]> {
  const from = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: ZONE }).toUTC().toISO()!;
  const until = DateTime.fromObject({ year: year + 1, month: 1, day: 1 }, { zone: ZONE }).toUTC().toISO()!;
  const minutes = await db
    .selectFrom('minutes')
    .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
    .select(['minutes.id as minutes_id', 'meetings.id as meeting_id', 'meetings.title', 'meetings.starts_at', 'minutes.approved_at'])
    .where('meetings.group_id', '=', groupId)
    .where('minutes.status', '=', 'approved')
    .where('meetings.starts_at', '>=', from)
    .where('meetings.starts_at', '<', until)
    .orderBy('meetings.starts_at', 'desc')
    .execute();
  if (!minutes.length) return [];
  const decisions = await db
    .selectFrom('decisions')
    .innerJoin('agenda_items', 'agenda_items.id', 'decisions.agenda_item_id')
    .select(['decisions.id', 'decisions.minutes_id', 'decisions.text', 'decisions.number_year', 'decisions.number', 'agenda_items.title as item_title'])
    .where(
      'decisions.minutes_id',
      'in',
      minutes.map((m) => m.minutes_id),
    )
    .orderBy('agenda_items.position')
    .orderBy('decisions.position')
    .execute();
  return minutes.map((m) => ({
    meeting_id: m.meeting_id,
    title: m.title,
    starts_at: m.starts_at,
    approved_at: m.approved_at,
    decisions: decisions.filter((d) => d.minutes_id === m.minutes_id).map((d) => ({ id: d.id, label: decisionLabel(d), text: d.text, item_title: d.item_title })),
  }));
}

/** hasReadableMinutes: whether the meeting's minutes have gone out (circulated or approved), so members may read them. */
export async function hasReadableMinutes(db: Kysely<Database>, meetingId: number): Promise<boolean> {
  const row = await db.selectFrom('minutes').select('status').where('meeting_id', '=', meetingId).executeTakeFirst();
  return row !== undefined && row.status !== 'draft';
}
