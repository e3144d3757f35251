import type { Kysely } from 'kysely';
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
}

/** listAuditEntries returns one page of the log, newest first, and whether there is a next page. */
export async function listAuditEntries(db: Kysely<Database>, page: number, pageSize: number): Promise<{ rows: AuditListRow[]; hasNext: boolean }> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .leftJoin('persons', 'persons.id', 'users.person_id')
    .selectAll('audit_log')
    .select('persons.name as actor_name')
    .orderBy('audit_log.id', 'desc')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}
