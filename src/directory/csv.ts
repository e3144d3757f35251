import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { excelCsv } from '../lib/csv-export.js';
import { ENTRY_COLUMN_LABELS, type EntryColumn } from './entry-import.js';
import { loadLanguageNames } from './languages.js';

/** The columns of `/directory.csv`, in order: every column the import reads, under the import's names. */
const EXPORT_COLUMNS: EntryColumn[] = ['name', 'kind', 'street', 'postal_code', 'place', 'city', 'phone', 'email', 'website', 'offers', 'description', 'languages', 'fields', 'targets', 'cities'];

/** Lists inside a cell are joined as the import splits them. */
const list = (values: string[]) => values.join(', ');

/**
 * directoryCsv: the published entries with these ids (in this order) as a CSV file the directory import
 * reads back unchanged: German column names and values (kind, cities, fields of action, target groups,
 * language names), the German description. Contact persons are never part of it (their consent can be
 * withdrawn; a downloaded file cannot follow).
 */
export async function directoryCsv(db: Kysely<Database>, ids: number[]): Promise<string> {
  const header = EXPORT_COLUMNS.map((c) => ENTRY_COLUMN_LABELS[c]);
  if (ids.length === 0) return excelCsv(header, []);
  const [orgs, descriptions, languages, fields, cities, targets] = await Promise.all([
    db
      .selectFrom('organisations')
      .innerJoin('organisation_kinds', 'organisation_kinds.key', 'organisations.kind')
      .leftJoin('cities', 'cities.id', 'organisations.city_id')
      .select(['organisations.id', 'organisations.name', 'organisation_kinds.label_de as kind', 'organisations.street', 'organisations.postal_code', 'organisations.place', 'cities.name as city', 'organisations.phone', 'organisations.email', 'organisations.website', 'organisations.offers'])
      .where('organisations.id', 'in', ids)
      .execute(),
    db.selectFrom('organisation_descriptions').select(['organisation_id', 'description']).where('organisation_id', 'in', ids).where('language', '=', 'de').execute(),
    db.selectFrom('organisation_languages').select(['organisation_id', 'language as name']).where('organisation_id', 'in', ids).orderBy('language').execute(),
    db.selectFrom('organisation_fields').innerJoin('fields_of_action', 'fields_of_action.id', 'organisation_fields.field_id').select(['organisation_id', 'fields_of_action.name']).where('organisation_id', 'in', ids).orderBy('fields_of_action.position').execute(),
    db.selectFrom('organisation_cities').innerJoin('cities', 'cities.id', 'organisation_cities.city_id').select(['organisation_id', 'cities.name']).where('organisation_id', 'in', ids).orderBy('cities.position').execute(),
    db.selectFrom('organisation_target_groups').innerJoin('target_groups', 'target_groups.id', 'organisation_target_groups.target_group_id').select(['organisation_id', 'target_groups.name']).where('organisation_id', 'in', ids).orderBy('target_groups.position').execute(),
  ]);
  const grouped = (rows: { organisation_id: number; name: string }[]) => {
    const map = new Map<number, string[]>();
    for (const r of rows) map.set(r.organisation_id, [...(map.get(r.organisation_id) ?? []), r.name]);
    return map;
  };
  const descriptionOf = new Map(descriptions.map((d) => [d.organisation_id, d.description]));
  const languageName = await loadLanguageNames(db, 'de');
  const [languagesOf, fieldsOf, citiesOf, targetsOf] = [grouped(languages), grouped(fields), grouped(cities), grouped(targets)];
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const rows = ids.flatMap((id) => {
    const o = byId.get(id);
    if (!o) return [];
    const cells: Record<EntryColumn, string | null> = {
      ...o,
      description: descriptionOf.get(id) ?? null,
      languages: list((languagesOf.get(id) ?? []).map((code) => languageName(code))),
      fields: list(fieldsOf.get(id) ?? []),
      targets: list(targetsOf.get(id) ?? []),
      cities: list(citiesOf.get(id) ?? []),
    };
    return [EXPORT_COLUMNS.map((c) => cells[c])];
  });
  return excelCsv(header, rows);
}
