import type { Kysely } from 'kysely';
import type { Database, Instant } from '../db/schema.js';
import { translator } from '../i18n/index.js';
import { formatters, instantToBerlin } from '../lib/berlin-time.js';
import { enqueueMail } from '../mail/outbox.js';
import { greeting } from '../mail/signature.js';

const t = translator('de');
const fmt = formatters('de');

export const DIGEST_SETTING = 'submission_digest';
const SENT_SETTING = 'submission_digest_sent_at';
/** The digest goes out with the first housekeeping run from this Berlin time on, once a day. */
const SEND_FROM = '07:00';

/**
 * sendSubmissionDigest: one mail a day to the staff who review the directory (secretariat and admins
 * with an address) naming the submissions and proposed changes that came in since the last digest,
 * instead of a mail per entry. Nothing goes out on a day without news, nor when an admin switched the
 * digest off. Safe on several instances: the run that moves the "covered up to" mark sends. Returns how
 * many mails were written.
 */
export async function sendSubmissionDigest(db: Kysely<Database>, now: Date, baseUrl: string): Promise<number> {
  const settings = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', [DIGEST_SETTING, SENT_SETTING]).execute();
  const value = (key: string) => settings.find((s) => s.key === key)?.value;
  const since = value(SENT_SETTING);
  if (value(DIGEST_SETTING) !== 'on' || since === undefined) return 0;
  const berlin = instantToBerlin(now.toISOString());
  if (berlin.time < SEND_FROM || (since && instantToBerlin(since).day >= berlin.day)) return 0;
  return db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const claimed = await trx.updateTable('settings').set({ value: at }).where('key', '=', SENT_SETTING).where('value', '=', since).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return 0;
    // The first digest covers everything still waiting.
    const from = since || '1970-01-01T00:00:00.000Z';
    const [entries, changes] = await Promise.all([
      trx.selectFrom('organisations').select(['name', 'created_at']).where('status', '=', 'pending').where('created_at', '>', from).orderBy('created_at').execute(),
      trx
        .selectFrom('organisation_changes')
        .innerJoin('organisations', 'organisations.id', 'organisation_changes.organisation_id')
        .select(['organisations.name', 'organisation_changes.created_at'])
        .where('organisation_changes.status', '=', 'pending')
        .where('organisation_changes.created_at', '>', from)
        .orderBy('organisation_changes.created_at')
        .execute(),
    ]);
    if (entries.length + changes.length === 0) return 0;
    const staff = await trx
      .selectFrom('users')
      .innerJoin('persons', 'persons.id', 'users.person_id')
      .select(['persons.name', 'persons.email'])
      .where('users.role', 'in', ['secretariat', 'admin'])
      .where('users.active', '=', 1)
      .where('persons.email', 'is not', null)
      .orderBy('persons.id')
      .execute();
    const lines = (rows: { name: string; created_at: Instant }[]) => rows.map((r) => `- ${r.name} (${fmt.dateTime(r.created_at)})`).join('\n') || '–';
    for (const person of staff) {
      const params = { greeting: greeting(t, person.name), entries: lines(entries), changes: lines(changes), count: entries.length + changes.length, link: `${baseUrl}/admin/directory`, settings: `${baseUrl}/admin/settings` };
      await enqueueMail(trx, { to: person.email!, subject: t('digest.mail.subject', params), text: t('digest.mail.body', params) }, now);
    }
    return staff.length;
  });
}
