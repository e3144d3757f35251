import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { loadChoices } from '../directory/choices.js';

/**
 * Fields of action on working groups, meetings and agenda items (migration 0033), for the yearly report.
 * The fields come from the editable list (src/reference/): a form offers the active ones; a retired field
 * stays on a record that has it (and shows there, marked), but nobody ticks it anew. Every change is
 * audited with the entity it belongs to (the group, or the meeting for its own and its items' fields).
 */

export interface FieldOption {
  id: number;
  label: string;
  retired: boolean;
}

/** fieldOptions: every field of action (active first, then retired), labelled in the reader's language. */
export async function fieldOptions(db: Kysely<Database>, locale: string): Promise<FieldOption[]> {
  const choices = await loadChoices(db, locale);
  return [...choices.fields.map((f) => ({ id: f.id, label: f.label, retired: false })), ...choices.retired.fields.map((f) => ({ id: f.id, label: f.label, retired: true }))];
}

export class UnknownFieldError extends Error {
  /** `target`: the form's name of the checkbox group ("fields", "item-12"). */
  constructor(readonly target: string) {
    super(target);
  }
}

/** checkFields: every id must be an active field, or a retired one the record already has. */
export function checkFields(options: FieldOption[], target: string, wanted: number[], kept: number[]): number[] {
  const unique = [...new Set(wanted)];
  for (const id of unique) {
    const option = options.find((o) => o.id === id);
    if (!option || (option.retired && !kept.includes(id))) throw new UnknownFieldError(target);
  }
  return unique.sort((a, b) => a - b);
}

/** parseIds: a posted checkbox list as numbers; anything else (a forged value) is an unknown field. */
export function parseIds(raw: unknown, target: string): number[] {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.map((v) => {
    if (typeof v !== 'string' || !/^[1-9][0-9]{0,8}$/.test(v)) throw new UnknownFieldError(target);
    return Number(v);
  });
}

type TagTable = 'group_fields' | 'meeting_fields' | 'agenda_item_fields';
const OWNER = { group_fields: 'group_id', meeting_fields: 'meeting_id', agenda_item_fields: 'agenda_item_id' } as const;

/** tagsOf: the field ids of each of the records (ids without fields are missing from the map). */
export async function tagsOf(db: Kysely<Database>, table: TagTable, ids: number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  if (ids.length === 0) return result;
  const owner = OWNER[table];
  const rows = (await db
    .selectFrom(table as 'group_fields')
    .select([`${owner as 'group_id'} as owner`, 'field_id'])
    .where(owner as 'group_id', 'in', ids)
    .orderBy('field_id')
    .execute()) as { owner: number; field_id: number }[];
  for (const r of rows) {
    const id = Number(r.owner);
    result.set(id, [...(result.get(id) ?? []), Number(r.field_id)]);
  }
  return result;
}

async function replaceTags(trx: Kysely<Database>, table: TagTable, id: number, fieldIds: number[]): Promise<void> {
  const owner = OWNER[table];
  await trx.deleteFrom(table as 'group_fields').where(owner as 'group_id', '=', id).execute();
  if (fieldIds.length) await trx.insertInto(table as 'group_fields').values(fieldIds.map((field_id) => ({ [owner]: id, field_id }) as { group_id: number; field_id: number })).execute();
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** saveGroupFields: the group's fields replaced (checked first); audited when something changed. */
export async function saveGroupFields(db: Kysely<Database>, actor: SessionUser, groupId: number, wanted: number[], now: Date): Promise<void> {
  const options = await fieldOptions(db, 'de');
  await db.transaction().execute(async (trx) => {
    const before = (await tagsOf(trx, 'group_fields', [groupId])).get(groupId) ?? [];
    const after = checkFields(options, 'fields', wanted, before);
    if (same(before, after)) return;
    await replaceTags(trx, 'group_fields', groupId, after);
    await audit(trx, { actorUserId: actor.id, action: 'group.fields', entityType: 'group', entityId: groupId, before: { fields: before }, after: { fields: after } }, now);
  });
}

/**
 * saveMeetingFields: the meeting's own fields and those of its agenda items (item id → field ids; items
 * of other meetings are ignored), checked and stored together, audited once on the meeting.
 */
export async function saveMeetingFields(db: Kysely<Database>, actor: SessionUser, meetingId: number, wanted: { meeting: number[]; items: Map<number, number[]> }, now: Date): Promise<void> {
  const options = await fieldOptions(db, 'de');
  await db.transaction().execute(async (trx) => {
    const itemIds = (await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute()).map((r) => Number(r.id));
    const [meetingBefore, itemsBefore] = await Promise.all([tagsOf(trx, 'meeting_fields', [meetingId]), tagsOf(trx, 'agenda_item_fields', itemIds)]);
    const before = { fields: meetingBefore.get(meetingId) ?? [], items: {} as Record<number, number[]> };
    const after = { fields: checkFields(options, 'fields', wanted.meeting, before.fields), items: {} as Record<number, number[]> };
    for (const itemId of itemIds) {
      before.items[itemId] = itemsBefore.get(itemId) ?? [];
      after.items[itemId] = checkFields(options, `item-${itemId}`, wanted.items.get(itemId) ?? [], before.items[itemId]!);
    }
    const changedItems = itemIds.filter((id) => !same(before.items[id]!, after.items[id]!));
    if (same(before.fields, after.fields) && changedItems.length === 0) return;
    await replaceTags(trx, 'meeting_fields', meetingId, after.fields);
    for (const itemId of changedItems) await replaceTags(trx, 'agenda_item_fields', itemId, after.items[itemId]!);
    await audit(trx, { actorUserId: actor.id, action: 'meeting.fields', entityType: 'meeting', entityId: meetingId, before, after }, now);
  });
}

/** fieldLabels: the labels of the ids, in the list's order (unknown ids skipped). */
export function fieldLabels(options: FieldOption[], ids: number[]): { id: number; label: string; retired: boolean }[] {
  return options.filter((o) => ids.includes(o.id));
}

/**
 * moveFieldTags: when two fields of action are merged (src/reference/lists.ts mergeReferenceEntries), the
 * groups, meetings and agenda items tagged with `from` get `into` instead (a record that had both keeps one
 * row). To be called in the merge's transaction before `from` is deleted; without it the tags of `from`
 * would go with it (the foreign keys cascade). Returns how many records were tagged with `from`.
 */
export async function moveFieldTags(trx: Kysely<Database>, from: number, into: number): Promise<number> {
  let moved = 0;
  for (const table of ['group_fields', 'meeting_fields', 'agenda_item_fields'] as const) {
    const owner = OWNER[table] as 'group_id';
    const t = trx as unknown as Kysely<{ tags: { group_id: number; field_id: number } }>;
    const rows = (await t.selectFrom(table as unknown as 'tags').select(`${owner}`).where('field_id', '=', from).execute()).map((r) => Number(r[owner]));
    if (rows.length === 0) continue;
    moved += rows.length;
    const having = new Set((await t.selectFrom(table as unknown as 'tags').select(`${owner}`).where('field_id', '=', into).where(owner, 'in', rows).execute()).map((r) => Number(r[owner])));
    const missing = rows.filter((id) => !having.has(id));
    if (missing.length) await t.insertInto(table as unknown as 'tags').values(missing.map((id) => ({ [owner]: id, field_id: into }) as { group_id: number; field_id: number })).execute();
    await t.deleteFrom(table as unknown as 'tags').where('field_id', '=', from).execute();
  }
  return moved;
}
