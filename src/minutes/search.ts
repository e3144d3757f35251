import type { Kysely } from 'kysely';
import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database, Day } from '../db/schema.js';
import { currentOn } from '../groups/groups.js';
import { foldText, foldWords } from '../lib/fold.js';
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
 * searchMinutes: notes and decisions that contain every word of the query (folded: Müller = mueller),
 * from circulated or approved minutes of the groups the viewer currently belongs to (the staff: all),
 * newest meeting first. A district writes a few thousand TOPs a year, so the words are matched here,
 * folded exactly like the directory search, rather than with a second full-text index.
 */
export async function searchMinutes(db: Kysely<Database>, viewer: SessionUser, day: Day, query: string, limit = 100): Promise<MinutesHit[]> {
  const words = foldWords(query);
  if (!words.length) return [];
  const scope = <T extends { where: (...args: any[]) => T }>(q: T): T =>
    isStaff(viewer) ? q : q.where('meetings.group_id', 'in', db.selectFrom('memberships').select('memberships.group_id').where('memberships.person_id', '=', viewer.personId).where(currentOn(day)));
  const base = db
    .selectFrom('minutes')
    .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
    .innerJoin('groups', 'groups.id', 'meetings.group_id')
    .where('minutes.status', '!=', 'draft');
  const [notes, decisions] = await Promise.all([
    scope(base.innerJoin('minute_notes', 'minute_notes.minutes_id', 'minutes.id').innerJoin('agenda_items', 'agenda_items.id', 'minute_notes.agenda_item_id'))
      .select(['minute_notes.notes as text', 'meetings.id as meeting_id', 'meetings.title as meeting_title', 'meetings.starts_at', 'groups.name as group_name', 'agenda_items.id as agenda_item_id', 'agenda_items.title as item_title'])
      .execute(),
    scope(base.innerJoin('decisions', 'decisions.minutes_id', 'minutes.id').innerJoin('agenda_items', 'agenda_items.id', 'decisions.agenda_item_id'))
      .select(['decisions.text as text', 'decisions.number_year', 'decisions.number', 'meetings.id as meeting_id', 'meetings.title as meeting_title', 'meetings.starts_at', 'groups.name as group_name', 'agenda_items.id as agenda_item_id', 'agenda_items.title as item_title'])
      .execute(),
  ]);
  const matches = (text: string) => {
    const folded = foldText(text);
    return words.every((w) => folded.includes(w));
  };
  return [
    ...decisions.map(({ number_year, number, ...d }) => ({ ...d, kind: 'decision' as const, label: decisionLabel({ number_year, number }) })),
    ...notes.map((n) => ({ ...n, kind: 'notes' as const, label: null })),
  ]
    // A decision is found by its number too ("2027/04").
    .filter((hit) => matches(`${hit.item_title} ${hit.label ?? ''} ${hit.text}`))
    .sort((a, b) => b.starts_at.localeCompare(a.starts_at) || a.agenda_item_id - b.agenda_item_id)
    .slice(0, limit);
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
