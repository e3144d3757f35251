import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * The calendar stamps (a version counter and its time) say when a feed's content last changed, so that a calendar app's poll can be
 * answered 304 from two small rows instead of reading every meeting (see ./feed-validators.ts). Every
 * change a calendar shows must call one of these in its transaction; the feed tests check each kind.
 */

/**
 * markMeetingChanged: a meeting or its agenda changed. Its updated_at becomes the event's DTSTAMP and
 * LAST-MODIFIED, and its group's stamp moves so every feed that holds the meeting gets a new ETag.
 */
export async function markMeetingChanged(db: Kysely<Database>, meetingId: number, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.updateTable('meetings').set({ updated_at: at }).where('id', '=', meetingId).execute();
  await db
    .updateTable('groups')
    .set((eb) => ({ calendar_version: eb('calendar_version', '+', 1), calendar_stamp: at }))
    .where('id', '=', (eb) => eb.selectFrom('meetings').select('meetings.group_id').where('meetings.id', '=', meetingId))
    .execute();
}

/**
 * markPersonChanged: a person's reply or membership changed, which only their own feed shows (PARTSTAT,
 * and which groups' meetings it holds).
 */
export async function markPersonChanged(db: Kysely<Database>, personId: number, now: Date): Promise<void> {
  await db
    .updateTable('persons')
    .set((eb) => ({ calendar_version: eb('calendar_version', '+', 1), calendar_stamp: now.toISOString() }))
    .where('id', '=', personId)
    .execute();
}
