import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';
import { clearThrottle, recordHit, type ThrottleRule } from './throttle.js';

/**
 * Sign-in attempts allowed in 15 minutes: per address (failures; a success resets it) and per client
 * address (all attempts: an office behind one address signs in often, a guesser more often).
 */
export const LOGIN_RULES = {
  email: { limit: 5, windowMs: 15 * 60 * 1000 },
  ip: { limit: 60, windowMs: 15 * 60 * 1000 },
} satisfies Record<string, ThrottleRule>;

export type LoginResult = { ok: true; token: string; userId: number } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; retryAfterMinutes: number };

/**
 * signIn checks an e-mail address and password. It counts failures per address and per client in
 * the database (shared by all instances), refuses while either is over its limit, and on success starts
 * a new session and forgets the address's failures.
 */
export async function signIn(db: Kysely<Database>, email: string, password: string, clientIp: string, now: Date): Promise<LoginResult> {
  const emailKey = `login:email:${normalizeEmail(email)}`;
  const ipKey = `login:ip:${clientIp}`;
  // Every attempt is counted before the (slow) password check, in one atomic statement each, so
  // parallel guesses cannot all slip under the limit; a success forgets the address's count.
  for (const [key, rule] of [[emailKey, LOGIN_RULES.email], [ipKey, LOGIN_RULES.ip]] as const) {
    const state = await recordHit(db, key, rule, now);
    if (state.blocked) return { ok: false, reason: 'throttled', retryAfterMinutes: state.retryAfterMinutes };
  }
  const account = await db
    .selectFrom('users')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .select(['users.id', 'users.password_hash', 'users.active'])
    .where('persons.email_normalized', '=', normalizeEmail(email))
    .executeTakeFirst();
  const passwordOk = await verifyPassword(account?.active ? account.password_hash : null, password);
  if (!account || !passwordOk) return { ok: false, reason: 'invalid' };
  await clearThrottle(db, emailKey);
  await db.updateTable('users').set({ last_login_at: now.toISOString() }).where('id', '=', account.id).execute();
  return { ok: true, token: await createSession(db, account.id, now), userId: account.id };
}
