import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { writeEntry, type EntryInput } from '../../src/directory/entries.js';
import { foldText } from '../../src/lib/fold.js';

/** addEntry stores a directory entry directly (published unless said otherwise); returns its id. */
export async function addEntry(db: Kysely<Database>, input: Partial<EntryInput> & { name: string }, status: 'published' | 'pending' | 'unlisted' | 'rejected' = 'published'): Promise<number> {
  const at = '2026-01-01T00:00:00.000Z';
  const row = await db
    .insertInto('organisations')
    .values({ name: input.name, name_normalized: foldText(input.name), kind: input.kind ?? 'association', status, consent_at: at, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.transaction().execute((trx) =>
    writeEntry(trx, row.id, { kind: 'association', city_id: null, descriptions: { de: 'Beschreibung' }, languages: [], fields: [], cities: [], targets: [], ...input }, new Date(at)),
  );
  return row.id;
}
