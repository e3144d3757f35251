import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { foldWords } from '../../lib/fold.js';
import { approximateDistance, looseFold, partnerTerm, queryWord, stem, synonymWords, TYPO_MIN_LENGTH, typoPieces, type QueryTerm, type QueryWord } from './terms.js';

/** At most this many words of a query are searched, and this many corrections per word. */
const MAX_WORDS = 8;
const MAX_CORRECTIONS = 5;

/**
 * prepareQuery: the words of a query as the search runs them (see terms.ts), each with
 * - its stem (light plural stemming) in the loose spelling, matched inside words;
 * - the stems of its partners in the staff's synonym groups;
 * - when the word has 5+ letters and occurs nowhere, not even inside a word: the words of the vocabulary
 *   (search_words) that hold it with one typo ("Integratoinskurs" → "integrationskurse").
 */
export async function prepareQuery(db: Kysely<Database>, q: string | undefined): Promise<QueryWord[]> {
  const words = q ? foldWords(q).slice(0, MAX_WORDS).map(queryWord) : [];
  if (!words.some((w) => w.terms.length)) return words;
  const groups = await synonymGroups(db);
  for (const word of words) {
    const own = word.terms[0];
    if (!own) continue;
    for (const group of groups) {
      if (!group.some((member) => looseFold(stem(member)) === own.text)) continue;
      for (const member of group) {
        const term = partnerTerm(member);
        if (term && !word.terms.some((t) => t.text === term.text)) word.terms.push(term);
      }
    }
    if (word.terms.length === 1 && own.text.length >= TYPO_MIN_LENGTH && !(await occurs(db, own.text))) {
      word.terms.push(...(await corrections(db, own.text)));
    }
  }
  return words;
}

/** The synonym groups, each as its folded words (a table of a few dozen rows, read per search). */
async function synonymGroups(db: Kysely<Database>): Promise<string[][]> {
  const rows = await db.selectFrom('search_synonyms').select('words').execute();
  return rows.map((r) => synonymWords(r.words)).filter((g) => g.length > 1);
}

/** Whether any word of the vocabulary holds `text`. */
async function occurs(db: Kysely<Database>, text: string): Promise<boolean> {
  const { rows } =
    dialectOf(db) === 'postgres'
      ? await sql`select 1 from search_words where word like ${`%${text}%`} limit 1`.execute(db)
      : await sql`select 1 from search_words_trigram where search_words_trigram match ${`"${text}"`} limit 1`.execute(db);
  return rows.length > 0;
}

/** The vocabulary's words within one edit of holding `text`, closest and shortest first. */
async function corrections(db: Kysely<Database>, text: string): Promise<QueryTerm[]> {
  const pieces = typoPieces(text);
  const { rows } =
    dialectOf(db) === 'postgres'
      ? await sql<{ word: string }>`select word from search_words where ${sql.join(
          pieces.map((p) => sql`word like ${`%${p}%`}`),
          sql` or `,
        )} limit 500`.execute(db)
      : await sql<{ word: string }>`select word from search_words_trigram where search_words_trigram match ${pieces.map((p) => `"${p}"`).join(' OR ')} limit 500`.execute(db);
  return rows
    .map((r) => ({ word: r.word, distance: approximateDistance(text, r.word) }))
    .filter((c) => c.distance <= 1)
    .sort((a, b) => a.distance - b.distance || a.word.length - b.word.length || a.word.localeCompare(b.word))
    .slice(0, MAX_CORRECTIONS)
    .map((c) => ({ text: c.word, whole: [c.word], exact: false }));
}
