import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { synonymWords } from '../directory/search/terms.js';

/**
 * Synonym groups for the directory search: words or short phrases the staff declare equivalent
 * ("Sprachkurs ~ Deutschkurs ~ Integrationskurs"). A query word that is one of a group's words (after
 * folding and plural stemming) also finds its partners (src/directory/search/query.ts). Stored as typed,
 * so the list reads as the staff wrote it.
 */
export interface SynonymGroup {
  id: number;
  words: string;
  updated_at: string;
}

export async function listSynonymGroups(db: Kysely<Database>): Promise<SynonymGroup[]> {
  const rows = await db.selectFrom('search_synonyms').select(['id', 'words', 'updated_at']).execute();
  // By the first word, as people look them up; folded so that "Ältere" sorts with "Alt…".
  return rows.sort((a, b) => a.words.localeCompare(b.words, 'de') || a.id - b.id);
}

/** The words of a group as shown and stored: trimmed, separated by " ~ ", duplicates (after folding) left out. */
export function tidyWords(text: string): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const raw of text.split(/[~,;\n]/)) {
    const part = raw.trim().replace(/\s+/g, ' ');
    const key = synonymWords(part)[0];
    if (!part || !key || seen.has(key)) continue;
    seen.add(key);
    parts.push(part);
  }
  return parts.join(' ~ ');
}

/** The form: at least two different words, each found by search (letters or digits), 500 characters at most. */
export const synonymForm = z.object({
  words: z
    .string({ message: 'synonyms.error.words' })
    .trim()
    .max(500, 'synonyms.error.tooLong')
    .refine((w) => synonymWords(w).length >= 2, 'synonyms.error.words')
    .transform(tidyWords),
});

export async function createSynonymGroup(db: Kysely<Database>, actor: SessionUser, words: string, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('search_synonyms').values({ words, updated_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: actor.id, action: 'search_synonym.create', entityType: 'search_synonym', entityId: row.id, after: { words } }, now);
    return row.id;
  });
}

/** Returns false when there is no such group. */
export async function updateSynonymGroup(db: Kysely<Database>, actor: SessionUser, id: number, words: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('search_synonyms').select('words').where('id', '=', id).executeTakeFirst();
    if (!before) return false;
    await trx.updateTable('search_synonyms').set({ words, updated_at: now.toISOString() }).where('id', '=', id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'search_synonym.update', entityType: 'search_synonym', entityId: id, before: { words: before.words }, after: { words } }, now);
    return true;
  });
}

/** Returns false when there is no such group. */
export async function deleteSynonymGroup(db: Kysely<Database>, actor: SessionUser, id: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('search_synonyms').select('words').where('id', '=', id).executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('search_synonyms').where('id', '=', id).execute();
    await audit(trx, { actorUserId: actor.id, action: 'search_synonym.delete', entityType: 'search_synonym', entityId: id, before: { words: before.words } }, now);
    return true;
  });
}
