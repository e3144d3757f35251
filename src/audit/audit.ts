import { sql, type Kysely } from 'kysely';
import type { AuditEntry, Database } from '../db/schema.js';

export interface AuditRecord {
  /** The user who made the change; null for the system (setup, background jobs, public submissions). */
  actorUserId: number | null;
  /** What happened, as "<entity>.<verb>", e.g. "user.create", "user.deactivate". */
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * audit writes one entry of the accountability log. Call it with the transaction of the change itself,
 * so that a change and its entry are stored together or not at all.
 */
export async function audit(trx: Kysely<Database>, record: AuditRecord, now: Date): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      actor_user_id: record.actorUserId,
      action: record.action,
      entity_type: record.entityType,
      entity_id: record.entityId === null ? null : String(record.entityId),
      before_json: record.before === undefined ? null : JSON.stringify(record.before),
      after_json: record.after === undefined ? null : JSON.stringify(record.after),
    })
    .execute();
}

export interface AuditListRow extends AuditEntry {
  actor_name: string | null;
  /** The person behind the actor's account: a sentence says "their own details" when it is the subject. */
  actor_person_id: number | null;
}

/** What the audit page filters by; every part optional. `to` is exclusive. */
export interface AuditFilters {
  /** A user's id, or "system" for entries without one (setup, background jobs, public forms). */
  actor?: number | 'system';
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

/**
 * listAuditEntries returns one page of the log, newest first, and whether there is a next page. Each
 * filter column leads an index that ends in (at, id), so a filtered page reads only its own rows.
 */
export async function listAuditEntries(db: Kysely<Database>, filters: AuditFilters, page: number, pageSize: number): Promise<{ rows: AuditListRow[]; hasNext: boolean }> {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .leftJoin('persons', 'persons.id', 'users.person_id')
    .selectAll('audit_log')
    .select(['persons.name as actor_name', 'users.person_id as actor_person_id']);
  if (filters.actor === 'system') query = query.where('audit_log.actor_user_id', 'is', null);
  else if (filters.actor !== undefined) query = query.where('audit_log.actor_user_id', '=', filters.actor);
  if (filters.action) query = query.where('audit_log.action', '=', filters.action);
  if (filters.entityType) query = query.where('audit_log.entity_type', '=', filters.entityType);
  if (filters.entityId) query = query.where('audit_log.entity_id', '=', filters.entityId);
  if (filters.from) query = query.where('audit_log.at', '>=', filters.from);
  if (filters.to) query = query.where('audit_log.at', '<', filters.to);
  const rows = await query
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}

/**
 * distinctValues: the different values of an indexed column, at most `limit`, by a loose index scan
 * (one index lookup per value, not a pass over the whole log): SELECT DISTINCT would read every row.
 * Entries without a value (the system's, for actor_user_id) are left out.
 */
async function distinctValues<T extends string | number>(db: Kysely<Database>, column: 'action' | 'entity_type' | 'actor_user_id', limit: number): Promise<T[]> {
  const col = sql.ref(column);
  const result = await sql<{ v: T }>`
    with recursive d(v, n) as (
      select min(${col}), 1 from audit_log
      union all
      select (select min(${col}) from audit_log where ${col} > d.v), n + 1 from d where d.v is not null and n < ${limit}
    )
    select v from d where v is not null`.execute(db);
  return result.rows.map((r) => r.v);
}

/** Most people offered in the filter: the log's actors are the staff, chairs and members who changed things. */
const MAX_ACTORS = 2000;

/**
 * auditChoices: what the filter form offers: the actions and record types in the log, and every person
 * who made an entry (by name; the system is offered by the form itself).
 */
export async function auditChoices(db: Kysely<Database>): Promise<{ actions: string[]; entityTypes: string[]; actors: { id: number; name: string }[] }> {
  const [actions, entityTypes, actorIds] = await Promise.all([
    distinctValues<string>(db, 'action', 500),
    distinctValues<string>(db, 'entity_type', 200),
    distinctValues<number>(db, 'actor_user_id', MAX_ACTORS),
  ]);
  const actors =
    actorIds.length === 0
      ? []
      : await db
          .selectFrom('users')
          .innerJoin('persons', 'persons.id', 'users.person_id')
          .select(['users.id', 'persons.name'])
          .where('users.id', 'in', actorIds.map(Number))
          .orderBy('persons.name_folded')
          .orderBy('users.id')
          .execute();
  return { actions, entityTypes, actors };
}

/** actorName: the name of the person behind an account, for a filter naming someone not in the log (yet). */
export async function actorName(db: Kysely<Database>, userId: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').innerJoin('persons', 'persons.id', 'users.person_id').select('persons.name').where('users.id', '=', userId).executeTakeFirst();
  return row?.name;
}
