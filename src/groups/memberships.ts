import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import { markPersonChanged } from '../calendar/stamps.js';
import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, Day, MembershipRole } from '../db/schema.js';
import { lockKey } from '../db/dialect.js';
import { normalizeEmail } from '../http/schemas.js';
import { containsFolded } from '../lib/fold.js';
import { findOrCreateOrganisation } from '../organisations/organisations.js';
import { PersonAnonymisedError } from '../people/people.js';
import { atLeast, type GroupAccess } from './access.js';
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
    ])
    .where('memberships.group_id', '=', groupId);
}

/**
 * listMembers: the group's current members (or, with `former`, the ended and future memberships),
 * filtered by name or organisation. Empty unless the access lets the viewer see members.
 */
export async function listMembers(
  db: Kysely<Database>,
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
  return query
    .$call((qb) => (opts.former ? qb.orderBy('memberships.ends_on', (ob) => ob.desc().nullsFirst()) : qb))
    .orderBy('persons.name_folded')
    .orderBy('persons.id')
    .limit(opts.limit ?? 2000)
    .execute();
}

/** countMembers: the number of current members, or null when the viewer may not see members. */
export async function countMembers(db: Kysely<Database>, access: GroupAccess, groupId: number, day: Day): Promise<number | null> {
  if (!atLeast(access, 'member')) return null;
  const row = await db.selectFrom('memberships').select((eb) => eb.fn.countAll<number>().as('n')).where('group_id', '=', groupId).where(currentOn(day)).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** personExists: whether a person with this id exists (for ids that come from a form), anonymised or not. */
export async function personExists(db: Kysely<Database>, personId: number): Promise<boolean> {
  return (await db.selectFrom('persons').select('id').where('id', '=', personId).executeTakeFirst()) !== undefined;
}

/** listOrganisers: the current chairs, deputies and organisers, shown to everyone who sees the group page. */
export async function listOrganisers(db: Kysely<Database>, access: GroupAccess, groupId: number, day: Day): Promise<Pick<MemberRow, 'name' | 'role' | 'organisation_name'>[]> {
  if (!atLeast(access, 'viewer')) return [];
  return memberQuery(db, groupId)
    .where(currentOn(day))
    .where('memberships.role', 'in', ['chair', 'deputy', 'organiser'])
    .orderBy('memberships.role')
    .orderBy('persons.name_folded')
    .execute();
}

export type PersonMatch = { kind: 'one'; personId: number } | { kind: 'many'; candidates: { id: number; name: string; email: string | null; organisation_name: string | null }[] } | { kind: 'none' };

/**
 * resolvePerson finds the person meant by what was typed in "add member": an e-mail address matches
 * exactly. Only the staff may search by name (at most 20 candidates): group organisers must not be able
 * to list the hub's people, so for them only an exact address finds someone. Anonymised people are never
 * found ("Ehemaliges Mitglied #12" would otherwise match a search for "mitglied").
 */
export async function resolvePerson(db: Kysely<Database>, viewer: SessionUser, text: string): Promise<PersonMatch> {
  const typed = text.trim();
  if (!typed) return { kind: 'none' };
  if (typed.includes('@')) {
    const byEmail = await db.selectFrom('persons').select('id').where('email_normalized', '=', normalizeEmail(typed)).where('anonymised_at', 'is', null).executeTakeFirst();
    if (byEmail) return { kind: 'one', personId: byEmail.id };
  }
  if (!isStaff(viewer)) return { kind: 'none' };
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
    const person = await trx.selectFrom('persons').select('anonymised_at').where('id', '=', input.personId).executeTakeFirst();
    if (person?.anonymised_at) throw new PersonAnonymisedError();
    await assertNoOverlap(trx, groupId, input);
    const organisationId = await findOrCreateOrganisation(trx, input.organisation, now);
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
