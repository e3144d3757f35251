/**
 * Languages the directory knows (ISO 639-1), in the order offered in forms: the languages most spoken
 * by the district's migrant communities. Their names come from Intl.DisplayNames, once per UI language.
 */
export const OFFERED_LANGUAGES = [
  'de', 'en', 'tr', 'ar', 'ru', 'uk', 'pl', 'fa', 'ps', 'ku', 'ti', 'so', 'fr', 'es', 'it', 'el', 'ro', 'bg', 'sq', 'sr', 'hr', 'bs', 'zh', 'vi', 'ta', 'ur',
] as const;

/** Languages an entry's description may be written in (German required, the others optional). */
export const DESCRIPTION_LANGUAGES = ['de', 'en', 'tr', 'ar', 'ru', 'uk'] as const;
export type DescriptionLanguage = (typeof DESCRIPTION_LANGUAGES)[number];

/** Languages written right to left, for dir="rtl". */
export const RTL_LANGUAGES = new Set(['ar', 'fa', 'ps', 'ur', 'ku']);

const names = {
  de: new Intl.DisplayNames(['de'], { type: 'language' }),
  en: new Intl.DisplayNames(['en'], { type: 'language' }),
};

/** languageName: "tr" → "Türkisch" (de) / "Turkish" (en); the code itself if unknown. */
export function languageName(code: string, locale: 'de' | 'en'): string {
  return names[locale].of(code) ?? code;
}

export function isOfferedLanguage(code: string): boolean {
  return (OFFERED_LANGUAGES as readonly string[]).includes(code);
}
