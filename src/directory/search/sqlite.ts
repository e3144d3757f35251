import { sql } from 'kysely';
import type { TextSearch } from './index.js';

// SQLite: the FTS5 table organisations_fts (migration 0004) over the folded columns. Every token is a
// prefix query ("mig" finds "migration"), all must match; bm25 weighs the name ten times the body.
// A hit's rowid is the organisation's id, which is also the rowid of its directory_search row.

function matchExpression(tokens: string[]): string {
  return tokens.map((t) => `"${t}"*`).join(' ');
}

export const sqliteSearch: TextSearch = {
  matches(tokens) {
    return sql<boolean>`s.organisation_id in (select rowid from organisations_fts where organisations_fts match ${matchExpression(tokens)})`;
  },
  ranked(tokens) {
    // The join restricts to the hits and brings their rank along (the full-text index is read once).
    return {
      join: sql`join (select rowid as id, bm25(organisations_fts, 10.0, 1.0) as rank from organisations_fts where organisations_fts match ${matchExpression(tokens)}) m
        on m.id = s.organisation_id`,
      where: [],
      rank: sql<number>`m.rank`,
    };
  },
  listHas(column, item) {
    return sql<boolean>`instr(${column}, ${item}) > 0`;
  },
};
