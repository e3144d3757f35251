import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { isStaff } from '../auth/permissions.js';
import { newToken, secretMatches, splitToken } from '../auth/secrets.js';
import type { SessionUser } from '../auth/sessions.js';
import { isUniqueViolation, lockKey } from '../db/dialect.js';
import type { ConsentMethod, Database, Instant } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { translator } from '../i18n/index.js';
import { formatters, startOfDay, today } from '../lib/berlin-time.js';
import { foldText } from '../lib/fold.js';
import { enqueueMail } from '../mail/outbox.js';
import { checkConfirmation } from './confirmation.js';
import { refreshSearchText } from './entries.js';

/**
 * Consent of directory contacts (DSGVO Art. 6 (1) a, Art. 7): a person linked to an organisation is shown
 * in the public directory (page and search) only while `contact_consent_at` is set; how the consent was
 * given is kept next to it, and every grant and withdrawal is in the audit log with who recorded it.
 * Withdrawing is as easy as consenting: the staff, the organisation through its yearly confirmation link,
 * and the contact through the link mailed with every consent. Exports (CSV, vCard, JSON-LD) never carry
 * contacts: a file already downloaded could not follow a withdrawal.
 */

/** Ways the staff record consent given to them; "online" is the public submission form's. */
export const STAFF_CONSENT_METHODS = ['written', 'email', 'verbal'] as const satisfies readonly ConsentMethod[];
export type StaffConsentMethod = (typeof STAFF_CONSENT_METHODS)[number];

/** Who ended a consent, kept in the audit entry. */
export type WithdrawalVia = 'staff' | 'contact_link' | 'confirmation_link' | 'organisation_changed';

export interface ConsentGrant {
  method: ConsentMethod;
  /** When the consent was given (the staff give a day; see consentInstant). */
  at: Instant;
}

export interface ContactRow {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  job_function: string | null;
  contact_consent_at: string | null;
  contact_consent_method: ConsentMethod | null;
}

export interface ChangeContext {
  now: Date;
  baseUrl: string;
  districtName: string;
}

export class DuplicateContactEmailError extends Error {}

const t = translator('de');
const fmt = formatters('de');

/**
 * consentInstant: the day the staff entered as an instant: the start of that Berlin day, or now when it
 * is today (so that the order of events on one day stays right in the log).
 */
export function consentInstant(day: string, now: Date): Instant {
  return day === today(now) ? now.toISOString() : startOfDay(day);
}

/**
 * listEntryContacts: everyone linked to an organisation, with their consent, for the staff (at most 100,
 * by name). Others get an empty list: contacts without consent are the office's business only.
 */
export function listEntryContacts(db: Kysely<Database>, viewer: SessionUser | null, organisationId: number): Promise<ContactRow[]> {
  if (!isStaff(viewer)) return Promise.resolve([]);
  return db
    .selectFrom('persons')
    .select(['id', 'name', 'email', 'phone', 'job_function', 'contact_consent_at', 'contact_consent_method'])
    .where('organisation_id', '=', organisationId)
    .orderBy('name_folded')
    .orderBy('id')
    .limit(100)
    .execute();
}

/** withdrawalUrl: the address of a withdrawal link. */
function withdrawalUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/directory/withdraw/${token}`;
}

/**
 * grantConsentInTransaction records a contact's consent (replacing an earlier one), makes a new
 * withdrawal link (older ones stop working), updates the organisation's search text and writes the audit
 * entry. With `mail`, the contact (if they have an address) gets the link at once. Returns the link's
 * address, or null when the person does not exist.
 */
export async function grantConsentInTransaction(
  trx: Kysely<Database>,
  actorUserId: number | null,
  personId: number,
  grant: ConsentGrant,
  ctx: ChangeContext & { mail: boolean },
): Promise<string | null> {
  // Two grants at once (two staff, or staff and the submission form) would each delete the other's
  // links before inserting their own and so leave two working withdrawal links; one at a time per person.
  await lockKey(trx, `consent:${personId}`);
  const person = await trx
    .selectFrom('persons')
    .leftJoin('organisations', 'organisations.id', 'persons.organisation_id')
    .select(['persons.name', 'persons.email', 'persons.organisation_id', 'persons.contact_consent_at', 'persons.contact_consent_method', 'organisations.name as organisation_name'])
    .where('persons.id', '=', personId)
    .executeTakeFirst();
  if (!person) return null;
  await trx.updateTable('persons').set({ contact_consent_at: grant.at, contact_consent_method: grant.method, updated_at: ctx.now.toISOString() }).where('id', '=', personId).execute();
  await trx.deleteFrom('contact_consent_links').where('person_id', '=', personId).execute();
  const { id, token, secretHash } = newToken();
  await trx.insertInto('contact_consent_links').values({ id, secret_hash: secretHash, person_id: personId, created_at: ctx.now.toISOString() }).execute();
  if (person.organisation_id !== null) await refreshSearchText(trx, person.organisation_id);
  await audit(
    trx,
    {
      actorUserId,
      action: 'person.consent_granted',
      entityType: 'person',
      entityId: personId,
      before: person.contact_consent_at ? { contact_consent_at: person.contact_consent_at, contact_consent_method: person.contact_consent_method } : undefined,
      after: { contact_consent_at: grant.at, contact_consent_method: grant.method, organisation_id: person.organisation_id },
    },
    ctx.now,
  );
  const link = withdrawalUrl(ctx.baseUrl, token);
  if (ctx.mail && person.email) {
    const params = {
      name: person.name,
      organisation: person.organisation_name ?? '',
      district: ctx.districtName,
      date: fmt.date(grant.at),
      method: t(`consent.method.${grant.method}`),
      link,
      privacy: `${ctx.baseUrl}/datenschutz`,
    };
    await enqueueMail(trx, { to: person.email, subject: t('consent.mail.subject', params), text: t('consent.mail.body', params) }, ctx.now);
  }
  return link;
}

/**
 * withdrawConsentInTransaction ends a contact's consent: they disappear from the public page and search
 * at once (the organisation's search text is rewritten), their withdrawal links stop working, and the
 * audit entry says who ended it and how. False when there was no consent.
 */
export async function withdrawConsentInTransaction(trx: Kysely<Database>, actorUserId: number | null, personId: number, now: Date, via: WithdrawalVia): Promise<boolean> {
  const person = await trx.selectFrom('persons').select(['organisation_id', 'contact_consent_at', 'contact_consent_method']).where('id', '=', personId).executeTakeFirst();
  if (!person?.contact_consent_at) return false;
  // Conditional, so that of two withdrawals at once (a link clicked twice, staff and contact together)
  // only one acts: on PostgreSQL the second update waits for the first and then finds no consent left.
  const result = await trx
    .updateTable('persons')
    .set({ contact_consent_at: null, contact_consent_method: null, updated_at: now.toISOString() })
    .where('id', '=', personId)
    .where('contact_consent_at', 'is not', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await trx.deleteFrom('contact_consent_links').where('person_id', '=', personId).execute();
  if (person.organisation_id !== null) await refreshSearchText(trx, person.organisation_id);
  await audit(
    trx,
    {
      actorUserId,
      action: 'person.consent_withdrawn',
      entityType: 'person',
      entityId: personId,
      before: { contact_consent_at: person.contact_consent_at, contact_consent_method: person.contact_consent_method },
      after: { contact_consent_at: null, contact_consent_method: null, via, organisation_id: person.organisation_id },
    },
    now,
  );
  return true;
}

export interface NewContact {
  name: string;
  email?: string;
  phone?: string;
  job_function?: string;
}

/**
 * addContact adds a person as a contact of an organisation, with the consent the staff recorded or
 * without (then they are not shown), in one transaction with its audit entries. Throws
 * DuplicateContactEmailError when the address belongs to someone else.
 */
export async function addContact(db: Kysely<Database>, actor: SessionUser, organisationId: number, input: NewContact, grant: ConsentGrant | null, ctx: ChangeContext): Promise<number> {
  const email = input.email?.trim() || null;
  try {
    return await db.transaction().execute(async (trx) => {
      if (email && (await trx.selectFrom('persons').select('id').where('email_normalized', '=', normalizeEmail(email)).executeTakeFirst())) throw new DuplicateContactEmailError();
      const at = ctx.now.toISOString();
      const values = {
        name: input.name.trim(),
        name_folded: foldText(input.name),
        email,
        email_normalized: email ? normalizeEmail(email) : null,
        phone: input.phone?.trim() || null,
        job_function: input.job_function?.trim() || null,
        organisation_id: organisationId,
      };
      const person = await trx.insertInto('persons').values({ ...values, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      await audit(trx, { actorUserId: actor.id, action: 'person.create', entityType: 'person', entityId: person.id, after: values }, ctx.now);
      if (grant) await grantConsentInTransaction(trx, actor.id, person.id, grant, { ...ctx, mail: true });
      return person.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateContactEmailError();
    throw err;
  }
}

/** isContactOf: whether the person is linked to the organisation (the staff act on an entry's contacts only). */
export async function isContactOf(db: Kysely<Database>, organisationId: number, personId: number): Promise<boolean> {
  const row = await db.selectFrom('persons').select('id').where('id', '=', personId).where('organisation_id', '=', organisationId).executeTakeFirst();
  return row !== undefined;
}

/** recordConsent: the staff record a contact's consent. False when the person is not a contact of the entry. */
export async function recordConsent(db: Kysely<Database>, actor: SessionUser, organisationId: number, personId: number, grant: ConsentGrant, ctx: ChangeContext): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await isContactOf(trx, organisationId, personId))) return false;
    await grantConsentInTransaction(trx, actor.id, personId, grant, { ...ctx, mail: true });
    return true;
  });
}

/** withdrawContact: the staff end a contact's consent. "missing": not a contact of the entry; "none": no consent. */
export async function withdrawContact(db: Kysely<Database>, actor: SessionUser, organisationId: number, personId: number, now: Date): Promise<'withdrawn' | 'none' | 'missing'> {
  return db.transaction().execute(async (trx) => {
    if (!(await isContactOf(trx, organisationId, personId))) return 'missing';
    return (await withdrawConsentInTransaction(trx, actor.id, personId, now, 'staff')) ? 'withdrawn' : 'none';
  });
}

export interface WithdrawalLink {
  linkId: string;
  personId: number;
  name: string;
  organisationName: string | null;
}

/**
 * checkWithdrawalLink: the contact a withdrawal link is for, while their consent stands; null for a
 * forged, replaced or used link. Changes nothing (mail scanners open links).
 */
export async function checkWithdrawalLink(db: Kysely<Database>, token: string | undefined): Promise<WithdrawalLink | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const row = await db
    .selectFrom('contact_consent_links')
    .innerJoin('persons', 'persons.id', 'contact_consent_links.person_id')
    .leftJoin('organisations', 'organisations.id', 'persons.organisation_id')
    .select(['contact_consent_links.id', 'contact_consent_links.secret_hash', 'persons.id as person_id', 'persons.name', 'persons.contact_consent_at', 'organisations.name as organisation_name'])
    .where('contact_consent_links.id', '=', parts.id)
    .executeTakeFirst();
  if (!row || row.contact_consent_at === null || !secretMatches(parts.secret, row.secret_hash)) return null;
  return { linkId: row.id, personId: row.person_id, name: row.name, organisationName: row.organisation_name };
}

/** withdrawByLink: the contact withdraws through their link. False for an unusable link. */
export async function withdrawByLink(db: Kysely<Database>, token: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const link = await checkWithdrawalLink(trx, token);
    if (!link) return false;
    return withdrawConsentInTransaction(trx, null, link.personId, now, 'contact_link');
  });
}

/**
 * withdrawByConfirmationLink: the organisation, through its yearly confirmation link, asks that one of
 * its contacts is no longer shown. The link stays usable for confirming the entry. "invalid": the link is
 * unusable; "none": the link is fine but the person is not (or no longer) a consenting contact of that
 * entry, say after a second click, which is no reason to call the link broken.
 */
export async function withdrawByConfirmationLink(db: Kysely<Database>, token: string, personId: number, now: Date): Promise<'withdrawn' | 'none' | 'invalid'> {
  return db.transaction().execute(async (trx) => {
    const link = await checkConfirmation(trx, token, now);
    if (!link) return 'invalid';
    if (!(await isContactOf(trx, link.organisationId, personId))) return 'none';
    return (await withdrawConsentInTransaction(trx, null, personId, now, 'confirmation_link')) ? 'withdrawn' : 'none';
  });
}

/** publicContactsOf: the consenting contacts of an entry as the confirmation page lists them (ids to withdraw). */
export function publicContactsOf(db: Kysely<Database>, organisationId: number) {
  return db
    .selectFrom('persons')
    .select(['id', 'name', 'job_function'])
    .where('organisation_id', '=', organisationId)
    .where('contact_consent_at', 'is not', null)
    .orderBy('name_folded')
    .limit(50)
    .execute();
}
