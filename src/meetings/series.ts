import { getHolidays } from 'feiertagejs';
import { DateTime } from 'luxon';
import type { Day } from '../db/schema.js';

/**
 * Meeting series as a German secretariat states them: "jeden 3. Mittwoch im Monat" (monthly, an ordinal
 * weekday; -1 = the last) or "alle 6 Wochen dienstags" (every n weeks on a weekday). Public holidays of
 * North Rhine-Westphalia, Easter-based ones included (computed by feiertagejs), are skipped.
 */
export type SeriesRule = { kind: 'monthly'; ordinal: 1 | 2 | 3 | 4 | -1; weekday: number } | { kind: 'weekly'; intervalWeeks: number; weekday: number };

export interface SeriesDate {
  day: Day;
  /** Name of the public holiday on that day (then it is skipped). */
  holiday?: string;
}

export const MAX_SERIES = 60;

function holidaysNrw(years: number[]): Map<string, string> {
  return new Map(years.flatMap((y) => getHolidays(y, 'NW').map((h) => [h.dateString, h.translate('de')] as [string, string])));
}

/** The nth (or last) given weekday (1 = Monday … 7 = Sunday) of a month; null when it does not exist. */
function nthWeekday(year: number, month: number, weekday: number, ordinal: 1 | 2 | 3 | 4 | -1): DateTime | null {
  if (ordinal === -1) {
    const last = DateTime.utc(year, month, 1).endOf('month').startOf('day');
    return last.minus({ days: (last.weekday - weekday + 7) % 7 });
  }
  const first = DateTime.utc(year, month, 1);
  const day = first.plus({ days: (weekday - first.weekday + 7) % 7 + (ordinal - 1) * 7 });
  return day.month === month ? day : null;
}

/**
 * seriesDates: the days of a series from `from` to `until` (both inclusive), at most MAX_SERIES, each
 * marked with the holiday that makes it skipped.
 */
export function seriesDates(rule: SeriesRule, from: Day, until: Day): SeriesDate[] {
  const start = DateTime.fromISO(from, { zone: 'utc' });
  const end = DateTime.fromISO(until, { zone: 'utc' });
  const days: DateTime[] = [];
  if (rule.kind === 'monthly') {
    for (let month = start.startOf('month'); month <= end && days.length < MAX_SERIES; month = month.plus({ months: 1 })) {
      const day = nthWeekday(month.year, month.month, rule.weekday, rule.ordinal);
      if (day && day >= start && day <= end) days.push(day);
    }
  } else {
    for (let day = start.plus({ days: (rule.weekday - start.weekday + 7) % 7 }); day <= end && days.length < MAX_SERIES; day = day.plus({ weeks: rule.intervalWeeks })) {
      days.push(day);
    }
  }
  const holidays = holidaysNrw([...new Set(days.map((d) => d.year))]);
  return days.map((d) => {
    const day = d.toISODate()!;
    const holiday = holidays.get(day);
    return holiday ? { day, holiday } : { day };
  });
}
