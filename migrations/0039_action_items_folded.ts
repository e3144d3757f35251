import type { Kysely } from 'kysely';
import { foldText } from '../src/lib/fold.js';

// The /actions list is paged in the database (issue #21: no list cut at a fixed row count). Its filter
// "responsible" compares names folded (Müller = mueller); persons carry name_folded, the free-text
// organisation of an item did not, so that filter read every visible item into memory. Now the item
// carries its organisation folded too, written with it (src/minutes/minutes.ts), and the filter is SQL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('action_items').addColumn('responsible_organisation_folded', 'text').execute();
  const rows = await db.selectFrom('action_items').select(['id', 'responsible_organisation']).where('responsible_organisation', 'is not', null).execute();
  for (const r of rows) await db.updateTable('action_items').set({ responsible_organisation_folded: foldText(r.responsible_organisation as string) }).where('id', '=', r.id).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('action_items').dropColumn('responsible_organisation_folded').execute();
}
