import type { Kysely } from 'kysely';

// New directory submissions and proposed changes notify the staff in one digest mail a day (issue "The
// secretariat's working day"), switched on by default; an admin switches it off at /admin/settings.
// `submission_digest_sent_at` is the instant the last digest covered up to ('' before the first one).
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('settings')
    .values([
      { key: 'submission_digest', value: 'on' },
      { key: 'submission_digest_sent_at', value: '' },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('settings').where('key', 'in', ['submission_digest', 'submission_digest_sent_at']).execute();
}
