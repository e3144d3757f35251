import type { Kysely } from 'kysely';
import { columnTypes, oneOf } from '../src/db/dialect.js';

// A change of an account's login address waits for confirmation by two one-time links, one to the old
// and one to the new address (src/people/email-change.ts): two new token purposes, each link carrying
// the new address. The allowed purposes are a CHECK constraint, which SQLite cannot alter, so
// auth_tokens is rebuilt (the same way on both databases; no table references it).

const OLD_PURPOSES = ['reset', 'invite', 'setup'];
const NEW_PURPOSES = [...OLD_PURPOSES, 'email_new', 'email_old'];

async function rebuildAuthTokens(db: Kysely<any>, purposes: string[], withNewEmail: boolean): Promise<void> {
  const t = columnTypes(db);
  let table = db.schema
    .createTable('auth_tokens_next')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('secret_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'varchar(20)', (c) => c.notNull().check(oneOf('purpose', purposes)))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .addColumn('used_at', t.instant);
  if (withNewEmail) table = table.addColumn('new_email', 'varchar(320)');
  await table.execute();
  const columns = ['id', 'secret_hash', 'user_id', 'purpose', 'created_at', 'expires_at', 'used_at'];
  await db
    .insertInto('auth_tokens_next')
    .columns(columns)
    .expression(db.selectFrom('auth_tokens').select(columns).where('purpose', 'in', purposes))
    .execute();
  await db.schema.dropTable('auth_tokens').execute();
  await db.schema.alterTable('auth_tokens_next').renameTo('auth_tokens').execute();
  await db.schema.createIndex('auth_tokens_user_idx').on('auth_tokens').columns(['user_id', 'purpose']).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuildAuthTokens(db, NEW_PURPOSES, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  await rebuildAuthTokens(db, OLD_PURPOSES, false);
}
