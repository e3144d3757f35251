import { sql, type Kysely, type RawBuilder } from 'kysely';
import { audit } from '../audit/audit.js';
import { can } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import { isUniqueViolation } from '../db/dialect.js';
import type { Database, Day, Group, GroupKind, MembershipRole } from '../db/schema.js';
import { accessTo, atLeast, type GroupAccess } from './access.js';

export interface GroupInput {
  name: string;
  slug: string;
  kind: GroupKind;
  description: string;
  colour: string;
  dates_public: boolean;
}

export interface VisibleGroup {
  group: Group;
  access: GroupAccess;
  /** The viewer's current role in the group, if they are a member. */
  role: MembershipRole | null;
}

export class DuplicateSlugError extends Error {}

/**
 * currentOn: the membership condition "lasts on this day" (both ends inclusive), parenthesised for NOT.
 * The day is a value or an SQL expression of one (a meeting's day, see meetingDay in src/meetings/invitations.ts).
 */
export function currentOn(day: Day | RawBuilder<Day>) {
  return sql<boolean>`(memberships.starts_on <= ${day} and (memberships.ends_on is null or memberships.ends_on >= ${day}))`;
}

/** slugify: "Arbeitskreis Integration – extern" → "arbeitskreis-integration-extern". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** currentRoles: the viewer's current role per group id (one query for a whole list). */
export async function currentRoles(db: Kysely<Database>, viewer: SessionUser | null, day: Day, groupIds?: number[]): Promise<Map<number, MembershipRole>> {
  if (!viewer || groupIds?.length === 0) return new Map();
  let query = db.selectFrom('memberships').select(['group_id', 'role']).where('person_id', '=', viewer.personId).where(currentOn(day));
  if (groupIds) query = query.where('group_id', 'in', groupIds);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.group_id, r.role]));
}

/** visibleGroups: a query of the groups the viewer may see (the same rule as accessTo, in SQL). */
export function visibleGroups(db: Kysely<Database>, viewer: SessionUser | null, day: Day) {
  const query = db.selectFrom('groups').selectAll();
  if (can(viewer, 'groups.manage')) return query;
  const mine = viewer
    ? db.selectFrom('memberships').select('memberships.group_id').where('memberships.person_id', '=', viewer.personId).where(currentOn(day))
    : null;
  return query.where((eb) => {
    const open = eb.and([eb('archived_at', 'is', null), viewer ? eb.or([eb('kind', '=', 'external'), eb('dates_public', '=', 1)]) : eb('dates_public', '=', 1)]);
    return mine ? eb.or([open, eb('id', 'in', mine)]) : open;
  });
}

function withAccess(viewer: SessionUser | null, groups: Group[], roles: Map<number, MembershipRole>): VisibleGroup[] {
  return groups
    .map((group) => ({ group, role: roles.get(group.id) ?? null }))
    .map((g) => ({ ...g, access: accessTo(viewer, g.group, g.role) }))
    .filter((g): g is VisibleGroup => g.access !== null);
}

/** listAllVisibleGroups: every group the viewer may see, by name, with their role and access (no paging). */
export async function listAllVisibleGroups(db: Kysely<Database>, viewer: SessionUser | null, day: Day): Promise<VisibleGroup[]> {
  const [groups, roles] = await Promise.all([visibleGroups(db, viewer, day).orderBy('name').execute(), currentRoles(db, viewer, day)]);
  return withAccess(viewer, groups, roles);
}

/**
 * listGroupsForViewer: one page of the groups the viewer may see (the same rule as accessTo, in SQL),
 * archived ones last, with the current member count where the viewer may see members.
 */
export async function listGroupsForViewer(
  db: Kysely<Database>,
  viewer: SessionUser | null,
  day: Day,
  opts: { page: number; pageSize: number },
): Promise<{ rows: (VisibleGroup & { memberCount: number | null })[]; hasNext: boolean }> {
  const groups = await visibleGroups(db, viewer, day)
    .orderBy(sql`case when archived_at is null then 0 else 1 end`)
    .orderBy('name')
    .limit(opts.pageSize + 1)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  const page = groups.slice(0, opts.pageSize);
  const visible = withAccess(viewer, page, await currentRoles(db, viewer, day, page.map((g) => g.id)));
  const countable = visible.filter((g) => atLeast(g.access, 'member')).map((g) => g.group.id);
  const counts = countable.length
    ? await db
        .selectFrom('memberships')
        .select((eb) => ['group_id', eb.fn.countAll<number>().as('n')])
        .where('group_id', 'in', countable)
        .where(currentOn(day))
        .groupBy('group_id')
        .execute()
    : [];
  const countOf = new Map(counts.map((c) => [c.group_id, Number(c.n)]));
  return {
    rows: visible.map((g) => ({ ...g, memberCount: countable.includes(g.group.id) ? (countOf.get(g.group.id) ?? 0) : null })),
    hasNext: groups.length > opts.pageSize,
  };
}

/** findGroupForViewer: the group with this slug and the viewer's access; undefined when unknown or not visible. */
export async function findGroupForViewer(db: Kysely<Database>, viewer: SessionUser | null, slug: string, day: Day): Promise<VisibleGroup | undefined> {
  const group = await db.selectFrom('groups').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!group) return undefined;
  const role = (await currentRoles(db, viewer, day, [group.id])).get(group.id) ?? null;
  const access = accessTo(viewer, group, role);
  return access ? { group, access, role } : undefined;
}

async function guardSlug<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateSlugError();
    throw err;
  }
}

function groupValues(input: GroupInput) {
  return {
    name: input.name,
    slug: input.slug,
    kind: input.kind,
    description: input.description,
    colour: input.colour,
    dates_public: input.dates_public ? (1 as const) : (0 as const),
  };
}

/** createGroup (staff only; the route checks): throws DuplicateSlugError when the address is taken. */
export async function createGroup(db: Kysely<Database>, actor: SessionUser, input: GroupInput, now: Date): Promise<string> {
  if (!can(actor, 'groups.manage')) throw new Error('not allowed');
  const at = now.toISOString();
  return guardSlug(() =>
    db.transaction().execute(async (trx) => {
      const values = groupValues(input);
      const row = await trx.insertInto('groups').values({ ...values, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      await audit(trx, { actorUserId: actor.id, action: 'group.create', entityType: 'group', entityId: row.id, after: values }, now);
      return input.slug;
    }),
  );
}

/** updateGroup changes a group's details; the slug may change too (old links then 404). */
export async function updateGroup(db: Kysely<Database>, actor: SessionUser, groupId: number, input: GroupInput, now: Date): Promise<void> {
  if (!can(actor, 'groups.manage')) throw new Error('not allowed');
  await guardSlug(() =>
    db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('groups').selectAll().where('id', '=', groupId).executeTakeFirstOrThrow();
      const values = groupValues(input);
      await trx.updateTable('groups').set({ ...values, updated_at: now.toISOString() }).where('id', '=', groupId).execute();
      await audit(trx, { actorUserId: actor.id, action: 'group.update', entityType: 'group', entityId: groupId, before: groupValues({ ...before, dates_public: before.dates_public === 1 }), after: values }, now);
    }),
  );
}

/** setGroupArchived archives a group (never deleted: its history stays) or brings it back. */
export async function setGroupArchived(db: Kysely<Database>, actor: SessionUser, groupId: number, archived: boolean, now: Date): Promise<void> {
  if (!can(actor, 'groups.manage')) throw new Error('not allowed');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('groups').set({ archived_at: archived ? now.toISOString() : null, updated_at: now.toISOString() }).where('id', '=', groupId).execute();
    await audit(trx, { actorUserId: actor.id, action: archived ? 'group.archive' : 'group.restore', entityType: 'group', entityId: groupId }, now);
  });
}
