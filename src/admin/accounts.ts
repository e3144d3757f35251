import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { enqueueMail } from '../mail/outbox.js';

export interface AccountRow {
  user_id: number;
  person_id: number;
  name: string;
  email: string | null;
  role: Role;
  active: 0 | 1;
  has_password: 0 | 1;
  last_login_at: string | null;
  /** Set for the closed account of an anonymised person, kept so the audit log still names one actor. */
  anonymised_at: string | null;
}

/** listAccounts returns one page of accounts ordered by name, and whether there is a next page. */
export async function listAccounts(db: Kysely<Database>, page: number, pageSize: number): Promise<{ rows: AccountRow[]; hasNext: boolean }> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .select((eb) => [
      'users.id as user_id',
      'persons.id as person_id',
      'persons.name',
      'persons.email',
      'users.role',
      'users.active',
      eb.case().when('users.password_hash', 'is not', null).then(1).else(0).end().$castTo<0 | 1>().as('has_password'),
      'users.last_login_at',
      'persons.anonymised_at',
    ])
    .orderBy('persons.name')
    .orderBy('users.id')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}
