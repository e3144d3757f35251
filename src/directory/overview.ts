import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface Coverage {
  /** count of published entries per "cityId:fieldId" */
  cells: Map<string, number>;
  byKind: { key: string; count: number }[];
  byLanguage: { code: string; count: number }[];
  total: number;
}

/**
 * coverage: how many published actors offer which field of action in which city, and counts by kind
 * and language: the secretariat's (and the public's) view of where offers are missing.
 */
export async function coverage(db: Kysely<Database>): Promise<Coverage> {
  const published = db.selectFrom('organisations').select('id').where('status', '=', 'published');
  const [cells, byKind, byLanguage, total] = await Promise.all([
    db
      .selectFrom('organisation_cities')
      .innerJoin('organisation_fields', 'organisation_fields.organisation_id', 'organisation_cities.organisation_id')
      .select((eb) => ['organisation_cities.city_id', 'organisation_fields.field_id', eb.fn.countAll<number>().as('n')])
      .where('organisation_cities.organisation_id', 'in', published)
      .groupBy(['organisation_cities.city_id', 'organisation_fields.field_id'])
      .execute(),
    db.selectFrom('organisations').select((eb) => ['kind', eb.fn.countAll<number>().as('n')]).where('status', '=', 'published').groupBy('kind').execute(),
    db
      .selectFrom('organisation_languages')
      .select((eb) => ['language', eb.fn.countAll<number>().as('n')])
      .where('organisation_id', 'in', published)
      .groupBy('language')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .execute(),
    db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'published').executeTakeFirstOrThrow(),
  ]);
  return {
    cells: new Map(cells.map((c) => [`${c.city_id}:${c.field_id}`, Number(c.n)])),
    byKind: byKind.map((k) => ({ key: k.kind, count: Number(k.n) })),
    byLanguage: byLanguage.map((l) => ({ code: l.language, count: Number(l.n) })),
    total: Number(total.n),
  };
}
