import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { lockKey } from '../db/dialect.js';
import type { Database, Instant } from '../db/schema.js';
import { inBerlin } from '../lib/berlin-time.js';

/**
 * Retention (DSGVO Art. 5 (1) e): who was invited, what they replied and who attended are kept for
 * RETENTION_MONTHS after a meeting, then deleted. Decision: the meeting keeps the numbers (present,
 * excused, absent, guests) in meeting_attendance_counts, because minutes and reports refer to how many
 * took part (a quorum), never to who. Copies of the lists in the audit log (the attendance and guest
 * entries, the invitation list) lose their details at the same time, or the deletion would be pointless.
 * The outbox too: every mail (invitations, minutes, reset links) carries a name and an address, so sent
 * and failed mails written before the same cutoff are deleted in the same housekeeping run. Pending
 * ones stay: the sending loop still owns them.
 */

/** Meetings per transaction: keeps each write short, so a first run on a large database blocks nobody. */
const BATCH = 100;

/** retentionCutoff: meetings that began before this instant are past the retention period. */
export function retentionCutoff(now: Date, months: number): Instant {
  // Calendar months in Berlin time: 24 months before 25.11.2026 10:00 is 25.11.2024 10:00.
  return inBerlin(now).minus({ months }).toJSDate().toISOString();
}

function expiredMeetings(db: Kysely<Database>, cutoff: Instant) {
  return db
    .selectFrom('meetings')
    .select('meetings.id')
    .where('meetings.starts_at', '<', cutoff)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('attendance').select('attendance.meeting_id').whereRef('attendance.meeting_id', '=', 'meetings.id')),
        eb.exists(eb.selectFrom('rsvps').select('rsvps.meeting_id').whereRef('rsvps.meeting_id', '=', 'meetings.id')),
        eb.exists(eb.selectFrom('meeting_guests').select('meeting_guests.meeting_id').whereRef('meeting_guests.meeting_id', '=', 'meetings.id')),
      ]),
    )
    .orderBy('meetings.starts_at')
    .limit(BATCH)
    .execute();
}

/** keepCounts adds the numbers of the lists about to be deleted to each meeting's kept counts. */
async function keepCounts(trx: Kysely<Database>, ids: number[], now: Date): Promise<void> {
  const [statuses, guests] = await Promise.all([
    trx.selectFrom('attendance').select((eb) => ['meeting_id', 'status', eb.fn.countAll().as('n')]).where('meeting_id', 'in', ids).groupBy(['meeting_id', 'status']).execute(),
    trx.selectFrom('meeting_guests').select((eb) => ['meeting_id', eb.fn.countAll().as('n')]).where('meeting_id', 'in', ids).groupBy('meeting_id').execute(),
  ]);
  const counts = new Map<number, { present: number; excused: number; absent: number; guests: number }>();
  const of = (id: number) => counts.get(id) ?? counts.set(id, { present: 0, excused: 0, absent: 0, guests: 0 }).get(id)!;
  for (const row of statuses) of(row.meeting_id)[row.status] += Number(row.n);
  for (const row of guests) of(row.meeting_id).guests += Number(row.n);
  // Meetings with replies but no recorded attendance get no counts: "0 present" would be false.
  if (counts.size === 0) return;
  const purged_at = now.toISOString();
  await trx
    .insertInto('meeting_attendance_counts')
    .values([...counts].map(([meeting_id, c]) => ({ meeting_id, ...c, purged_at })))
    // The routes refuse attendance and guests for a purged meeting; only one recorded in the moment of
    // the purge (its request passed that check just before) can arrive here a second time: it adds.
    .onConflict((oc) =>
      oc.column('meeting_id').doUpdateSet((eb) => ({
        present: eb('meeting_attendance_counts.present', '+', eb.ref('excluded.present')),
        excused: eb('meeting_attendance_counts.excused', '+', eb.ref('excluded.excused')),
        absent: eb('meeting_attendance_counts.absent', '+', eb.ref('excluded.absent')),
        guests: eb('meeting_attendance_counts.guests', '+', eb.ref('excluded.guests')),
        purged_at: eb.ref('excluded.purged_at'),
      })),
    )
    .execute();
}

/**
 * purgeExpiredParticipation deletes the replies, attendance and guests of every meeting that began more
 * than `months` months before `now`, keeping the numbers; returns how many meetings it purged. Run by
 * the hourly housekeeping: it is idempotent (a second run finds nothing), and instances sharing one
 * PostgreSQL take turns on an advisory lock, so the counts are never added twice.
 */
export async function purgeExpiredParticipation(db: Kysely<Database>, now: Date, months: number): Promise<number> {
  const cutoff = retentionCutoff(now, months);
  let purged = 0;
  // At most 100,000 meetings a run (the next hour goes on), so a fault can never make this loop forever.
  for (let round = 0; round < 1000; round++) {
    const ids = (await expiredMeetings(db, cutoff)).map((m) => m.id);
    if (ids.length === 0) break;
    const deleted = await db.transaction().execute(async (trx) => {
      await lockKey(trx, 'privacy.retention');
      await keepCounts(trx, ids, now);
      // A person's own calendar feed shows their reply: its validators must move when that goes.
      await trx
        .updateTable('persons')
        .set((eb) => ({ calendar_version: eb('calendar_version', '+', 1), calendar_stamp: now.toISOString() }))
        .where('id', 'in', (eb) => eb.selectFrom('rsvps').select('rsvps.person_id').where('rsvps.meeting_id', 'in', ids))
        .execute();
      let rows = 0;
      for (const table of ['rsvps', 'attendance', 'meeting_guests'] as const) {
        rows += Number((await trx.deleteFrom(table).where('meeting_id', 'in', ids).executeTakeFirst()).numDeletedRows);
      }
      // Another instance purged these while this one waited for the lock: nothing left to record.
      if (rows === 0) return 0;
      await trx
        .updateTable('audit_log')
        .set({ after_json: null })
        .where('entity_type', '=', 'meeting')
        .where('entity_id', 'in', ids.map(String))
        .where('action', 'in', ['meeting.attendance', 'meeting.guest_add', 'meeting.invite'])
        .execute();
      await audit(trx, { actorUserId: null, action: 'privacy.retention', entityType: 'meeting', entityId: null, after: { meetings: ids, before: cutoff } }, now);
      return ids.length;
    });
    purged += deleted;
  }
  return purged;
}

/** retainedCounts: what a purged meeting kept of its attendance list; undefined when it was not purged. */
export function retainedCounts(db: Kysely<Database>, meetingId: number) {
  return db.selectFrom('meeting_attendance_counts').select(['present', 'excused', 'absent', 'guests', 'purged_at']).where('meeting_id', '=', meetingId).executeTakeFirst();
}

/** Mails per transaction, as with meetings: short writes. */
const MAIL_BATCH = 500;

/**
 * purgeOldMails deletes sent and failed mails written before the retention cutoff; returns how many.
 * Idempotent, and safe on several instances: each batch deletes by id, and a row another instance
 * deleted first is simply not counted.
 */
export async function purgeOldMails(db: Kysely<Database>, now: Date, months: number): Promise<number> {
  const cutoff = retentionCutoff(now, months);
  let purged = 0;
  // Bounded like purgeExpiredParticipation: what is left goes in the next hour's run.
  for (let round = 0; round < 1000; round++) {
    const ids = (
      await db.selectFrom('outbox').select('id').where('status', 'in', ['sent', 'failed']).where('created_at', '<', cutoff).orderBy('id').limit(MAIL_BATCH).execute()
    ).map((m) => m.id);
    if (ids.length === 0) break;
    purged += await db.transaction().execute(async (trx) => {
      const deleted = Number((await trx.deleteFrom('outbox').where('id', 'in', ids).where('status', 'in', ['sent', 'failed']).executeTakeFirst()).numDeletedRows);
      if (deleted > 0) await audit(trx, { actorUserId: null, action: 'privacy.retention_mails', entityType: 'mail', entityId: null, after: { deleted, before: cutoff } }, now);
      return deleted;
    });
  }
  return purged;
}

/**
 * purgeExpiredPollAnswers deletes the answers and personal links of date polls (src/polls/) that were
 * fixed or closed more than `months` months before `now`, and of open polls whose every proposed date
 * ended before that: who could come when is personal data like a reply, kept as long. The poll, its
 * dates and the meeting it became stay. Returns how many polls it purged; idempotent like the others.
 */
export async function purgeExpiredPollAnswers(db: Kysely<Database>, now: Date, months: number): Promise<number> {
  const cutoff = retentionCutoff(now, months);
  let purged = 0;
  for (let round = 0; round < 1000; round++) {
    const ids = (
      await db
        .selectFrom('polls')
        .select('polls.id')
        .where((eb) =>
          eb.or([
            eb.and([eb('polls.status', 'in', ['fixed', 'closed']), eb('polls.closed_at', '<', cutoff)]),
            eb.and([eb('polls.status', '=', 'open'), eb.not(eb.exists(eb.selectFrom('poll_options').select('poll_options.id').whereRef('poll_options.poll_id', '=', 'polls.id').where('poll_options.ends_at', '>=', cutoff)))]),
          ]),
        )
        .where((eb) =>
          eb.or([
            eb.exists(eb.selectFrom('poll_answers').select('poll_answers.poll_id').whereRef('poll_answers.poll_id', '=', 'polls.id')),
            eb.exists(eb.selectFrom('poll_invitees').select('poll_invitees.poll_id').whereRef('poll_invitees.poll_id', '=', 'polls.id')),
          ]),
        )
        .orderBy('polls.id')
        .limit(BATCH)
        .execute()
    ).map((p) => p.id);
    if (ids.length === 0) break;
    purged += await db.transaction().execute(async (trx) => {
      await lockKey(trx, 'privacy.retention');
      let rows = 0;
      for (const table of ['poll_answers', 'poll_invitees'] as const) rows += Number((await trx.deleteFrom(table).where('poll_id', 'in', ids).executeTakeFirst()).numDeletedRows);
      if (rows === 0) return 0;
      await audit(trx, { actorUserId: null, action: 'privacy.retention_polls', entityType: 'poll', entityId: null, after: { polls: ids.length, ids, before: cutoff } }, now);
      return ids.length;
    });
  }
  return purged;
}
