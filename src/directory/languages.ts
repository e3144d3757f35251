import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { intlLanguageName, namesByEntry } from '../reference/names.js';

/*
 * The languages the directory knows are a table since migration 0027 (languages: ISO 639 code, German
 * name, the language's own name, position, retired), edited at /admin/lists/languages; their names in the
 * other interface languages are in reference_names. organisation_languages.language holds the code.
 */

/** Languages an entry's description may be written in (German required, the others optional). */
export const DESCRIPTION_LANGUAGES = ['de', 'en', 'tr', 'ar', 'ru', 'uk'] as const;
export type DescriptionLanguage = (typeof DESCRIPTION_LANGUAGES)[number];

/** Languages written right to left, for dir="rtl". */
export const RTL_LANGUAGES = new Set(['ar', 'fa', 'prs', 'ps', 'ur', 'ku']);

/** The shape of a language code the directory accepts (ISO 639-1 or 639-3); whether it is in the table is checked against it. */
export const LANGUAGE_CODE = /^[a-z]{2,3}$/;

/** languageName: "tr" → "Türkisch" (de) / "Turkish" (en) from Intl.DisplayNames; the code itself if unknown. For names as the table has them use loadLanguageNames. */
export function languageName(code: string, locale: string): string {
  return intlLanguageName(code, locale) ?? code;
}

export interface LanguageRow {
  code: string;
  /** The name in the reader's language. */
  name: string;
  /** Whether `name` is the German one (no name in the reader's language known): the page marks it lang="de". */
  german: boolean;
  endonym: string;
  retired: boolean;
}

/**
 * loadLanguages: every language of the table (active and retired) in its order, named in the reader's
 * language: the stored name, else what Intl.DisplayNames calls it there, else the German name.
 */
export async function loadLanguages(db: Kysely<Database>, locale: string): Promise<LanguageRow[]> {
  const [rows, names] = await Promise.all([
    db.selectFrom('languages').select(['code', 'name', 'endonym', 'retired_at']).orderBy('position').orderBy('code').execute(),
    locale === 'de' ? Promise.resolve(new Map<string, Partial<Record<string, string>>>()) : namesByEntry(db, 'languages'),
  ]);
  return rows.map((r) => {
    const name = locale === 'de' ? r.name : (names.get(r.code)?.[locale] ?? intlLanguageName(r.code, locale) ?? r.name);
    return { code: r.code, name, german: name === r.name, endonym: r.endonym, retired: r.retired_at !== null };
  });
}

/** A language's name for the reader, and whether it is the German one (marked lang="de" on a page in another language). */
export interface LanguageLabel {
  name: string;
  german: boolean;
}

/** loadLanguageLabels: a function naming any code in the reader's language, saying where the name is German. */
export async function loadLanguageLabels(db: Kysely<Database>, locale: string): Promise<(code: string) => LanguageLabel> {
  const byCode = new Map((await loadLanguages(db, locale)).map((l) => [l.code, { name: l.name, german: l.german }]));
  return (code) => byCode.get(code) ?? { name: languageName(code, locale), german: locale === 'de' };
}

/** loadLanguageNames: a function naming any code in the reader's language (codes the table lacks as Intl names them). */
export async function loadLanguageNames(db: Kysely<Database>, locale: string): Promise<(code: string) => string> {
  const label = await loadLanguageLabels(db, locale);
  return (code) => label(code).name;
}
