import type { SpecialValue } from '../db/schema.js';
import type { PublicLocale } from '../i18n/index.js';
import type { Figure } from './figures.js';

/** The number formats of the public languages (Arabic with Latin digits, as the dates elsewhere). */
const TAGS: Record<PublicLocale, string> = { de: 'de-DE', en: 'en-GB', tr: 'tr-TR', ar: 'ar-u-nu-latn', ru: 'ru-RU', uk: 'uk-UA' };
const formats = new Map<string, Intl.NumberFormat>();

function format(lang: PublicLocale, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(TAGS[lang] ?? lang, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f;
}

/** A count: 87.412 (de), 87,412 (en). */
export function formatCount(lang: PublicLocale, value: number): string {
  return format(lang, 0).format(value);
}

/** A share or rate with one decimal: 16,2 (de), 16.2 (en). */
export function formatDecimal(lang: PublicLocale, value: number, digits = 1): string {
  return format(lang, digits).format(value);
}

/** The message key explaining a special value of official statistics. */
export function specialKey(s: SpecialValue): 'need.special.none' | 'need.special.secret' | 'need.special.notSensible' | 'need.special.notYet' {
  return s === '-' ? 'need.special.none' : s === '.' ? 'need.special.secret' : s === 'x' ? 'need.special.notSensible' : 'need.special.notYet';
}

export const isNumber = (f: Figure | undefined): f is { value: number; special: null } => f !== undefined && f.special === null;
