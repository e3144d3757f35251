import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { Database } from '../db/schema.js';
import { endPasswordLinks } from './one-time-tokens.js';
import { hashPassword, verifyPassword } from './passwords.js';

/**
 * changePassword sets a new password after checking the current one, and ends every other session of
 * the account (a stolen session does not outlive the change) and every open reset or invitation link (one
 * mailed before must not set yet another password). Returns false for a wrong current password.
 */
export async function changePassword(db: Kysely<Database>, userId: number, keepSessionId: string, current: string, next: string, now: Date): Promise<boolean> {
  const user = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, current))) return false;
  const passwordHash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();
    await endPasswordLinks(trx, userId);
    await audit(trx, { actorUserId: userId, action: 'user.password_change', entityType: 'user', entityId: userId }, now);
  });
  return true;
}
