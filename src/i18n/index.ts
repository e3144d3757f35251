import { de, type MessageKey } from './de.js';
import { en } from './en.js';
import { PUBLIC_CATALOGUES, type PublicCatalogue } from './public/index.js';

/**
 * Locale: the interface languages of the whole hub (members' and staff pages): German and English.
 * It is also the language of data labels (reference lists, language names) as long as those only
 * exist in German and English: a visitor reading Arabic sees them in German (see dataLocale).
 */
export type Locale = 'de' | 'en';
/** PublicLocale: the wider set the public pages speak: de, en and every catalogue in public/index.ts. */
export type PublicLocale = Locale | PublicCatalogue['code'];
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export const INTERFACE_LOCALES: readonly Locale[] = ['de', 'en'];
/** The public languages in the order the language switch shows them. */
export const PUBLIC_LOCALES: readonly PublicLocale[] = ['de', 'en', ...PUBLIC_CATALOGUES.map((c) => c.code)];

const byCode = new Map<string, PublicCatalogue>(PUBLIC_CATALOGUES.map((c) => [c.code, c]));

/** Each language's name in itself, for the language switch. */
export const LANGUAGE_NAMES: Record<PublicLocale, string> = {
  de: 'Deutsch',
  en: 'English',
  ...Object.fromEntries(PUBLIC_CATALOGUES.map((c) => [c.code, c.name])),
} as Record<PublicLocale, string>;

export function isPublicLocale(value: string | undefined): value is PublicLocale {
  return value !== undefined && (PUBLIC_LOCALES as readonly string[]).includes(value);
}

/** Writing direction of a page language. */
export function directionOf(locale: PublicLocale): 'ltr' | 'rtl' {
  return byCode.get(locale)?.dir ?? 'ltr';
}

/** dataLocale: the language data labels fall back to on a page in `locale` (German for the public-only languages). */
export function dataLocale(locale: PublicLocale): Locale {
  return locale === 'en' ? 'en' : 'de';
}

/**
 * isMachineTranslated: whether a public catalogue's text for `key` was machine-made (not yet reviewed
 * by a native speaker). German and English are written by the team.
 */
export function isMachineTranslated(locale: PublicLocale, key: MessageKey): boolean {
  const catalogue = byCode.get(locale);
  return !!catalogue && !catalogue.reviewed.includes(key);
}

/**
 * A listener told about every key a public catalogue lacks (the German text is shown instead). Tests
 * install one to fail on missing translations; null in production.
 */
type FallbackListener = (locale: PublicLocale, key: MessageKey) => void;
let fallbackListener: FallbackListener | null = null;
export function onFallback(listener: FallbackListener | null): void {
  fallbackListener = listener;
}

function fill(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const full: Record<Locale, Record<MessageKey, string>> = { de, en };

/** translator returns t() for a locale; unknown placeholders stay visible so a missing one is noticed. */
export function translator(locale: PublicLocale): Translate {
  if (locale === 'de' || locale === 'en') {
    const catalogue = full[locale];
    return (key, params) => fill(catalogue[key], params);
  }
  const messages = byCode.get(locale)!.messages;
  return (key, params) => {
    const text = messages[key];
    if (text !== undefined) return fill(text, params);
    fallbackListener?.(locale, key);
    return fill(de[key], params);
  };
}

/** parseLocale reads the reader's choice (the `lang` cookie) for a members' page: German unless English was chosen. */
export function parseLocale(value: string | undefined): Locale {
  return value === 'en' ? 'en' : 'de';
}

/** parsePublicLocale reads the reader's choice for a public page: one of the public languages, else German. */
export function parsePublicLocale(value: string | undefined): PublicLocale {
  return isPublicLocale(value) ? value : 'de';
}

/**
 * negotiate picks the first visit's language from Accept-Language among `allowed` (q-values honoured,
 * "ar-SY" matches "ar", "*" means the first allowed one); German when nothing fits.
 */
export function negotiate<L extends string>(header: string | undefined, allowed: readonly L[]): L | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.tag && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    if (range.tag === '*') return allowed[0];
    const primary = range.tag.split('-')[0]!;
    const match = allowed.find((l) => l === primary);
    if (match) return match;
  }
  return undefined;
}
