import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { markPersonChanged } from '../calendar/stamps.js';
import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, Day, MembershipRole } from '../db/schema.js';
import { lockKey, toFlag } from '../db/dialect.js';
import { normalizeEmail } from '../http/schemas.js';
import { containsFolded } from '../lib/fold.js';
import { findOrCreateOrganisation } from '../organisations/organisations.js';
import { PersonAnonymisedError } from '../people/people.js';
import { atLeast, mayReadContact, type GroupAccess } from './access.js';
import { currentOn } from './groups.js';

export const MEMBERSHIP_ROLES: readonly MembershipRole[] = ['chair', 'deputy', 'organiser', 'member', 'guest'];

export interface MemberRow {
  membership_id: number;
  person_id: number;
  name: string;
  email: string | null;
  phone: string | null;
  job_function: string | null;
  role: MembershipRole;
  organisation_name: string | null;
  starts_on: Day;
  ends_on: Day | null;
  /** Whether the organisation is a published directory entry (only such a one can be represented). */
  organisation_published: boolean;
  /** Whether the staff confirmed that the member represents that organisation. */
  representation_confirmed: boolean;
  /** True when e-mail, phone and function were left out because the viewer may not see them. */
  contact_hidden: boolean;
}

function memberQuery(db: Kysely<Database>, groupId: number) {
  return db
    .selectFrom('memberships')
    .innerJoin('persons', 'persons.id', 'memberships.person_id')
    .leftJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select([
      'memberships.id as membership_id',
      'persons.id as person_id',
      'persons.name',
      'persons.email',
      'persons.phone',
      'persons.job_function',
      'memberships.role',
      'organisations.name as organisation_name',
      'memberships.starts_on',
      'memberships.ends_on',
      'memberships.contact_shared',
      'memberships.representation_confirmed_at',
      'organisations.status as organisation_status',
    ])
    .where('memberships.group_id', '=', groupId);
}

type MemberQueryRow = Awaited<ReturnType<ReturnType<typeof memberQuery>['execute']>>[number];

/** asMemberRow: a row as the viewer may see it (contact details only under mayReadContact). */
function asMemberRow(viewer: SessionUser | null, access: GroupAccess, row: MemberQueryRow): MemberRow {
  const { contact_shared, representation_confirmed_at, organisation_status, ...rest } = row;
  const visible = mayReadContact(viewer, access, row);
  return {
    ...rest,
    email: visible ? rest.email : null,
    phone: visible ? rest.phone : null,
    job_function: visible ? rest.job_function : null,
    contact_hidden: !visible,
    organisation_published: organisation_status === 'published',
    representation_confirmed: representation_confirmed_at !== null && organisation_status === 'published',
  };
}

/**
 * listMembers: the group's current members (or, with `former`, the ended and future memberships),
 * filtered by name or organisation, with contact details only where the viewer may see them
 * (mayReadContact). Empty unless the access lets the viewer see members.
 */
export async function listMembers(
  db: Kysely<Database>,
  viewer: SessionUser | null,
  access: GroupAccess,
  groupId: number,
  opts: { day: Day; q?: string; former?: boolean; limit?: number },
): Promise<MemberRow[]> {
  if (!atLeast(access, 'member')) return [];
  let query = memberQuery(db, groupId);
  query = opts.former
    ? query.where((eb) => eb.not(currentOn(opts.day)))
    : query.where(currentOn(opts.day));
  const q = opts.q?.trim();
  if (q) query = query.where((eb) => eb.or([containsFolded('persons.name_folded', q), containsFolded('organisations.name_normalized', q)]));
  const rows = await query
    .$call((qb) => (opts.former ? qb.orderBy('memberships.ends_on', (ob) => ob.desc().nullsFirst()) : qb))
    .orderBy('persons.name_folded')
    .orderBy('persons.id')
    .limit(opts.limit ?? 2000)
    .execute();
  return rows.map((row) => asMemberRow(viewer, access, row));
}

/** countMembers: the number of current members, or null when the viewer may not see members. */
export async function countMembers(db: Kysely<Database>, access: GroupAccess, groupId: number, day: Day): Promise<number | null> {
  if (!atLeast(access, 'member')) return null;
  const row = await db.selectFrom('memberships').select((eb) => eb.fn.countAll<number>().as('n')).where('group_id', '=', groupId).where(currentOn(day)).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * mayPickPerson: whether the viewer may add this person (an id from a form) to a group directly. The
 * staff may add anyone who exists; everyone else only a person they can already see: a current member
 * of one of their own groups whose details that membership shares, or a consenting contact of a
 * published directory entry. False also for an unknown id, so that trying ids tells nothing.
 */
export async function mayPickPerson(db: Kysely<Database>, viewer: SessionUser, personId: number, day: Day): Promise<boolean> {
  const person = db.selectFrom('persons').select('persons.id').where('persons.id', '=', personId);
  if (isStaff(viewer)) return (await person.executeTakeFirst()) !== undefined;
  const myGroups = db.selectFrom('memberships').select('memberships.group_id').where('memberships.person_id', '=', viewer.personId).where(currentOn(day));
  const row = await person
    .where('persons.anonymised_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb(
          'persons.id',
          'in',
          db.selectFrom('memberships').select('memberships.person_id').where('memberships.group_id', 'in', myGroups).where('memberships.contact_shared', '=', toFlag(true)).where(currentOn(day)),
        ),
        eb.and([
          eb('persons.contact_consent_at', 'is not', null),
          eb('persons.organisation_id', 'in', db.selectFrom('organisations').select('organisations.id').where('organisations.status', '=', 'published')),
        ]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** listOrganisers: the current chairs, deputies and organisers, shown to everyone who sees the group page. */
export async function listOrganisers(db: Kysely<Database>, access: GroupAccess, groupId: number, day: Day): Promise<Pick<MemberRow, 'name' | 'role' | 'organisation_name'>[]> {
  if (!atLeast(access, 'viewer')) return [];
  return db
    .selectFrom('memberships')
    .innerJoin('persons', 'persons.id', 'memberships.person_id')
    .leftJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select(['persons.name', 'memberships.role', 'organisations.name as organisation_name'])
    .where('memberships.group_id', '=', groupId)
    .where(currentOn(day))
    .where('memberships.role', 'in', ['chair', 'deputy', 'organiser'])
    .orderBy('memberships.role')
    .orderBy('persons.name_folded')
    .execute();
}

export type PersonMatch = { kind: 'one'; personId: number } | { kind: 'many'; candidates: { id: number; name: string; email: string | null; organisation_name: string | null }[] } | { kind: 'none' };

/**
 * resolvePerson finds the person meant by what the staff typed in "add member": an e-mail address matches
 * exactly, a name offers at most 20 candidates. Everyone else finds nobody: group managers must not
 * be able to list the hub's people or learn whether an address is known. Anonymised people are never
 * found ("Ehemaliges Mitglied #12" would otherwise match a search for "mitglied").
 */
export async function resolvePerson(db: Kysely<Database>, viewer: SessionUser, text: string): Promise<PersonMatch> {
  // Managers invite by address instead (invitations.ts): that an address is known must not show.
  if (!isStaff(viewer)) return { kind: 'none' };
  const typed = text.trim();
  if (!typed) return { kind: 'none' };
  if (typed.includes('@')) {
    const byEmail = await db.selectFrom('persons').select('id').where('email_normalized', '=', normalizeEmail(typed)).where('anonymised_at', 'is', null).executeTakeFirst();
    if (byEmail) return { kind: 'one', personId: byEmail.id };
  }
  const candidates = await db
    .selectFrom('persons')
    .leftJoin('organisations', 'organisations.id', 'persons.organisation_id')
    .select(['persons.id', 'persons.name', 'persons.email', 'organisations.name as organisation_name'])
    .where('persons.anonymised_at', 'is', null)
    .where((eb) => eb.or([containsFolded('persons.name_folded', typed), containsFolded('persons.email_normalized', typed)]))
    .orderBy('persons.name_folded')
    .limit(21)
    .execute();
  if (candidates.length === 1) return { kind: 'one', personId: candidates[0]!.id };
  if (candidates.length === 0) return { kind: 'none' };
  return { kind: 'many', candidates: candidates.slice(0, 20) };
}

export interface MembershipInput {
  personId: number;
  role: MembershipRole;
  organisation?: string;
  starts_on: Day;
  ends_on?: Day;
}

export class OverlappingMembershipError extends Error {}

/**
 * addMembership adds a person to a group. A person cannot hold two memberships of one group at the
 * same time: an overlap throws OverlappingMembershipError. An anonymised person left for good and
 * throws PersonAnonymisedError (also when their id is posted directly). The caller checks that the
 * actor manages the group.
 */
export async function addMembership(db: Kysely<Database>, actor: SessionUser, groupId: number, input: MembershipInput, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockKey(trx, `membership:${groupId}:${input.personId}`);
    const person = await trx.selectFrom('persons').select(['anonymised_at', 'organisation_id']).where('id', '=', input.personId).executeTakeFirst();
    if (person?.anonymised_at) throw new PersonAnonymisedError();
    await assertNoOverlap(trx, groupId, input);
    // Without an organisation named, a member represents the one the hub knows them by.
    const organisationId = input.organisation?.trim() ? await findOrCreateOrganisation(trx, input.organisation, now, { reviewedOnly: true }) : (person?.organisation_id ?? null);
    const at = now.toISOString();
    const row = await trx
      .insertInto('memberships')
      .values({
        group_id: groupId,
        person_id: input.personId,
        role: input.role,
        organisation_id: organisationId,
        starts_on: input.starts_on,
        ends_on: input.ends_on ?? null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await markPersonChanged(trx, input.personId, now);
    await audit(trx, { actorUserId: actor.id, action: 'membership.create', entityType: 'membership', entityId: row.id, after: { group_id: groupId, person_id: input.personId, role: input.role, organisation_id: organisationId, starts_on: input.starts_on, ends_on: input.ends_on ?? null } }, now);
    return row.id;
  });
}

/** assertNoOverlap: throws when the person already has a membership of the group in that period. */
export async function assertNoOverlap(trx: Kysely<Database>, groupId: number, input: Pick<MembershipInput, 'personId' | 'starts_on' | 'ends_on'>): Promise<void> {
  let query = trx
    .selectFrom('memberships')
    .select('id')
    .where('group_id', '=', groupId)
    .where('person_id', '=', input.personId)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', input.starts_on)]));
  if (input.ends_on) query = query.where('starts_on', '<=', input.ends_on);
  if (await query.executeTakeFirst()) throw new OverlappingMembershipError();
}

export class InvalidEndError extends Error {}

/**
 * endMembership sets the last day of a membership (kept as history, never deleted). Returns false when
 * the membership is not one of this group's; throws InvalidEndError for a day before its start or for a
 * membership that has already ended by then.
 */
export async function endMembership(db: Kysely<Database>, actor: SessionUser, groupId: number, membershipId: number, endsOn: Day, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const membership = await trx.selectFrom('memberships').select(['id', 'person_id', 'starts_on', 'ends_on']).where('id', '=', membershipId).where('group_id', '=', groupId).executeTakeFirst();
    if (!membership) return false;
    // Only a membership that lasts beyond that day can end on it; an ended one keeps its history.
    if (endsOn < membership.starts_on || (membership.ends_on !== null && membership.ends_on <= endsOn)) throw new InvalidEndError();
    await trx.updateTable('memberships').set({ ends_on: endsOn, updated_at: now.toISOString() }).where('id', '=', membershipId).execute();
    await markPersonChanged(trx, membership.person_id, now);
    await audit(trx, { actorUserId: actor.id, action: 'membership.end', entityType: 'membership', entityId: membershipId, before: { ends_on: membership.ends_on }, after: { ends_on: endsOn } }, now);
    return true;
  });
}

export class NotRepresentableError extends Error {}

/**
 * setRepresentation: the staff confirm that a member represents the organisation of their membership, or
 * take that back. Only a confirmed representation of a published directory entry lets the member edit
 * the entry (src/directory/entries.ts, isRepresentative); the organisation typed into a membership is
 * display text until then. Returns false when the membership is not one of this group's; throws
 * NotRepresentableError when confirming an organisation that is not a published entry.
 */
export async function setRepresentation(db: Kysely<Database>, actor: SessionUser, groupId: number, membershipId: number, confirm: boolean, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const membership = await trx
      .selectFrom('memberships')
      .leftJoin('organisations', 'organisations.id', 'memberships.organisation_id')
      .select(['memberships.id', 'memberships.organisation_id', 'memberships.representation_confirmed_at', 'organisations.status'])
      .where('memberships.id', '=', membershipId)
      .where('memberships.group_id', '=', groupId)
      .executeTakeFirst();
    if (!membership) return false;
    if (confirm && membership.status !== 'published') throw new NotRepresentableError();
    const at = now.toISOString();
    await trx
      .updateTable('memberships')
      .set({ representation_confirmed_at: confirm ? at : null, updated_at: at })
      .where('id', '=', membershipId)
      .execute();
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: confirm ? 'membership.representation_confirm' : 'membership.representation_revoke',
        entityType: 'membership',
        entityId: membershipId,
        before: { representation_confirmed_at: membership.representation_confirmed_at },
        after: { organisation_id: membership.organisation_id, representation_confirmed_at: confirm ? at : null },
      },
      now,
    );
    return true;
  });
}

/**
 * listGroupsOfPerson: the groups a person currently belongs to, with their role. The staff see anyone's,
 * a person their own; everyone else gets an empty list.
 */
export async function listGroupsOfPerson(db: Kysely<Database>, viewer: SessionUser, personId: number, day: Day): Promise<{ slug: string; name: string; role: MembershipRole; colour: string; kind: string }[]> {
  if (!isStaff(viewer) && viewer.personId !== personId) return [];
  return db
    .selectFrom('memberships')
    .innerJoin('groups', 'groups.id', 'memberships.group_id')
    .select(['groups.slug', 'groups.name', 'groups.colour', 'groups.kind', 'memberships.role'])
    .where('memberships.person_id', '=', personId)
    .where(currentOn(day))
    .where('groups.archived_at', 'is', null)
    .orderBy('groups.name')
    .execute();
}
