import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, Day, ProjectDeadlineKind } from '../db/schema.js';
import type { DeadlineInput } from './form.js';

/**
 * A project's milestones and reporting deadlines (Zwischenbericht, Verwendungsnachweis). Each row keeps
 * its id for good, so its calendar UID stays (src/projects/ics.ts): every change the feed shows raises
 * `sequence`; a removed deadline is kept as cancelled (the feed shows it as CANCELLED for 30 days, then
 * drops it) and is gone from the pages at once.
 */
export interface Deadline {
  id: number;
  kind: ProjectDeadlineKind;
  title: string;
  due_on: Day;
  done_at: string | null;
}

/** listDeadlines: a project's deadlines that are not removed, by due day. */
export function listDeadlines(db: Kysely<Database>, projectId: number): Promise<Deadline[]> {
  return db
    .selectFrom('project_deadlines')
    .select(['id', 'kind', 'title', 'due_on', 'done_at'])
    .where('project_id', '=', projectId)
    .where('cancelled_at', 'is', null)
    .orderBy('due_on')
    .orderBy('id')
    .execute();
}

export function findDeadline(db: Kysely<Database>, projectId: number, id: number): Promise<Deadline | undefined> {
  return db
    .selectFrom('project_deadlines')
    .select(['id', 'kind', 'title', 'due_on', 'done_at'])
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
}

export async function addDeadline(db: Kysely<Database>, actor: SessionUser, projectId: number, input: DeadlineInput, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const row = await trx
      .insertInto('project_deadlines')
      .values({ project_id: projectId, kind: input.kind, title: input.title, due_on: input.due_on, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: actor.id, action: 'project.deadline_add', entityType: 'project', entityId: projectId, after: { deadline: row.id, ...input } }, now);
    return row.id;
  });
}

/**
 * updateDeadline: new kind, title or day, SEQUENCE raised. A moved day clears reminded_at, so the
 * responsible person is reminded again before the new day. False when there is no such deadline.
 */
export async function updateDeadline(db: Kysely<Database>, actor: SessionUser, projectId: number, id: number, input: DeadlineInput, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('project_deadlines').select(['kind', 'title', 'due_on', 'sequence']).where('id', '=', id).where('project_id', '=', projectId).where('cancelled_at', 'is', null).executeTakeFirst();
    if (!before) return false;
    if (before.kind === input.kind && before.title === input.title && before.due_on === input.due_on) return true;
    const moved = before.due_on !== input.due_on;
    await trx
      .updateTable('project_deadlines')
      .set({ kind: input.kind, title: input.title, due_on: input.due_on, sequence: before.sequence + 1, updated_at: now.toISOString(), ...(moved ? { reminded_at: null } : {}) })
      .where('id', '=', id)
      .execute();
    const { sequence: _s, ...was } = before;
    await audit(trx, { actorUserId: actor.id, action: 'project.deadline_update', entityType: 'project', entityId: projectId, before: { deadline: id, ...was }, after: { deadline: id, ...input } }, now);
    return true;
  });
}

/** markDeadline: done (with the moment) or open again; the feed's entry changes, so SEQUENCE rises. */
export async function markDeadline(db: Kysely<Database>, actor: SessionUser, projectId: number, id: number, done: boolean, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('project_deadlines').select(['title', 'done_at', 'sequence']).where('id', '=', id).where('project_id', '=', projectId).where('cancelled_at', 'is', null).executeTakeFirst();
    if (!row) return false;
    if ((row.done_at !== null) === done) return true;
    const at = now.toISOString();
    await trx.updateTable('project_deadlines').set({ done_at: done ? at : null, sequence: row.sequence + 1, updated_at: at }).where('id', '=', id).execute();
    await audit(trx, { actorUserId: actor.id, action: done ? 'project.deadline_done' : 'project.deadline_reopen', entityType: 'project', entityId: projectId, after: { deadline: id, title: row.title } }, now);
    return true;
  });
}

/** removeDeadline: kept as cancelled for the feeds (SEQUENCE raised), gone from the pages, the queue and the reminders. */
export async function removeDeadline(db: Kysely<Database>, actor: SessionUser, projectId: number, id: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('project_deadlines').select(['kind', 'title', 'due_on', 'sequence']).where('id', '=', id).where('project_id', '=', projectId).where('cancelled_at', 'is', null).executeTakeFirst();
    if (!row) return false;
    const at = now.toISOString();
    await trx.updateTable('project_deadlines').set({ cancelled_at: at, sequence: row.sequence + 1, updated_at: at }).where('id', '=', id).execute();
    const { sequence: _s, ...was } = row;
    await audit(trx, { actorUserId: actor.id, action: 'project.deadline_remove', entityType: 'project', entityId: projectId, before: { deadline: id, ...was } }, now);
    return true;
  });
}

/** overdueProjectDeadlines: open deadlines whose day has passed, of projects that are not archived (the work queue). */
export function overdueProjectDeadlines(db: Kysely<Database>, today: Day) {
  return db
    .selectFrom('project_deadlines')
    .innerJoin('projects', 'projects.id', 'project_deadlines.project_id')
    .select(['project_deadlines.id', 'project_deadlines.title', 'project_deadlines.due_on', 'projects.id as project_id', 'projects.name', 'projects.short_name'])
    .where('projects.archived_at', 'is', null)
    .where('project_deadlines.cancelled_at', 'is', null)
    .where('project_deadlines.done_at', 'is', null)
    .where('project_deadlines.due_on', '<', today)
    .orderBy('project_deadlines.due_on')
    .orderBy('project_deadlines.id')
    .limit(200)
    .execute();
}
