import { sql, type Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { today } from '../lib/berlin-time.js';
import type { Database, Day, Instant } from '../db/schema.js';
import { countStaleEntries } from '../directory/confirmation.js';
import { invitationStands } from '../meetings/invitations.js';
import { adviceQueue } from '../advice/queue.js';
import { overdueChecks } from '../programmes/programmes.js';
import { overdueProjectDeadlines } from '../projects/deadlines.js';
import { readNumberSetting } from '../settings/settings.js';
import type { QueueScope } from './access.js';

/**
 * The work queue: what is waiting for the viewer, each line a link to where it is done. Every line has
 * a `due` instant, the moment it should have been done by; the queue is sorted by it, so what is most
 * overdue comes first and what can wait comes last. The periods are the office's usual ones:
 */
const DAY = 24 * 60 * 60 * 1000;
/** Meetings this close without an invitation are listed; the invitation is due two weeks ahead. */
const INVITE_HORIZON = 28 * DAY;
const INVITE_AHEAD = 14 * DAY;
/** A week before a meeting, missing replies are worth a reminder. */
const REPLIES_AHEAD = 7 * DAY;
/** Minutes are due two weeks after a meeting; meetings older than half a year no longer nag. */
const MINUTES_DUE = 14 * DAY;
const MINUTES_LOOKBACK = 183 * DAY;
/** A draft older than two weeks is stuck; circulated minutes are due for approval two weeks after going out. */
const DRAFT_STUCK = 14 * DAY;
const COMMENT_PERIOD = 14 * DAY;

export interface QueueMeeting {
  id: number;
  title: string;
  starts_at: Instant;
  group_name: string;
}

export type QueueItem = { due: Instant } & (
  | { kind: 'submissions' | 'changes' | 'staleEntries' | 'failedMails'; count: number }
  | { kind: 'uninvited' | 'noMinutes' | 'approvalDue'; meeting: QueueMeeting }
  | { kind: 'repliesMissing'; meeting: QueueMeeting; count: number }
  | { kind: 'draftStuck'; meeting: QueueMeeting; since: Instant }
  | { kind: 'newComments'; meeting: QueueMeeting; count: number }
  | { kind: 'overdueActions'; group: { slug: string; name: string }; count: number }
  | { kind: 'programmesUnchecked'; count: number; months: number }
  | { kind: 'adviceRequest'; request: { id: number; organisation: string; programme: string; mine: boolean } }
  | { kind: 'projectDeadlineOverdue'; project: { id: number; name: string }; title: string; dueOn: Day }
);

const iso = (ms: number) => new Date(ms).toISOString();
const addMonthsToDay = (day: Day, months: number) => DateTime.fromISO(day).plus({ months }).toISODate()!;

function meetingsOf(db: Kysely<Database>, groupIds: number[]) {
  return db
    .selectFrom('meetings')
    .innerJoin('groups', 'groups.id', 'meetings.group_id')
    .select(['meetings.id', 'meetings.title', 'meetings.starts_at', 'meetings.ends_at', 'groups.name as group_name'])
    .where('meetings.group_id', 'in', groupIds)
    .where('meetings.status', '!=', 'cancelled');
}

/** The groups' work: invitations, replies, minutes and overdue action items of the managed groups. */
async function groupWork(db: Kysely<Database>, groupIds: number[], now: Date, day: Day): Promise<QueueItem[]> {
  if (groupIds.length === 0) return [];
  const t = now.getTime();
  const [uninvited, unanswered, noMinutes, minutes, overdue] = await Promise.all([
    meetingsOf(db, groupIds).where('meetings.invitation_sent_at', 'is', null).where('meetings.starts_at', '>=', iso(t)).where('meetings.starts_at', '<=', iso(t + INVITE_HORIZON)).orderBy('meetings.starts_at').execute(),
    meetingsOf(db, groupIds)
      .innerJoin('rsvps', 'rsvps.meeting_id', 'meetings.id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('meetings.starts_at', '>=', iso(t))
      .where('meetings.starts_at', '<=', iso(t + REPLIES_AHEAD))
      .where('rsvps.answer', 'is', null)
      .where(invitationStands(db))
      .groupBy(['meetings.id', 'meetings.title', 'meetings.starts_at', 'meetings.ends_at', 'groups.name'])
      .execute(),
    meetingsOf(db, groupIds)
      .where('meetings.ends_at', '<', iso(t))
      .where('meetings.starts_at', '>=', iso(t - MINUTES_LOOKBACK))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('minutes').select('minutes.id').whereRef('minutes.meeting_id', '=', 'meetings.id'))))
      .orderBy('meetings.starts_at')
      .execute(),
    meetingsOf(db, groupIds)
      .innerJoin('minutes', 'minutes.meeting_id', 'meetings.id')
      .select(['minutes.status', 'minutes.created_at as minutes_created_at', 'minutes.circulated_at', 'minutes.comments_due_on', 'minutes.updated_at as minutes_updated_at'])
      // Comments of which the minute-taker has not yet said whether they were worked in or not taken.
      .select((eb) => eb.selectFrom('minute_comments').select(eb.fn.countAll<number>().as('n')).whereRef('minute_comments.minutes_id', '=', 'minutes.id').where('minute_comments.resolution', 'is', null).as('new_comments'))
      .where('minutes.status', 'in', ['draft', 'circulated'])
      .execute(),
    db
      .selectFrom('action_items')
      .innerJoin('groups', 'groups.id', 'action_items.group_id')
      .select(['groups.slug', 'groups.name', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('action_items.due_on').as('first_due')])
      .where('action_items.group_id', 'in', groupIds)
      .where('action_items.status', '=', 'open')
      .where('action_items.due_on', '<', day)
      .groupBy(['groups.slug', 'groups.name'])
      .execute(),
  ]);
  const items: QueueItem[] = [];
  const meeting = (m: QueueMeeting): QueueMeeting => ({ id: m.id, title: m.title, starts_at: m.starts_at, group_name: m.group_name });
  const before = (at: Instant, ms: number) => iso(Date.parse(at) - ms);
  const after = (at: Instant, ms: number) => iso(Date.parse(at) + ms);
  for (const m of uninvited) items.push({ kind: 'uninvited', meeting: meeting(m), due: before(m.starts_at, INVITE_AHEAD) });
  for (const m of unanswered) items.push({ kind: 'repliesMissing', meeting: meeting(m), count: Number(m.n), due: before(m.starts_at, REPLIES_AHEAD) });
  for (const m of noMinutes) items.push({ kind: 'noMinutes', meeting: meeting(m), due: after(m.ends_at, MINUTES_DUE) });
  for (const m of minutes) {
    if (m.status === 'draft' && Date.parse(m.minutes_created_at) <= t - DRAFT_STUCK) items.push({ kind: 'draftStuck', meeting: meeting(m), since: m.minutes_created_at, due: after(m.minutes_created_at, DRAFT_STUCK) });
    if (m.status !== 'circulated') continue;
    if (Number(m.new_comments) > 0) items.push({ kind: 'newComments', meeting: meeting(m), count: Number(m.new_comments), due: m.minutes_updated_at });
    // Due for approval once the day named for comments is over (or two weeks after circulating, for minutes without one).
    if (m.comments_due_on ? m.comments_due_on < day : m.circulated_at && Date.parse(m.circulated_at) <= t - COMMENT_PERIOD) {
      items.push({ kind: 'approvalDue', meeting: meeting(m), due: m.comments_due_on ? `${m.comments_due_on}T23:00:00.000Z` : after(m.circulated_at!, COMMENT_PERIOD) });
    }
  }
  for (const g of overdue) items.push({ kind: 'overdueActions', group: { slug: g.slug, name: g.name }, count: Number(g.n), due: `${g.first_due as string}T12:00:00.000Z` });
  return items;
}

/** The office's work: the directory's review and confirmations, and mails that did not go out. */
async function officeWork(db: Kysely<Database>, scope: QueueScope, now: Date): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  const oldest = (table: 'organisations' | 'organisation_changes' | 'outbox', status: string) =>
    db
      .selectFrom(table)
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('since')])
      .where('status', '=', status as never)
      .executeTakeFirstOrThrow();
  if (scope.reviewsDirectory) {
    const [entries, changes, stale] = await Promise.all([oldest('organisations', 'pending'), oldest('organisation_changes', 'pending'), countStaleEntries(db, now)]);
    if (Number(entries.n)) items.push({ kind: 'submissions', count: Number(entries.n), due: entries.since as string });
    if (Number(changes.n)) items.push({ kind: 'changes', count: Number(changes.n), due: changes.since as string });
    if (stale) items.push({ kind: 'staleEntries', count: stale, due: now.toISOString() });
  }
  if (scope.readsOutbox) {
    const failed = await oldest('outbox', 'failed');
    if (Number(failed.n)) items.push({ kind: 'failedMails', count: Number(failed.n), due: failed.since as string });
  }
  if (scope.checksProgrammes) {
    const months = await readNumberSetting(db, 'programmeCheckMonths');
    const unchecked = await overdueChecks(db, today(now), months);
    if (unchecked.count) items.push({ kind: 'programmesUnchecked', count: unchecked.count, months, due: `${addMonthsToDay(unchecked.since!, months)}T12:00:00.000Z` });
  }
  if (scope.followsProjects) {
    // One line per overdue deadline of a project that is not archived: each is its own piece of work.
    for (const d of await overdueProjectDeadlines(db, today(now))) {
      items.push({ kind: 'projectDeadlineOverdue', project: { id: d.project_id, name: d.short_name ?? d.name }, title: d.title, dueOn: d.due_on, due: `${d.due_on}T12:00:00.000Z` });
    }
  }
  if (scope.adviceFor !== null) {
    for (const r of await adviceQueue(db, scope.adviceFor)) items.push({ kind: 'adviceRequest', request: { id: r.id, organisation: r.organisation, programme: r.programme, mine: r.mine }, due: r.due });
  }
  return items;
}

/** loadWorkQueue: everything waiting for the viewer, most overdue first. */
export async function loadWorkQueue(db: Kysely<Database>, scope: QueueScope, now: Date, day: Day): Promise<QueueItem[]> {
  const [groups, office] = await Promise.all([groupWork(db, scope.managedGroupIds, now, day), officeWork(db, scope, now)]);
  return [...office, ...groups].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

export interface MinutesLink {
  meeting_id: number;
  title: string;
  starts_at: Instant;
  group_name: string;
  /** When they went out or were approved (null for minutes written into the database without it). */
  at: Instant | null;
}

/**
 * memberMinutes: for the viewer's groups, minutes circulated for comment (newest first) and minutes
 * approved in the last 30 days.
 */
export async function memberMinutes(db: Kysely<Database>, scope: QueueScope, now: Date): Promise<{ circulated: MinutesLink[]; approved: MinutesLink[] }> {
  if (scope.memberGroupIds.length === 0) return { circulated: [], approved: [] };
  const base = db
    .selectFrom('minutes')
    .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
    .innerJoin('groups', 'groups.id', 'meetings.group_id')
    .select(['meetings.id as meeting_id', 'meetings.title', 'meetings.starts_at', 'groups.name as group_name'])
    .where('meetings.group_id', 'in', scope.memberGroupIds);
  const [circulated, approved] = await Promise.all([
    base.select(sql<Instant | null>`minutes.circulated_at`.as('at')).where('minutes.status', '=', 'circulated').orderBy('minutes.circulated_at', 'desc').limit(20).execute(),
    base
      .select(sql<Instant | null>`minutes.approved_at`.as('at'))
      .where('minutes.status', '=', 'approved')
      .where('minutes.approved_at', '>=', iso(now.getTime() - 30 * DAY))
      .orderBy('minutes.approved_at', 'desc')
      .limit(20)
      .execute(),
  ]);
  return { circulated, approved };
}
