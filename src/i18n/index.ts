import { de, type MessageKey } from './de.js';
import { en } from './en.js';

export type Locale = 'de' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const catalogues: Record<Locale, Record<MessageKey, string>> = { de, en };

/** translator returns t() for a locale; unknown placeholders stay visible so a missing one is noticed. */
export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, params) => {
    const text = catalogue[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

/** parseLocale reads the reader's choice (the `lang` cookie); German unless English was chosen. */
export function parseLocale(value: string | undefined): Locale {
  return value === 'en' ? 'en' : 'de';
}
