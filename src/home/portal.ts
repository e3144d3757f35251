import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { loadChoices } from '../directory/choices.js';
import { listAllVisibleGroups } from '../groups/groups.js';
import { today } from '../lib/berlin-time.js';
import { upcomingProgrammes } from '../programmes/programmes.js';

/** How many of the next public dates the home page lists. */
export const PORTAL_DATES = 5;

export interface PortalDate {
  id: number;
  title: string;
  starts_at: string;
  location: string | null;
  group_name: string;
}

/**
 * loadPortal: what the home page shows visitors: the fields of action (entries into the directory),
 * the cities and the next dates of the groups that publish theirs (the public calendar's rule: what
 * an anonymous reader may see). Cancelled meetings are left out.
 */
export async function loadPortal(db: Kysely<Database>, locale: string, now: Date) {
  const day = today(now);
  const [choices, groups, cities, programmes] = await Promise.all([
    loadChoices(db, locale),
    listAllVisibleGroups(db, null, day),
    db.selectFrom('cities').select(['id', 'name', 'slug']).where('kind', '=', 'city').where('retired', '=', 0).orderBy('position').execute(),
    // Funding programmes (issue #19): the next open ones (src/programmes/).
    upcomingProgrammes(db, day),
  ]);
  const ids = groups.map((g) => g.group.id);
  const dates: PortalDate[] = ids.length
    ? await db
        .selectFrom('meetings')
        .innerJoin('groups', 'groups.id', 'meetings.group_id')
        .select(['meetings.id', 'meetings.title', 'meetings.starts_at', 'meetings.location', 'groups.name as group_name'])
        .where('meetings.group_id', 'in', ids)
        .where('meetings.starts_at', '>=', now.toISOString())
        .where('meetings.status', '!=', 'cancelled')
        .orderBy('meetings.starts_at')
        .orderBy('meetings.id')
        .limit(PORTAL_DATES)
        .execute()
    : [];
  // The ten cities (not the district itself, kind 'district'), each linked to its page.
  return { fields: choices.fields, cities, dates, programmes, today: day };
}

export type Portal = Awaited<ReturnType<typeof loadPortal>>;
