import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { dialectOf } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { foldWords } from '../../lib/fold.js';
import { postgresSearch } from './postgres.js';
import { sqliteSearch } from './sqlite.js';

/**
 * Directory search: one query model, one implementation of the full-text part per database
 * (FTS5 on SQLite, a weighted tsvector on PostgreSQL). Both index the folded name (weighted high) and
 * the folded body (description, offers, contacts, places), so "Mueller" finds "Müller" and a hit in
 * the name ranks before a hit in the description.
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

/** What each dialect contributes: restricting to text matches, and ranking them. */
export interface TextSearch {
  /** Adds the match condition and a "rank" column (lower is better) for the folded tokens. */
  match(qb: SelectQueryBuilder<Database, 'organisations', any>, tokens: string[]): SelectQueryBuilder<Database, 'organisations', any>;
  /** Only the match condition (for counts). */
  filter(qb: SelectQueryBuilder<Database, 'organisations', any>, tokens: string[]): SelectQueryBuilder<Database, 'organisations', any>;
}

/** searchTokens: the folded words of a query (any script), at most 8. */
export function searchTokens(q: string | undefined): string[] {
  return q ? foldWords(q).slice(0, 8) : [];
}

/** A query with characters but no word in it ("!!!") matches nothing, rather than everything. */
function matchesNothing(f: DirectoryFilters, tokens: string[]): boolean {
  return Boolean(f.q?.trim()) && tokens.length === 0;
}

function textSearch(db: Kysely<Database>): TextSearch {
  return dialectOf(db) === 'postgres' ? postgresSearch : sqliteSearch;
}

/** Restricts to published entries and every filter except `except` (for counts per value). */
function filtered(db: Kysely<Database>, f: DirectoryFilters, except?: FacetName) {
  let qb = db.selectFrom('organisations').where('organisations.status', '=', 'published');
  if (f.city && except !== 'city') qb = qb.where('organisations.id', 'in', db.selectFrom('organisation_cities').select('organisation_id').where('city_id', '=', f.city));
  if (f.field && except !== 'field') qb = qb.where('organisations.id', 'in', db.selectFrom('organisation_fields').select('organisation_id').where('field_id', '=', f.field));
  if (f.language && except !== 'language') qb = qb.where('organisations.id', 'in', db.selectFrom('organisation_languages').select('organisation_id').where('language', '=', f.language));
  if (f.target && except !== 'target') qb = qb.where('organisations.id', 'in', db.selectFrom('organisation_target_groups').select('organisation_id').where('target_group_id', '=', f.target));
  if (f.kind && except !== 'kind') qb = qb.where('organisations.kind', '=', f.kind);
  return qb;
}

export interface DirectoryHit {
  id: number;
  name: string;
  kind: string;
  place: string | null;
  offers: string;
}

/**
 * searchDirectory: one page of published entries matching the filters, best first (by relevance when
 * there is a text query, else by name), with the total count. The order is total (ties broken by name
 * and id), so pages do not overlap or skip.
 */
export async function searchDirectory(
  db: Kysely<Database>,
  f: DirectoryFilters,
  page: { page: number; pageSize: number },
): Promise<{ rows: DirectoryHit[]; total: number }> {
  const tokens = searchTokens(f.q);
  if (matchesNothing(f, tokens)) return { rows: [], total: 0 };
  const search = textSearch(db);
  let rows = filtered(db, f).select(['organisations.id', 'organisations.name', 'organisations.kind', 'organisations.place', 'organisations.offers']);
  if (tokens.length) rows = search.match(rows, tokens).orderBy(sql`rank`);
  const list = await rows
    .orderBy('organisations.name_normalized')
    .orderBy('organisations.id')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  let count = filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n'));
  if (tokens.length) count = search.filter(count, tokens);
  const total = Number((await count.executeTakeFirstOrThrow()).n);
  return { rows: list as DirectoryHit[], total };
}

/** Counts per filter value, each under the other filters and the text query (classic facets). */
export type FacetCounts = Record<FacetName, Map<string, number>>;

export async function facetCounts(db: Kysely<Database>, f: DirectoryFilters): Promise<FacetCounts> {
  const tokens = searchTokens(f.q);
  if (matchesNothing(f, tokens)) return { city: new Map(), field: new Map(), kind: new Map(), language: new Map(), target: new Map() };
  const search = textSearch(db);
  const ids = (except: FacetName) => {
    const qb = filtered(db, f, except).select('organisations.id');
    return tokens.length ? search.filter(qb, tokens) : qb;
  };
  const toMap = (rows: { value: string | number; n: number | string }[]) => new Map(rows.map((r) => [String(r.value), Number(r.n)]));
  const [city, field, language, target, kind] = await Promise.all([
    db.selectFrom('organisation_cities').select((eb) => ['city_id as value', eb.fn.countAll<number>().as('n')]).where('organisation_id', 'in', ids('city')).groupBy('city_id').execute(),
    db.selectFrom('organisation_fields').select((eb) => ['field_id as value', eb.fn.countAll<number>().as('n')]).where('organisation_id', 'in', ids('field')).groupBy('field_id').execute(),
    db.selectFrom('organisation_languages').select((eb) => ['language as value', eb.fn.countAll<number>().as('n')]).where('organisation_id', 'in', ids('language')).groupBy('language').execute(),
    db.selectFrom('organisation_target_groups').select((eb) => ['target_group_id as value', eb.fn.countAll<number>().as('n')]).where('organisation_id', 'in', ids('target')).groupBy('target_group_id').execute(),
    (tokens.length ? search.filter(filtered(db, f, 'kind'), tokens) : filtered(db, f, 'kind'))
      .select((eb) => ['organisations.kind as value', eb.fn.countAll<number>().as('n')])
      .groupBy('organisations.kind')
      .execute(),
  ]);
  return { city: toMap(city), field: toMap(field), language: toMap(language), target: toMap(target), kind: toMap(kind as { value: string; n: number }[]) };
}
