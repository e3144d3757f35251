import { sql, type RawBuilder } from 'kysely';
import { looseFold, type QueryTerm, type QueryWord } from './terms.js';

/**
 * The relevance of an entry (directory_text, alias `x`: name, offers, body, each padded with spaces):
 * per query word its best term, scored by where and how it matches:
 *
 *   name: whole word 9, word start 8, inside a word 7; offers: 6, 5, 4; description and the rest: 3, 2, 1
 *
 * so the field comes first and within it whole word before word start before inside a word. Scores are
 * doubled and a synonym or typo correction loses one point: it ranks just below the same hit of the word
 * as typed. The words' scores add up; the order then falls back to the name (index.ts).
 */
export type Contains = (column: RawBuilder<unknown>, text: string) => RawBuilder<boolean>;

const FIELDS = ['name', 'offers', 'body'] as const;

function termScore(term: QueryTerm, contains: Contains): RawBuilder<number> {
  // The field is found first (one test each, most rows hold the term in one field only); the kind of
  // match is then told apart in that field alone.
  const branches = FIELDS.map((field, i) => {
    const column = sql.ref(`x.${field}`);
    const level = 9 - 3 * i;
    const points = (l: number) => sql.lit(2 * l - (term.exact ? 0 : 1));
    const whole = sql.join(
      term.whole.map((w) => contains(column, ` ${w} `)),
      sql` or `,
    );
    return sql`when ${contains(column, term.text)} then (case when ${whole} then ${points(level)} when ${contains(column, ` ${term.text}`)} then ${points(level - 1)} else ${points(level - 2)} end)`;
  });
  return sql<number>`(case ${sql.join(branches, sql` `)} else 0 end)`;
}

/** The terms a word is scored by: its terms, or for a word under 3 letters the word itself (a prefix). */
export function scoredTerms(word: QueryWord): QueryTerm[] {
  if (word.terms.length) return word.terms;
  const text = looseFold(word.folded);
  return [{ text, whole: [text], exact: true }];
}

export function scoreOf(words: QueryWord[], contains: Contains, greatest: 'max' | 'greatest'): RawBuilder<number> {
  const perWord = words.map((word) => {
    const scores = scoredTerms(word).map((t) => termScore(t, contains));
    return scores.length === 1 ? scores[0]! : sql`${sql.raw(greatest)}(${sql.join(scores)})`;
  });
  return sql<number>`(${sql.join(perWord, sql` + `)})`;
}
