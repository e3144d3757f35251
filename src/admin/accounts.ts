import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { inviteMail } from '../auth/mails.js';
import { createOneTimeToken } from '../auth/one-time-tokens.js';
import { isUniqueViolation } from '../db/dialect.js';
import type { Database, Role } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { enqueueMail } from '../mail/outbox.js';

export interface AccountRow {
  user_id: number;
  name: string;
  email: string | null;
  role: Role;
  active: 0 | 1;
  has_password: 0 | 1;
  last_login_at: string | null;
}

/** listAccounts returns one page of accounts ordered by name, and whether there is a next page. */
export async function listAccounts(db: Kysely<Database>, page: number, pageSize: number): Promise<{ rows: AccountRow[]; hasNext: boolean }> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .select((eb) => [
      'users.id as user_id',
      'persons.name',
      'persons.email',
      'users.role',
      'users.active',
      eb.case().when('users.password_hash', 'is not', null).then(1).else(0).end().$castTo<0 | 1>().as('has_password'),
      'users.last_login_at',
    ])
    .orderBy('persons.name')
    .orderBy('users.id')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}

export class DuplicateEmailError extends Error {}

/** emailTaken: whether a person with this address (compared case-insensitively) exists. */
export async function emailTaken(db: Kysely<Database>, email: string): Promise<boolean> {
  const row = await db.selectFrom('persons').select('id').where('email_normalized', '=', normalizeEmail(email)).executeTakeFirst();
  return row !== undefined;
}

export interface NewAccount {
  name: string;
  email: string;
  role: Role;
}

/**
 * createInvitedAccount creates a person with an account without password and queues the invitation
 * mail with a set-password link, all in one transaction with its audit entry.
 * Throws DuplicateEmailError when the address is taken.
 */
export async function createInvitedAccount(
  db: Kysely<Database>,
  actorUserId: number | null,
  input: NewAccount,
  ctx: { now: Date; baseUrl: string; districtName: string },
): Promise<number> {
  try {
    return await insertInvitedAccount(db, actorUserId, input, ctx);
  } catch (err) {
    // Two people adding the same address at once: the unique index decides, with the same message.
    if (isUniqueViolation(err)) throw new DuplicateEmailError(input.email);
    throw err;
  }
}

function insertInvitedAccount(
  db: Kysely<Database>,
  actorUserId: number | null,
  input: NewAccount,
  ctx: { now: Date; baseUrl: string; districtName: string },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (await emailTaken(trx, input.email)) throw new DuplicateEmailError(input.email);
    const at = ctx.now.toISOString();
    const person = await trx
      .insertInto('persons')
      .values({ name: input.name, email: input.email, email_normalized: normalizeEmail(input.email), created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await trx
      .insertInto('users')
      .values({ person_id: person.id, role: input.role, active: 1, created_at: at, password_hash: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const token = await createOneTimeToken(trx, 'invite', user.id, ctx.now);
    await enqueueMail(trx, inviteMail(input.email, input.name, `${ctx.baseUrl}/invite/${token}`, ctx.districtName), ctx.now);
    await audit(trx, { actorUserId, action: 'user.create', entityType: 'user', entityId: user.id, after: { name: input.name, email: input.email, role: input.role } }, ctx.now);
    return user.id;
  });
}
