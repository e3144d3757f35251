import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, Day } from '../db/schema.js';
import { requiredText } from '../http/schemas.js';
import { isDay } from '../lib/days.js';

/** The form of a break: a name and the first and last day (both inclusive, at most a year). */
export const breakSchema = z
  .object({
    name: requiredText(200),
    starts_on: z.string({ error: 'field.required' }).trim().refine(isDay, 'field.date'),
    ends_on: z.string({ error: 'field.required' }).trim().refine(isDay, 'field.date'),
  })
  .superRefine((v, ctx) => {
    if (!isDay(v.starts_on) || !isDay(v.ends_on)) return;
    if (v.ends_on < v.starts_on) ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'members.untilBeforeFrom' });
    else if (Date.parse(v.ends_on) - Date.parse(v.starts_on) > 366 * 24 * 3600 * 1000) ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'breaks.tooLong' });
  });

export type BreakInput = z.infer<typeof breakSchema>;

export interface BreakRow {
  id: number;
  group_id: number | null;
  name: string;
  starts_on: Day;
  ends_on: Day;
}

/** listBreaks: the district's breaks (groupId null) or one group's own, oldest first. */
export function listBreaks(db: Kysely<Database>, groupId: number | null): Promise<BreakRow[]> {
  let q = db.selectFrom('breaks').select(['id', 'group_id', 'name', 'starts_on', 'ends_on']);
  q = groupId === null ? q.where('group_id', 'is', null) : q.where('group_id', '=', groupId);
  return q.orderBy('starts_on').orderBy('id').execute();
}

/** breaksForSeries: what a group's series skips: the district's breaks and the group's own that overlap the period. */
export function breaksForSeries(db: Kysely<Database>, groupId: number, from: Day, until: Day): Promise<BreakRow[]> {
  return db
    .selectFrom('breaks')
    .select(['id', 'group_id', 'name', 'starts_on', 'ends_on'])
    .where((eb) => eb.or([eb('group_id', 'is', null), eb('group_id', '=', groupId)]))
    .where('starts_on', '<=', until)
    .where('ends_on', '>=', from)
    .orderBy('starts_on')
    .orderBy('id')
    .execute();
}

/** addBreak stores a break of the district (groupId null) or of a group, audited with it. */
export async function addBreak(db: Kysely<Database>, actor: SessionUser, groupId: number | null, input: BreakInput, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const values = { group_id: groupId, name: input.name, starts_on: input.starts_on, ends_on: input.ends_on };
    const row = await trx.insertInto('breaks').values({ ...values, created_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: actor.id, action: 'break.add', entityType: 'break', entityId: row.id, after: values }, now);
    return row.id;
  });
}

/** deleteBreak removes a break of the district (groupId null) or of that group; false when there is none such. */
export async function deleteBreak(db: Kysely<Database>, actor: SessionUser, groupId: number | null, id: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('breaks').select(['id', 'group_id', 'name', 'starts_on', 'ends_on']).where('id', '=', id);
    q = groupId === null ? q.where('group_id', 'is', null) : q.where('group_id', '=', groupId);
    const found = await q.executeTakeFirst();
    if (!found) return false;
    await trx.deleteFrom('breaks').where('id', '=', id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'break.delete', entityType: 'break', entityId: id, before: found }, now);
    return true;
  });
}
