import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import { markMeetingChanged } from '../calendar/stamps.js';
import type { AttendanceStatus, Database, Day, RsvpAnswer } from '../db/schema.js';
import { currentOn } from '../groups/groups.js';
import type { Translate } from '../i18n/index.js';
import type { Formatters } from '../lib/berlin-time.js';
import { retainedCounts, retentionCutoff } from '../privacy/retention.js';

export interface AttendanceRow {
  person_id: number;
  name: string;
  organisation_name: string | null;
  answer: RsvpAnswer | null;
  /** The recorded status, or the one suggested by the reply when nothing is recorded yet. */
  status: AttendanceStatus;
  recorded: boolean;
  /** For a substitute: the member they stood in for. */
  substitute_for_name: string | null;
}

/** nameInMinutes: a name as the minutes' header lists it, "Name (Vertretung für Member)" for a substitute. */
export function nameInMinutes(t: Translate, row: Pick<AttendanceRow, 'name' | 'substitute_for_name'>): string {
  return row.substitute_for_name ? t('minutes.substituteFor', { name: row.name, member: row.substitute_for_name }) : row.name;
}

/** What a reply suggests before anything is recorded: a yes → present, a no → excused, else absent. */
function suggested(answer: RsvpAnswer | null): AttendanceStatus {
  return answer === 'accepted' ? 'present' : answer === 'declined' ? 'excused' : 'absent';
}

/**
 * listAttendance: everyone who belongs on the list of a meeting (the group's members on its day, and
 * whoever was invited), with the recorded or suggested status, sorted by name.
 */
export async function listAttendance(db: Kysely<Database>, meetingId: number, groupId: number, meetingDay: Day): Promise<AttendanceRow[]> {
  const members = db.selectFrom('memberships').select('memberships.person_id').where('memberships.group_id', '=', groupId).where(currentOn(meetingDay));
  const invited = db.selectFrom('rsvps').select('rsvps.person_id').where('rsvps.meeting_id', '=', meetingId);
  const rows = await db
    .selectFrom('persons')
    .leftJoin('organisations', 'organisations.id', 'persons.organisation_id')
    .leftJoin('rsvps', (join) => join.onRef('rsvps.person_id', '=', 'persons.id').on('rsvps.meeting_id', '=', meetingId))
    .leftJoin('attendance', (join) => join.onRef('attendance.person_id', '=', 'persons.id').on('attendance.meeting_id', '=', meetingId))
    .leftJoin('persons as stood_in_for', 'stood_in_for.id', 'rsvps.substitute_for_person_id')
    .select(['persons.id as person_id', 'persons.name', 'organisations.name as organisation_name', 'rsvps.answer', 'attendance.status', 'stood_in_for.name as substitute_for_name'])
    .where((eb) => eb.or([eb('persons.id', 'in', members), eb('persons.id', 'in', invited)]))
    .orderBy('persons.name_folded')
    .execute();
  return rows.map((r) => ({ ...r, answer: r.answer ?? null, status: r.status ?? suggested(r.answer ?? null), recorded: r.status !== null, substitute_for_name: r.substitute_for_name ?? null }));
}

/** What a meeting keeps of its lists once the retention period is over (src/privacy/retention.ts). */
export interface RetainedAttendance {
  /** The numbers kept when the lists were deleted; null when no attendance had been recorded. */
  counts: { present: number; excused: number; absent: number; guests: number; purged_at: string } | null;
  months: number;
}

/**
 * retainedAttendance: null while a meeting's attendance list, replies and guests are kept and may be
 * changed; else what is left of them. A meeting is past its period once it began before the cutoff, or
 * once the housekeeping kept its numbers (also when RETENTION_MONTHS was raised later: the lists are
 * gone all the same). Recording attendance again then would only be deleted again within the hour,
 * and a page listing the group's members of that day as "absent" would be false.
 */
export async function retainedAttendance(db: Kysely<Database>, meeting: { id: number; starts_at: string }, now: Date, months: number): Promise<RetainedAttendance | null> {
  const counts = await retainedCounts(db, meeting.id);
  if (!counts && meeting.starts_at >= retentionCutoff(now, months)) return null;
  return { counts: counts ?? null, months };
}

/** retainedNote: why a meeting shows numbers instead of names, and since when (pages and exports). */
export function retainedNote(t: Translate, fmt: Formatters, retained: RetainedAttendance): string {
  const months = retained.months;
  return retained.counts ? t('attendance.purged', { months, date: fmt.date(retained.counts.purged_at) }) : t('attendance.purgedNoCounts', { months });
}

/**
 * recordAttendance stores the statuses of one meeting (replacing earlier ones) in one transaction; the
 * meeting counts as held once attendance is recorded after it began. Ids outside the list are ignored.
 */
export async function recordAttendance(db: Kysely<Database>, actor: SessionUser, meeting: { id: number; group_id: number; starts_at: string; status: string }, statuses: Map<number, AttendanceStatus>, meetingDay: Day, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const allowed = new Set((await listAttendance(trx, meeting.id, meeting.group_id, meetingDay)).map((r) => r.person_id));
    const rows = [...statuses].filter(([personId]) => allowed.has(personId)).map(([person_id, status]) => ({ meeting_id: meeting.id, person_id, status, recorded_at: now.toISOString() }));
    await trx.deleteFrom('attendance').where('meeting_id', '=', meeting.id).execute();
    if (rows.length) await trx.insertInto('attendance').values(rows).execute();
    if (meeting.status !== 'cancelled' && meeting.starts_at <= now.toISOString()) {
      await trx.updateTable('meetings').set({ status: 'held' }).where('id', '=', meeting.id).execute();
      await markMeetingChanged(trx, meeting.id, now);
    }
    await audit(trx, { actorUserId: actor.id, action: 'meeting.attendance', entityType: 'meeting', entityId: meeting.id, after: Object.fromEntries(rows.map((r) => [r.person_id, r.status])) }, now);
  });
}

/**
 * markAcceptedPresent: "everyone who accepted came", the usual first step after a meeting: those who
 * accepted become present, what is recorded for the others stays (unrecorded rows stay suggestions).
 * Returns how many accepted; with none, nothing is recorded.
 */
export async function markAcceptedPresent(db: Kysely<Database>, actor: SessionUser, meeting: { id: number; group_id: number; starts_at: string; status: string }, meetingDay: Day, now: Date): Promise<number> {
  const rows = await listAttendance(db, meeting.id, meeting.group_id, meetingDay);
  const accepted = rows.filter((r) => r.answer === 'accepted');
  if (accepted.length === 0) return 0;
  const statuses = new Map<number, AttendanceStatus>(rows.filter((r) => r.recorded).map((r) => [r.person_id, r.status]));
  for (const r of accepted) statuses.set(r.person_id, 'present');
  await recordAttendance(db, actor, meeting, statuses, meetingDay, now);
  return accepted.length;
}

export function listGuests(db: Kysely<Database>, meetingId: number) {
  return db.selectFrom('meeting_guests').select(['id', 'name', 'organisation']).where('meeting_id', '=', meetingId).orderBy('id').execute();
}

export async function addGuest(db: Kysely<Database>, actor: SessionUser, meetingId: number, guest: { name: string; organisation?: string }, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('meeting_guests').values({ meeting_id: meetingId, name: guest.name, organisation: guest.organisation ?? null, created_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: actor.id, action: 'meeting.guest_add', entityType: 'meeting', entityId: meetingId, after: { guest: row.id, ...guest } }, now);
  });
}

/** removeGuest: false when the guest is not one of this meeting's. */
export async function removeGuest(db: Kysely<Database>, actor: SessionUser, meetingId: number, guestId: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('meeting_guests').where('id', '=', guestId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) return false;
    await audit(trx, { actorUserId: actor.id, action: 'meeting.guest_remove', entityType: 'meeting', entityId: meetingId, after: { guest: guestId } }, now);
    return true;
  });
}
