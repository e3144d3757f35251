import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** The interface languages every entry of a list has a name in; German is required, the others fall back to it. */
export const INTERFACE_LOCALES = ['de', 'en', 'tr', 'ar', 'ru', 'uk'] as const;
export type InterfaceLocale = (typeof INTERFACE_LOCALES)[number];
/** The languages stored in reference_names (German is the entry's own column). */
export const OTHER_LOCALES = INTERFACE_LOCALES.slice(1) as readonly Exclude<InterfaceLocale, 'de'>[];

/** The editable lists (src/reference/); cities are src/cities/. */
export const REFERENCE_LISTS = ['fields', 'kinds', 'targets', 'languages'] as const;
export type ReferenceList = (typeof REFERENCE_LISTS)[number];

/** Names of an entry in other languages than German: locale → name. */
export type LocalNames = Partial<Record<string, string>>;

/** referenceLabel: an entry's name in the reader's language (any locale string), its German name where it has none. */
export function referenceLabel(row: { name: string; names?: LocalNames }, locale: string): string {
  return (locale !== 'de' && row.names?.[locale]) || row.name;
}

/** namesByEntry: the stored names of a list's entries in every language but German: entry → locale → name. */
export async function namesByEntry(db: Kysely<Database>, list: ReferenceList, entries?: string[]): Promise<Map<string, LocalNames>> {
  const out = new Map<string, LocalNames>();
  if (entries && entries.length === 0) return out;
  let q = db.selectFrom('reference_names').select(['entry', 'locale', 'name']).where('list', '=', list);
  if (entries) q = q.where('entry', 'in', entries);
  for (const r of await q.execute()) {
    const names = out.get(r.entry) ?? {};
    names[r.locale] = r.name;
    out.set(r.entry, names);
  }
  return out;
}

/** intlLanguageName: what Intl.DisplayNames calls a language in a locale; undefined when it does not know the code. */
export function intlLanguageName(code: string, locale: string): string | undefined {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    return name && name.toLowerCase() !== code.toLowerCase() ? name : undefined;
  } catch {
    return undefined;
  }
}
