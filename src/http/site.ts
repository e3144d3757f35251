import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Site } from './env.js';

const CACHE_MS = 60_000;

/**
 * siteLoader reads the district's name and office from the settings table. It is shown on every page,
 * so it is kept for a minute; another instance sees an edit within that minute, which is fine for a name.
 */
export function siteLoader(db: Kysely<Database>): () => Promise<Site> {
  let cached: { site: Site; at: number } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.site;
    const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['district_name', 'office_name']).execute();
    const value = (key: string) => rows.find((r) => r.key === key)?.value ?? '';
    cached = { site: { districtName: value('district_name'), officeName: value('office_name') }, at: Date.now() };
    return cached.site;
  };
}
