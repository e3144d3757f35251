import { sql, type Kysely } from 'kysely';
import { moveFieldTags } from '../reports/tags.js';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import type { FieldErrors } from '../http/forms.js';
import { CONTROL_CHARACTERS } from '../http/schemas.js';
import { foldText } from '../lib/fold.js';
import { intlLanguageName, namesByEntry, OTHER_LOCALES, type LocalNames, type ReferenceList } from './names.js';

/**
 * The editable reference lists: where each keeps its entries and which records use them. Fields of action
 * and target groups are numbered rows, kinds of organisation have a key, languages their ISO 639 code;
 * the German name is the entry's own column, the other languages' names are in reference_names.
 */
interface ListDef {
  table: 'fields_of_action' | 'target_groups' | 'organisation_kinds' | 'languages';
  key: 'id' | 'key' | 'code';
  name: 'name' | 'label_de';
  /** The records that use an entry: a join table (one row per organisation and entry) or organisations.kind. */
  usage: { table: 'organisation_fields' | 'organisation_target_groups' | 'organisations' | 'organisation_languages'; column: string; join: boolean };
}

const DEFS: Record<ReferenceList, ListDef> = {
  fields: { table: 'fields_of_action', key: 'id', name: 'name', usage: { table: 'organisation_fields', column: 'field_id', join: true } },
  kinds: { table: 'organisation_kinds', key: 'key', name: 'label_de', usage: { table: 'organisations', column: 'kind', join: false } },
  targets: { table: 'target_groups', key: 'id', name: 'name', usage: { table: 'organisation_target_groups', column: 'target_group_id', join: true } },
  languages: { table: 'languages', key: 'code', name: 'name', usage: { table: 'organisation_languages', column: 'language', join: true } },
};

export interface ReferenceEntry {
  /** The id (as text), key or code. */
  key: string;
  /** The German name. */
  name: string;
  names: LocalNames;
  /** Languages only: the language's name in itself. */
  endonym: string | null;
  position: number;
  retired: boolean;
  /** How many directory entries use it. */
  uses: number;
}

/** What the form of an entry gives: the German name, the other names, the position; for languages the code (when added) and the endonym. */
export interface EntryForm {
  name: string;
  names: Record<string, string>;
  position: number | null;
  code?: string;
  endonym?: string;
}

const any = (db: Kysely<Database>) => db as unknown as Kysely<any>;
/** The key as the table stores it: fields and targets have numbers. */
const keyValue = (list: ReferenceList, key: string): string | number => (DEFS[list].key === 'id' ? Number(key) : key);
export const validKey = (list: ReferenceList, key: string) => (DEFS[list].key === 'id' ? /^[1-9][0-9]{0,8}$/.test(key) : /^[a-z0-9_]{1,50}$/.test(key));

/** listEntries: every entry of a list, active and retired, in their order, with the number of records using each. */
export async function listEntries(db: Kysely<Database>, list: ReferenceList): Promise<ReferenceEntry[]> {
  const d = DEFS[list];
  const [rows, uses, names] = await Promise.all([
    any(db)
      .selectFrom(d.table)
      .select([`${d.key} as key`, `${d.name} as name`, 'position', 'retired_at', ...(list === 'languages' ? ['endonym'] : [])])
      .orderBy('position')
      .orderBy(d.key)
      .execute(),
    any(db).selectFrom(d.usage.table).select([`${d.usage.column} as key`, sql<string | number>`count(*)`.as('n')]).groupBy(d.usage.column).execute(),
    namesByEntry(db, list),
  ]);
  const count = new Map(uses.map((u) => [String(u.key), Number(u.n)]));
  return rows.map((r) => ({
    key: String(r.key),
    name: String(r.name),
    names: names.get(String(r.key)) ?? {},
    endonym: r.endonym ?? null,
    position: Number(r.position),
    retired: r.retired_at !== null && r.retired_at !== undefined,
    uses: count.get(String(r.key)) ?? 0,
  }));
}

export async function findReferenceEntry(db: Kysely<Database>, list: ReferenceList, key: string): Promise<ReferenceEntry | undefined> {
  if (!validKey(list, key)) return undefined;
  return (await listEntries(db, list)).find((e) => e.key === key);
}

/** readEntryForm: the posted form as an entry, or the field errors (German name required except for a new language, which may take Intl's). */
export function readEntryForm(list: ReferenceList, body: Record<string, unknown>, adding: boolean): { input: EntryForm } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  const check = (k: string, max = 200) => {
    const v = str(k);
    if (v.length > max) errors[k] = 'field.tooLong';
    else if (CONTROL_CHARACTERS.test(v)) errors[k] = 'field.controlCharacters';
    return v;
  };
  const name = check('name_de');
  const names: Record<string, string> = {};
  for (const locale of OTHER_LOCALES) names[locale] = check(`name_${locale}`);
  const positionText = str('position');
  let position: number | null = null;
  if (positionText) {
    if (/^[0-9]{1,4}$/.test(positionText) && Number(positionText) >= 1) position = Number(positionText);
    else errors.position = 'reference.error.position';
  }
  const input: EntryForm = { name, names, position };
  if (list === 'languages') {
    input.endonym = check('endonym');
    if (adding) {
      const code = str('code').toLowerCase();
      input.code = code;
      if (!code) errors.code = 'field.required';
      else if (!/^[a-z]{2,3}$/.test(code)) errors.code = 'reference.error.codeFormat';
      else if (!name && !intlLanguageName(code, 'de')) errors.code = 'reference.error.unknownCode';
    }
  }
  if (!name && !(list === 'languages' && adding) && !errors.name_de) errors.name_de = 'field.required';
  return Object.keys(errors).length ? { errors } : { input };
}

/** duplicates: the fields whose name another entry of the list already has in that language (compared folded). */
function duplicates(entries: ReferenceEntry[], input: EntryForm, except?: string): FieldErrors {
  const errors: FieldErrors = {};
  const others = entries.filter((e) => e.key !== except);
  if (input.name && others.some((e) => foldText(e.name) === foldText(input.name))) errors.name_de = 'reference.error.duplicateName';
  for (const locale of OTHER_LOCALES) {
    const mine = input.names[locale];
    if (mine && others.some((e) => e.names[locale] && foldText(e.names[locale]!) === foldText(mine))) errors[`name_${locale}`] = 'reference.error.duplicateName';
  }
  return errors;
}

async function writeNames(trx: Kysely<Database>, list: ReferenceList, key: string, names: Record<string, string>): Promise<void> {
  await trx.deleteFrom('reference_names').where('list', '=', list).where('entry', '=', key).execute();
  const rows = OTHER_LOCALES.filter((l) => names[l]).map((locale) => ({ list, entry: key, locale, name: names[locale]! }));
  if (rows.length) await trx.insertInto('reference_names').values(rows).execute();
}

/** kindKey: a key for a new kind of organisation from its German name ("Kulturverein" → "kulturverein"), unique in the list. */
function kindKey(name: string, taken: Set<string>): string {
  const base = foldText(name).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'kind';
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  return key;
}

const snapshot = (list: ReferenceList, e: { name: string; names: LocalNames; position: number; endonym?: string | null }) => ({
  list,
  name: e.name,
  names: Object.fromEntries(OTHER_LOCALES.filter((l) => e.names[l]).map((l) => [l, e.names[l]])),
  position: e.position,
  ...(list === 'languages' ? { endonym: e.endonym ?? '' } : {}),
});

/** addReferenceEntry adds an entry at the end of the list (or at its position), audited; field errors for a duplicate name or code. */
export async function addReferenceEntry(db: Kysely<Database>, actor: SessionUser, list: ReferenceList, input: EntryForm, now: Date): Promise<{ key: string } | { errors: FieldErrors }> {
  const d = DEFS[list];
  return db.transaction().execute(async (trx) => {
    const entries = await listEntries(trx, list);
    const form = { ...input, names: { ...input.names } };
    if (list === 'languages') {
      const code = form.code!;
      if (entries.some((e) => e.key === code)) return { errors: { code: 'reference.error.duplicateCode' } };
      form.name ||= intlLanguageName(code, 'de')!;
      for (const locale of OTHER_LOCALES) form.names[locale] ||= intlLanguageName(code, locale) ?? '';
      form.endonym ||= intlLanguageName(code, code) ?? form.name;
    }
    const errors = duplicates(entries, form);
    if (Object.keys(errors).length) return { errors };
    const position = form.position ?? Math.max(0, ...entries.map((e) => e.position)) + 1;
    let key: string;
    if (list === 'fields' || list === 'targets') {
      const row = await any(trx).insertInto(d.table).values({ name: form.name, position }).returning('id').executeTakeFirstOrThrow();
      key = String(row.id);
    } else if (list === 'kinds') {
      key = kindKey(form.name, new Set(entries.map((e) => e.key)));
      await trx.insertInto('organisation_kinds').values({ key, label_de: form.name, position }).execute();
    } else {
      key = form.code!;
      await trx.insertInto('languages').values({ code: key, name: form.name, endonym: form.endonym!, position }).execute();
    }
    await writeNames(trx, list, key, form.names);
    await audit(trx, { actorUserId: actor.id, action: 'reference.add', entityType: 'reference', entityId: `${list}:${key}`, after: snapshot(list, { ...form, position }) }, now);
    return { key };
  });
}

/** updateReferenceEntry renames an entry (German and the other languages), moves it, and for a language changes its own name; audited with before and after. */
export async function updateReferenceEntry(
  db: Kysely<Database>,
  actor: SessionUser,
  list: ReferenceList,
  key: string,
  input: EntryForm,
  now: Date,
): Promise<'saved' | 'unchanged' | 'missing' | { errors: FieldErrors }> {
  const d = DEFS[list];
  return db.transaction().execute(async (trx) => {
    const entries = await listEntries(trx, list);
    const entry = entries.find((e) => e.key === key);
    if (!entry) return 'missing';
    const errors = duplicates(entries, input, key);
    if (Object.keys(errors).length) return { errors };
    const after = { ...input, position: input.position ?? entry.position, endonym: list === 'languages' ? input.endonym || entry.endonym : undefined };
    const before = snapshot(list, entry);
    const next = snapshot(list, after);
    if (JSON.stringify(before) === JSON.stringify(next)) return 'unchanged';
    await any(trx)
      .updateTable(d.table)
      .set({ [d.name]: after.name, position: after.position, ...(list === 'languages' ? { endonym: after.endonym } : {}) })
      .where(d.key, '=', keyValue(list, key))
      .execute();
    await writeNames(trx, list, key, input.names);
    await audit(trx, { actorUserId: actor.id, action: 'reference.update', entityType: 'reference', entityId: `${list}:${key}`, before, after: next }, now);
    return 'saved';
  });
}

/**
 * setRetired retires an entry (records keep it, forms no longer offer it) or makes it active again.
 * The last active entry of a list stays: forms need at least one choice (a kind of organisation is required).
 */
export async function setRetired(db: Kysely<Database>, actor: SessionUser, list: ReferenceList, key: string, retired: boolean, now: Date): Promise<'done' | 'unchanged' | 'missing' | 'last'> {
  const d = DEFS[list];
  return db.transaction().execute(async (trx) => {
    const entries = await listEntries(trx, list);
    const entry = entries.find((e) => e.key === key);
    if (!entry) return 'missing';
    if (entry.retired === retired) return 'unchanged';
    if (retired && !entries.some((e) => e.key !== key && !e.retired)) return 'last';
    await any(trx).updateTable(d.table).set({ retired_at: retired ? now.toISOString() : null }).where(d.key, '=', keyValue(list, key)).execute();
    await audit(
      trx,
      { actorUserId: actor.id, action: retired ? 'reference.retire' : 'reference.restore', entityType: 'reference', entityId: `${list}:${key}`, after: { list, name: entry.name, uses: entry.uses } },
      now,
    );
    return 'done';
  });
}

/**
 * mergeReferenceEntries moves every record that uses `from` to `into` (an organisation that had both keeps
 * one row), then removes `from` with its names; one transaction, audited with both entries and the count.
 */
export async function mergeReferenceEntries(
  db: Kysely<Database>,
  actor: SessionUser,
  list: ReferenceList,
  from: string,
  into: string,
  now: Date,
): Promise<{ moved: number } | 'missing' | { errors: FieldErrors }> {
  const d = DEFS[list];
  if (from === into) return { errors: { into: 'reference.error.mergeSelf' } };
  return db.transaction().execute(async (trx) => {
    const entries = await listEntries(trx, list);
    const source = entries.find((e) => e.key === from);
    if (!source) return 'missing';
    const target = entries.find((e) => e.key === into);
    if (!target) return { errors: { into: 'reference.error.mergeTarget' } };
    const [a, b] = [keyValue(list, from), keyValue(list, into)];
    const { table, column } = d.usage;
    const t = any(trx);
    if (d.usage.join) {
      await t
        .insertInto(table)
        .columns(['organisation_id', column])
        .expression(
          t
            .selectFrom(`${table} as x`)
            .select(['x.organisation_id', sql.lit(b).as(column)])
            .where(`x.${column}`, '=', a)
            .where((eb) => eb.not(eb.exists(t.selectFrom(`${table} as y`).select('y.organisation_id').whereRef('y.organisation_id', '=', 'x.organisation_id').where(`y.${column}`, '=', b)))),
        )
        .execute();
      await t.deleteFrom(table).where(column, '=', a).execute();
    } else {
      await t.updateTable(table).set({ [column]: b }).where(column, '=', a).execute();
    }
    // Groups, meetings and agenda items tagged for the yearly report follow a merged field of action too.
    if (list === 'fields') await moveFieldTags(trx, Number(a), Number(b));
    await trx.deleteFrom('reference_names').where('list', '=', list).where('entry', '=', from).execute();
    await t.deleteFrom(d.table).where(d.key, '=', a).execute();
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: 'reference.merge',
        entityType: 'reference',
        entityId: `${list}:${into}`,
        before: { list, from: { key: from, ...snapshot(list, source), uses: source.uses }, into: { key: into, name: target.name, uses: target.uses } },
        after: { list, from: from, name: source.name, into: { key: into, name: target.name, uses: (await countUses(trx, list, into)) } },
      },
      now,
    );
    return { moved: source.uses };
  });
}

async function countUses(trx: Kysely<Database>, list: ReferenceList, key: string): Promise<number> {
  const { table, column } = DEFS[list].usage;
  const row = await any(trx).selectFrom(table).select(sql<string | number>`count(*)`.as('n')).where(column, '=', keyValue(list, key)).executeTakeFirst();
  return Number(row?.n ?? 0);
}
