import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { CommentResolution, Database } from '../db/schema.js';

export interface MinuteComment {
  id: number;
  agenda_item_id: number;
  author: string | null;
  body: string;
  created_at: string;
  resolution: CommentResolution | null;
  resolution_note: string | null;
  resolved_at: string | null;
}

export const COMMENT_MAX = 2000;
export const RESOLUTION_NOTE_MAX = 1000;

/** A resolution as the forms send it: "open" takes a resolution back. */
export type ResolutionChoice = { resolution: CommentResolution | null; note: string | null };

/**
 * parseResolution: a comment's resolution from the two form fields, or the message for the note field.
 * Not taking a comment needs a reason (the member reads it); working it in may say a word.
 */
export function parseResolution(value: string | undefined, note: string | undefined): ResolutionChoice | { error: 'field.choose' | 'minutes.resolutionNeedsNote' | 'field.tooLong' } {
  const text = (note ?? '').trim();
  if (value !== 'open' && value !== 'worked_in' && value !== 'not_taken') return { error: 'field.choose' };
  if (text.length > RESOLUTION_NOTE_MAX) return { error: 'field.tooLong' };
  if (value === 'not_taken' && !text) return { error: 'minutes.resolutionNeedsNote' };
  return { resolution: value === 'open' ? null : value, note: value === 'open' ? null : text || null };
}

/**
 * resolveComments stores what became of comments of these minutes (only those whose resolution or note
 * changed), with one audit entry each. Comments of other minutes are ignored.
 */
export async function resolveComments(trx: Kysely<Database>, actor: SessionUser, meetingId: number, minutesId: number, choices: Map<number, ResolutionChoice>, now: Date): Promise<number> {
  if (!choices.size) return 0;
  const rows = await trx.selectFrom('minute_comments').select(['id', 'resolution', 'resolution_note']).where('minutes_id', '=', minutesId).where('id', 'in', [...choices.keys()]).execute();
  let changed = 0;
  for (const row of rows) {
    const choice = choices.get(row.id)!;
    if (row.resolution === choice.resolution && row.resolution_note === choice.note) continue;
    await trx
      .updateTable('minute_comments')
      .set({ resolution: choice.resolution, resolution_note: choice.note, resolved_at: choice.resolution ? now.toISOString() : null })
      .where('id', '=', row.id)
      .execute();
    await audit(trx, { actorUserId: actor.id, action: 'minutes.comment_resolve', entityType: 'meeting', entityId: meetingId, before: { comment: row.id, resolution: row.resolution }, after: { comment: row.id, resolution: choice.resolution } }, now);
    changed++;
  }
  return changed;
}

/** countOpen: how many comments of these minutes nobody has resolved yet. */
export function countOpen(comments: Pick<MinuteComment, 'resolution'>[]): number {
  return comments.filter((c) => c.resolution === null).length;
}

/** listComments: the members' comments on these minutes, oldest first. */
export async function listComments(db: Kysely<Database>, minutesId: number): Promise<MinuteComment[]> {
  return db
    .selectFrom('minute_comments')
    .leftJoin('persons', 'persons.id', 'minute_comments.person_id')
    .select(['minute_comments.id', 'minute_comments.agenda_item_id', 'persons.name as author', 'minute_comments.body', 'minute_comments.created_at', 'minute_comments.resolution', 'minute_comments.resolution_note', 'minute_comments.resolved_at'])
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
