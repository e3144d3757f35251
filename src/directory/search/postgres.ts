import { sql } from 'kysely';
import type { TextSearch } from './index.js';

// PostgreSQL: search_vector (migration 0004: folded name weight A, body weight B), copied into
// directory_search with its own GIN index (migration 0009). Every token is a prefix query, all must
// match; ts_rank prefers name hits.

function tsQuery(tokens: string[]): string {
  return tokens.map((t) => `${t}:*`).join(' & ');
}

export const postgresSearch: TextSearch = {
  matches(tokens) {
    return sql<boolean>`s.search_vector @@ to_tsquery('simple', ${tsQuery(tokens)})`;
  },
  ranked(tokens) {
    const query = sql`to_tsquery('simple', ${tsQuery(tokens)})`;
    return { join: sql``, where: [sql<boolean>`s.search_vector @@ ${query}`], rank: sql<number>`-ts_rank(s.search_vector, ${query})` };
  },
  listHas(column, item) {
    return sql<boolean>`strpos(${column}, ${item}) > 0`;
  },
};
