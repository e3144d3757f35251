import type { Kysely } from 'kysely';
import { databaseVersion } from '../db/change-counter.js';
import type { Database } from '../db/schema.js';
import type { Site } from './env.js';

const CACHE_MS = 60_000;

/**
 * siteLoader reads the district's name and office from the settings table. It is shown on every page,
 * so it is kept: on SQLite while the database is unchanged (src/db/change-counter.ts), elsewhere for a
 * minute (another instance sees an edit within that minute, which is fine for a name). The feeds' memo
 * relies on the first: a feed's ETag contains the name, and is kept while the database is unchanged.
 */
export function siteLoader(db: Kysely<Database>): () => Promise<Site> {
  let cached: { site: Site; at: number; version: string | null } | undefined;
  return async () => {
    const version = databaseVersion(db);
    if (cached && (version !== null ? cached.version === version : Date.now() - cached.at < CACHE_MS)) return cached.site;
    const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['district_name', 'office_name']).execute();
    const value = (key: string) => rows.find((r) => r.key === key)?.value ?? '';
    cached = { site: { districtName: value('district_name'), officeName: value('office_name') }, at: Date.now(), version };
    return cached.site;
  };
}
