import type { Kysely } from 'kysely';

// The office's e-mail address (issue "Close what testing from outside found"): the ORGANIZER of every
// calendar entry (RFC 5546 requires one in each PUBLISH event) and the Reply-To of every mail. Empty until
// an admin sets it at /admin/settings (or at the first setup): the hub then uses MAIL_FROM's address, as
// it did before.
export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto('settings').values({ key: 'office_email', value: '' }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', 'office_email').execute();
}
