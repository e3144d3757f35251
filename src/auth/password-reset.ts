import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { Database, TokenPurpose } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { enqueueMail } from '../mail/outbox.js';
import { resetMail } from './mails.js';
import { consumeOneTimeToken, createOneTimeToken, endPasswordLinks } from './one-time-tokens.js';
import { hashPassword } from './passwords.js';
import { createSession, invalidateUserSessions } from './sessions.js';
import { recordHit, type ThrottleRule } from './throttle.js';

/**
 * Reset requests in an hour: per client (the one asking too often is refused) and mails per address.
 * Reaching the address's limit does not block anybody: no further mail goes out, and the links already
 * mailed keep working (each for an hour), so asking on somebody's behalf cannot lock them out.
 */
export const RESET_RULES = {
  email: { limit: 3, windowMs: 60 * 60 * 1000 },
  ip: { limit: 10, windowMs: 60 * 60 * 1000 },
} satisfies Record<string, ThrottleRule>;

/**
 * `sent`: a mail went out if an active account has this address; `alreadySent`: this address had its
 * mails for the hour (said for every address, known or not); `throttled`: this client asks too often.
 */
export type ResetRequestResult = { outcome: 'sent' } | { outcome: 'alreadySent' } | { outcome: 'throttled'; retryAfterMinutes: number };

/**
 * requestPasswordReset queues a reset mail when an active account has this address. Its answer does not
 * depend on whether the address has an account, so the form does not reveal who has one.
 */
export async function requestPasswordReset(db: Kysely<Database>, email: string, clientIp: string, ctx: { now: Date; baseUrl: string }): Promise<ResetRequestResult> {
  const client = await recordHit(db, `reset:ip:${clientIp}`, RESET_RULES.ip, ctx.now);
  if (client.blocked) return { outcome: 'throttled', retryAfterMinutes: client.retryAfterMinutes };
  const address = await recordHit(db, `reset:email:${normalizeEmail(email)}`, RESET_RULES.email, ctx.now);
  if (address.blocked) return { outcome: 'alreadySent' };
  const account = await db
    .selectFrom('users')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .select(['users.id', 'persons.name', 'persons.email'])
    .where('persons.email_normalized', '=', normalizeEmail(email))
    .where('users.active', '=', 1)
    .executeTakeFirst();
  if (account?.email) {
    await db.transaction().execute(async (trx) => {
      const token = await createOneTimeToken(trx, 'reset', account.id, ctx.now, { keepEarlier: true });
      await enqueueMail(trx, resetMail(account.email!, account.name, `${ctx.baseUrl}/password/reset/${token}`), ctx.now);
    });
  }
  return { outcome: 'sent' };
}

/**
 * setPasswordWithToken consumes a reset or invitation token, stores the new password, ends every other
 * session and every other open reset or invitation link of the account, and starts a new session; all or nothing. An invitation also (re)activates the
 * account. Returns the new session token, or null when the link is invalid, expired or used, or a reset
 * link belongs to a deactivated account.
 */
export async function setPasswordWithToken(db: Kysely<Database>, token: string, purpose: Exclude<TokenPurpose, 'setup'>, password: string, now: Date): Promise<string | null> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const owner = await consumeOneTimeToken(trx, token, purpose, now);
    if (!owner?.userId) return null;
    const user = await trx.selectFrom('users').select(['id', 'active']).where('id', '=', owner.userId).executeTakeFirst();
    // A reset needs an active account; an invitation (sent by the secretariat) activates it.
    if (!user || (purpose === 'reset' && !user.active)) return null;
    await trx.updateTable('users').set({ password_hash: passwordHash, active: 1, last_login_at: now.toISOString() }).where('id', '=', user.id).execute();
    await invalidateUserSessions(trx, user.id);
    // The other links mailed for this account (earlier reset requests, an invitation) end with this one.
    await endPasswordLinks(trx, user.id);
    await audit(trx, { actorUserId: user.id, action: purpose === 'reset' ? 'user.password_reset' : 'user.invitation_accepted', entityType: 'user', entityId: user.id }, now);
    return createSession(trx, user.id, now);
  });
}
