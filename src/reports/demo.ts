import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * seedFieldTags: the demo's groups, one meeting and one agenda item tagged with fields of action, so the
 * yearly report shows something under several fields (and, for the untagged meetings, the fallback to
 * their group's fields). Fields are found by their German name; a missing one is skipped.
 */
export async function seedFieldTags(trx: Kysely<Database>, groupIds: Record<string, number>): Promise<void> {
  const fields = new Map((await trx.selectFrom('fields_of_action').select(['id', 'name']).execute()).map((f) => [f.name, Number(f.id)]));
  const pick = (...names: string[]) => names.map((n) => fields.get(n)).filter((id): id is number => id !== undefined);
  const groupTags: [string, number[]][] = [
    ['intern', pick('Sprache', 'Bildung und Ausbildung')],
    ['extern', pick('Wirtschaft und Arbeit', 'Gesundheit')],
  ];
  for (const [key, ids] of groupTags) {
    const groupId = groupIds[key];
    if (groupId !== undefined && ids.length) await trx.insertInto('group_fields').values(ids.map((field_id) => ({ group_id: groupId, field_id }))).execute();
  }
  if (groupIds.extern === undefined) return;
  const meeting = await trx.selectFrom('meetings').select('id').where('group_id', '=', groupIds.extern).orderBy('starts_at').executeTakeFirst();
  if (!meeting) return;
  const culture = pick('Kultur');
  if (culture.length) await trx.insertInto('meeting_fields').values(culture.map((field_id) => ({ meeting_id: meeting.id, field_id }))).execute();
  const item = await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', meeting.id).orderBy('position').executeTakeFirst();
  const housing = pick('Wohnen');
  if (item && housing.length) await trx.insertInto('agenda_item_fields').values(housing.map((field_id) => ({ agenda_item_id: item.id, field_id }))).execute();
}
