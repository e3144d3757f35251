import { z } from 'zod';
import { requiredText } from '../http/schemas.js';
import { isDay } from '../lib/days.js';
import { optionalEmail, personFields } from '../people/schemas.js';
import { DESCRIPTION_LANGUAGES, LANGUAGE_CODE } from './languages.js';
import { honeypotSchema } from '../http/public-form.js';

// Form rules of directory entries. Messages are catalogue keys. Checkbox groups arrive as one string
// (one box ticked) or a list (several).

const optionalText = (max: number) => z.string().trim().max(max, 'field.tooLong').optional().transform((v) => v || undefined);
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean));
const idList = list.refine((v) => v.length <= 100 && v.every((x) => /^[1-9][0-9]{0,8}$/.test(x)), 'field.choose').transform((v) => v.map(Number));

// German is required; the other description languages are DESCRIPTION_LANGUAGES.
const descriptions = {
  description_de: requiredText(5000),
  description_en: optionalText(5000),
  description_tr: optionalText(5000),
  description_ar: optionalText(5000),
  description_ru: optionalText(5000),
  description_uk: optionalText(5000),
};

export const entryFields = {
  name: requiredText(300),
  kind: z.string({ error: 'field.choose' }).regex(/^[a-z_]{1,50}$/, 'field.choose'),
  city_id: z
    .string()
    .optional()
    .refine((v) => !v || /^[1-9][0-9]{0,8}$/.test(v), 'field.choose')
    .transform((v) => (v ? Number(v) : null)),
  street: optionalText(200),
  postal_code: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^[0-9]{5}$/.test(v), 'directory.postalCode')
    .transform((v) => v || undefined),
  place: optionalText(100),
  opening_hours: optionalText(1000),
  phone: z
    .string()
    .trim()
    .max(50, 'field.tooLong')
    .regex(/^[0-9+()/\- ]*$/, 'field.phone')
    .optional()
    .transform((v) => v || undefined),
  email: optionalEmail,
  website: z
    .string()
    .trim()
    .max(500, 'field.tooLong')
    .optional()
    .transform((v) => (!v ? undefined : /^https?:\/\//i.test(v) ? v : `https://${v}`))
    .refine((v) => v === undefined || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol) && new URL(v).hostname.includes('.')), 'directory.website'),
  offers: optionalText(5000),
  ...descriptions,
  languages: list.refine((v) => v.length <= 50 && v.every((code) => LANGUAGE_CODE.test(code)), 'field.choose'),
  fields: idList,
  cities: idList,
  targets: idList,
};

export const entrySchema = z.object(entryFields);

export const submissionSchema = z.object({
  ...entryFields,
  submitter_name: requiredText(200),
  submitter_email: z.string({ error: 'field.required' }).trim().min(1, 'field.required').max(320, 'field.tooLong').pipe(z.email({ error: 'field.email' })),
  submitter_phone: entryFields.phone,
  publish_contact: z.literal('on').optional(),
  consent: z.literal('on', { error: 'directory.consentRequired' }),
  // The honeypot: people leave it empty (it is hidden); form-filling robots do not.
  ...honeypotSchema,
});

export const rejectSchema = z.object({ reason: requiredText(2000) });

type Parsed = z.infer<typeof entrySchema>;

/** entryInput: the parsed form as the directory module's EntryInput. */
export function entryInput(v: Parsed) {
  return {
    name: v.name,
    kind: v.kind,
    city_id: v.city_id,
    street: v.street,
    postal_code: v.postal_code,
    place: v.place,
    opening_hours: v.opening_hours,
    phone: v.phone,
    email: v.email,
    website: v.website,
    offers: v.offers,
    descriptions: Object.fromEntries(DESCRIPTION_LANGUAGES.map((lang) => [lang, v[`description_${lang}`]]).filter(([, text]) => text)),
    languages: v.languages,
    fields: v.fields,
    cities: v.cities,
    targets: v.targets,
  };
}

/**
 * The consent of a directory contact as the staff record it: how it was given (a required choice; "none"
 * only when adding a contact, who is then not shown) and on which day.
 */
function consentFields<T extends readonly [string, ...string[]]>(choices: T) {
  return {
    consent: z.enum(choices, { error: 'consent.choose' }),
    consent_date: z.string().trim().max(20, 'field.date').optional(),
  };
}

function consentDateGiven(v: { consent: string; consent_date?: string }, ctx: z.RefinementCtx): void {
  if (v.consent === 'none') return;
  if (!v.consent_date) ctx.addIssue({ code: 'custom', path: ['consent_date'], message: 'consent.dateRequired' });
  else if (!isDay(v.consent_date)) ctx.addIssue({ code: 'custom', path: ['consent_date'], message: 'field.date' });
}

export const recordConsentSchema = z.object(consentFields(['written', 'email', 'verbal'] as const)).superRefine(consentDateGiven);

export const newContactSchema = z
  .object({
    name: requiredText(200),
    email: optionalEmail,
    phone: personFields.phone,
    job_function: optionalText(200),
    ...consentFields(['written', 'email', 'verbal', 'none'] as const),
  })
  .superRefine(consentDateGiven);
