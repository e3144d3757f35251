import { sql, type RawBuilder } from 'kysely';
import type { TextSearch } from './index.js';
import { scoreOf } from './score.js';
import type { QueryWord } from './terms.js';

// SQLite: words of 3+ letters (their stems, synonyms, corrections) are found inside words by the FTS5
// trigram table directory_text (migration 0038), all words must match, any term of a word will do.
// Words under 3 letters (trigrams need 3) are found at word starts by organisations_fts (migration 0004)
// as before. A hit's rowid is the organisation's id, which is also the rowid of its directory_search row.

function matchExpression(words: QueryWord[], nameOnly = false): string | undefined {
  const parts = words.filter((w) => w.terms.length).map((w) => `${nameOnly ? 'name : ' : ''}(${w.terms.map((t) => `"${t.text}"`).join(' OR ')})`);
  return parts.length ? parts.join(' AND ') : undefined;
}

/** Conditions on a rowid `id` for the words under 3 letters. */
function shortWords(words: QueryWord[], id: RawBuilder<unknown>): RawBuilder<boolean>[] {
  return words
    .filter((w) => !w.terms.length)
    .map((w) => sql<boolean>`${id} in (select rowid from organisations_fts where organisations_fts match ${`"${w.folded}"*`})`);
}

const contains = (column: RawBuilder<unknown>, text: string) => sql<boolean>`instr(${column}, ${text}) > 0`;

export const sqliteSearch: TextSearch = {
  matches(words) {
    const expression = matchExpression(words);
    const conditions = shortWords(words, sql.ref('s.organisation_id'));
    if (expression) conditions.push(sql<boolean>`s.organisation_id in (select rowid from directory_text where directory_text match ${expression})`);
    return sql<boolean>`(${sql.join(conditions, sql` and `)})`;
  },
  ranked(words, nameOnly) {
    // The join restricts to the hits and brings their score along (the trigram index is read once).
    const expression = matchExpression(words, nameOnly);
    const conditions = shortWords(words, sql.ref('x.rowid'));
    if (expression) conditions.push(sql<boolean>`directory_text match ${expression}`);
    return {
      join: sql`join (select x.rowid as id, ${scoreOf(words, contains, 'max')} as score from directory_text x where ${sql.join(conditions, sql` and `)}) m
        on m.id = s.organisation_id`,
      where: [],
      rank: sql<number>`-m.score`,
    };
  },
  listHas(column, item) {
    return sql<boolean>`instr(${column}, ${item}) > 0`;
  },
};
