import type { Kysely } from 'kysely';
import { databaseVersion } from '../db/change-counter.js';
import type { Database } from '../db/schema.js';
import type { Site } from './env.js';

const CACHE_MS = 60_000;

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

/** readSite: the site's settings as they are in the database now (a missing row reads as ""). */
export async function readSite(db: Kysely<Database>): Promise<Site> {
  const [rows, logo] = await Promise.all([
    db.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.values(SITE_KEYS)).execute(),
    db.selectFrom('site_logo').select('sha256').where('id', '=', 1).executeTakeFirst(),
  ]);
  const site = { ...EMPTY_SITE, logo: logo?.sha256 ?? '' };
  for (const [field, key] of Object.entries(SITE_KEYS) as [keyof typeof SITE_KEYS, string][]) site[field] = rows.find((r) => r.key === key)?.value ?? '';
  return site;
}

const caches = new WeakMap<Kysely<any>, { site: Site; at: number; version: string | null }>();

/**
 * siteLoader reads the district's name and office from the settings table. It is shown on every page,
 * so it is kept: on SQLite while the database is unchanged (src/db/change-counter.ts), elsewhere for a
 * minute, or until this instance saves the settings (forgetSite); another instance sees an edit within
 * that minute. The feeds' memo relies on the first: a feed's ETag contains the site's facts (name,
 * office, its address), and is kept while the database is unchanged.
 */
export function siteLoader(db: Kysely<Database>): () => Promise<Site> {
  return async () => {
    const version = databaseVersion(db);
    const cached = caches.get(db);
    if (cached && (version !== null ? cached.version === version : Date.now() - cached.at < CACHE_MS)) return cached.site;
    const site = await readSite(db);
    caches.set(db, { site, at: Date.now(), version });
    return site;
  };
}

/** forgetSite: the settings changed; the next request reads them anew (PostgreSQL has no change counter). */
export function forgetSite(db: Kysely<Database>): void {
  caches.delete(db);
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
