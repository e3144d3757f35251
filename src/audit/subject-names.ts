import type { Kysely } from 'kysely';
import type { AuditEntry, Database } from '../db/schema.js';

/**
 * The names of what one page of the log is about (meetings, groups, people, accounts, directory entries,
 * memberships, action items, calendar feeds), as they are now: a renamed group shows its new name, an
 * anonymised person the placeholder. Missing from a map = deleted (the sentence says "no. 7" then).
 */
export interface SubjectNames {
  meetings: Map<number, { title: string; starts_at: string }>;
  groups: Map<number, string>;
  persons: Map<number, string>;
  /** Accounts by user id: the name of the person behind them. */
  users: Map<number, string>;
  organisations: Map<number, string>;
  memberships: Map<number, { person: string; group: string; organisation: string | null }>;
  actionItems: Map<number, string>;
  feeds: Map<number, string>;
}

export const emptyNames = (): SubjectNames => ({
  meetings: new Map(),
  groups: new Map(),
  persons: new Map(),
  users: new Map(),
  organisations: new Map(),
  memberships: new Map(),
  actionItems: new Map(),
  feeds: new Map(),
});

type Kind = keyof SubjectNames;

/** Which map an entry's own record belongs in, by its entity type. */
const ENTITY_KIND: Record<string, Kind> = {
  meeting: 'meetings',
  group: 'groups',
  person: 'persons',
  user: 'users',
  organisation: 'organisations',
  membership: 'memberships',
  action_item: 'actionItems',
  feed: 'feeds',
};

/** Ids an entry names in its recorded data, by key (e.g. the group and person of a new membership). */
const REFERENCE_KIND: Record<string, Kind> = {
  person_id: 'persons',
  for_person_id: 'persons',
  group_id: 'groups',
  organisation_id: 'organisations',
  approved_in: 'meetings',
};

const ID = /^[1-9][0-9]{0,14}$/;

function toId(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value === 'string' && ID.test(value)) return Number(value);
  return undefined;
}

/** parseObject: an entry's recorded data as an object; {} when empty, not an object or not JSON. */
export function parseObject(json: string | null): Record<string, unknown> {
  if (json === null) return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** referencedIds: per kind, the ids one page of entries is about (its records and the ids in its data). */
export function referencedIds(rows: Pick<AuditEntry, 'entity_type' | 'entity_id' | 'before_json' | 'after_json'>[]): Record<Kind, Set<number>> {
  const ids = Object.fromEntries(Object.keys(emptyNames()).map((k) => [k, new Set<number>()])) as Record<Kind, Set<number>>;
  for (const row of rows) {
    const kind = ENTITY_KIND[row.entity_type];
    const id = toId(row.entity_id);
    if (kind && id !== undefined) ids[kind].add(id);
    for (const side of [parseObject(row.before_json), parseObject(row.after_json)]) {
      for (const [key, refKind] of Object.entries(REFERENCE_KIND)) {
        const ref = toId(side[key]);
        if (ref !== undefined) ids[refKind].add(ref);
      }
    }
  }
  return ids;
}

/**
 * loadSubjectNames reads the names one page of the log needs: one query per kind of record that the
 * page mentions (at most eight, whatever the page size), never one per row.
 */
export async function loadSubjectNames(db: Kysely<Database>, rows: Pick<AuditEntry, 'entity_type' | 'entity_id' | 'before_json' | 'after_json'>[]): Promise<SubjectNames> {
  const ids = referencedIds(rows);
  const names = emptyNames();
  const list = (kind: Kind) => [...ids[kind]];
  const tasks: Promise<void>[] = [];
  if (ids.meetings.size)
    tasks.push(
      db.selectFrom('meetings').select(['id', 'title', 'starts_at']).where('id', 'in', list('meetings')).execute().then((r) => r.forEach((m) => names.meetings.set(m.id, { title: m.title, starts_at: m.starts_at }))),
    );
  if (ids.groups.size) tasks.push(db.selectFrom('groups').select(['id', 'name']).where('id', 'in', list('groups')).execute().then((r) => r.forEach((g) => names.groups.set(g.id, g.name))));
  if (ids.persons.size) tasks.push(db.selectFrom('persons').select(['id', 'name']).where('id', 'in', list('persons')).execute().then((r) => r.forEach((p) => names.persons.set(p.id, p.name))));
  if (ids.users.size)
    tasks.push(
      db
        .selectFrom('users')
        .innerJoin('persons', 'persons.id', 'users.person_id')
        .select(['users.id', 'persons.name'])
        .where('users.id', 'in', list('users'))
        .execute()
        .then((r) => r.forEach((u) => names.users.set(u.id, u.name))),
    );
  if (ids.organisations.size)
    tasks.push(db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', list('organisations')).execute().then((r) => r.forEach((o) => names.organisations.set(o.id, o.name))));
  if (ids.memberships.size)
    tasks.push(
      db
        .selectFrom('memberships')
        .innerJoin('persons', 'persons.id', 'memberships.person_id')
        .innerJoin('groups', 'groups.id', 'memberships.group_id')
        .leftJoin('organisations', 'organisations.id', 'memberships.organisation_id')
        .select(['memberships.id', 'persons.name as person', 'groups.name as group', 'organisations.name as organisation'])
        .where('memberships.id', 'in', list('memberships'))
        .execute()
        .then((r) => r.forEach((m) => names.memberships.set(m.id, { person: m.person, group: m.group, organisation: m.organisation }))),
    );
  if (ids.actionItems.size)
    tasks.push(db.selectFrom('action_items').select(['id', 'description']).where('id', 'in', list('actionItems')).execute().then((r) => r.forEach((a) => names.actionItems.set(a.id, a.description))));
  if (ids.feeds.size) tasks.push(db.selectFrom('feed_tokens').select(['id', 'name']).where('id', 'in', list('feeds')).execute().then((r) => r.forEach((f) => names.feeds.set(f.id, f.name))));
  await Promise.all(tasks);
  return names;
}
