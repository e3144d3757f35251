import { getHolidays } from 'feiertagejs';
import { DateTime } from 'luxon';
import type { Day } from '../db/schema.js';

/**
 * Meeting series as a German secretariat states them: "jeden 3. Mittwoch im Monat", "jeden zweiten
 * Monat am letzten Donnerstag", "vierteljährlich" (monthly every n months, an ordinal weekday; -1 = the
 * last) or "alle 6 Wochen dienstags" (every n weeks on a weekday). Public holidays of North
 * Rhine-Westphalia, Easter-based ones included (computed by feiertagejs), are skipped or moved to the
 * next working day, as chosen; days in a break (school holidays, summer break: src/breaks) are skipped.
 */
export type SeriesRule =
  | { kind: 'monthly'; ordinal: 1 | 2 | 3 | 4 | -1; weekday: number; intervalMonths?: number }
  | { kind: 'weekly'; intervalWeeks: number; weekday: number };

/** A period the series skips; `name` is what the preview says ("Sommerferien"). */
export interface SeriesBreak {
  name: string;
  starts_on: Day;
  ends_on: Day;
}

export interface SeriesOptions {
  /** A date on a public holiday: skipped (the default) or moved to the next working day. */
  holidays?: 'skip' | 'move';
  breaks?: readonly SeriesBreak[];
}

export interface SeriesDate {
  /** The day of the meeting (after a move: the new day). */
  day: Day;
  /** Skipped: the public holiday on that day. */
  holiday?: string;
  /** Skipped: the break the day falls into. */
  break?: string;
  /** Moved: the day the rule gave, and the holiday on it. */
  movedFrom?: Day;
  movedFor?: string;
}

export const MAX_SERIES = 60;

/** isSkipped: the date gives no meeting. */
export const isSkipped = (d: SeriesDate): boolean => Boolean(d.holiday || d.break);

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

/** ruleDays: the days the rule gives from `from` to `until` (both inclusive), at most MAX_SERIES. */
function ruleDays(rule: SeriesRule, start: DateTime, end: DateTime): DateTime[] {
  const days: DateTime[] = [];
  if (rule.kind === 'monthly') {
    const step = rule.intervalMonths ?? 1;
    for (let month = start.startOf('month'); month <= end && days.length < MAX_SERIES; month = month.plus({ months: step })) {
      const day = nthWeekday(month.year, month.month, rule.weekday, rule.ordinal);
      if (day && day >= start && day <= end) days.push(day);
    }
  } else {
    for (let day = start.plus({ days: (rule.weekday - start.weekday + 7) % 7 }); day <= end && days.length < MAX_SERIES; day = day.plus({ weeks: rule.intervalWeeks })) {
      days.push(day);
    }
  }
  return days;
}

/**
 * seriesDates: the days of a series from `from` to `until` (both inclusive), at most MAX_SERIES, each
 * marked with what happened to it and why: skipped for a holiday or a break, or moved from a holiday to
 * the next working day (not a weekend, not a holiday). A move that would land in a break, or on a day
 * the series has anyway, skips the date instead.
 */
export function seriesDates(rule: SeriesRule, from: Day, until: Day, options: SeriesOptions = {}): SeriesDate[] {
  const days = ruleDays(rule, DateTime.fromISO(from, { zone: 'utc' }), DateTime.fromISO(until, { zone: 'utc' }));
  // One year more: a move at the end of December lands in January.
  const years = [...new Set(days.flatMap((d) => [d.year, d.year + 1]))];
  const holidays = holidaysNrw(years);
  const inBreak = (day: Day) => options.breaks?.find((b) => b.starts_on <= day && day <= b.ends_on)?.name;
  const taken = new Set(days.map((d) => d.toISODate()!));
  return days.map((d): SeriesDate => {
    const day = d.toISODate()!;
    const brk = inBreak(day);
    if (brk) return { day, break: brk };
    const holiday = holidays.get(day);
    if (!holiday) return { day };
    if (options.holidays !== 'move') return { day, holiday };
    let next = d.plus({ days: 1 });
    while (next.weekday >= 6 || holidays.has(next.toISODate()!)) next = next.plus({ days: 1 });
    const moved = next.toISODate()!;
    const movedInto = inBreak(moved);
    if (movedInto) return { day, holiday };
    if (taken.has(moved)) return { day, holiday };
    taken.add(moved);
    return { day: moved, movedFrom: day, movedFor: holiday };
  });
}
