import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';
import { clearThrottle, recordHit, releaseHit, type ThrottleRule } from './throttle.js';

/**
 * Failed sign-ins allowed, counted in the database (shared by all instances). The guessing client is
 * throttled, not the account: a wrong password typed somewhere else must not lock the real person out.
 *
 * - `emailIp`: one client at one account; the guesser at the keyboard (or the person who forgot).
 * - `ip`: one client across all accounts; somebody trying many addresses. An office behind one address
 *   stays far below it, since only failures count.
 * - `email`: one account from all clients, a much higher ceiling against guessing from many addresses.
 *   Over it, only clients that have failed at this account are refused: a client without a failure still
 *   gets its password checked, so the real person signs in from their own computer, while each address
 *   of a distributed guesser gets a single guess per window instead of five.
 */
export const LOGIN_RULES = {
  emailIp: { limit: 5, windowMs: 15 * 60 * 1000 },
  ip: { limit: 30, windowMs: 15 * 60 * 1000 },
  email: { limit: 100, windowMs: 60 * 60 * 1000 },
} satisfies Record<string, ThrottleRule>;

/**
 * loginThrottleKeys: the throttle keys of one sign-in attempt. Keys naming an address end in
 * ":email:<address>", which is how an anonymisation finds and forgets them (src/privacy/anonymise.ts).
 */
export function loginThrottleKeys(email: string, clientIp: string) {
  const address = normalizeEmail(email);
  return { emailIp: `login:ip:${clientIp}:email:${address}`, ip: `login:ip:${clientIp}`, email: `login:email:${address}` };
}

export type LoginResult = { ok: true; token: string; userId: number } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; retryAfterMinutes: number };

/**
 * signIn checks an e-mail address and password, refusing (without checking) while this client is over
 * a limit of LOGIN_RULES. On success it starts a new session, forgets this client's failures at the
 * account and takes back the attempt from the other counts.
 */
export async function signIn(db: Kysely<Database>, email: string, password: string, clientIp: string, now: Date): Promise<LoginResult> {
  const keys = loginThrottleKeys(email, clientIp);
  // Every attempt is counted before the (slow) password check, in one atomic statement each, so
  // parallel guesses cannot all slip under a limit; a success takes its count back below.
  const client = await recordHit(db, keys.ip, LOGIN_RULES.ip, now);
  if (client.blocked) return throttled(client.retryAfterMinutes);
  const clientAtAccount = await recordHit(db, keys.emailIp, LOGIN_RULES.emailIp, now);
  if (clientAtAccount.blocked) return throttled(clientAtAccount.retryAfterMinutes);
  const account = await recordHit(db, keys.email, LOGIN_RULES.email, now);
  // hits > 1: this client has failed at this account in its window (this attempt is the 1 counted).
  if (account.blocked && clientAtAccount.hits > 1) return throttled(account.retryAfterMinutes);

  const user = await db
    .selectFrom('users')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .select(['users.id', 'users.password_hash', 'users.active'])
    .where('persons.email_normalized', '=', normalizeEmail(email))
    .executeTakeFirst();
  const passwordOk = await verifyPassword(user?.active ? user.password_hash : null, password);
  if (!user || !passwordOk) return { ok: false, reason: 'invalid' };
  await clearThrottle(db, keys.emailIp);
  await releaseHit(db, keys.ip);
  await releaseHit(db, keys.email);
  await db.updateTable('users').set({ last_login_at: now.toISOString() }).where('id', '=', user.id).execute();
  return { ok: true, token: await createSession(db, user.id, now), userId: user.id };
}

function throttled(retryAfterMinutes: number): LoginResult {
  return { ok: false, reason: 'throttled', retryAfterMinutes };
}
