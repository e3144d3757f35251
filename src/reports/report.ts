import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { startOfDay } from '../lib/berlin-time.js';
import { figureTable, type Figure, type Indicator } from '../statistics/figures.js';
import { fieldOptions, tagsOf } from './tags.js';

/**
 * The yearly report (issue #18): what the hub knows about one calendar year (Berlin time).
 *
 * Rules, said once here and on the page:
 * - a meeting counts as held when it took place: it is not cancelled, began in the year and before now,
 *   and its attendance was recorded (status "held") or it has minutes;
 * - attendance: the recorded statuses of the held meetings (and the numbers kept once the lists were
 *   deleted after the retention period); the rate is present / (present + excused + absent);
 * - a meeting counts under its own fields of action, or its group's when it has none (nothing is copied);
 *   a decision or action item under its agenda item's fields, or its meeting's as above; something with
 *   two fields counts under both, so a column's rows may add up to more than its total; without any field
 *   it counts under "no field of action";
 * - decisions and action items: those of the minutes of the year's held meetings; done/open as of today;
 * - directory: published entries first published in the year (reviewed, or created when never reviewed)
 *   and entries confirmed in the year (confirmation link used, or last confirmation in the year), per city
 *   served and field of action, as the directory's overview counts them;
 * - the figures of the Datensammlung for 31 December of the year, from figureTable (shares derived there).
 */

export interface GroupRow {
  id: number;
  name: string;
  held: number;
  present: number;
  excused: number;
  absent: number;
  guests: number;
  /** present / (present + excused + absent) in percent; null without any recorded attendance. */
  rate: number | null;
}

export interface FieldRow {
  /** null: "no field of action". */
  id: number | null;
  label: string;
  retired: boolean;
  meetings: number;
  decisions: number;
  actionsDone: number;
  actionsOpen: number;
}

export interface EntryCell {
  city: string;
  field: string;
  created: number;
  confirmed: number;
}

export interface FigureGroup {
  /** null: the main indicators; else the chart group (the age structure). */
  chartGroup: string | null;
  indicators: Indicator[];
  rows: { place: string; district: boolean; figures: (Figure | undefined)[] }[];
}

export interface YearlyReport {
  year: number;
  groups: GroupRow[];
  fields: FieldRow[];
  totals: { held: number; decisions: number; actionsDone: number; actionsOpen: number };
  entries: {
    cities: { city: string; created: number; confirmed: number }[];
    /** Every city × field with a count (the CSV's long form). */
    cells: EntryCell[];
    /** The same as a matrix per measure (the page and the PDF): the active fields, and the cities with a count. */
    matrix: { fields: string[]; rows: { city: string; created: number[]; confirmed: number[] }[] };
    created: number;
    confirmed: number;
  };
  figures: FigureGroup[];
  /** Whether the Datensammlung has any value for the year. */
  hasFigures: boolean;
}

/** The years a report can be asked for. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

export function yearRange(year: number): { from: string; to: string } {
  return { from: startOfDay(`${year}-01-01`), to: startOfDay(`${year + 1}-01-01`) };
}

const NONE = 'none';

export async function yearlyReport(db: Kysely<Database>, year: number, now: Date, opts: { locale: string; noField: string; district: string }): Promise<YearlyReport> {
  const { from, to } = yearRange(year);
  const until = now.toISOString() < to ? now.toISOString() : to;
  const [options, groups, meetings, withMinutes] = await Promise.all([
    fieldOptions(db, opts.locale),
    db.selectFrom('groups').select(['id', 'name', 'archived_at']).orderBy('name').execute(),
    db.selectFrom('meetings').select(['id', 'group_id', 'status']).where('starts_at', '>=', from).where('starts_at', '<', until).where('status', '!=', 'cancelled').execute(),
    db.selectFrom('minutes').innerJoin('meetings', 'meetings.id', 'minutes.meeting_id').select('minutes.meeting_id').where('meetings.starts_at', '>=', from).where('meetings.starts_at', '<', until).execute(),
  ]);
  const minuted = new Set(withMinutes.map((m) => Number(m.meeting_id)));
  const held = meetings.filter((m) => m.status === 'held' || minuted.has(Number(m.id)));
  const heldIds = held.map((m) => Number(m.id));
  const groupOf = new Map(held.map((m) => [Number(m.id), Number(m.group_id)]));

  const inHeld = heldIds.length ? heldIds : [0];
  const [attendance, guests, kept, decisions, actions, items, groupTags, meetingTags] = await Promise.all([
    db.selectFrom('attendance').select(['meeting_id', 'status', (eb) => eb.fn.countAll<number>().as('n')]).where('meeting_id', 'in', inHeld).groupBy(['meeting_id', 'status']).execute(),
    db.selectFrom('meeting_guests').select(['meeting_id', (eb) => eb.fn.countAll<number>().as('n')]).where('meeting_id', 'in', inHeld).groupBy('meeting_id').execute(),
    db.selectFrom('meeting_attendance_counts').select(['meeting_id', 'present', 'excused', 'absent', 'guests']).where('meeting_id', 'in', inHeld).execute(),
    db.selectFrom('decisions').innerJoin('minutes', 'minutes.id', 'decisions.minutes_id').select(['decisions.agenda_item_id', 'minutes.meeting_id']).where('minutes.meeting_id', 'in', inHeld).execute(),
    db.selectFrom('action_items').innerJoin('minutes', 'minutes.id', 'action_items.minutes_id').select(['action_items.agenda_item_id', 'action_items.status', 'minutes.meeting_id']).where('minutes.meeting_id', 'in', inHeld).execute(),
    db.selectFrom('agenda_items').select('id').where('meeting_id', 'in', inHeld).execute(),
    tagsOf(db, 'group_fields', groups.map((g) => Number(g.id))),
    tagsOf(db, 'meeting_fields', heldIds),
  ]);
  const itemTags = await tagsOf(db, 'agenda_item_fields', items.map((i) => Number(i.id)));

  // Meetings and attendance per group.
  const byGroup = new Map(groups.map((g) => [Number(g.id), { id: Number(g.id), name: g.name, archived: g.archived_at !== null, held: 0, present: 0, excused: 0, absent: 0, guests: 0 }]));
  for (const m of held) byGroup.get(Number(m.group_id))!.held++;
  const add = (meetingId: number, counts: { present?: number; excused?: number; absent?: number; guests?: number }) => {
    const g = byGroup.get(groupOf.get(meetingId)!)!;
    g.present += counts.present ?? 0;
    g.excused += counts.excused ?? 0;
    g.absent += counts.absent ?? 0;
    g.guests += counts.guests ?? 0;
  };
  for (const a of attendance) add(Number(a.meeting_id), { [a.status]: Number(a.n) });
  for (const g of guests) add(Number(g.meeting_id), { guests: Number(g.n) });
  for (const k of kept) add(Number(k.meeting_id), { present: k.present, excused: k.excused, absent: k.absent, guests: k.guests });
  const groupRows: GroupRow[] = [...byGroup.values()]
    .filter((g) => !g.archived || g.held > 0)
    .map(({ archived: _, ...g }) => {
      const recorded = g.present + g.excused + g.absent;
      return { ...g, rate: recorded ? (g.present / recorded) * 100 : null };
    });

  // Fields of action: a meeting's own, else its group's; an item's own, else its meeting's.
  const meetingFields = (meetingId: number): number[] => {
    const own = meetingTags.get(meetingId);
    return own?.length ? own : (groupTags.get(groupOf.get(meetingId)!) ?? []);
  };
  const itemFields = (itemId: number | null, meetingId: number): number[] => {
    const own = itemId === null ? undefined : itemTags.get(Number(itemId));
    return own?.length ? own : meetingFields(meetingId);
  };
  const counts = new Map<string, { meetings: number; decisions: number; actionsDone: number; actionsOpen: number }>();
  const bump = (fields: number[], key: 'meetings' | 'decisions' | 'actionsDone' | 'actionsOpen') => {
    for (const f of fields.length ? fields.map(String) : [NONE]) {
      const row = counts.get(f) ?? { meetings: 0, decisions: 0, actionsDone: 0, actionsOpen: 0 };
      row[key]++;
      counts.set(f, row);
    }
  };
  for (const id of heldIds) bump(meetingFields(id), 'meetings');
  for (const d of decisions) bump(itemFields(d.agenda_item_id, Number(d.meeting_id)), 'decisions');
  for (const a of actions) bump(itemFields(a.agenda_item_id, Number(a.meeting_id)), a.status === 'done' ? 'actionsDone' : 'actionsOpen');
  const empty = { meetings: 0, decisions: 0, actionsDone: 0, actionsOpen: 0 };
  const fieldRows: FieldRow[] = [
    // Every active field (a zero is worth reporting), retired ones only where something counts under them.
    ...options.filter((o) => !o.retired || counts.has(String(o.id))).map((o) => ({ id: o.id, label: o.label, retired: o.retired, ...(counts.get(String(o.id)) ?? empty) })),
    ...(counts.has(NONE) ? [{ id: null, label: opts.noField, retired: false, ...counts.get(NONE)! }] : []),
  ];

  return {
    year,
    groups: groupRows,
    fields: fieldRows,
    totals: {
      held: heldIds.length,
      decisions: decisions.length,
      actionsDone: actions.filter((a) => a.status === 'done').length,
      actionsOpen: actions.filter((a) => a.status !== 'done').length,
    },
    entries: await directoryEntries(db, year, options),
    ...(await figures(db, year, opts.district)),
  };
}

async function directoryEntries(db: Kysely<Database>, year: number, options: { id: number; label: string; retired: boolean }[]): Promise<YearlyReport['entries']> {
  const { from, to } = yearRange(year);
  const [created, confirmedByLink, confirmedLast, cities, places, fields] = await Promise.all([
    db
      .selectFrom('organisations')
      .select('id')
      .where('status', '=', 'published')
      .where((eb) => eb.and([eb(eb.fn.coalesce('reviewed_at', 'created_at'), '>=', from), eb(eb.fn.coalesce('reviewed_at', 'created_at'), '<', to)]))
      .execute(),
    db
      .selectFrom('directory_confirmations')
      .innerJoin('organisations', 'organisations.id', 'directory_confirmations.organisation_id')
      .select('organisations.id')
      .where('organisations.status', '=', 'published')
      .where('directory_confirmations.used_at', '>=', from)
      .where('directory_confirmations.used_at', '<', to)
      .execute(),
    db.selectFrom('organisations').select('id').where('status', '=', 'published').where('last_confirmed_at', '>=', from).where('last_confirmed_at', '<', to).execute(),
    db.selectFrom('cities').select(['id', 'name']).where('kind', '=', 'city').orderBy('position').orderBy('name').execute(),
    db.selectFrom('organisation_cities').select(['organisation_id', 'city_id']).execute(),
    db.selectFrom('organisation_fields').select(['organisation_id', 'field_id']).execute(),
  ]);
  const createdIds = new Set(created.map((r) => Number(r.id)));
  const confirmedIds = new Set([...confirmedByLink, ...confirmedLast].map((r) => Number(r.id)));
  const citiesOf = new Map<number, number[]>();
  for (const p of places) citiesOf.set(Number(p.organisation_id), [...(citiesOf.get(Number(p.organisation_id)) ?? []), Number(p.city_id)]);
  const fieldsOf = new Map<number, number[]>();
  for (const f of fields) fieldsOf.set(Number(f.organisation_id), [...(fieldsOf.get(Number(f.organisation_id)) ?? []), Number(f.field_id)]);

  const cityRows = cities.map((c) => {
    const count = (ids: Set<number>) => [...ids].filter((id) => citiesOf.get(id)?.includes(Number(c.id))).length;
    return { city: c.name, created: count(createdIds), confirmed: count(confirmedIds) };
  });
  const cells: EntryCell[] = [];
  for (const c of cities) {
    for (const f of options) {
      const count = (ids: Set<number>) => [...ids].filter((id) => citiesOf.get(id)?.includes(Number(c.id)) && fieldsOf.get(id)?.includes(f.id)).length;
      const cell = { city: c.name, field: f.label, created: count(createdIds), confirmed: count(confirmedIds) };
      if (cell.created || cell.confirmed) cells.push(cell);
    }
  }
  const columns = options.filter((f) => !f.retired || cells.some((c) => c.field === f.label));
  const shown = cityRows.filter((r) => r.created || r.confirmed);
  const cellOf = (city: string, field: string) => cells.find((c) => c.city === city && c.field === field);
  const matrix = {
    fields: columns.map((f) => f.label),
    rows: shown.map((r) => ({ city: r.city, created: columns.map((f) => cellOf(r.city, f.label)?.created ?? 0), confirmed: columns.map((f) => cellOf(r.city, f.label)?.confirmed ?? 0) })),
  };
  return { cities: shown, cells, matrix, created: createdIds.size, confirmed: confirmedIds.size };
}

async function figures(db: Kysely<Database>, year: number, district: string): Promise<{ figures: FigureGroup[]; hasFigures: boolean }> {
  const table = await figureTable(db);
  const chartGroups = [...new Set(table.indicators.map((i) => i.chartGroup))];
  const groups = chartGroups.map((chartGroup) => {
    const indicators = table.indicators.filter((i) => i.chartGroup === chartGroup);
    const places: { place: string; district: boolean; id: number | 'district' }[] = [...table.cities.map((c) => ({ place: c.name, district: false, id: c.id as number | 'district' })), { place: district, district: true, id: 'district' }];
    return { chartGroup, indicators, rows: places.map((p) => ({ place: p.place, district: p.district, figures: indicators.map((i) => table.get(i.key, p.id, year)) })) };
  });
  return { figures: groups, hasFigures: table.years.includes(year) };
}
