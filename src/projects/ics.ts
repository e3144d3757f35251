import ical from 'ical-generator';
import type { Kysely } from 'kysely';
import { addDeadlineEvent } from '../calendar/deadline-event.js';
import type { Database, Day, ProjectDeadlineKind } from '../db/schema.js';
import { addDays, startOfDay } from '../lib/berlin-time.js';
import { deadlineEvents } from '../programmes/ics.js';

/**
 * The project deadlines of the projects a person is responsible for, as all-day events
 * (DTSTART;VALUE=DATE) in their personal feed (src/calendar/feeds.ts, scope person). Each deadline row
 * has one UID for good; a change raises SEQUENCE (src/projects/deadlines.ts); a removed one stays as
 * CANCELLED for 30 days, as meetings and programme deadlines do. A done one stays, marked done. Those of
 * archived projects, and of projects that now name someone else, leave the feed.
 */
export const PROJECT_DEADLINES_PAST_DAYS = 365;
export const PROJECT_DEADLINES_CANCELLED_DAYS = 30;

export function projectDeadlineUid(deadlineId: number, baseUrl: string): string {
  return `project-deadline-${deadlineId}@${new URL(baseUrl).hostname}`;
}

function personDeadlines(db: Kysely<Database>, userId: number, day: Day) {
  return db
    .selectFrom('project_deadlines')
    .innerJoin('projects', 'projects.id', 'project_deadlines.project_id')
    .select([
      'project_deadlines.id',
      'project_deadlines.kind',
      'project_deadlines.title',
      'project_deadlines.due_on',
      'project_deadlines.done_at',
      'project_deadlines.sequence',
      'project_deadlines.updated_at',
      'project_deadlines.cancelled_at',
      'projects.id as project_id',
      'projects.name',
      'projects.short_name',
      'projects.updated_at as project_updated_at',
    ])
    .where('projects.responsible_user_id', '=', userId)
    .where('projects.archived_at', 'is', null)
    .where('project_deadlines.due_on', '>=', addDays(day, -PROJECT_DEADLINES_PAST_DAYS))
    .where((eb) => eb.or([eb('project_deadlines.cancelled_at', 'is', null), eb('project_deadlines.cancelled_at', '>=', startOfDay(addDays(day, -PROJECT_DEADLINES_CANCELLED_DAYS)))]))
    .orderBy('project_deadlines.due_on')
    .orderBy('project_deadlines.id')
    .execute();
}

/**
 * projectDeadlinesStamp: what the person's project deadlines in a feed depend on, for its ETag and
 * Last-Modified: every deadline shown with what the feed writes of it, and the newest change.
 */
export async function projectDeadlinesStamp(db: Kysely<Database>, userId: number, day: Day): Promise<{ key: unknown[]; latest: string | null }> {
  const rows = await personDeadlines(db, userId, day);
  const key = rows.map((r) => [r.id, r.sequence, r.kind, r.title, r.due_on, r.done_at, r.cancelled_at, r.name, r.short_name]);
  const stamps = rows.flatMap((r) => [r.updated_at, r.project_updated_at]).filter((s): s is string => !!s);
  return { key, latest: stamps.length ? stamps.reduce((a, b) => (a > b ? a : b)) : null };
}

/** projectDeadlineVevents: the VEVENT blocks of the person's project deadlines, to be added to their feed. */
export async function projectDeadlineVevents(
  db: Kysely<Database>,
  userId: number,
  day: Day,
  opts: { baseUrl: string; districtName: string; organizer: { name: string; email: string }; summary: (r: { kind: ProjectDeadlineKind; title: string; project: string; done: boolean }) => string; cancelledPrefix: string },
): Promise<string> {
  const rows = await personDeadlines(db, userId, day);
  if (rows.length === 0) return '';
  const cal = ical({ prodId: { company: opts.districtName, product: 'Arbeitskreis-Hub', language: 'DE' } });
  for (const r of rows) {
    addDeadlineEvent(cal, {
      uid: projectDeadlineUid(r.id, opts.baseUrl),
      sequence: r.sequence,
      changedAt: r.updated_at ?? r.project_updated_at,
      dueOn: r.due_on,
      summary: opts.summary({ kind: r.kind, title: r.title, project: r.short_name ?? r.name, done: r.done_at !== null }),
      cancelled: r.cancelled_at !== null,
      cancelledPrefix: opts.cancelledPrefix,
      description: r.name,
      url: `${opts.baseUrl}/projects/${r.project_id}`,
      organizer: opts.organizer,
    });
  }
  return deadlineEvents(cal.toString());
}
