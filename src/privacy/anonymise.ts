import { sql, type Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { refreshSearchText } from '../directory/entries.js';
import { foldText } from '../lib/fold.js';
import { today } from '../lib/berlin-time.js';

/**
 * Anonymising a person who leaves (DSGVO Art. 17), irreversibly. What it does and why:
 * - The person row stays, so that minutes, attendance, action items and comments keep their record;
 *   its name becomes a placeholder ("Ehemaliges Mitglied #12", stored German like all the hub's data),
 *   which every list shows through the usual join. Address, phone, function, organisation, city and the
 *   consent to be a directory contact are cleared.
 * - The account row stays too, disabled for good (no password, inactive, role member), so that the
 *   audit log still attributes what the person did to one (placeholder) actor instead of "system";
 *   sessions, one-time links and calendar feeds are deleted. Nothing can bring it back: the person has
 *   no address to reset a password with, and src/people refuses every change to an anonymised person.
 * - Memberships end today (history is kept); those that had not begun yet are deleted. Invitations to
 *   meetings still ahead are deleted; replies to past ones lose their comment but keep the answer until
 *   the retention period removes them (src/privacy/retention.ts).
 * - Mails to the person's address leave the outbox, sent ones too (they carry name and address);
 *   directory submissions from that address lose submitter name and address; sign-in throttles
 *   counted by the address go.
 * - Audit entries about the person's record and account lose the personal fields (name, address, …);
 *   the entry of this step names none of them.
 * - Not rewritten: free text (minutes notes and decisions, the minute taker, presenters of agenda items,
 *   comments, a substitute's name in a reply). A program cannot tell which "Müller" in a text is this
 *   person, and approved minutes are a record that only the secretariat may correct, with a reason.
 */

/** The name an anonymised person is shown with. */
export function placeholderName(personId: number): string {
  return `Ehemaliges Mitglied #${personId}`;
}

/** Fields of person and account records in audit entries that identify the person. */
// Consent dates stay: they prove a consent was given and withdrawn, and name nobody.
const PERSONAL_KEYS = ['name', 'name_folded', 'email', 'email_normalized', 'phone', 'job_function', 'organisation', 'organisation_id', 'city_id'];

function withoutPersonalKeys(json: string | null): string | null {
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return json;
  const kept = Object.fromEntries(Object.entries(value).filter(([key]) => !PERSONAL_KEYS.includes(key)));
  return JSON.stringify(kept);
}

export type AnonymiseResult = 'anonymised' | 'already' | 'not_found';

type Trx = Kysely<Database>;

/** closeAccount disables the person's account for good; returns what it was, or undefined without one. */
async function closeAccount(trx: Trx, personId: number) {
  const user = await trx.selectFrom('users').select(['id', 'role']).where('person_id', '=', personId).executeTakeFirst();
  if (!user) return undefined;
  await trx.updateTable('users').set({ active: 0, password_hash: null, role: 'member', last_login_at: null }).where('id', '=', user.id).execute();
  for (const table of ['sessions', 'auth_tokens', 'feed_tokens'] as const) await trx.deleteFrom(table).where('user_id', '=', user.id).execute();
  return user;
}

/** leaveGroups ends current memberships today, deletes those not begun and invitations still ahead. */
async function leaveGroups(trx: Trx, personId: number, now: Date) {
  const at = now.toISOString();
  const day = today(now);
  const ended = await trx
    .updateTable('memberships')
    .set({ ends_on: day, updated_at: at })
    .where('person_id', '=', personId)
    .where('starts_on', '<=', day)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', day)]))
    .executeTakeFirst();
  const notBegun = await trx.deleteFrom('memberships').where('person_id', '=', personId).where('starts_on', '>', day).executeTakeFirst();
  const invitations = await trx
    .deleteFrom('rsvps')
    .where('person_id', '=', personId)
    .where('meeting_id', 'in', (eb) => eb.selectFrom('meetings').select('meetings.id').where('meetings.starts_at', '>', at))
    .executeTakeFirst();
  await trx.updateTable('rsvps').set({ comment: null }).where('person_id', '=', personId).execute();
  return { memberships_ended: Number(ended.numUpdatedRows), memberships_deleted: Number(notBegun.numDeletedRows), invitations_deleted: Number(invitations.numDeletedRows) };
}

/** forgetAddress removes the address from mails, directory submissions and throttles; returns the mails dropped. */
async function forgetAddress(trx: Trx, email: string): Promise<number> {
  const mails = await trx.deleteFrom('outbox').where((eb) => eb(eb.fn('lower', ['to_address']), '=', email)).executeTakeFirst();
  await trx
    .updateTable('organisations')
    .set({ submitter_name: null, submitter_email: null })
    .where((eb) => eb(eb.fn('lower', ['submitter_email']), '=', email))
    .execute();
  // Sign-in and reset throttles count by address ("login:email:…"); they would keep it for a day.
  const pattern = `%:email:${email.replace(/[\\%_]/g, (ch) => `\\${ch}`)}`;
  await trx.deleteFrom('throttle').where(sql<boolean>`${sql.ref('key')} like ${pattern} escape '\\'`).execute();
  return Number(mails.numDeletedRows);
}

/** scrubAuditEntries takes the personal fields out of the log entries about the person and their account. */
async function scrubAuditEntries(trx: Trx, personId: number, userId: number | undefined): Promise<void> {
  const entries = await trx
    .selectFrom('audit_log')
    .select(['id', 'before_json', 'after_json'])
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'person'), eb('entity_id', '=', String(personId))]),
        ...(userId === undefined ? [] : [eb.and([eb('entity_type', '=', 'user'), eb('entity_id', '=', String(userId))])]),
      ]),
    )
    .execute();
  for (const entry of entries) {
    await trx.updateTable('audit_log').set({ before_json: withoutPersonalKeys(entry.before_json), after_json: withoutPersonalKeys(entry.after_json) }).where('id', '=', entry.id).execute();
  }
}

/**
 * anonymisePerson does all of the above in one transaction with its audit entry. 'already' when the
 * person was anonymised before (also by a second request at the same moment), 'not_found' when unknown.
 * The caller checks the actor's permission.
 */
export async function anonymisePerson(db: Kysely<Database>, actor: SessionUser, personId: number, now: Date): Promise<AnonymiseResult> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('persons').select(['organisation_id', 'email_normalized']).where('id', '=', personId).executeTakeFirst();
    if (!before) return 'not_found';
    const name = placeholderName(personId);
    // The conditional update is the guard: of two requests at once, only one changes the row.
    const claimed = await trx
      .updateTable('persons')
      .set({
        name,
        name_folded: foldText(name),
        email: null,
        email_normalized: null,
        phone: null,
        job_function: null,
        organisation_id: null,
        city_id: null,
        contact_consent_at: null,
        contact_consent_method: null,
        updated_at: at,
        anonymised_at: at,
      })
      .where('id', '=', personId)
      .where('anonymised_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return 'already';
    // Contacts' names are part of their organisation's search text.
    if (before.organisation_id !== null) await refreshSearchText(trx, before.organisation_id);
    await trx.deleteFrom('contact_consent_links').where('person_id', '=', personId).execute();

    const account = await closeAccount(trx, personId);
    const groups = await leaveGroups(trx, personId, now);
    const mails_dropped = before.email_normalized ? await forgetAddress(trx, before.email_normalized) : 0;
    await scrubAuditEntries(trx, personId, account?.id);
    await audit(
      trx,
      { actorUserId: actor.id, action: 'person.anonymise', entityType: 'person', entityId: personId, before: { account: account ?? null }, after: { name, ...groups, mails_dropped } },
      now,
    );
    return 'anonymised';
  });
}
