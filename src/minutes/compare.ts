import { diffArrays, diffWords } from 'diff';
import type { AgendaItem } from '../meetings/meetings.js';
import type { ActionItem, Decision } from './minutes.js';

/** One piece of a comparison: unchanged, removed in the newer text, or added in it. */
export interface Change {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

export interface ComparedItem {
  item: AgendaItem;
  notes: Change[];
  decisions: Change[];
  actions: Change[];
  changed: boolean;
}

export interface ComparableContent {
  notes: Map<number, string>;
  decisions: Pick<Decision, 'agenda_item_id' | 'text' | 'votes_yes' | 'votes_no' | 'votes_abstain'>[];
  actions: Pick<ActionItem, 'agenda_item_id' | 'description' | 'due_on'>[];
}

const kind = (p: { added?: boolean; removed?: boolean }): Change['kind'] => (p.added ? 'added' : p.removed ? 'removed' : 'same');

/** A decision as one line; vote counts (yes/no/abstain) only when some were recorded. */
const decisionLine = (d: ComparableContent['decisions'][number]) =>
  d.votes_yes === null && d.votes_no === null && d.votes_abstain === null ? d.text : `${d.text} (${d.votes_yes ?? '–'}/${d.votes_no ?? '–'}/${d.votes_abstain ?? '–'})`;

/** Rows (decisions, action items) are compared as whole lines: a changed row is one removed, one added. */
function compareLines(older: string[], newer: string[]): Change[] {
  return diffArrays(older, newer).flatMap((p) => p.value.map((text) => ({ kind: kind(p), text })));
}

/** compareMinutes: per TOP, what changed from the older to the newer text (notes word by word). */
export function compareMinutes(items: AgendaItem[], older: ComparableContent, newer: ComparableContent, formatDay: (day: string) => string): ComparedItem[] {
  return items.map((item) => {
    const notes = diffWords(older.notes.get(item.id) ?? '', newer.notes.get(item.id) ?? '').map((p) => ({ kind: kind(p), text: p.value }));
    const lines = (c: ComparableContent) => c.decisions.filter((d) => d.agenda_item_id === item.id).map(decisionLine);
    const actions = (c: ComparableContent) => c.actions.filter((a) => a.agenda_item_id === item.id).map((a) => (a.due_on ? `${a.description} (${formatDay(a.due_on)})` : a.description));
    const decisions = compareLines(lines(older), lines(newer));
    const actionChanges = compareLines(actions(older), actions(newer));
    const changed = [...notes, ...decisions, ...actionChanges].some((c) => c.kind !== 'same');
    return { item, notes, decisions, actions: actionChanges, changed };
  });
}
