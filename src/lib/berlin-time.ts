import { DateTime } from 'luxon';
import type { Day } from '../db/schema.js';
import type { PublicLocale } from '../i18n/index.js';

/**
 * Every time-zone conversion of the hub lives here: what people enter and read is a calendar day and a
 * wall-clock time in Europe/Berlin; what is stored is an instant (UTC). Converting through the zone,
 * never a fixed offset, keeps a meeting at 18:00 on both sides of a daylight-saving change, and nothing
 * here depends on the server's own zone (TZ).
 */
export const ZONE = 'Europe/Berlin';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

let currentDay: { day: Day; from: number; until: number } | undefined;

/**
 * today: the current calendar day in Europe/Berlin ("2026-11-25"). The day last asked for is kept with
 * its bounds, since formatting through Intl costs more than the rest of a short request.
 */
export function today(now: Date): Day {
  const ms = now.getTime();
  if (currentDay && ms >= currentDay.from && ms < currentDay.until) return currentDay.day;
  const day = dayFormat.format(now);
  currentDay = { day, from: Date.parse(startOfDay(day)), until: Date.parse(startOfDay(addDays(day, 1))) };
  return day;
}

/** dayOf: the Berlin calendar day of an instant ("2026-11-25T23:30:00Z" → "2026-11-26"). */
export function dayOf(at: string): Day {
  return dayFormat.format(new Date(at));
}

/** Why a wall-clock time names no single instant: it is skipped (spring) or occurs twice (autumn). */
export type WallTimeProblem = 'missing' | 'ambiguous';

/**
 * resolveBerlinTime: "2026-03-29" + "18:30" → { at: "2026-03-29T16:30:00.000Z" }. The one place where a
 * wall-clock time in Europe/Berlin becomes an instant. Refuses a time that does not exist that day
 * (02:00–02:59 on the last Sunday of March: 'missing') and one that occurs twice (02:00–02:59 on the last
 * Sunday of October: 'ambiguous'). For the latter, RFC 5545 means the first occurrence while some
 * calendar programs (vobject) read the second, so any choice we stored would show an hour off somewhere.
 */
export function resolveBerlinTime(day: string, time: string): { at: string } | { problem: WallTimeProblem } {
  const local = DateTime.fromISO(`${day}T${time}`, { zone: ZONE });
  if (!local.isValid || local.toFormat('yyyy-MM-dd HH:mm') !== `${day} ${time}`) return { problem: 'missing' };
  if (local.getPossibleOffsets().length > 1) return { problem: 'ambiguous' };
  return { at: local.toUTC().toISO()! };
}

/**
 * berlinToInstant: "2026-03-29" + "18:30" → "2026-03-29T16:30:00.000Z". Returns null for a wall-clock
 * time that does not exist that day or occurs twice (see resolveBerlinTime).
 */
export function berlinToInstant(day: string, time: string): string | null {
  const resolved = resolveBerlinTime(day, time);
  return 'at' in resolved ? resolved.at : null;
}

/** instantToBerlin: the day and wall-clock time of an instant in Europe/Berlin (for forms). */
export function instantToBerlin(at: string): { day: string; time: string } {
  const local = inBerlin(at);
  return { day: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

/** inBerlin: an instant as a zoned Luxon DateTime (what the iCalendar writer needs for TZID times). */
export function inBerlin(at: string | Date): DateTime {
  return (typeof at === 'string' ? DateTime.fromISO(at, { zone: 'utc' }) : DateTime.fromJSDate(at)).setZone(ZONE);
}

const dayStarts = new Map<Day, string>();

/**
 * startOfDay: the instant a Berlin calendar day begins ("2026-03-29" → "2026-03-28T23:00:00.000Z").
 * Remembered per day: every feed request asks for the same few days, and Luxon's zone maths is costly.
 */
export function startOfDay(day: Day): string {
  let start = dayStarts.get(day);
  if (start === undefined) {
    start = DateTime.fromISO(day, { zone: ZONE }).startOf('day').toUTC().toISO()!;
    if (dayStarts.size > 1000) dayStarts.clear();
    dayStarts.set(day, start);
  }
  return start;
}

/** addDays: a calendar day plus (or minus) whole days, as days, not hours (DST days have 23 or 25). */
export function addDays(day: Day, days: number): Day {
  return DateTime.fromISO(day, { zone: ZONE }).plus({ days }).toFormat('yyyy-MM-dd');
}

/**
 * monthWeeks: the weeks (Monday to Sunday) that show a month ("2026-11") as a calendar page, with the
 * days before and after it that fill the first and last week.
 */
export function monthWeeks(month: string): Day[][] {
  const first = DateTime.fromISO(`${month}-01`, { zone: ZONE });
  const last = first.endOf('month').endOf('week');
  const weeks: Day[][] = [];
  for (let day = first.startOf('week'); day <= last; day = day.plus({ days: 1 })) {
    if (day.weekday === 1) weeks.push([]);
    weeks.at(-1)!.push(day.toFormat('yyyy-MM-dd'));
  }
  return weeks;
}

/** addMonths: "2026-11" plus (or minus) whole months → "2026-12". */
export function addMonths(month: string, months: number): string {
  return DateTime.fromISO(`${month}-01`, { zone: ZONE }).plus({ months }).toFormat('yyyy-MM');
}

/**
 * The Intl locale of each page language. Arabic keeps Latin digits, like the phone numbers, postcodes
 * and dates people type on the same pages.
 */
const INTL_TAGS: Partial<Record<PublicLocale, string>> = { de: 'de-DE', en: 'en-GB', tr: 'tr-TR', ar: 'ar-u-nu-latn', ru: 'ru-RU', uk: 'uk-UA' };

/**
 * formatters turns instants into the dates and times people read, always in Europe/Berlin.
 * Each Intl.DateTimeFormat is created once per locale and reused: creating one per call (or calling
 * toLocaleString with a timeZone) made pages several times slower.
 */
function build(locale: PublicLocale) {
  const tag = INTL_TAGS[locale] ?? locale;
  const date = remembered(new Intl.DateTimeFormat(tag, { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }));
  const time = remembered(new Intl.DateTimeFormat(tag, { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
  const weekday = remembered(new Intl.DateTimeFormat(tag, { timeZone: ZONE, weekday: 'long' }));
  // Calendar days carry no zone: they are formatted as noon UTC of that day, which is that day anywhere.
  const monthYear = remembered(new Intl.DateTimeFormat(tag, { timeZone: 'UTC', month: 'long', year: 'numeric' }));
  const longDay = remembered(new Intl.DateTimeFormat(tag, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));
  const noon = (day: Day) => `${day}T12:00:00Z`;
  return {
    /** 25.11.2026 */
    date: (at: string | Date) => date(at),
    /** 18:30 */
    time: (at: string | Date) => time(at),
    /** 25.11.2026, 18:30 */
    dateTime: (at: string | Date) => `${date(at)}, ${time(at)}`,
    /** Mittwoch */
    weekday: (at: string | Date) => weekday(at),
    /** "2026-11-01" → November 2026 */
    monthYear: (day: Day) => monthYear(noon(day)),
    /** "2026-11-25" → Mittwoch, 25. November 2026 */
    longDay: (day: Day) => longDay(noon(day)),
  };
}

/**
 * remembered: a formatter that keeps what it wrote for the last few thousand instants. Intl's format
 * with a time zone costs one to two microseconds, and a dashboard shows the same few dozen meetings'
 * dates and times to everyone, again and again; the texts never change for an instant.
 */
function remembered(format: Intl.DateTimeFormat, max = 4096): (at: string | Date) => string {
  const texts = new Map<string, string>();
  return (at) => {
    const key = typeof at === 'string' ? at : at.toISOString();
    let text = texts.get(key);
    if (text === undefined) {
      text = format.format(new Date(key));
      // Simpler than least-recently-used and enough: the working set is far smaller than the limit.
      if (texts.size >= max) texts.clear();
      texts.set(key, text);
    }
    return text;
  };
}

export type Formatters = ReturnType<typeof build>;
const byLocale = new Map<PublicLocale, Formatters>();

export function formatters(locale: PublicLocale): Formatters {
  let built = byLocale.get(locale);
  if (!built) byLocale.set(locale, (built = build(locale)));
  return built;
}
