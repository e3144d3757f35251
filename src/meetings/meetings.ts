import { belongsOnMeetingDay } from './meeting-day.js';
import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import { markMeetingChanged } from '../calendar/stamps.js';
import type { AgendaItemsTable, Database, MeetingsTable } from '../db/schema.js';
import type { Selectable } from 'kysely';
import { currentOn } from '../groups/groups.js';
import { lockKey } from '../db/dialect.js';

export type Meeting = Selectable<MeetingsTable>;
export type AgendaItem = Selectable<AgendaItemsTable>;

export interface MeetingInput {
  title: string;
  starts_at: string;
  ends_at: string;
  location?: string;
  room?: string;
  online_url?: string;
}

/** The fixed first and last items a German working group's agenda usually has. */
export const DEFAULT_AGENDA = ['Begrüßung und Genehmigung des Protokolls der letzten Sitzung', 'Verschiedenes'];

const clean = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

function meetingValues(input: MeetingInput) {
  return { title: input.title.trim(), starts_at: input.starts_at, ends_at: input.ends_at, location: clean(input.location), room: clean(input.room), online_url: clean(input.online_url) };
}

/** createMeeting adds a planned meeting (with the default first and last agenda items if asked). */
export async function createMeeting(db: Kysely<Database>, actor: SessionUser, groupId: number, input: MeetingInput, withDefaultAgenda: boolean, now: Date): Promise<number> {
  const at = now.toISOString();
  // In the caller's transaction when given one (a date poll fixes its date and creates the meeting together).
  const inTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>) => (db.isTransaction ? work(db) : db.transaction().execute(work));
  return inTransaction(async (trx) => {
    const values = meetingValues(input);
    const row = await trx.insertInto('meetings').values({ ...values, group_id: groupId, status: 'planned', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    if (withDefaultAgenda) {
      await trx.insertInto('agenda_items').values(DEFAULT_AGENDA.map((title, i) => ({ meeting_id: row.id, position: i + 1, title, created_at: at, updated_at: at }))).execute();
    }
    await markMeetingChanged(trx, row.id, now);
    await audit(trx, { actorUserId: actor.id, action: 'meeting.create', entityType: 'meeting', entityId: row.id, after: { ...values, group_id: groupId } }, now);
    return row.id;
  });
}

/**
 * createSeries adds one planned meeting per day, each on its own afterwards (it can be moved or
 * cancelled alone), all in one transaction. Days whose wall-clock time does not exist are skipped by
 * the caller (see time.ts). Returns the new ids.
 */
export async function createSeries(db: Kysely<Database>, actor: SessionUser, groupId: number, meetings: MeetingInput[], withDefaultAgenda: boolean, now: Date): Promise<number[]> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (const input of meetings) {
      const row = await trx.insertInto('meetings').values({ ...meetingValues(input), group_id: groupId, status: 'planned', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      if (withDefaultAgenda) {
        await trx.insertInto('agenda_items').values(DEFAULT_AGENDA.map((title, i) => ({ meeting_id: row.id, position: i + 1, title, created_at: at, updated_at: at }))).execute();
      }
      await markMeetingChanged(trx, row.id, now);
      ids.push(row.id);
    }
    await audit(trx, { actorUserId: actor.id, action: 'meeting.series', entityType: 'group', entityId: groupId, after: { meetings: ids } }, now);
    return ids;
  });
}

/**
 * updateMeeting changes title, time and place. A change of time or place raises the sequence, so that
 * calendar apps replace the event they have.
 */
export async function updateMeeting(db: Kysely<Database>, actor: SessionUser, meetingId: number, input: MeetingInput, now: Date): Promise<{ calendarChanged: boolean }> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
    const values = meetingValues(input);
    const calendarChanged = (['title', 'starts_at', 'ends_at', 'location', 'room', 'online_url'] as const).some((k) => before[k] !== values[k]);
    // Raised in SQL: two changes at once must give two new sequence numbers.
    await trx
      .updateTable('meetings')
      .set((eb) => ({ ...values, sequence: calendarChanged ? eb('sequence', '+', 1) : eb.ref('sequence'), updated_at: now.toISOString() }))
      .where('id', '=', meetingId)
      .execute();
    await markMeetingChanged(trx, meetingId, now);
    await audit(trx, { actorUserId: actor.id, action: 'meeting.update', entityType: 'meeting', entityId: meetingId, before: meetingValues({ ...before, location: before.location ?? undefined, room: before.room ?? undefined, online_url: before.online_url ?? undefined }), after: values }, now);
    return { calendarChanged };
  });
}

/**
 * cancelMeeting marks a meeting cancelled with a reason (it stays, so calendars show the cancellation),
 * inside the caller's transaction (the notices to the invited go in the same one). False when it was
 * cancelled already or does not exist.
 */
export async function cancelMeeting(trx: Kysely<Database>, actor: SessionUser, meetingId: number, reason: string, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('meetings')
    .set((eb) => ({ status: 'cancelled', cancel_reason: reason, cancelled_at: now.toISOString(), sequence: eb('sequence', '+', 1), updated_at: now.toISOString() }))
    .where('id', '=', meetingId)
    .where('status', '!=', 'cancelled')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await markMeetingChanged(trx, meetingId, now);
  await audit(trx, { actorUserId: actor.id, action: 'meeting.cancel', entityType: 'meeting', entityId: meetingId, after: { reason } }, now);
  return true;
}

/** findMeeting: a meeting with its group's slug; undefined when there is none. Callers check access. */
export function findMeeting(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('meetings')
    .innerJoin('groups', 'groups.id', 'meetings.group_id')
    .selectAll('meetings')
    .select(['groups.slug as group_slug', 'groups.name as group_name'])
    .where('meetings.id', '=', id)
    .executeTakeFirst();
}

export type MeetingWithGroup = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** listGroupMeetings: a group's next (from now on) or past meetings, nearest first, at most `limit` after skipping `offset`. */
export function listGroupMeetings(db: Kysely<Database>, groupId: number, when: 'next' | 'past', now: Date, limit = 10, offset = 0): Promise<Meeting[]> {
  const at = now.toISOString();
  const query = db.selectFrom('meetings').selectAll().where('group_id', '=', groupId);
  return (when === 'next' ? query.where('ends_at', '>=', at).orderBy('starts_at', 'asc') : query.where('ends_at', '<', at).orderBy('starts_at', 'desc')).orderBy('id').limit(limit).offset(offset).execute();
}

/** The columns a list of meetings shows (views' MeetingList): narrow rows are sorted and loaded faster. */
export const LISTED_MEETING_COLUMNS = ['meetings.id', 'meetings.title', 'meetings.starts_at', 'meetings.ends_at', 'meetings.location', 'meetings.status'] as const;

export type ListedMeeting = Pick<Meeting, 'id' | 'title' | 'starts_at' | 'ends_at' | 'location' | 'status'> & { group_name: string };

/**
 * earliestUnendedStart: a lower bound for the start of a meeting that has not ended by `now`. A meeting
 * ends on the day it starts (the form's rule), so it lasts less than 25 hours (the longest day); the
 * bound lets the (group_id, starts_at) index skip a group's past meetings instead of reading them all
 * to compare their end.
 */
export function earliestUnendedStart(now: Date): string {
  return new Date(now.getTime() - 25 * 60 * 60 * 1000).toISOString();
}

/** listMyNextMeetings: the next meetings of the groups a person currently belongs to (at most 10). */
export function listMyNextMeetings(db: Kysely<Database>, personId: number, day: string, now: Date): Promise<ListedMeeting[]> {
  // The groups the person belongs to from today on (a cheap first cut); each meeting then only if they
  // belong on its day: not after their membership ends, nor before it begins.
  const myGroups = db
    .selectFrom('memberships')
    .select('memberships.group_id')
    .where('memberships.person_id', '=', personId)
    .where((eb) => eb.or([eb('memberships.ends_on', 'is', null), eb('memberships.ends_on', '>=', day)]));
  return db
    .selectFrom('meetings')
    .innerJoin('groups', 'groups.id', 'meetings.group_id')
    .select([...LISTED_MEETING_COLUMNS, 'groups.name as group_name'])
    .where('meetings.group_id', 'in', myGroups)
    .where(belongsOnMeetingDay(db, personId, 'meetings'))
    .where('meetings.starts_at', '>=', earliestUnendedStart(now))
    .where('meetings.ends_at', '>=', now.toISOString())
    .where('groups.archived_at', 'is', null)
    .orderBy('meetings.starts_at')
    .limit(10)
    .execute();
}

/** listAgenda: the TOPs of a meeting in order. */
export function listAgenda(db: Kysely<Database>, meetingId: number): Promise<AgendaItem[]> {
  return db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();
}

export interface AgendaInput {
  title: string;
  description?: string;
  presenter?: string;
  planned_minutes?: number;
}

function agendaValues(input: AgendaInput) {
  return { title: input.title.trim(), description: input.description?.trim() ?? '', presenter: clean(input.presenter), planned_minutes: input.planned_minutes ?? null };
}

/**
 * addAgendaItem appends a TOP; when the last TOP is the default "Verschiedenes", the new one goes
 * before it, as the secretariat expects.
 */
export async function addAgendaItem(db: Kysely<Database>, actor: SessionUser, meetingId: number, input: AgendaInput, now: Date): Promise<number> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await lockKey(trx, `agenda:${meetingId}`);
    const items = await listAgenda(trx, meetingId);
    const last = items.at(-1);
    const beforeLast = last?.title === DEFAULT_AGENDA[1];
    const position = beforeLast ? last!.position : items.length + 1;
    if (beforeLast) await trx.updateTable('agenda_items').set({ position: last!.position + 1 }).where('id', '=', last!.id).execute();
    const row = await trx.insertInto('agenda_items').values({ ...agendaValues(input), meeting_id: meetingId, position, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await markMeetingChanged(trx, meetingId, now);
    await audit(trx, { actorUserId: actor.id, action: 'agenda.add', entityType: 'meeting', entityId: meetingId, after: { item: row.id, ...agendaValues(input) } }, now);
    return row.id;
  });
}

/** updateAgendaItem edits one TOP of this meeting; false when it is not one of its items. */
export async function updateAgendaItem(db: Kysely<Database>, actor: SessionUser, meetingId: number, itemId: number, input: AgendaInput, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('agenda_items').set({ ...agendaValues(input), updated_at: now.toISOString() }).where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await markMeetingChanged(trx, meetingId, now);
    await audit(trx, { actorUserId: actor.id, action: 'agenda.update', entityType: 'meeting', entityId: meetingId, after: { item: itemId, ...agendaValues(input) } }, now);
    return true;
  });
}

/** moveAgendaItem swaps a TOP with its neighbour; false when it is not one of this meeting's items. */
export async function moveAgendaItem(db: Kysely<Database>, actor: SessionUser, meetingId: number, itemId: number, direction: 'up' | 'down', now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockKey(trx, `agenda:${meetingId}`);
    const items = await listAgenda(trx, meetingId);
    const index = items.findIndex((i) => i.id === itemId);
    if (index < 0) return false;
    const other = items[direction === 'up' ? index - 1 : index + 1];
    if (!other) return true;
    // Renumber the whole list in its new order: positions stay 1..n without gaps.
    const order = items.map((i) => i.id);
    [order[index], order[items.indexOf(other)]] = [other.id, itemId];
    for (const [i, id] of order.entries()) await trx.updateTable('agenda_items').set({ position: i + 1 }).where('id', '=', id).execute();
    await markMeetingChanged(trx, meetingId, now);
    await audit(trx, { actorUserId: actor.id, action: 'agenda.move', entityType: 'meeting', entityId: meetingId, after: { item: itemId, direction } }, now);
    return true;
  });
}

/** deleteAgendaItem removes a TOP and renumbers the rest; false when it is not one of this meeting's items. */
export async function deleteAgendaItem(db: Kysely<Database>, actor: SessionUser, meetingId: number, itemId: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockKey(trx, `agenda:${meetingId}`);
    const item = await trx.selectFrom('agenda_items').selectAll().where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!item) return false;
    await trx.deleteFrom('agenda_items').where('id', '=', itemId).execute();
    const rest = await listAgenda(trx, meetingId);
    for (const [i, row] of rest.entries()) if (row.position !== i + 1) await trx.updateTable('agenda_items').set({ position: i + 1 }).where('id', '=', row.id).execute();
    await markMeetingChanged(trx, meetingId, now);
    await audit(trx, { actorUserId: actor.id, action: 'agenda.delete', entityType: 'meeting', entityId: meetingId, before: item }, now);
    return true;
  });
}
