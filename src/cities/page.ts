import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/sessions.js';
import type { City, Database } from '../db/schema.js';
import { referenceLabel } from '../directory/choices.js';
import { namesByEntry } from '../reference/names.js';
import { coverage } from '../directory/overview.js';
import { currentOn, listAllVisibleGroups } from '../groups/groups.js';
import type { Locale } from '../i18n/index.js';
import { today } from '../lib/berlin-time.js';
import { mayReadGroupMembersOnCityPage } from './access.js';
import { cityFigures, type CityFigure } from '../statistics/need-city.js';

/** How many entries and dates a city page lists before it links to the directory and the calendar. */
export const ENTRY_LIMIT = 100;
export const DATE_LIMIT = 10;

export interface CityMember {
  name: string;
  organisation: string | null;
  role: string;
}

export interface CityGroupMembers {
  group: { name: string; slug: string };
  members: CityMember[];
}

export interface CityDate {
  id: number;
  title: string;
  starts_at: string;
  location: string | null;
  status: string;
  group_name: string;
  group_slug: string;
}

export interface CityPageData {
  city: City;
  fields: { id: number; name: string; label: string; count: number }[];
  /** The largest cell of the whole coverage table: the shades compare the city with the district. */
  maxCell: number;
  entries: { id: number; name: string; kind: string }[];
  entryTotal: number;
  groups: CityGroupMembers[];
  dates: CityDate[];
  /** The city's latest figures of the Datensammlung (issue #18, src/statistics/need-city.ts). */
  figures: CityFigure[];
}

/**
 * The members of the internal working group(s) who are there for this city: current members whose
 * membership names an organisation seated in the city (organisations.city_id), or, where the membership
 * names no organisation, whose own city (persons.city_id) is this one. Only the groups whose member list
 * the viewer may read (the group's members and the staff, src/groups/access.ts): an internal group does
 * not exist for anyone else, so the public page shows no such section to them.
 */
async function internalMembers(db: Kysely<Database>, viewer: SessionUser | null, cityId: number, day: string): Promise<CityGroupMembers[]> {
  if (!viewer) return [];
  const visible = (await listAllVisibleGroups(db, viewer, day)).filter((g) => g.group.kind === 'internal' && !g.group.archived_at && mayReadGroupMembersOnCityPage(g.access));
  if (visible.length === 0) return [];
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('persons', 'persons.id', 'memberships.person_id')
    .leftJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select(['memberships.group_id', 'persons.name', 'organisations.name as organisation', 'memberships.role'])
    .where('memberships.group_id', 'in', visible.map((g) => g.group.id))
    .where(currentOn(day))
    .where('persons.anonymised_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('organisations.city_id', '=', cityId),
        eb.and([eb.or([eb('memberships.organisation_id', 'is', null), eb('organisations.city_id', 'is', null)]), eb('persons.city_id', '=', cityId)]),
      ]),
    )
    .orderBy('persons.name')
    .execute();
  return visible
    .map((g) => ({ group: { name: g.group.name, slug: g.group.slug }, members: rows.filter((r) => r.group_id === g.group.id).map((r) => ({ name: r.name, organisation: r.organisation, role: r.role })) }))
    .filter((g) => g.members.length > 0);
}

/**
 * Public dates of the city: upcoming meetings of groups that publish their dates whose place names the
 * city (meetings have a place as text, groups no city; so "at the city" is read from the place). The
 * district-wide entry lists none: its dates are the calendar's.
 */
async function publicDates(db: Kysely<Database>, city: City, now: Date): Promise<CityDate[]> {
  if (city.kind !== 'city') return [];
  const names = [...new Set([city.short_name, city.name].map((n) => n.trim().toLowerCase()).filter((n) => n.length >= 3))];
  if (names.length === 0) return [];
  return db
    .selectFrom('meetings')
    .innerJoin('groups', 'groups.id', 'meetings.group_id')
    .select(['meetings.id', 'meetings.title', 'meetings.starts_at', 'meetings.location', 'meetings.status', 'groups.name as group_name', 'groups.slug as group_slug'])
    .where('groups.dates_public', '=', 1)
    .where('groups.archived_at', 'is', null)
    .where('meetings.starts_at', '>=', now.toISOString())
    .where((eb) => eb.or(names.map((n) => eb(eb.fn('lower', [eb.fn.coalesce('meetings.location', eb.val(''))]), 'like', `%${n.replace(/[%_\\]/g, '')}%`))))
    .orderBy('meetings.starts_at')
    .orderBy('meetings.id')
    .limit(DATE_LIMIT)
    .execute();
}

/** loadCityPage: everything a city page shows, for this viewer. */
export async function loadCityPage(db: Kysely<Database>, viewer: SessionUser | null, city: City, locale: Locale, now: Date): Promise<CityPageData> {
  const day = today(now);
  const entriesQuery = db
    .selectFrom('organisations')
    .where('status', '=', 'published')
    // The entries that serve the city: the same as the directory's city filter (/directory?city=…) and the coverage table.
    .where('id', 'in', db.selectFrom('organisation_cities').select('organisation_id').where('city_id', '=', city.id));
  const [fields, names, cov, entries, total, groups, dates, figures] = await Promise.all([
    db.selectFrom('fields_of_action').select(['id', 'name']).where('retired_at', 'is', null).orderBy('position').execute(),
    namesByEntry(db, 'fields'),
    coverage(db),
    entriesQuery.select(['id', 'name', 'kind']).orderBy('name').orderBy('id').limit(ENTRY_LIMIT).execute(),
    entriesQuery.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    internalMembers(db, viewer, city.id, day),
    publicDates(db, city, now),
    cityFigures(db, city, locale),
  ]);
  return {
    city,
    fields: fields.map((f) => ({ id: f.id, name: f.name, label: referenceLabel({ name: f.name, names: names.get(String(f.id)) }, locale), count: cov.cells.get(`${city.id}:${f.id}`) ?? 0 })),
    maxCell: Math.max(0, ...cov.cells.values()),
    entries,
    entryTotal: Number(total?.n ?? 0),
    groups,
    dates,
    figures,
  };
}
