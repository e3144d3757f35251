import type { Site } from '../http/env.js';
import type { MessageKey } from '../i18n/index.js';

/**
 * The settings a legal text shows, as {{placeholders}} in its Markdown (the defaults use them, and an
 * admin's own text may too): filled on every request from the settings (/admin/settings), so that a
 * changed address shows at once in both texts. A setting that is still empty becomes a [[placeholder]]
 * (./markup.ts): the public reads a neutral sentence there, admins a marked note and a warning that
 * names the setting and links to it.
 */
export const LEGAL_FIELDS = {
  district: { label: 'legal.field.district', value: (s: Site) => s.districtName },
  office: { label: 'legal.field.office', value: (s: Site) => s.officeName },
  address: { label: 'legal.field.address', value: (s: Site) => s.postalAddress },
  phone: { label: 'legal.field.phone', value: (s: Site) => s.phone },
  email: { label: 'legal.field.email', value: (s: Site) => s.officeEmail },
  dpo: { label: 'legal.field.dpo', value: (s: Site) => s.dpoContact },
} as const satisfies Record<string, { label: MessageKey; value: (s: Site) => string }>;
export type LegalField = keyof typeof LEGAL_FIELDS;

const TOKEN = /\{\{\s*([a-z]+)\s*\}\}/g;

/** The German name of a missing setting in the placeholder (the texts are German in every interface language). */
const MISSING_DE: Record<LegalField, string> = {
  district: 'Name des Kreises',
  office: 'Name der Geschäftsstelle',
  address: 'Postanschrift',
  phone: 'Telefonnummer',
  email: 'E-Mail-Adresse der Geschäftsstelle',
  dpo: 'Kontakt der oder des Datenschutzbeauftragten',
};

/** escapeMarkdown: a setting's value as literal text in Markdown, line by line (an address keeps its lines). */
function escapeMarkdown(value: string): string {
  return value
    .split('\n')
    .map((line) => line.trim().replace(/[\\`*_[\]<>#|~!{}&]/g, '\\$&').replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2'))
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * fillFields: a legal text with its {{placeholders}} replaced by the settings; what is still empty
 * becomes "[[Fehlt in den Einstellungen: …]]" and is listed in `missing` (each field once).
 */
export function fillFields(text: string, site: Site): { text: string; missing: LegalField[] } {
  const missing = new Set<LegalField>();
  const filled = text.replace(TOKEN, (whole, name: string) => {
    if (!(name in LEGAL_FIELDS)) return whole;
    const field = name as LegalField;
    const value = escapeMarkdown(LEGAL_FIELDS[field].value(site));
    if (value) return value;
    missing.add(field);
    return `[[Fehlt in den Einstellungen: ${MISSING_DE[field]}]]`;
  });
  return { text: filled, missing: [...missing] };
}

/** The placeholders an admin can write, for the editor's hint: "{{district}} (Name des Kreises), …". */
export function fieldList(): string {
  return (Object.keys(LEGAL_FIELDS) as LegalField[]).map((f) => `{{${f}}} (${MISSING_DE[f]})`).join(', ');
}
