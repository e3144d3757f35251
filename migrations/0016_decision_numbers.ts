import type { Kysely } from 'kysely';
import { inBerlin } from '../src/lib/berlin-time.js';

// Decision numbers ("Beschlussnummer", e.g. 2027/04): per group and year of the meeting, given when the
// minutes are approved and fixed from then on (a correction keeps them). Null until then. Existing
// approved minutes get theirs here, in the order of their meetings and agenda.
// Kept versions of the minutes are numbered 1, 2, 3 … per minutes (they carried the editing counter, so
// a circulated and the approved version could both say "Fassung 2"); existing ones are renumbered.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('decisions').addColumn('number_year', 'integer').execute();
  await db.schema.alterTable('decisions').addColumn('number', 'integer').execute();
  await db.schema.createIndex('decisions_number_idx').on('decisions').columns(['number_year', 'number']).execute();

  const rows = await db
    .selectFrom('decisions')
    .innerJoin('minutes', 'minutes.id', 'decisions.minutes_id')
    .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
    .innerJoin('agenda_items', 'agenda_items.id', 'decisions.agenda_item_id')
    .select(['decisions.id', 'meetings.group_id', 'meetings.starts_at'])
    .where('minutes.status', '=', 'approved')
    .orderBy('meetings.starts_at')
    .orderBy('meetings.id')
    .orderBy('agenda_items.position')
    .orderBy('decisions.position')
    .orderBy('decisions.id')
    .execute();
  const next = new Map<string, number>();
  for (const row of rows) {
    const year = inBerlin(row.starts_at).year;
    const key = `${row.group_id}:${year}`;
    const number = (next.get(key) ?? 0) + 1;
    next.set(key, number);
    await db.updateTable('decisions').set({ number_year: year, number }).where('id', '=', row.id).execute();
  }

  const versions = await db.selectFrom('minutes_versions').select(['id', 'minutes_id']).orderBy('minutes_id').orderBy('id').execute();
  const counts = new Map<number, number>();
  for (const v of versions) {
    const n = (counts.get(v.minutes_id) ?? 0) + 1;
    counts.set(v.minutes_id, n);
    await db.updateTable('minutes_versions').set({ version: n }).where('id', '=', v.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('decisions_number_idx').execute();
  await db.schema.alterTable('decisions').dropColumn('number').execute();
  await db.schema.alterTable('decisions').dropColumn('number_year').execute();
}
