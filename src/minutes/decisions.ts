import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inBerlin } from '../lib/berlin-time.js';

/**
 * Decision numbers ("Beschlussnummer"), per group and year of the meeting: "2027/04" is the fourth
 * decision the group's approved minutes of 2027 recorded. A number is given when the minutes are
 * approved (what the office cites is the approved text; a draft's decisions may still change or go) and
 * never changes afterwards: a correction keeps the numbers of the decisions it keeps, a new decision gets
 * the next free one (a removed decision's number is given again only if it was the year's
 * highest). Minutes approved late number on
 * from the highest number of their year, so an earlier meeting may get higher numbers.
 */

/** decisionLabel: "2027/04", or null for a decision that has no number yet (not approved, or an old snapshot). */
export function decisionLabel(d: { number_year?: number | null; number?: number | null }): string | null {
  if (d.number_year === null || d.number_year === undefined || d.number === null || d.number === undefined) return null;
  return `${d.number_year}/${String(d.number).padStart(2, '0')}`;
}

type Numbered = { agenda_item_id: number; text: string; number_year: number | null; number: number | null };

/**
 * carryNumbers: the numbers of a corrected minutes' old decisions onto the new ones (same TOP, first the
 * same text, then in order), so a typo fixed keeps "2027/04". Returns the new decisions with numbers set
 * where one carries over; the rest get fresh numbers from numberDecisions.
 */
export function carryNumbers<T extends { agendaItemId: number; text: string }>(old: Numbered[], fresh: T[]): (T & { number_year: number | null; number: number | null })[] {
  const left = old.filter((d) => d.number !== null);
  const result = fresh.map((d) => ({ ...d, number_year: null as number | null, number: null as number | null }));
  const take = (d: (typeof result)[number], match: (o: Numbered) => boolean) => {
    const at = left.findIndex((o) => o.agenda_item_id === d.agendaItemId && match(o));
    if (at < 0) return;
    const [o] = left.splice(at, 1);
    d.number_year = o!.number_year;
    d.number = o!.number;
  };
  for (const d of result) take(d, (o) => o.text === d.text);
  for (const d of result) if (d.number === null) take(d, () => true);
  return result;
}

/**
 * numberDecisions gives every decision of the minutes that has none the next numbers of its group and
 * the meeting's year, in agenda order. Runs inside the approving (or correcting) transaction; the
 * group's row is locked first so two approvals in one group at once (PostgreSQL) cannot take one number.
 */
export async function numberDecisions(trx: Kysely<Database>, minutesId: number): Promise<void> {
  const meeting = await trx
    .selectFrom('minutes')
    .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
    .select(['meetings.group_id', 'meetings.starts_at'])
    .where('minutes.id', '=', minutesId)
    .executeTakeFirstOrThrow();
  const open = await trx
    .selectFrom('decisions')
    .innerJoin('agenda_items', 'agenda_items.id', 'decisions.agenda_item_id')
    .select('decisions.id')
    .where('decisions.minutes_id', '=', minutesId)
    .where('decisions.number', 'is', null)
    .orderBy('agenda_items.position')
    .orderBy('decisions.position')
    .orderBy('decisions.id')
    .execute();
  if (!open.length) return;
  // A no-op update takes the row lock on PostgreSQL; SQLite writes one transaction at a time anyway.
  await trx.updateTable('groups').set((eb) => ({ id: eb.ref('id') })).where('id', '=', meeting.group_id).execute();
  const year = inBerlin(meeting.starts_at).year;
  const highest = await trx
    .selectFrom('decisions')
    .innerJoin('minutes', 'minutes.id', 'decisions.minutes_id')
    .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
    .select((eb) => eb.fn.max('decisions.number').as('n'))
    .where('meetings.group_id', '=', meeting.group_id)
    .where('decisions.number_year', '=', year)
    .executeTakeFirst();
  let n = Number(highest?.n ?? 0);
  for (const d of open) await trx.updateTable('decisions').set({ number_year: year, number: ++n }).where('id', '=', d.id).execute();
}
