import type { Translate } from '../i18n/index.js';
import type { SeriesDate } from './series.js';

/** One line of the series preview: the day, whether a meeting is made, and what happened to it and why. */
export interface SeriesPreviewLine {
  day: string;
  label: string;
  skipped: boolean;
  /** "übersprungen: Sommerferien", "verschoben vom 03.10.2026 (Tag der Deutschen Einheit)"; none for a plain date. */
  note?: string;
}

/**
 * seriesPreviewLine says for one date of a series what "create" will do: skip it (a holiday, a break,
 * a time that does not exist that day) or move it from a holiday, naming the reason.
 */
export function seriesPreviewLine(t: Translate, d: SeriesDate & { input?: unknown }, label: (day: string) => string, day: (day: string) => string): SeriesPreviewLine {
  const line = { day: d.day, label: label(d.day) };
  if (d.break) return { ...line, skipped: true, note: t('series.skippedBreak', { name: d.break }) };
  if (d.holiday) return { ...line, skipped: true, note: t('series.skippedHoliday', { name: d.holiday }) };
  if (!d.input) return { ...line, skipped: true, note: t('series.skipped', { holiday: t('series.noSuchTime') }) };
  if (d.movedFrom) return { ...line, skipped: false, note: t('series.moved', { from: day(d.movedFrom), holiday: d.movedFor ?? '' }) };
  return { ...line, skipped: false };
}
