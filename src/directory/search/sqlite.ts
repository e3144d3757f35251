import { sql } from 'kysely';
import type { TextSearch } from './index.js';

// SQLite: the FTS5 table organisations_fts (migration 0004) over the folded columns. Every token is a
// prefix query ("mig" finds "migration"), all must match; bm25 weighs the name ten times the body.

function matchExpression(tokens: string[]): string {
  return tokens.map((t) => `"${t}"*`).join(' ');
}

export const sqliteSearch: TextSearch = {
  match(qb, tokens) {
    const hits = sql`(select rowid, bm25(organisations_fts, 10.0, 1.0) as rank from organisations_fts where organisations_fts match ${matchExpression(tokens)})`;
    return qb.innerJoin(hits.as('fts') as any, 'fts.rowid' as any, 'organisations.id').select(sql<number>`fts.rank`.as('rank'));
  },
  filter(qb, tokens) {
    return qb.where(sql<boolean>`organisations.id in (select rowid from organisations_fts where organisations_fts match ${matchExpression(tokens)})`);
  },
};
