import { deleteRequestsFrom } from '../advice/retention.js';
import { sql, type Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { refreshSearchText } from '../directory/entries.js';
import { foldText } from '../lib/fold.js';
import { today } from '../lib/berlin-time.js';
import { normalizeEmail } from '../http/schemas.js';
import { lockPerson } from '../people/people.js';

/**
 * Anonymising a person who leaves (DSGVO Art. 17), irreversibly. What it does and why:
 * - The person row stays, so that minutes, attendance, action items and comments keep their record;
 *   its name becomes a placeholder ("Ehemaliges Mitglied #12", stored German like all the hub's data),
 *   which every list shows through the usual join. Address, phone, function, organisation, city and the
 *   consent to be a directory contact are cleared.
 * - The account row stays too, disabled for good (no password, inactive, role member), so that the
 *   audit log still attributes what the person did to one (placeholder) actor instead of "system";
 *   sessions, one-time links and calendar feeds are deleted, and with the links a pending change of the
 *   login address (whose new address counts as one of the person's addresses below). Nothing can bring it back: the person has
 *   no address to reset a password with, and src/people refuses every change to an anonymised person:
 *   its changes take the same per-person lock (lockPerson) as this step and check anonymised_at only
 *   after they hold it, so an edit running at the same moment cannot write the details back.
 * - Memberships end today (history is kept); those that had not begun yet are deleted. Invitations to
 *   meetings still ahead are deleted; replies to past ones lose their comment but keep the answer until
 *   the retention period removes them (src/privacy/retention.ts).
 * - Mails to the person's addresses (the current one, a pending new one and every earlier one the audit
 *   log knows) leave the outbox, sent ones too (they carry name and address); open invitations to groups
 *   sent to those addresses are deleted (they name no person, only the address and a typed name);
 *   directory submissions from those addresses lose submitter name and address; sign-in throttles
 *   counted by an address go.
 * - Audit entries about the person's record and account lose the personal fields (name, address, …) at
 *   every depth; any other entry (say, a directory submission, whose subject is the organisation) has
 *   every value that equals one of the person's names, addresses or phone numbers replaced by the
 *   placeholder. The entry of this step names none of them.
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
const PERSONAL_KEYS = ['name', 'name_folded', 'email', 'email_normalized', 'new_email', 'phone', 'job_function', 'organisation', 'organisation_id', 'city_id'];

/** What identified the person at some time: names, addresses (normalised) and phone numbers. */
interface Traces {
  names: Set<string>;
  emails: Set<string>;
  phones: Set<string>;
  /** The same values as they were written, for the search in the log (see scrubAuditEntries). */
  written: Set<string>;
}

function parseJson(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** addTrace records one identifying value (names and phones compared trimmed and case-insensitively). */
function addTrace(traces: Traces, key: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') return;
  if (['name', 'email', 'email_normalized', 'new_email', 'phone'].includes(key)) traces.written.add(value.trim());
  if (key === 'name') traces.names.add(value.trim().toLowerCase());
  // new_email: the address a change of the login address would set (user.email_change_requested).
  else if (key === 'email' || key === 'email_normalized' || key === 'new_email') traces.emails.add(normalizeEmail(value));
  else if (key === 'phone') traces.phones.add(value.trim().toLowerCase());
}

/** matchesTrace: a string that is one of the person's names or phone numbers, or contains an address. */
function matchesTrace(value: string, traces: Traces): boolean {
  const lower = value.trim().toLowerCase();
  if (traces.names.has(lower) || traces.phones.has(lower)) return true;
  for (const email of traces.emails) if (lower.includes(email)) return true;
  return false;
}

/**
 * scrubValue walks a logged value: strings that identify the person become the placeholder; in the
 * person's own entries (`own`) the personal keys go at every depth, whatever they hold.
 */
function scrubValue(value: unknown, traces: Traces, placeholder: string, own: boolean): unknown {
  if (typeof value === 'string') return matchesTrace(value, traces) ? placeholder : value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, traces, placeholder, own));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !own || !PERSONAL_KEYS.includes(key))
        .map(([key, item]) => [key, scrubValue(item, traces, placeholder, own)]),
    );
  }
  return value;
}

function scrubJson(json: string | null, traces: Traces, placeholder: string, own: boolean): string | null {
  if (json === null) return null;
  const value = parseJson(json);
  // Unreadable JSON cannot be checked, so it cannot stay.
  return value === null ? null : JSON.stringify(scrubValue(value, traces, placeholder, own));
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
  // Date polls (src/polls/): their answers say when the person could come; their links would still open.
  const pollAnswers = await trx.deleteFrom('poll_answers').where('person_id', '=', personId).executeTakeFirst();
  await trx.deleteFrom('poll_invitees').where('person_id', '=', personId).execute();
  return {
    memberships_ended: Number(ended.numUpdatedRows),
    memberships_deleted: Number(notBegun.numDeletedRows),
    invitations_deleted: Number(invitations.numDeletedRows),
    poll_answers_deleted: Number(pollAnswers.numDeletedRows),
  };
}

/** forgetAddress removes the address from mails, group invitations, directory submissions and throttles; returns what it dropped. */
async function forgetAddress(trx: Trx, email: string): Promise<{ mails: number; groupInvitations: number }> {
  const mails = await trx.deleteFrom('outbox').where((eb) => eb(eb.fn('lower', ['to_address']), '=', email)).executeTakeFirst();
  const groupInvitations = await trx.deleteFrom('membership_invitations').where('email_normalized', '=', email).executeTakeFirst();
  await trx
    .updateTable('organisations')
    .set({ submitter_name: null, submitter_email: null })
    .where((eb) => eb(eb.fn('lower', ['submitter_email']), '=', email))
    .execute();
  // Advice requests sent with the address (src/advice/): deleted, their numbers kept.
  await deleteRequestsFrom(trx, email);
  // Sign-in and reset throttles count by address ("login:email:…"); they would keep it for a day.
  await trx.deleteFrom('throttle').where(sql<boolean>`${sql.ref('key')} like ${`%:email:${likeEscape(email)}`} escape '\\'`).execute();
  return { mails: Number(mails.numDeletedRows), groupInvitations: Number(groupInvitations.numDeletedRows) };
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** ownEntries selects the log entries whose subject is the person or their account. */
function ownEntries(trx: Trx, personId: number, userId: number | undefined) {
  return trx
    .selectFrom('audit_log')
    .select(['id', 'before_json', 'after_json'])
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'person'), eb('entity_id', '=', String(personId))]),
        ...(userId === undefined ? [] : [eb.and([eb('entity_type', '=', 'user'), eb('entity_id', '=', String(userId))])]),
      ]),
    );
}

/**
 * collectTraces gathers every name, address and phone number the person had: today's from the row,
 * earlier ones from the top level of their own audit entries (person.update keeps the old values).
 */
async function collectTraces(trx: Trx, current: { name: string; email: string | null; phone: string | null }, personId: number, userId: number | undefined): Promise<Traces> {
  const traces: Traces = { names: new Set(), emails: new Set(), phones: new Set(), written: new Set() };
  addTrace(traces, 'name', current.name);
  addTrace(traces, 'email', current.email);
  addTrace(traces, 'phone', current.phone);
  for (const entry of await ownEntries(trx, personId, userId).execute()) {
    for (const value of [parseJson(entry.before_json), parseJson(entry.after_json)]) {
      if (value && typeof value === 'object' && !Array.isArray(value)) for (const [key, item] of Object.entries(value)) addTrace(traces, key, item);
    }
  }
  // A pending address change's links carry its new address, also when the log has lost its request.
  if (userId !== undefined) {
    for (const link of await trx.selectFrom('auth_tokens').select('new_email').where('user_id', '=', userId).where('new_email', 'is not', null).execute()) addTrace(traces, 'new_email', link.new_email);
  }
  return traces;
}

/**
 * scrubAuditEntries takes the personal fields out of the log entries about the person and their account,
 * and the person's names, addresses and phone numbers out of every other entry that holds one. Finding
 * those means a scan of the log with LIKE; anonymising is rare, and a missed entry is a data breach.
 */
async function scrubAuditEntries(trx: Trx, personId: number, userId: number | undefined, traces: Traces, placeholder: string): Promise<void> {
  for (const entry of await ownEntries(trx, personId, userId).execute()) {
    await trx
      .updateTable('audit_log')
      .set({ before_json: scrubJson(entry.before_json, traces, placeholder, true), after_json: scrubJson(entry.after_json, traces, placeholder, true) })
      .where('id', '=', entry.id)
      .execute();
  }
  // Searched as they appear inside JSON text, with lower() on both sides (PostgreSQL's LIKE is
  // case-sensitive), and as written too: SQLite's lower() folds only ASCII, so "Özlem" must be
  // looked for as "Özlem", not as "özlem".
  const terms = [...new Set([...traces.written, ...traces.names, ...traces.emails, ...traces.phones])].map((term) => `%${likeEscape(JSON.stringify(term).slice(1, -1))}%`);
  if (terms.length === 0) return;
  const others = await trx
    .selectFrom('audit_log')
    .select(['id', 'before_json', 'after_json'])
    .where((eb) =>
      eb.or(
        terms.flatMap((pattern) => [
          sql<boolean>`lower(${sql.ref('before_json')}) like lower(${pattern}) escape '\\'`,
          sql<boolean>`lower(${sql.ref('after_json')}) like lower(${pattern}) escape '\\'`,
        ]),
      ),
    )
    .execute();
  for (const entry of others) {
    const before_json = scrubJson(entry.before_json, traces, placeholder, false);
    const after_json = scrubJson(entry.after_json, traces, placeholder, false);
    if (before_json !== entry.before_json || after_json !== entry.after_json) await trx.updateTable('audit_log').set({ before_json, after_json }).where('id', '=', entry.id).execute();
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
    // Changes in src/people take this lock too: none can have read the row before and write after us.
    await lockPerson(trx, personId);
    const before = await trx.selectFrom('persons').select(['organisation_id', 'name', 'email', 'phone']).where('id', '=', personId).executeTakeFirst();
    if (!before) return 'not_found';
    const userBefore = await trx.selectFrom('users').select('id').where('person_id', '=', personId).executeTakeFirst();
    // Read before the row and the log are cleared: afterwards nothing would tell what to look for.
    const traces = await collectTraces(trx, before, personId, userBefore?.id);
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
    let mails_dropped = 0;
    let group_invitations_deleted = 0;
    for (const email of traces.emails) {
      const dropped = await forgetAddress(trx, email);
      mails_dropped += dropped.mails;
      group_invitations_deleted += dropped.groupInvitations;
    }
    await scrubAuditEntries(trx, personId, account?.id, traces, name);
    await audit(
      trx,
      { actorUserId: actor.id, action: 'person.anonymise', entityType: 'person', entityId: personId, before: { account: account ?? null }, after: { name, ...groups, mails_dropped, group_invitations_deleted } },
      now,
    );
    return 'anonymised';
  });
}
