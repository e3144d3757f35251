import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { consumeOneTimeToken, createOneTimeToken } from '../auth/one-time-tokens.js';
import { hashPassword } from '../auth/passwords.js';
import { createSession } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { SITE_KEYS } from '../http/site.js';
import { writeSetting } from '../settings/settings.js';
import { foldText } from '../lib/fold.js';

/** hasAnyUser: once an account exists, setup is over for good. */
export async function hasAnyUser(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * issueSetupToken makes a new one-time setup token when the database has no account yet (replacing an
 * earlier one) and returns it for the console; returns null when setup is already done. With several
 * instances starting at once, the address printed by the last one to start is the valid one.
 */
export async function issueSetupToken(db: Kysely<Database>, now: Date): Promise<string | null> {
  return db.transaction().execute(async (trx) => ((await hasAnyUser(trx)) ? null : createOneTimeToken(trx, 'setup', null, now)));
}

export interface FirstAdmin {
  name: string;
  email: string;
  password: string;
  /** The office's e-mail address (the setting office_email); empty leaves it unset. */
  officeEmail?: string;
  /** The office's phone (the setting phone); empty leaves it unset. */
  phone?: string;
}

/**
 * createFirstAdmin uses the setup token to create the first admin and sign them in. Returns the session
 * token, or null when the token is wrong or an account exists already (then setup never works again).
 */
export async function createFirstAdmin(db: Kysely<Database>, token: string, admin: FirstAdmin, now: Date): Promise<string | null> {
  const passwordHash = await hashPassword(admin.password);
  const session = await db.transaction().execute(async (trx) => {
    if (await hasAnyUser(trx)) return null;
    if (!(await consumeOneTimeToken(trx, token, 'setup', now))) return null;
    const at = now.toISOString();
    const person = await trx
      .insertInto('persons')
      .values({ name: admin.name, name_folded: foldText(admin.name), email: admin.email, email_normalized: normalizeEmail(admin.email), created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await trx
      .insertInto('users')
      .values({ person_id: person.id, password_hash: passwordHash, role: 'admin', active: 1, created_at: at, last_login_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('auth_tokens').where('purpose', '=', 'setup').execute();
    if (admin.officeEmail) await writeSetting(trx, SITE_KEYS.officeEmail, admin.officeEmail);
    if (admin.phone) await writeSetting(trx, SITE_KEYS.phone, admin.phone);
    const office = { ...(admin.officeEmail ? { office_email: admin.officeEmail } : {}), ...(admin.phone ? { phone: admin.phone } : {}) };
    await audit(trx, { actorUserId: user.id, action: 'setup.first_admin', entityType: 'user', entityId: user.id, after: { name: admin.name, email: admin.email, role: 'admin', ...office } }, now);
    return createSession(trx, user.id, now);
  });
  return session;
}
