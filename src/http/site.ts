import { sql, type Kysely } from 'kysely';
import { databaseVersion } from '../db/change-counter.js';
import type { Database } from '../db/schema.js';
import type { Site } from './env.js';

/** The settings rows that make up Site (src/settings/ edits them); the logo has a table of its own. */
export const SITE_KEYS = {
  districtName: 'district_name',
  officeName: 'office_name',
  officeEmail: 'office_email',
  postalAddress: 'postal_address',
  phone: 'phone',
  replyTo: 'reply_to',
  signOff: 'sign_off',
  dpoContact: 'dpo_contact',
} as const satisfies Record<Exclude<keyof Site, 'logo'>, string>;

/** EMPTY_SITE: a site without settings (an error page when the database could not be read). */
export const EMPTY_SITE: Site = { districtName: '', officeName: '', officeEmail: '', postalAddress: '', phone: '', replyTo: '', signOff: '', dpoContact: '', logo: '' };

/**
 * readSite: the site's settings as they are in the database now (a missing row reads as ""): one query,
 * the settings rows and the logo's hash together.
 */
export async function readSite(db: Kysely<Database>): Promise<Site> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', Object.values(SITE_KEYS))
    .unionAll(db.selectFrom('site_logo').select([sql<string>`${LOGO_KEY}`.as('key'), 'sha256 as value']).where('id', '=', 1))
    .execute();
  const site = { ...EMPTY_SITE, logo: rows.find((r) => r.key === LOGO_KEY)?.value ?? '' };
  for (const [field, key] of Object.entries(SITE_KEYS) as [keyof typeof SITE_KEYS, string][]) site[field] = rows.find((r) => r.key === key)?.value ?? '';
  return site;
}

/** The logo's row in readSite's answer: a name no setting has (setting keys are snake_case). */
const LOGO_KEY = '#logo';

const caches = new WeakMap<Kysely<any>, { site: Site; version: string }>();

/**
 * siteLoader gives the district's name, office and logo for every request. A change shows at once on
 * every instance: on SQLite the settings are kept while the database is unchanged (src/db/change-counter.ts
 * sees this connection's writes and every other connection's commits, so also a second instance on the
 * same file); on PostgreSQL, which has no such counter, they are read on each request: one query of nine
 * rows by primary key, as cheap as asking whether they changed would be. The feeds' memo relies on this:
 * a feed's ETag contains the site's facts (name, office, its address), and is kept while the database is
 * unchanged.
 */
export function siteLoader(db: Kysely<Database>): () => Promise<Site> {
  return async () => {
    const version = databaseVersion(db);
    if (version === null) return readSite(db);
    const cached = caches.get(db);
    if (cached?.version === version) return cached.site;
    const site = await readSite(db);
    caches.set(db, { site, version });
    return site;
  };
}

/** mailAddressOf: the bare address of a sender like "Arbeitskreis-Hub <no-reply@example.org>". */
export function mailAddressOf(from: string): string {
  return /<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? from.trim();
}

/**
 * officeEmail: the address people write to the office at: the Reply-To of every mail and the ORGANIZER
 * of every calendar entry. While the setting is empty (an installation that never set it), the address
 * of MAIL_FROM, as before the setting existed.
 */
export function officeEmail(site: Pick<Site, 'officeEmail'>, mailFrom: string): string {
  return site.officeEmail || mailAddressOf(mailFrom);
}

/**
 * replyToOf: where answers to every mail go: the setting reply_to, else the office's address, else
 * MAIL_FROM's address (as before either setting existed).
 */
export function replyToOf(site: Pick<Site, 'officeEmail' | 'replyTo'>, mailFrom: string): string {
  return site.replyTo || officeEmail(site, mailFrom);
}

/** organizerOf: the office as a calendar entry's ORGANIZER (RFC 5546: exactly one in every event). */
export function organizerOf(site: Site, mailFrom: string): { name: string; email: string } {
  return { name: site.officeName, email: officeEmail(site, mailFrom) };
}
