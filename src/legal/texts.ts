import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { defaultImprint, defaultPrivacyNotice, type DefaultTextContext } from './defaults.js';

/**
 * The privacy notice and the imprint: public pages whose texts the admin writes. A text not saved yet
 * (or reset) is its built-in default, so the pages are never empty.
 */
export const SITE_TEXTS = {
  privacy: { slug: 'datenschutz', title: 'legal.privacyTitle', fallback: defaultPrivacyNotice },
  imprint: { slug: 'impressum', title: 'legal.imprint', fallback: defaultImprint },
} as const;
export type SiteTextKey = keyof typeof SITE_TEXTS;

/** Longest text accepted (a long privacy notice has some 20,000 characters). */
export const SITE_TEXT_MAX = 50_000;

/** siteTextKeyOf: the key of a German URL slug ("datenschutz" → "privacy"); undefined for others. */
export function siteTextKeyOf(slug: string | undefined): SiteTextKey | undefined {
  return (Object.keys(SITE_TEXTS) as SiteTextKey[]).find((k) => SITE_TEXTS[k].slug === slug);
}

/**
 * mayEditSiteTexts: only admins: the texts speak for the district as the legally responsible body,
 * which is more than running the working groups (the secretariat's part).
 */
export function mayEditSiteTexts(user: SessionUser | null): boolean {
  return user?.role === 'admin';
}

export interface SiteText {
  key: SiteTextKey;
  body: string;
  /** When an admin last saved it; null while the default shows. */
  updated_at: string | null;
}

/** loadSiteText: the saved text, or the default for this district (and its retention period). */
export async function loadSiteText(db: Kysely<Database>, key: SiteTextKey, site: DefaultTextContext): Promise<SiteText> {
  const row = await db.selectFrom('site_texts').select(['body', 'updated_at']).where('key', '=', key).executeTakeFirst();
  return row ? { key, ...row } : { key, body: SITE_TEXTS[key].fallback(site), updated_at: null };
}

/** saveSiteText stores an admin's text with its audit entry (old and new text), in one transaction. */
export async function saveSiteText(db: Kysely<Database>, actor: SessionUser, key: SiteTextKey, body: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('site_texts').select('body').where('key', '=', key).executeTakeFirst();
    const at = now.toISOString();
    await trx
      .insertInto('site_texts')
      .values({ key, body, updated_at: at, updated_by_user_id: actor.id })
      .onConflict((oc) => oc.column('key').doUpdateSet({ body, updated_at: at, updated_by_user_id: actor.id }))
      .execute();
    await audit(trx, { actorUserId: actor.id, action: 'site_text.update', entityType: 'site_text', entityId: key, before: before ? { body: before.body } : { body: null, default: true }, after: { body } }, now);
  });
}

/** resetSiteText brings back the default text (audited). False when the default shows already. */
export async function resetSiteText(db: Kysely<Database>, actor: SessionUser, key: SiteTextKey, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('site_texts').select('body').where('key', '=', key).executeTakeFirst();
    if (!before) return false;
    // Two resets at once on PostgreSQL both read the text; only the one that deleted it is audited.
    const deleted = await trx.deleteFrom('site_texts').where('key', '=', key).executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) return false;
    await audit(trx, { actorUserId: actor.id, action: 'site_text.reset', entityType: 'site_text', entityId: key, before: { body: before.body }, after: { body: null, default: true } }, now);
    return true;
  });
}
