import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';

export interface MinuteComment {
  id: number;
  agenda_item_id: number;
  author: string | null;
  body: string;
  created_at: string;
}

export const COMMENT_MAX = 2000;

/** listComments: the members' comments on these minutes, oldest first. */
export async function listComments(db: Kysely<Database>, minutesId: number): Promise<MinuteComment[]> {
  return db
    .selectFrom('minute_comments')
    .leftJoin('persons', 'persons.id', 'minute_comments.person_id')
    .select(['minute_comments.id', 'minute_comments.agenda_item_id', 'persons.name as author', 'minute_comments.body', 'minute_comments.created_at'])
    .where('minute_comments.minutes_id', '=', minutesId)
    .orderBy('minute_comments.id')
    .execute();
}

/**
 * addComment: a member's comment on one TOP, accepted only while the minutes are circulated (the
 * correction period); false when they are not (any more) or the TOP is not on this meeting's agenda.
 */
export async function addComment(db: Kysely<Database>, actor: SessionUser, meetingId: number, agendaItemId: number, body: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const minutes = await trx.selectFrom('minutes').select(['id', 'status']).where('meeting_id', '=', meetingId).executeTakeFirst();
    const item = await trx.selectFrom('agenda_items').select('id').where('id', '=', agendaItemId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (minutes?.status !== 'circulated' || !item) return false;
    const row = await trx
      .insertInto('minute_comments')
      .values({ minutes_id: minutes.id, agenda_item_id: item.id, person_id: actor.personId, body, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: actor.id, action: 'minutes.comment', entityType: 'meeting', entityId: meetingId, after: { comment: row.id, agenda_item: item.id } }, now);
    return true;
  });
}
