import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { emailField, requiredText } from '../http/schemas.js';
import { DIGEST_SETTING } from '../directory/digest.js';
import { readSite, SITE_KEYS } from '../http/site.js';

/**
 * The whole-number settings: their row's key, the value while none is stored, and the range a form
 * may set (the office's deadlines and checks, issue #19).
 */
export const NUMBER_SETTINGS = {
  /** Days before a project deadline its responsible person is reminded by mail (src/projects/reminders.ts). */
  projectReminderDays: { key: 'project_reminder_days', default: 14, min: 1, max: 90 },
  /** Months after which a funding programme's details are due for a check (src/programmes/programmes.ts). */
  programmeCheckMonths: { key: 'programme_check_months', default: 12, min: 1, max: 60 },
} as const;
export type NumberSetting = keyof typeof NUMBER_SETTINGS;

/** readNumberSetting: a whole-number setting as stored, or its default when none (or none valid) is. */
export async function readNumberSetting(db: Kysely<Database>, name: NumberSetting): Promise<number> {
  const s = NUMBER_SETTINGS[name];
  const row = await db.selectFrom('settings').select('value').where('key', '=', s.key).executeTakeFirst();
  const n = row && /^[0-9]{1,3}$/.test(row.value) ? Number(row.value) : NaN;
  return n >= s.min && n <= s.max ? n : s.default;
}

/**
 * The settings an admin edits at /admin/settings, each a row of the settings table (key, value). A
 * field added later is one entry here, one in the form's schema and one field in
 * views/settings/settings.tsx. The logo is uploaded on its own (./logo.ts).
 */
export const EDITABLE = {
  district_name: SITE_KEYS.districtName,
  office_name: SITE_KEYS.officeName,
  postal_address: SITE_KEYS.postalAddress,
  phone: SITE_KEYS.phone,
  office_email: SITE_KEYS.officeEmail,
  reply_to: SITE_KEYS.replyTo,
  sign_off: SITE_KEYS.signOff,
  dpo_contact: SITE_KEYS.dpoContact,
  submission_digest: DIGEST_SETTING,
  project_reminder_days: NUMBER_SETTINGS.projectReminderDays.key,
  programme_check_months: NUMBER_SETTINGS.programmeCheckMonths.key,
} as const;
export type SettingsForm = { [K in keyof typeof EDITABLE]: string };
/** What a post holds: a text field it does not send at all stays as it is (the page's form sends every one). */
export type SettingsInput = { [K in keyof typeof EDITABLE]?: string };

/** An optional e-mail address: empty, or a valid address (which also keeps line breaks out of mail headers). */
export const optionalEmail = z
  .string()
  .trim()
  .optional()
  .transform((v) => v ?? '')
  .pipe(z.union([z.literal(''), emailField]));

/** An e-mail address that may be empty; left out of the post, the stored one stays. */
const keptEmail = z.union([z.literal(''), emailField]).optional();

/** Free text of several lines (an address, a sign-off): line endings as "\n", no trailing blanks. */
const lines = (max: number) =>
  z
    .string()
    .transform((v) => v.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd()).join('\n').trim())
    .pipe(z.string().max(max, 'field.tooLong'))
    .optional();

/** A phone number as people write them: digits, spaces, "+", "/", "-", "(", ")" and dots. */
export const phone = z
  .string()
  .trim()
  .max(50, 'field.tooLong')
  .regex(/^(?:\+?[0-9 ()/.-]*[0-9][0-9 ()/.-]*)?$/, 'settings.phoneInvalid')
  .optional();

/** A checkbox: "on" when ticked, "" when not (an unticked box sends nothing). */
const checkbox = z
  .literal('on')
  .optional()
  .transform((v) => v ?? '');

/** A whole number in a setting's range; left out of the post, the stored one stays. */
const wholeNumber = (name: NumberSetting, message: 'settings.reminderDaysInvalid' | 'settings.checkMonthsInvalid') => {
  const s = NUMBER_SETTINGS[name];
  return z
    .string()
    .trim()
    .refine((v) => /^[0-9]{1,3}$/.test(v) && Number(v) >= s.min && Number(v) <= s.max, message)
    .transform((v) => String(Number(v)))
    .optional();
};

export const settingsSchema = z.object({
  district_name: requiredText(200).optional(),
  office_name: requiredText(200),
  postal_address: lines(500),
  phone,
  office_email: optionalEmail,
  reply_to: keptEmail,
  sign_off: lines(1000),
  dpo_contact: lines(1000),
  submission_digest: checkbox,
  project_reminder_days: wholeNumber('projectReminderDays', 'settings.reminderDaysInvalid'),
  programme_check_months: wholeNumber('programmeCheckMonths', 'settings.checkMonthsInvalid'),
});

/** loadSettings: the editable settings as they are stored now (a missing row reads as ""). */
export async function loadSettings(db: Kysely<Database>): Promise<SettingsForm> {
  const [site, digest, reminderDays, checkMonths] = await Promise.all([
    readSite(db),
    db.selectFrom('settings').select('value').where('key', '=', DIGEST_SETTING).executeTakeFirst(),
    readNumberSetting(db, 'projectReminderDays'),
    readNumberSetting(db, 'programmeCheckMonths'),
  ]);
  return {
    district_name: site.districtName,
    office_name: site.officeName,
    postal_address: site.postalAddress,
    phone: site.phone,
    office_email: site.officeEmail,
    reply_to: site.replyTo,
    sign_off: site.signOff,
    dpo_contact: site.dpoContact,
    submission_digest: digest?.value ?? '',
    project_reminder_days: String(reminderDays),
    programme_check_months: String(checkMonths),
  };
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
export async function saveSettings(db: Kysely<Database>, actor: SessionUser, input: SettingsInput, now: Date): Promise<boolean> {
  const changed = await db.transaction().execute(async (trx) => {
    const before = await loadSettings(trx);
    const form: SettingsForm = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
    const fields = (Object.keys(EDITABLE) as (keyof SettingsForm)[]).filter((f) => before[f] !== form[f]);
    if (fields.length === 0) return false;
    for (const f of fields) await writeSetting(trx, EDITABLE[f], form[f]);
    const pick = (values: SettingsForm) => Object.fromEntries(fields.map((f) => [f, values[f]]));
    await audit(trx, { actorUserId: actor.id, action: 'settings.update', entityType: 'settings', entityId: null, before: pick(before), after: pick(form) }, now);
    return true;
  });
  // Pages, mails and feeds on every instance show the new values from the next request on (src/http/site.ts).
  return changed;
}
