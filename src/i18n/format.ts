import type { Locale } from './index.js';

/**
 * formatters turns instants into the dates and times people read, always in Europe/Berlin.
 * Each Intl.DateTimeFormat is created once per locale and reused: creating one per call (or calling
 * toLocaleString with a timeZone) made pages several times slower.
 */
const TIME_ZONE = 'Europe/Berlin';

function build(locale: Locale) {
  const tag = locale === 'de' ? 'de-DE' : 'en-GB';
  const date = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
  const time = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const weekday = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, weekday: 'long' });
  return {
    /** 25.11.2026 */
    date: (at: string | Date) => date.format(new Date(at)),
    /** 18:30 */
    time: (at: string | Date) => time.format(new Date(at)),
    /** 25.11.2026, 18:30 */
    dateTime: (at: string | Date) => `${date.format(new Date(at))}, ${time.format(new Date(at))}`,
    /** Mittwoch */
    weekday: (at: string | Date) => weekday.format(new Date(at)),
  };
}

export type Formatters = ReturnType<typeof build>;
const byLocale: Record<Locale, Formatters> = { de: build('de'), en: build('en') };

export function formatters(locale: Locale): Formatters {
  return byLocale[locale];
}
