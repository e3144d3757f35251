import { DateTime } from 'luxon';

/**
 * Meeting times as people enter and read them: a calendar day and a wall-clock time in Europe/Berlin,
 * stored as an instant (UTC). Converting through the zone, not a fixed offset, keeps a meeting at 18:00
 * on both sides of a daylight-saving change.
 */
export const ZONE = 'Europe/Berlin';

/**
 * berlinToInstant: "2026-03-29" + "18:30" → "2026-03-29T16:30:00.000Z". Returns null for a wall-clock
 * time that does not exist that day (02:00–02:59 on the last Sunday of March).
 */
export function berlinToInstant(day: string, time: string): string | null {
  const local = DateTime.fromISO(`${day}T${time}`, { zone: ZONE });
  if (!local.isValid || local.toFormat('yyyy-MM-dd HH:mm') !== `${day} ${time}`) return null;
  return local.toUTC().toISO()!;
}

/** instantToBerlin: the day and wall-clock time of an instant in Europe/Berlin (for forms). */
export function instantToBerlin(at: string): { day: string; time: string } {
  const local = DateTime.fromISO(at, { zone: 'utc' }).setZone(ZONE);
  return { day: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}
