import { foldWords } from '../../lib/fold.js';

/**
 * The words of a search as the substring indexes compare them (pure functions, no database).
 *
 * - looseFold: foldWords spells ü as "ue"; people also type "u" ("Dusseldorf"). The substring indexes
 *   (migration 0038) store every word with ae/oe/ue collapsed to a/o/u, and a query is collapsed the
 *   same way, so "Düsseldorf", "Duesseldorf" and "Dusseldorf" are one word. The same three replaces run
 *   in SQL (LOOSE_SQL) and here, left to right, so both sides always agree.
 * - stem: a light German plural stemmer for the query only. Because the index matches inside words,
 *   cutting "Kurse"/"Kursen" to "kurs" is enough: "kurs" is inside "kurs", "kurse", "integrationskursen".
 * - wholeForms: the forms a stem takes as a whole word (kurs, kurse, kursen, …), for ranking.
 * - withinOneEdit: whether a word holds the query with at most one typo (for the typo tolerance).
 */

export function looseFold(word: string): string {
  return word.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
}

/** looseSql: the same collapse in SQL (replace() exists on both databases). */
export function looseSql(expression: string): string {
  return `replace(replace(replace(${expression}, 'ae', 'a'), 'oe', 'o'), 'ue', 'u')`;
}

/** Plural and case endings cut from a query word, longest first; the stem keeps at least 4 letters. */
const ENDINGS = ['innen', 'en', 'e', 'n', 'es', 's'] as const;
const MIN_STEM = 4;

/**
 * stem: "kurse", "kursen" → "kurs"; "beraterinnen" → "beraterin"; "kitas" → "kita"; "tafeln" → "tafel".
 * Only on words of 5+ letters, -s only after a, o, y (Kitas, Büros, Hobbys; not Kreis, Haus, Kurs).
 * Cutting too much costs little: the stem is still matched inside words and ranked by its whole forms.
 */
export function stem(word: string): string {
  if (word.length < MIN_STEM + 1 || /^\p{N}+$/u.test(word)) return word;
  if (word.endsWith('innen')) return word.slice(0, -3);
  for (const ending of ENDINGS) {
    if (!word.endsWith(ending) || word.length - ending.length < MIN_STEM) continue;
    if (ending === 's' && !/[aoy]s$/.test(word)) continue;
    // -n alone is a plural after -el and -er (Tafeln, Feiern), not in Hilden's -en (handled above) or -in.
    if (ending === 'n' && !/[lr]n$/.test(word)) continue;
    if (ending === 'es' && /[aeiou]es$/.test(word)) continue;
    return word.slice(0, -ending.length);
  }
  return word;
}

/** The forms a stem takes as a whole word (in the loose spelling). */
export function wholeForms(stemmed: string): string[] {
  const forms = [stemmed, `${stemmed}e`, `${stemmed}en`, `${stemmed}n`, `${stemmed}s`, `${stemmed}es`, `${stemmed}nen`];
  return [...new Set(forms.map(looseFold))];
}

/**
 * approximateDistance: the fewest edits (a letter changed, added, left out, or two neighbours swapped)
 * that make `query` appear somewhere inside `word` (Sellers' algorithm with transpositions), capped at
 * max + 1. "integratoinskurs" is within one edit of "integrationskurse" (one swap).
 */
export function approximateDistance(query: string, word: string, max = 1): number {
  const m = query.length;
  const n = word.length;
  // rows[i][j]: edits to match query[0..i) ending at word position j; a match may start anywhere (row 0 = 0).
  let prev2: number[] = new Array(n + 1).fill(0);
  let prev: number[] = new Array(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    const row: number[] = new Array(n + 1);
    row[0] = i;
    let best = row[0];
    for (let j = 1; j <= n; j++) {
      const cost = query[i - 1] === word[j - 1] ? 0 : 1;
      let v = Math.min(prev[j - 1]! + cost, prev[j]! + 1, row[j - 1]! + 1);
      if (i > 1 && j > 1 && query[i - 1] === word[j - 2] && query[i - 2] === word[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return Math.min(max + 1, ...prev);
}

/** Words this long or longer are corrected when they occur nowhere (one edit). */
export const TYPO_MIN_LENGTH = 5;

/**
 * typoPieces: substrings of a query word of which at least one survives any single edit exactly: the
 * part before and after its middle letter when both have 3+ letters, else its trigrams. Candidates in
 * the vocabulary must contain one of them; approximateDistance then decides.
 */
export function typoPieces(word: string): string[] {
  const h = Math.floor(word.length / 2);
  const left = word.slice(0, h);
  const right = word.slice(h + 1);
  // A swap of the middle letter with a neighbour touches only one side; so does any other single edit.
  if (left.length >= 3 && right.length >= 3) return [left, right];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= word.length; i++) grams.add(word.slice(i, i + 3));
  return [...grams];
}

/** One word of a query, as the search runs it. */
export interface QueryWord {
  /** The folded word as typed (ue spelling), for the word-start index of words under 3 letters. */
  folded: string;
  /** Substrings any of which makes a hit (the stem, its synonyms' stems, typo corrections): loose, 3+ letters. */
  terms: QueryTerm[];
}

export interface QueryTerm {
  text: string;
  /** Whole-word forms of the term, for ranking. */
  whole: string[];
  /** false for a synonym or a typo correction: such hits rank just below hits of the word itself. */
  exact: boolean;
}

/** queryWord: the word's own term (or none when it is shorter than 3 letters: it is then a prefix). */
export function queryWord(folded: string): QueryWord {
  const stemmed = stem(folded);
  const text = looseFold(stemmed);
  return { folded, terms: text.length >= 3 ? [{ text, whole: wholeForms(stemmed), exact: true }] : [] };
}

/** A term for a partner word (synonym) or a correction: stemmed and loose like the word itself. */
export function partnerTerm(folded: string): QueryTerm | undefined {
  const stemmed = stem(folded);
  const text = looseFold(stemmed);
  return text.length >= 3 ? { text, whole: wholeForms(stemmed), exact: false } : undefined;
}

/** The folded, loose words of a synonym group's text ("Sprachkurs ~ Deutschkurs, Integrationskurs"). */
export function synonymWords(text: string): string[] {
  return [...new Set(text.split(/[~,;\n]/).flatMap((part) => foldWords(part).join(' ')).filter(Boolean))];
}
