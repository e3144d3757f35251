import { sql } from 'kysely';
import type { TextSearch } from './index.js';

// PostgreSQL: the generated column search_vector (migration 0004: folded name weight A, body weight B)
// with a GIN index. Every token is a prefix query, all must match; ts_rank prefers name hits.

function tsQuery(tokens: string[]): string {
  return tokens.map((t) => `${t}:*`).join(' & ');
}

export const postgresSearch: TextSearch = {
  match(qb, tokens) {
    const query = sql`to_tsquery('simple', ${tsQuery(tokens)})`;
    return qb
      .where(sql<boolean>`organisations.search_vector @@ ${query}`)
      .select(sql<number>`-ts_rank(organisations.search_vector, ${query})`.as('rank'));
  },
  filter(qb, tokens) {
    return qb.where(sql<boolean>`organisations.search_vector @@ to_tsquery('simple', ${tsQuery(tokens)})`);
  },
};
