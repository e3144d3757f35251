import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { foldWords } from '../../lib/fold.js';
import { postgresSearch } from './postgres.js';
import { prepareQuery } from './query.js';
import { sqliteSearch } from './sqlite.js';
import type { QueryWord } from './terms.js';

/**
 * Directory search: one query model, one implementation of the text part per database (an FTS5 trigram
 * table on SQLite, pg_trgm on PostgreSQL, both over directory_text of migration 0038). A word is found
 * inside words ("kurs" in "Integrationskurse"), folded (Müller = Mueller = Muller), stemmed ("Kurse" =
 * "Kurs"), with its synonyms and, when it occurs nowhere, its typo corrections (query.ts, terms.ts);
 * hits are ranked by field and kind of match (score.ts), then by name.
 *
 * Filters, counts and the order by name read the table directory_search (migration 0009): one narrow row
 * per published entry, its cities, fields, languages and target groups as lists (",3,7,"), kept in step
 * with the entry by triggers. One pass over the matching rows then counts every filter value; through the
 * join tables that took an index lookup per matching entry and table (100 ms and more at 100,000 entries).
 */
export interface DirectoryFilters {
  q?: string;
  city?: number;
  field?: number;
  kind?: string;
  language?: string;
  target?: number;
}

export type FacetName = 'city' | 'field' | 'kind' | 'language' | 'target';
const FACETS: readonly FacetName[] = ['city', 'field', 'language', 'target', 'kind'];

/** The column of directory_search for each filter (all but kind are lists like ",3,7,"). */
const COLUMN: Record<FacetName, string> = { city: 'cities', field: 'fields', language: 'languages', target: 'targets', kind: 'kind' };

/** What each dialect contributes: the text match on directory_search (alias `s`), and a list test. */
export interface TextSearch {
  /** The condition that the entry matches every word. */
  matches(words: QueryWord[]): RawBuilder<boolean>;
  /**
   * The same for a page of hits, ranked: a join onto `s` and conditions, and the rank (lower is better).
   * `nameOnly`: only the hits whose name holds the words (see hitsPage).
   */
  ranked(words: QueryWord[], nameOnly?: boolean): { join: RawBuilder<unknown>; where: RawBuilder<boolean>[]; rank: RawBuilder<number> };
  /** Whether a list column (",3,7,") holds `item` (",3,"): a plain substring test, no pattern. */
  listHas(column: RawBuilder<unknown>, item: string): RawBuilder<boolean>;
}

/** searchTokens: the folded words of a query (any script), at most 8. */
export function searchTokens(q: string | undefined): string[] {
  return q ? foldWords(q).slice(0, 8) : [];
}

/** A query with characters but no word in it ("!!!") matches nothing, rather than everything. */
function matchesNothing(f: DirectoryFilters, tokens: readonly unknown[]): boolean {
  return Boolean(f.q?.trim()) && tokens.length === 0;
}

function textSearch(db: Kysely<Database>): TextSearch {
  return dialectOf(db) === 'postgres' ? postgresSearch : sqliteSearch;
}

/** The filters that are set (a falsy value is no filter). */
function activeFacets(f: DirectoryFilters): FacetName[] {
  return FACETS.filter((x) => Boolean(f[x]));
}

/** The condition on directory_search (alias `s`) for one filter that is set. */
function facetCondition(search: TextSearch, f: DirectoryFilters, facet: FacetName): RawBuilder<boolean> {
  if (facet === 'kind') return sql<boolean>`s.kind = ${f.kind}`;
  const value = String(f[facet]);
  // A value with a comma is none that exists, and would otherwise match two neighbours in a list.
  if (value.includes(',')) return sql<boolean>`1 = 0`;
  return search.listHas(sql.ref(`s.${COLUMN[facet]}`), `,${value},`);
}

function where(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
}

export interface DirectoryHit {
  id: number;
  name: string;
  kind: string;
  place: string | null;
  offers: string;
}

/**
 * One page of published entries matching the filters, best first (by relevance when there is a text
 * query, else by name). The order is total (ties broken by name and id), so pages do not overlap or skip.
 * The page is chosen on the narrow rows (rank, name, id); only its entries are then read in full.
 */
async function hitsPage(db: Kysely<Database>, f: DirectoryFilters, tokens: QueryWord[], page: { page: number; pageSize: number }): Promise<DirectoryHit[]> {
  const search = textSearch(db);
  const conditions = activeFacets(f).map((x) => facetCondition(search, f, x));
  const limit = sql`limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`;
  const chosen = (nameOnly: boolean) => {
    if (!tokens.length) return sql`select s.organisation_id as id, s.name_normalized, 0 as rank from directory_search s ${where(conditions)} order by s.name_normalized, s.organisation_id ${limit}`;
    const { join, where: matching, rank } = search.ranked(tokens, nameOnly);
    return sql`select s.organisation_id as id, s.name_normalized, ${rank} as rank from directory_search s ${join}
      ${where([...matching, ...conditions])} order by rank, s.name_normalized, s.organisation_id ${limit}`;
  };
  const read = async (ids: RawBuilder<unknown>) =>
    (
      await sql<DirectoryHit>`select o.id, o.name, o.kind, o.place, o.offers from (${ids}) p join organisations o on o.id = p.id
        order by p.rank, p.name_normalized, p.id`.execute(db)
    ).rows;
  // One word (of 3+ letters) found in a name scores at least 13, found elsewhere at most 12 (score.ts): when
  // the hits in names fill the page, it holds exactly them, in the same order. A common word ("verein")
  // then ranks the few thousand names that hold it, not every entry that mentions it.
  if (tokens.length === 1 && tokens[0]!.terms.length) {
    const named = await read(chosen(true));
    if (named.length === page.pageSize) return named;
  }
  return read(chosen(false));
}

/**
 * searchDirectory: one page of published entries matching the filters (see hitsPage), with the total
 * count. The directory page itself uses searchPage, which takes the total from the counts.
 */
export async function searchDirectory(
  db: Kysely<Database>,
  f: DirectoryFilters,
  page: { page: number; pageSize: number },
): Promise<{ rows: DirectoryHit[]; total: number }> {
  const tokens = await prepareQuery(db, f.q);
  if (matchesNothing(f, tokens)) return { rows: [], total: 0 };
  const search = textSearch(db);
  const conditions: RawBuilder<unknown>[] = activeFacets(f).map((x) => facetCondition(search, f, x));
  if (tokens.length) conditions.push(search.matches(tokens));
  const [rows, count] = await Promise.all([
    hitsPage(db, f, tokens, page),
    sql<{ n: number | string }>`select count(*) as n from directory_search s ${where(conditions)}`.execute(db),
  ]);
  return { rows, total: Number(count.rows[0]!.n) };
}

/** Counts per filter value, each under the other filters and the text query (classic facets). */
export type FacetCounts = Record<FacetName, Map<string, number>>;

function noCounts(): FacetCounts {
  return { city: new Map(), field: new Map(), kind: new Map(), language: new Map(), target: new Map() };
}

/**
 * facetCounts in one statement, with the text query evaluated once:
 *
 * - the matching set `t` (text query, and all filters but at most one) is materialised once, with a
 *   flag per filter that is set;
 * - per filter, its values are counted over the rows of `t` that pass every *other* filter, grouped by
 *   the whole list (",3,7,": a few dozen distinct lists), and the lists are split here;
 * - a filter with nothing else to respect (no text, no other filter, as on the first page) counts the
 *   whole directory from its own index instead, in order, without sorting.
 */
export async function facetCounts(db: Kysely<Database>, f: DirectoryFilters, prepared?: QueryWord[]): Promise<FacetCounts> {
  const tokens = prepared ?? (await prepareQuery(db, f.q));
  const counts = noCounts();
  if (matchesNothing(f, tokens)) return counts;
  const search = textSearch(db);
  const active = activeFacets(f);
  const whole = (x: FacetName) => !tokens.length && active.every((a) => a === x);

  const flag = (x: FacetName) => sql.ref(`t.has_${x}`);
  const branches = FACETS.map((x) =>
    whole(x)
      ? sql`select ${sql.lit(x)} as facet, ${sql.ref(COLUMN[x])} as value, count(*) as n from directory_search group by ${sql.ref(COLUMN[x])}`
      : sql`select ${sql.lit(x)} as facet, ${sql.ref(`t.${COLUMN[x]}`)} as value, count(*) as n from t
          ${where(active.filter((a) => a !== x).map(flag))} group by ${sql.ref(`t.${COLUMN[x]}`)}`,
  );
  let statement = sql.join(branches, sql` union all `);
  if (!FACETS.every(whole)) {
    // t holds the rows the counts over it need: those passing every filter, and when a filter that is set
    // is itself counted over t, also those failing only that one (its counts leave it out).
    const conditions = active.map((x) => facetCondition(search, f, x));
    const needed = active.some((x) => !whole(x)) ? active.length - 1 : active.length;
    const filters: RawBuilder<unknown>[] = tokens.length ? [search.matches(tokens)] : [];
    if (needed === active.length) filters.push(...conditions);
    else if (needed > 0) filters.push(sql`(${sql.join(conditions.map((c) => sql`case when ${c} then 1 else 0 end`), sql` + `)}) >= ${needed}`);
    const flags = active.map((x, i) => sql`${conditions[i]} as ${sql.ref(`has_${x}`)}`);
    statement = sql`with t as materialized (
        select s.kind, s.cities, s.fields, s.languages, s.targets${sql.join(flags.map((c) => sql`, ${c}`), sql``)}
        from directory_search s ${where(filters)}
      ) ${statement}`;
  }
  const { rows } = await sql<{ facet: FacetName; value: string | number; n: number | string }>`${statement}`.execute(db);
  for (const { facet, value, n } of rows) {
    const map = counts[facet];
    // kind is one value; the others are lists (",3,7,", or '' for none).
    const values = facet === 'kind' ? [String(value)] : String(value).split(',').filter(Boolean);
    for (const v of values) map.set(v, (map.get(v) ?? 0) + Number(n));
  }
  return counts;
}

/** The total of a search, from its kind counts: every entry has one kind, and kind counts leave out only the kind filter. */
function totalFromCounts(counts: FacetCounts, f: DirectoryFilters): number {
  if (f.kind) return counts.kind.get(f.kind) ?? 0;
  let total = 0;
  for (const n of counts.kind.values()) total += n;
  return total;
}

/**
 * searchPage: what the directory page shows: one page of hits, the total and the counts per filter value.
 * The total comes from the counts, so the matching set is counted once, not twice.
 */
export async function searchPage(
  db: Kysely<Database>,
  f: DirectoryFilters,
  page: { page: number; pageSize: number },
): Promise<{ rows: DirectoryHit[]; total: number; counts: FacetCounts }> {
  const tokens = await prepareQuery(db, f.q);
  if (matchesNothing(f, tokens)) return { rows: [], total: 0, counts: noCounts() };
  const [rows, counts] = await Promise.all([hitsPage(db, f, tokens, page), facetCounts(db, f, tokens)]);
  return { rows, total: totalFromCounts(counts, f), counts };
}
