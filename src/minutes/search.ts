import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, Day } from '../db/schema.js';
import { currentOn } from '../groups/groups.js';
import { dialectOf } from '../db/dialect.js';
import { looseFold, stem } from '../directory/search/terms.js';
import { foldWords } from '../lib/fold.js';
import { decisionLabel } from './decisions.js';
import { plainText } from './markdown.js';

export interface MinutesHit {
  kind: 'notes' | 'decision';
  text: string;
  meeting_id: number;
  meeting_title: string;
  starts_at: string;
  group_name: string;
  agenda_item_id: number;
  item_title: string;
  /** A decision's number ("2027/04"), null for notes and for decisions not yet numbered. */
  label: string | null;
}

/**
 * searchMinutes: notes and decisions that contain every word of the query, inside words too, folded like
 * the directory search (Müller = Mueller = Muller, "Kurse" = "Kurs"), in the agenda item's title, the text
 * or a decision's number ("2027/04"); from circulated or approved minutes of the groups the viewer
 * currently belongs to (the staff: all), newest meeting first.
 *
 * The words are looked up in minutes_text (migration 0038: an FTS5 trigram table on SQLite, pg_trgm on
 * PostgreSQL, kept in step by triggers), so only matching notes are read, never all the viewer may see.
 * Words under 3 letters (a decision's "04") have no trigram: they are tested on the rows the others found
 * (alone, they scan the folded text; still without reading any note into memory).
 */
export async function searchMinutes(db: Kysely<Database>, viewer: SessionUser, day: Day, query: string, limit = 100): Promise<MinutesHit[]> {
  const words = foldWords(query).slice(0, 8).map((w) => {
    const text = looseFold(stem(w));
    return text.length >= 3 ? { long: text } : { short: looseFold(w) };
  });
  if (!words.length) return [];
  const postgres = dialectOf(db) === 'postgres';
  const longs = words.flatMap((w) => (w.long ? [w.long] : []));
  const shorts = words.flatMap((w) => (w.short ? [w.short] : []));
  const text = sql`(mt.title || ' ' || mt.body)`;
  const conditions: RawBuilder<unknown>[] = [];
  // SQLite: MATCH names the FTS table through its alias's hidden column (mt.minutes_text).
  if (postgres) conditions.push(...longs.map((w) => sql`${text} like ${`%${w}%`}`));
  else if (longs.length) conditions.push(sql`mt.minutes_text match ${longs.map((w) => `"${w}"`).join(' AND ')}`);
  conditions.push(...shorts.map((w) => (postgres ? sql`strpos(${text}, ${w}) > 0` : sql`instr(${text}, ${w}) > 0`)));
  conditions.push(sql`minutes.status <> 'draft'`);
  if (!isStaff(viewer)) {
    const groups = db.selectFrom('memberships').select('memberships.group_id').where('memberships.person_id', '=', viewer.personId).where(currentOn(day));
    conditions.push(sql`meetings.group_id in (${groups})`);
  }
  const rows = await sql<{
    decision_id: number;
    text: string;
    number_year: number | null;
    number: number | null;
    meeting_id: number;
    meeting_title: string;
    starts_at: string;
    group_name: string;
    agenda_item_id: number;
    item_title: string;
  }>`select mt.decision_id, coalesce(d.text, n.notes) as text, d.number_year, d.number, meetings.id as meeting_id, meetings.title as meeting_title,
      meetings.starts_at, groups.name as group_name, agenda_items.id as agenda_item_id, agenda_items.title as item_title
    from minutes_text mt
    join minutes on minutes.id = mt.minutes_id
    join meetings on meetings.id = minutes.meeting_id
    join groups on groups.id = meetings.group_id
    join agenda_items on agenda_items.id = mt.agenda_item_id
    left join minute_notes n on mt.decision_id = 0 and n.minutes_id = mt.minutes_id and n.agenda_item_id = mt.agenda_item_id
    left join decisions d on mt.decision_id <> 0 and d.id = mt.decision_id
    where ${sql.join(conditions, sql` and `)}
    order by meetings.starts_at desc, agenda_items.id, case when mt.decision_id = 0 then 1 else 0 end, d.position
    limit ${limit}`.execute(db);
  return rows.rows.map(({ decision_id, number_year, number, ...hit }) =>
    decision_id ? { ...hit, kind: 'decision' as const, label: decisionLabel({ number_year, number }) } : { ...hit, kind: 'notes' as const, label: null },
  );
}

/** excerpt: up to `size` characters of a hit around the first word found, cut at spaces. */
export function excerpt(text: string, query: string, size = 240): string {
  // The notes' Markdown is left out: **bold** becomes plain, [text](address) becomes text.
  const plain = plainText(text);
  if (plain.length <= size) return plain;
  const first = foldWords(query)[0] ?? '';
  const at = Math.max(0, plain.toLowerCase().indexOf(first) - 60);
  const start = at === 0 ? 0 : plain.indexOf(' ', at) + 1;
  const cut = plain.slice(start, start + size);
  return `${start > 0 ? '… ' : ''}${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : cut.length)} …`;
}
