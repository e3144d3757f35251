import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { inviteMail } from '../auth/mails.js';
import { createOneTimeToken } from '../auth/one-time-tokens.js';
import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import { invalidateUserSessions } from '../auth/sessions.js';
import { isUniqueViolation, lockKey } from '../db/dialect.js';
import type { ConsentMethod, Database, Role } from '../db/schema.js';
import { normalizeEmail } from '../http/schemas.js';
import { containsFolded, foldText } from '../lib/fold.js';
import { enqueueMail } from '../mail/outbox.js';
import { refreshSearchText } from '../directory/entries.js';
import { withdrawConsentInTransaction } from '../directory/contacts.js';
import { findOrCreateOrganisation } from '../organisations/organisations.js';
import { needsConfirmation, requestEmailChange } from './email-change.js';

/** What the person forms carry (profile, create, edit). */
export interface PersonInput {
  name: string;
  email?: string;
  phone?: string;
  job_function?: string;
  organisation?: string;
  city_id?: number;
}

export interface PersonDetails {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  job_function: string | null;
  organisation_name: string | null;
  city_id: number | null;
  city_name: string | null;
  user_id: number | null;
  role: Role | null;
  active: 0 | 1 | null;
  has_password: boolean;
  contact_consent_at: string | null;
  contact_consent_method: ConsentMethod | null;
  /** When the person was anonymised (src/privacy/anonymise.ts); such a person can no longer be changed. */
  anonymised_at: string | null;
}

export type PersonListRow = Pick<PersonDetails, 'id' | 'name' | 'email' | 'job_function' | 'organisation_name' | 'city_name' | 'role' | 'active' | 'has_password' | 'anonymised_at'>;

/** Context of a change: when, and what invitation mails need. */
export interface ChangeContext {
  now: Date;
  baseUrl: string;
  districtName: string;
}

export class DuplicateEmailError extends Error {}
export class NoEmailError extends Error {}
export class AlreadyActiveAccountError extends Error {}
export class UnknownCityError extends Error {}
/** The person was anonymised: nothing about them may be changed or brought back. */
export class PersonAnonymisedError extends Error {}

/**
 * lockPerson serialises the changes of one person with their anonymisation (src/privacy/anonymise.ts
 * takes it too): a change that checked anonymised_at with a plain read could otherwise write the
 * details back that an anonymisation committed in between. Check anonymised_at after taking it.
 */
export async function lockPerson(trx: Kysely<Database>, personId: number): Promise<void> {
  await lockKey(trx, `person:${personId}`);
}

/** assertNotAnonymised: throws PersonAnonymisedError for an anonymised person (a guard inside changes). */
async function assertNotAnonymised(trx: Kysely<Database>, personId: number): Promise<void> {
  const person = await trx.selectFrom('persons').select('anonymised_at').where('id', '=', personId).executeTakeFirst();
  if (person?.anonymised_at) throw new PersonAnonymisedError();
}

/** assertCity: a city id from a form must name a city of this district. */
async function assertCity(trx: Kysely<Database>, cityId: number | null): Promise<void> {
  if (cityId === null) return;
  // A retired city (src/cities/) is no longer offered: its people moved to the replacement.
  const city = await trx.selectFrom('cities').select('id').where('id', '=', cityId).where('retired', '=', 0).executeTakeFirst();
  if (!city) throw new UnknownCityError();
}

function personQuery(db: Kysely<Database>) {
  return db
    .selectFrom('persons')
    .leftJoin('organisations', 'organisations.id', 'persons.organisation_id')
    .leftJoin('cities', 'cities.id', 'persons.city_id')
    .leftJoin('users', 'users.person_id', 'persons.id')
    .select((eb) => [
      'persons.id',
      'persons.name',
      'persons.email',
      'persons.phone',
      'persons.job_function',
      'organisations.name as organisation_name',
      'persons.city_id',
      'cities.name as city_name',
      'users.id as user_id',
      'users.role',
      'users.active',
      'persons.contact_consent_at',
      'persons.contact_consent_method',
      'persons.anonymised_at',
      eb.case().when('users.password_hash', 'is not', null).then(1).else(0).end().as('has_password'),
    ]);
}

/**
 * listPeople: one page of people for the secretariat, filtered by a search over name, e-mail and
 * organisation. Others get an empty list: the directory of people is the secretariat's.
 */
export async function listPeople(
  db: Kysely<Database>,
  viewer: SessionUser,
  opts: { q?: string; page: number; pageSize: number },
): Promise<{ rows: PersonListRow[]; hasNext: boolean }> {
  if (!isStaff(viewer)) return { rows: [], hasNext: false };
  let query = personQuery(db);
  const q = opts.q?.trim();
  if (q) {
    query = query.where((eb) =>
      eb.or([containsFolded('persons.name_folded', q), containsFolded('persons.email_normalized', q), containsFolded('organisations.name_normalized', q)]),
    );
  }
  const rows = await query
    .orderBy('persons.name_folded')
    .orderBy('persons.id')
    .limit(opts.pageSize + 1)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  return { rows: rows.slice(0, opts.pageSize).map(withFlags), hasNext: rows.length > opts.pageSize };
}

function withFlags<T extends { has_password: unknown }>(row: T): T & { has_password: boolean } {
  return { ...row, has_password: Number(row.has_password) === 1 };
}

/** findPersonForViewer: the secretariat sees everyone, a person themself; undefined otherwise or when unknown. */
export async function findPersonForViewer(db: Kysely<Database>, viewer: SessionUser, personId: number): Promise<PersonDetails | undefined> {
  if (!isStaff(viewer) && viewer.personId !== personId) return undefined;
  const row = await personQuery(db).where('persons.id', '=', personId).executeTakeFirst();
  return row ? withFlags(row) : undefined;
}

/** emailTaken: whether another person (not `exceptPersonId`) has this address, compared case-insensitively. */
export async function emailTaken(db: Kysely<Database>, email: string, exceptPersonId?: number): Promise<boolean> {
  let query = db.selectFrom('persons').select('id').where('email_normalized', '=', normalizeEmail(email));
  if (exceptPersonId !== undefined) query = query.where('id', '!=', exceptPersonId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Runs a change and turns a unique-index race on the e-mail address into DuplicateEmailError. */
async function guardEmail<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateEmailError();
    throw err;
  }
}

function personValues(input: PersonInput) {
  const email = input.email?.trim() || null;
  return {
    name: input.name.trim(),
    name_folded: foldText(input.name),
    email,
    email_normalized: email ? normalizeEmail(email) : null,
    phone: input.phone?.trim() || null,
    job_function: input.job_function?.trim() || null,
    city_id: input.city_id ?? null,
  };
}

/**
 * createPerson adds a person, optionally with an account that is invited by mail, in one transaction
 * with its audit entry. Throws DuplicateEmailError, or NoEmailError when an account is asked for
 * without an address.
 */
export async function createPerson(
  db: Kysely<Database>,
  actor: SessionUser,
  input: PersonInput & { account?: Role },
  ctx: ChangeContext,
): Promise<number> {
  const values = personValues(input);
  if (input.account && !values.email) throw new NoEmailError();
  return guardEmail(() =>
    db.transaction().execute(async (trx) => {
      if (values.email && (await emailTaken(trx, values.email))) throw new DuplicateEmailError();
      await assertCity(trx, values.city_id);
      const at = ctx.now.toISOString();
      const organisationId = await findOrCreateOrganisation(trx, input.organisation, ctx.now);
      const person = await trx
        .insertInto('persons')
        .values({ ...values, organisation_id: organisationId, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, { actorUserId: actor.id, action: 'person.create', entityType: 'person', entityId: person.id, after: { ...values, organisation: input.organisation ?? null } }, ctx.now);
      if (input.account) await inviteInTransaction(trx, actor, person.id, input.account, ctx);
      return person.id;
    }),
  );
}

/**
 * updatePerson changes a person's details (the staff, or the person on their profile). A new address
 * of an account that has a password is not stored here: it waits for confirmation by links to the old
 * and the new address (./email-change.ts), which needs the hub's address for the links
 * (`when.baseUrl`); everything else is saved at once.
 */
export async function updatePerson(db: Kysely<Database>, actor: SessionUser, personId: number, input: PersonInput, when: Date | { now: Date; baseUrl: string }): Promise<void> {
  const { now, baseUrl } = when instanceof Date ? { now: when, baseUrl: undefined } : when;
  let values = personValues(input);
  await guardEmail(() =>
    db.transaction().execute(async (trx) => {
      await lockPerson(trx, personId);
      const before = await trx.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
      if (before.anonymised_at) throw new PersonAnonymisedError();
      const hasAccount = await trx.selectFrom('users').select(['id', 'password_hash']).where('person_id', '=', personId).executeTakeFirst();
      if (hasAccount && !values.email) throw new NoEmailError();
      if (values.email && (await emailTaken(trx, values.email, personId))) throw new DuplicateEmailError();
      if (hasAccount && needsConfirmation({ hasPassword: hasAccount.password_hash !== null }, before.email, values.email)) {
        if (!baseUrl || !before.email) throw new Error('updatePerson: an account address changes only with links (baseUrl)');
        await requestEmailChange(trx, actor, { userId: hasAccount.id, name: values.name, oldEmail: before.email }, values.email!, { now, baseUrl });
        // The login address stays until both links are used.
        values = { ...values, email: before.email, email_normalized: before.email_normalized };
      }
      await assertCity(trx, values.city_id);
      const organisationId = await findOrCreateOrganisation(trx, input.organisation, now);
      const movedOrganisation = before.organisation_id !== organisationId;
      // Consent to be shown as a contact was given for one organisation: moving ends it (audited).
      if (movedOrganisation) await withdrawConsentInTransaction(trx, actor.id, personId, now, 'organisation_changed');
      await trx
        .updateTable('persons')
        .set({ ...values, organisation_id: organisationId, updated_at: now.toISOString() })
        .where('id', '=', personId)
        .execute();
      // Consenting contacts' names are part of their organisation's search text. After a move there is
      // no consent: the withdrawal above already refreshed the old entry, and the new one does not
      // show the person. Staying, a consenting contact's new name must be found.
      if (!movedOrganisation && organisationId !== null && before.contact_consent_at) await refreshSearchText(trx, organisationId);
      // An account without a password changed its address at once: the invitation sent to the old one ends.
      if (hasAccount && before.email_normalized !== values.email_normalized) await trx.deleteFrom('auth_tokens').where('user_id', '=', hasAccount.id).execute();
      const { created_at: _c, updated_at: _u, ...beforeValues } = before;
      await audit(trx, { actorUserId: actor.id, action: 'person.update', entityType: 'person', entityId: personId, before: beforeValues, after: { ...values, organisation_id: organisationId } }, now);
    }),
  );
}

async function inviteInTransaction(trx: Kysely<Database>, actor: SessionUser, personId: number, role: Role, ctx: ChangeContext): Promise<void> {
  await lockPerson(trx, personId);
  await assertNotAnonymised(trx, personId);
  const person = await trx.selectFrom('persons').select(['name', 'email']).where('id', '=', personId).executeTakeFirstOrThrow();
  if (!person.email) throw new NoEmailError();
  const existing = await trx.selectFrom('users').select(['id', 'password_hash', 'active']).where('person_id', '=', personId).executeTakeFirst();
  if (existing?.password_hash && existing.active) throw new AlreadyActiveAccountError();
  const at = ctx.now.toISOString();
  const userId = existing
    ? existing.id
    : (await trx.insertInto('users').values({ person_id: personId, role, active: 1, created_at: at, password_hash: null }).returning('id').executeTakeFirstOrThrow()).id;
  const token = await createOneTimeToken(trx, 'invite', userId, ctx.now);
  await enqueueMail(trx, inviteMail(person.email, person.name, `${ctx.baseUrl}/invite/${token}`, ctx.districtName), ctx.now);
  await audit(trx, { actorUserId: actor.id, action: 'user.invite', entityType: 'user', entityId: userId, after: { person_id: personId, role: existing ? undefined : role } }, ctx.now);
}

/**
 * inviteAccount creates an account for a person (or renews the invitation of one that has not chosen a
 * password yet, or was deactivated) and mails the set-password link. The account becomes active only
 * when the link is used. Throws NoEmailError, AlreadyActiveAccountError or PersonAnonymisedError.
 */
export async function inviteAccount(db: Kysely<Database>, actor: SessionUser, personId: number, role: Role, ctx: ChangeContext): Promise<void> {
  await db.transaction().execute((trx) => inviteInTransaction(trx, actor, personId, role, ctx));
}

/**
 * setAccountActive deactivates (all sessions end at once) or reactivates a person's account; throws
 * PersonAnonymisedError when asked to reactivate the account of an anonymised person.
 */
export async function setAccountActive(db: Kysely<Database>, actor: SessionUser, personId: number, active: boolean, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockPerson(trx, personId);
    const user = await trx.selectFrom('users').select(['id', 'active']).where('person_id', '=', personId).executeTakeFirst();
    if (!user) return false;
    if (active) await assertNotAnonymised(trx, personId);
    await trx.updateTable('users').set({ active: active ? 1 : 0 }).where('id', '=', user.id).execute();
    if (!active) {
      await invalidateUserSessions(trx, user.id);
      await trx.deleteFrom('auth_tokens').where('user_id', '=', user.id).execute();
      // Calendar feed URLs too: reactivating an account must not bring back addresses that leaked since.
      await trx.deleteFrom('feed_tokens').where('user_id', '=', user.id).execute();
    }
    await audit(trx, { actorUserId: actor.id, action: active ? 'user.activate' : 'user.deactivate', entityType: 'user', entityId: user.id, before: { active: user.active }, after: { active: active ? 1 : 0 } }, now);
    return true;
  });
}

/**
 * withdrawContactConsent: the person is no longer shown as a contact in the public directory (the
 * search text of their organisation follows at once). False when there was no consent.
 */
export async function withdrawContactConsent(db: Kysely<Database>, actor: SessionUser, personId: number, now: Date): Promise<boolean> {
  return db.transaction().execute((trx) => withdrawConsentInTransaction(trx, actor.id, personId, now, 'staff'));
}

/** setRole changes the role of a person's account (admins only; the route checks). */
export async function setRole(db: Kysely<Database>, actor: SessionUser, personId: number, role: Role, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockPerson(trx, personId);
    const user = await trx.selectFrom('users').select(['id', 'role']).where('person_id', '=', personId).executeTakeFirst();
    if (!user) return false;
    await assertNotAnonymised(trx, personId);
    await trx.updateTable('users').set({ role }).where('id', '=', user.id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'user.role', entityType: 'user', entityId: user.id, before: { role: user.role }, after: { role } }, now);
    return true;
  });
}

/** cityOptions: the current (not retired) cities for select fields, in their configured order. */
export function cityOptions(db: Kysely<Database>) {
  return db.selectFrom('cities').select(['id', 'name']).where('retired', '=', 0).orderBy('position').orderBy('name').execute();
}
