import type { Kysely } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { readCsv, type Problem } from '../lib/csv-import.js';
import { foldText } from '../lib/fold.js';
import type { Choices } from './choices.js';
import { writeEntry, type EntryInput } from './entries.js';
import { entryFields } from './schemas.js';

/**
 * CSV import of an existing address list into the directory: parse → preview → commit (after
 * confirmation, only without errors, in one transaction). Names already in the directory are skipped.
 */
export const ENTRY_IMPORT_MAX_ROWS = 2000;

const COLUMNS = {
  name: ['name', 'organisation', 'einrichtung'],
  kind: ['art', 'kind', 'typ'],
  street: ['strasse', 'street', 'adresse', 'anschrift'],
  postal_code: ['plz', 'postleitzahl', 'postal code'],
  place: ['ort', 'place', 'town'],
  city: ['stadt', 'kommune', 'city'],
  phone: ['telefon', 'phone', 'tel'],
  email: ['e-mail', 'email', 'mail'],
  website: ['webseite', 'website', 'internet', 'homepage'],
  offers: ['angebote', 'angebot', 'offers'],
  description: ['beschreibung', 'description'],
  languages: ['sprachen', 'languages'],
  fields: ['handlungsfelder', 'handlungsfeld', 'fields'],
  targets: ['zielgruppen', 'zielgruppe', 'target groups'],
  cities: ['taetig in', 'einzugsgebiet', 'cities served'],
};
export type EntryColumn = keyof typeof COLUMNS;
type Column = EntryColumn;
/** The German column names: the import's messages and the headers of `/directory.csv`, so the list can be imported again. */
export const ENTRY_COLUMN_LABELS: Record<Column, string> = {
  name: 'Name', kind: 'Art', street: 'Straße', postal_code: 'PLZ', place: 'Ort', city: 'Stadt', phone: 'Telefon', email: 'E-Mail', website: 'Webseite',
  offers: 'Angebote', description: 'Beschreibung', languages: 'Sprachen', fields: 'Handlungsfelder', targets: 'Zielgruppen', cities: 'Tätig in',
};

export interface EntryImportRow {
  line: number;
  name: string;
  status: 'new' | 'existing' | 'error';
  problem?: Problem;
  entry?: EntryInput;
}

const scalarFields = z.object({
  street: entryFields.street,
  postal_code: entryFields.postal_code,
  place: entryFields.place,
  phone: entryFields.phone,
  email: entryFields.email,
  website: entryFields.website,
  offers: entryFields.offers,
  description: entryFields.description_en,
});

/** splitList: "Türkisch, Arabisch; Englisch" → three items. */
const splitList = (cell: string) => cell.split(/[,;|/]/).map((x) => x.trim()).filter(Boolean);

/**
 * parseEntryCsv turns the rows into entries, resolving names of kinds, cities, fields of action, target
 * groups and languages (German names or codes, compared folded) against the database's choices.
 */
export function parseEntryCsv(text: string, choices: Choices): { ok: true; rows: EntryImportRow[] } | { ok: false; problem: Problem } {
  const table = readCsv<Column>(text, COLUMNS, ENTRY_COLUMN_LABELS, ['name'], ENTRY_IMPORT_MAX_ROWS);
  if (!table.ok) return table;
  const byName = <T extends { name: string }>(list: T[]) => new Map(list.map((x) => [foldText(x.name), x]));
  const cities = new Map([...byName(choices.cities)].concat(choices.cities.map((c) => [foldText(c.name.replace(/\s*\(.*\)$/, '')), c])));
  const fields = byName(choices.fields);
  const targets = byName(choices.targets);
  const kinds = new Map(choices.kinds.flatMap((k) => [[foldText(k.label), k.key], [k.key, k.key]] as [string, string][]));
  const languages = new Map(choices.languages.flatMap((l) => [[foldText(l.name), l.code], [l.code, l.code]] as [string, string][]));
  const seen = new Map<string, number>();

  const rows = table.records.map((record, i): EntryImportRow => {
    const cell = (k: Column) => table.column(record, k);
    const line = i + 2;
    const name = cell('name');
    const fail = (problem: Problem): EntryImportRow => ({ line, name, status: 'error', problem });
    if (!name) return fail({ key: 'import.row.name' });
    if (name.length > 300) return fail({ key: 'import.row.nameLong' });
    const earlier = seen.get(foldText(name));
    if (earlier) return fail({ key: 'entryImport.row.duplicate', params: { line: earlier } });
    seen.set(foldText(name), line);
    const kind = cell('kind') ? kinds.get(foldText(cell('kind'))) : 'other';
    if (!kind) return fail({ key: 'entryImport.row.unknown', params: { column: ENTRY_COLUMN_LABELS.kind, value: cell('kind') } });
    const resolve = <T>(column: Column, map: Map<string, T>): T[] | Problem => {
      const values: T[] = [];
      for (const item of splitList(cell(column))) {
        const found = map.get(foldText(item));
        if (found === undefined) return { key: 'entryImport.row.unknown', params: { column: ENTRY_COLUMN_LABELS[column], value: item } };
        values.push(found);
      }
      return values;
    };
    const served = resolve('cities', cities);
    const fieldList = resolve('fields', fields);
    const targetList = resolve('targets', targets);
    const languageList = resolve('languages', languages);
    for (const list of [served, fieldList, targetList, languageList]) if (!Array.isArray(list)) return fail(list);
    const city = cell('city') ? cities.get(foldText(cell('city'))) : undefined;
    if (cell('city') && !city) return fail({ key: 'entryImport.row.unknown', params: { column: ENTRY_COLUMN_LABELS.city, value: cell('city') } });
    // The single-value columns pass the form's own rules, so an import can hold nothing the form refuses.
    const scalars = scalarFields.safeParse({
      street: cell('street'),
      postal_code: cell('postal_code'),
      place: cell('place'),
      phone: cell('phone'),
      email: cell('email'),
      website: cell('website'),
      offers: cell('offers'),
      description: cell('description'),
    });
    if (!scalars.success) {
      const column = scalars.error.issues[0]!.path[0] as keyof typeof scalarFields.shape;
      return fail({ key: 'entryImport.row.invalid', params: { column: ENTRY_COLUMN_LABELS[column] } });
    }
    const v = scalars.data;
    const entry: EntryInput = {
      name,
      kind,
      city_id: city?.id ?? null,
      street: v.street,
      postal_code: v.postal_code,
      place: v.place,
      phone: v.phone,
      email: v.email,
      website: v.website,
      offers: v.offers,
      descriptions: v.description ? { de: v.description } : {},
      languages: [...new Set(languageList as string[])],
      fields: (fieldList as { id: number }[]).map((f) => f.id),
      cities: (served as { id: number }[]).map((c) => c.id),
      targets: (targetList as { id: number }[]).map((g) => g.id),
    };
    return { line, name, status: 'new', entry };
  });
  return { ok: true, rows };
}

/** planEntryImport marks rows whose name is already in the directory (any status but archived). */
export async function planEntryImport(db: Kysely<Database>, rows: EntryImportRow[]): Promise<EntryImportRow[]> {
  const names = rows.filter((r) => r.status === 'new').map((r) => foldText(r.name));
  const existing = new Set<string>();
  for (let i = 0; i < names.length; i += 500) {
    const found = await db.selectFrom('organisations').select('name_normalized').where('name_normalized', 'in', names.slice(i, i + 500)).where('status', '!=', 'archived').execute();
    for (const f of found) existing.add(f.name_normalized);
  }
  return rows.map((r) => (r.status === 'new' && existing.has(foldText(r.name)) ? { ...r, status: 'existing' } : r));
}

/**
 * commitEntryImport stores the new rows in one transaction. `published`: the secretariat states that the
 * organisations' consent to publication is on file (recorded with today's date); otherwise the entries
 * wait as pending. Returns how many were added.
 */
export async function commitEntryImport(db: Kysely<Database>, actor: SessionUser, rows: EntryImportRow[], published: boolean, now: Date): Promise<number> {
  if (rows.some((r) => r.status === 'error')) throw new Error('import has errors');
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    let added = 0;
    for (const row of rows) {
      if (row.status !== 'new' || !row.entry) continue;
      const org = await trx
        .insertInto('organisations')
        .values({
          name: row.name,
          name_normalized: foldText(row.name),
          kind: row.entry.kind,
          status: published ? 'published' : 'pending',
          consent_at: published ? at : null,
          last_confirmed_at: published ? at : null,
          reviewed_at: published ? at : null,
          reviewed_by_user_id: published ? actor.id : null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeEntry(trx, org.id, row.entry, now);
      await audit(trx, { actorUserId: actor.id, action: 'organisation.import', entityType: 'organisation', entityId: org.id, after: { ...row.entry, published } }, now);
      added += 1;
    }
    return added;
  });
}
