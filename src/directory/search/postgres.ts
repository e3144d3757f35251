import { sql, type RawBuilder } from 'kysely';
import type { TextSearch } from './index.js';
import { scoreOf } from './score.js';
import type { QueryWord } from './terms.js';

// PostgreSQL: words of 3+ letters (their stems, synonyms, corrections) are found inside words by LIKE
// on directory_text (migration 0038), answered by its pg_trgm GIN index on name || offers || body (the
// expression must be written exactly so). All words must match, any term of a word will do. Words under
// 3 letters (trigrams need 3) are found at word starts by the tsvector of directory_search as before.

const like = (text: string) => `%${text}%`;

function textConditions(words: QueryWord[], nameOnly = false): RawBuilder<boolean>[] {
  const conditions = words
    .filter((w) => w.terms.length)
    .map((w) => sql<boolean>`(${sql.join(w.terms.map((t) => sql`(x.name || x.offers || x.body) like ${like(t.text)}`), sql` or `)})`);
  // Hits in the name only: a further test on the rows the index found.
  if (nameOnly) conditions.push(...words.filter((w) => w.terms.length).map((w) => sql<boolean>`(${sql.join(w.terms.map((t) => sql`x.name like ${like(t.text)}`), sql` or `)})`));
  return conditions;
}

function shortWords(words: QueryWord[]): RawBuilder<boolean>[] {
  return words.filter((w) => !w.terms.length).map((w) => sql<boolean>`s.search_vector @@ to_tsquery('simple', ${`${w.folded}:*`})`);
}

const contains = (column: RawBuilder<unknown>, text: string) => sql<boolean>`strpos(${column}, ${text}) > 0`;

export const postgresSearch: TextSearch = {
  matches(words) {
    const conditions = shortWords(words);
    const text = textConditions(words);
    if (text.length) conditions.push(sql<boolean>`s.organisation_id in (select x.organisation_id from directory_text x where ${sql.join(text, sql` and `)})`);
    return sql<boolean>`(${sql.join(conditions, sql` and `)})`;
  },
  ranked(words, nameOnly) {
    return {
      join: sql`join directory_text x on x.organisation_id = s.organisation_id`,
      where: [...shortWords(words), ...textConditions(words, nameOnly)],
      rank: sql<number>`-${scoreOf(words, contains, 'greatest')}`,
    };
  },
  listHas(column, item) {
    return sql<boolean>`strpos(${column}, ${item}) > 0`;
  },
};
