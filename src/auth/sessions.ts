import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { Database, Role } from '../db/schema.js';
import { newToken, secretMatches, splitToken } from './secrets.js';

/** A session ends after 10 days without use; while used it is renewed at most once an hour. */
export const SESSION_INACTIVITY_MS = 10 * 24 * 60 * 60 * 1000;
export const SESSION_RENEW_AFTER_MS = 60 * 60 * 1000;

/** The signed-in person as every request sees it. */
export interface SessionUser {
  id: number;
  personId: number;
  name: string;
  email: string;
  role: Role;
}

export interface ValidSession {
  id: string;
  user: SessionUser;
  /** True when this request renewed the session, so the cookie's lifetime is extended too. */
  renewed: boolean;
}

/** createSession starts a new session for a user (always a new id: no session fixation). */
export async function createSession(db: Kysely<Database>, userId: number, now: Date): Promise<string> {
  const { id, token, secretHash } = newToken();
  const at = now.toISOString();
  await db
    .insertInto('sessions')
    .values({ id, secret_hash: secretHash, user_id: userId, created_at: at, last_verified_at: at })
    .execute();
  return token;
}

/**
 * validateSessionToken returns the session and its user, or null when the token is malformed, unknown,
 * expired, its secret does not match, or the account is deactivated. Expired sessions are deleted.
 */
export async function validateSessionToken(db: Kysely<Database>, token: string | undefined, now: Date): Promise<ValidSession | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .select([
      'sessions.id',
      'sessions.secret_hash',
      'sessions.last_verified_at',
      'users.id as user_id',
      'users.role',
      'users.active',
      'persons.id as person_id',
      'persons.name',
      'persons.email',
    ])
    .where('sessions.id', '=', parts.id)
    .executeTakeFirst();
  if (!row || !secretMatches(parts.secret, row.secret_hash)) return null;
  const idleMs = now.getTime() - new Date(row.last_verified_at).getTime();
  if (idleMs >= SESSION_INACTIVITY_MS || !row.active) {
    await db.deleteFrom('sessions').where('id', '=', row.id).execute();
    return null;
  }
  const renewed = idleMs >= SESSION_RENEW_AFTER_MS;
  if (renewed) {
    await db.updateTable('sessions').set({ last_verified_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return {
    id: row.id,
    renewed,
    user: { id: row.user_id, personId: row.person_id, name: row.name, email: row.email ?? '', role: row.role },
  };
}

export async function invalidateSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** invalidateUserSessions signs a user out everywhere (password change, deactivation). */
export async function invalidateUserSessions(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/**
 * endSessions signs an account out everywhere but in `keepSessionId` (the requesting browser when a
 * person ends their other sessions) and notes it in the audit log; returns how many sessions ended.
 */
export async function endSessions(db: Kysely<Database>, opts: { actorUserId: number; userId: number; keepSessionId: string | null }, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let query = trx.deleteFrom('sessions').where('user_id', '=', opts.userId);
    if (opts.keepSessionId) query = query.where('id', '!=', opts.keepSessionId);
    const ended = Number((await query.executeTakeFirst()).numDeletedRows);
    await audit(trx, { actorUserId: opts.actorUserId, action: 'user.sessions_ended', entityType: 'user', entityId: opts.userId, after: { ended } }, now);
    return ended;
  });
}

/** deleteExpiredSessions removes sessions idle for longer than the limit; run by the housekeeping loop. */
export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - SESSION_INACTIVITY_MS).toISOString();
  const result = await db.deleteFrom('sessions').where('last_verified_at', '<=', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
