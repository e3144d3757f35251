import type { Day } from '../db/schema.js';

/** isDay: a real calendar day in YYYY-MM-DD form between 1900 and 2999 (no 31.02., no 2026-13-01). */
export function isDay(value: string): boolean {
  if (!/^(19|2[0-9])\d{2}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** formatDay: "2026-11-25" → "25.11.2026" (German) or "25/11/2026" (English). */
export function formatDay(day: Day, locale: 'de' | 'en'): string {
  const [y, m, d] = day.split('-');
  return locale === 'de' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
}
