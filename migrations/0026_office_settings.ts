import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../src/db/dialect.js';

// The office's settings (issue #17, "Settings and reference lists"): postal address, phone, the Reply-To
// of every mail, the mails' sign-off, the data-protection officer's contact, and the logo (one row of
// its own: a binary is no setting's text). The installation defaults are the Kreis Mettmann's, from
// the office's own material: the Kreissozialamt's address. Phone, mailbox and names the admin enters
// (no invented numbers for a real authority). Rows an installation has already are left as they are.
export const OFFICE_DEFAULTS: Record<string, string> = {
  postal_address: 'Kreissozialamt Mettmann\nDüsseldorfer Straße 47\nVerwaltungsgebäude 4\n40822 Mettmann',
  phone: '',
  reply_to: '',
  sign_off: '',
  dpo_contact: '',
};

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const existing = new Set((await db.selectFrom('settings').select('key').where('key', 'in', Object.keys(OFFICE_DEFAULTS)).execute()).map((r) => r.key as string));
  const missing = Object.entries(OFFICE_DEFAULTS).filter(([key]) => !existing.has(key));
  if (missing.length) await db.insertInto('settings').values(missing.map(([key, value]) => ({ key, value }))).execute();

  await db.schema
    .createTable('site_logo')
    // One row at most (id 1): the logo shown in the page header and on the PDFs.
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('content_type', 'varchar(50)', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('data', t.blob, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('site_logo').execute();
  await db.deleteFrom('settings').where('key', 'in', Object.keys(OFFICE_DEFAULTS)).execute();
}
