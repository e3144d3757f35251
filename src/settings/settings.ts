import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { emailField, requiredText } from '../http/schemas.js';
import { DIGEST_SETTING } from '../directory/digest.js';
import { forgetSite, readSite, SITE_KEYS } from '../http/site.js';

/**
 * The settings an admin edits at /admin/settings, each a row of the settings table (key, value). A
 * field added later (the district's address, the mail sign-off …) is one entry here, one in the form's
 * schema and one field in views/settings/settings.tsx.
 */
export const EDITABLE = { office_name: SITE_KEYS.officeName, office_email: SITE_KEYS.officeEmail, submission_digest: DIGEST_SETTING } as const;
export type SettingsForm = { [K in keyof typeof EDITABLE]: string };

/** An optional e-mail address: empty, or a valid address (which also keeps line breaks out of mail headers). */
export const optionalEmail = z
  .string()
  .trim()
  .optional()
  .transform((v) => v ?? '')
  .pipe(z.union([z.literal(''), emailField]));

/** A checkbox: "on" when ticked, "" when not (an unticked box sends nothing). */
const checkbox = z
  .literal('on')
  .optional()
  .transform((v) => v ?? '');

export const settingsSchema = z.object({ office_name: requiredText(200), office_email: optionalEmail, submission_digest: checkbox });

/** loadSettings: the editable settings as they are stored now (a missing row reads as ""). */
export async function loadSettings(db: Kysely<Database>): Promise<SettingsForm> {
  const [site, digest] = await Promise.all([readSite(db), db.selectFrom('settings').select('value').where('key', '=', DIGEST_SETTING).executeTakeFirst()]);
  return { office_name: site.officeName, office_email: site.officeEmail, submission_digest: digest?.value ?? '' };
}

/** writeSetting stores one setting, whether or not its row exists yet. */
export async function writeSetting(trx: Kysely<Database>, key: string, value: string): Promise<void> {
  const updated = await trx.updateTable('settings').set({ value }).where('key', '=', key).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await trx.insertInto('settings').values({ key, value }).execute();
}

/**
 * saveSettings stores the changed settings in one transaction, with one audit entry naming what changed
 * (before and after). Returns false when nothing differed (nothing written, nothing audited).
 */
export async function saveSettings(db: Kysely<Database>, actor: SessionUser, form: SettingsForm, now: Date): Promise<boolean> {
  const changed = await db.transaction().execute(async (trx) => {
    const before = await loadSettings(trx);
    const fields = (Object.keys(EDITABLE) as (keyof SettingsForm)[]).filter((f) => before[f] !== form[f]);
    if (fields.length === 0) return false;
    for (const f of fields) await writeSetting(trx, EDITABLE[f], form[f]);
    const pick = (values: SettingsForm) => Object.fromEntries(fields.map((f) => [f, values[f]]));
    await audit(trx, { actorUserId: actor.id, action: 'settings.update', entityType: 'settings', entityId: null, before: pick(before), after: pick(form) }, now);
    return true;
  });
  // Pages, mails and feeds show the new values from the next request on (src/http/site.ts).
  if (changed) forgetSite(db);
  return changed;
}
