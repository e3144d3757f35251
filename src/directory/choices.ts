import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { namesByEntry, referenceLabel } from '../reference/names.js';
import { DESCRIPTION_LANGUAGES, languageName, loadLanguages, RTL_LANGUAGES } from './languages.js';

export { referenceLabel };

type Named = { id: number; name: string; label: string };

/**
 * loadChoices: what entry forms and filters offer, with labels in the reader's language (any locale;
 * an entry without a name in it shows its German one). The lists hold the active entries; `retired`
 * holds the retired ones, which a record that already uses them keeps and shows (a form lists such an
 * entry only while it is ticked), but which are not offered for a new choice.
 */
export async function loadChoices(db: Kysely<Database>, locale: string) {
  const other = locale !== 'de';
  const [kinds, cities, fields, targets, languages, kindNames, fieldNames, targetNames] = await Promise.all([
    db.selectFrom('organisation_kinds').select(['key', 'label_de', 'retired_at']).orderBy('position').orderBy('key').execute(),
    // A retired city (src/cities/) is no longer offered; its records moved to the replacement.
    db.selectFrom('cities').select(['id', 'name']).where('retired', '=', 0).orderBy('position').execute(),
    db.selectFrom('fields_of_action').select(['id', 'name', 'retired_at']).orderBy('position').orderBy('id').execute(),
    db.selectFrom('target_groups').select(['id', 'name', 'retired_at']).orderBy('position').orderBy('id').execute(),
    loadLanguages(db, locale),
    other ? namesByEntry(db, 'kinds') : new Map(),
    other ? namesByEntry(db, 'fields') : new Map(),
    other ? namesByEntry(db, 'targets') : new Map(),
  ]);
  // `name` stays the German, canonical one (CSV import and export); `label` is the reader's (where they
  // are the same on a page in another language, the page marks the label lang="de").
  const kindRows = kinds.map((k) => ({ key: k.key, name: k.label_de, label: referenceLabel({ name: k.label_de, names: kindNames.get(k.key) }, locale), retired: k.retired_at !== null }));
  const named = (rows: { id: number; name: string; retired_at: string | null }[], names: Map<string, Partial<Record<string, string>>>) =>
    rows.map((r) => ({ id: r.id, name: r.name, label: referenceLabel({ name: r.name, names: names.get(String(r.id)) }, locale), retired: r.retired_at !== null }));
  const fieldRows = named(fields, fieldNames);
  const targetRows = named(targets, targetNames);
  const active = <T extends { retired: boolean }>(rows: T[]) => rows.filter((r) => !r.retired).map(({ retired: _, ...r }) => r);
  const retired = <T extends { retired: boolean }>(rows: T[]) => rows.filter((r) => r.retired).map(({ retired: _, ...r }) => r);
  const languageLabels = new Map(languages.map((l) => [l.code, { name: l.name, german: l.german }]));
  return {
    kinds: active(kindRows),
    cities,
    fields: active(fieldRows) as Named[],
    targets: active(targetRows) as Named[],
    languages: active(languages).map((l) => ({ code: l.code, name: l.name, german: l.german })),
    descriptionLanguages: DESCRIPTION_LANGUAGES.map((code) => ({ code, name: languageName(code, locale), rtl: RTL_LANGUAGES.has(code) })),
    /** Retired entries: shown where a record uses them, never offered for a new choice. */
    retired: {
      kinds: retired(kindRows),
      fields: retired(fieldRows) as Named[],
      targets: retired(targetRows) as Named[],
      languages: retired(languages).map((l) => ({ code: l.code, name: l.name, german: l.german })),
    },
    /** Any language code named in the reader's language (retired ones and codes the table lacks too). */
    languageName: (code: string) => languageLabels.get(code)?.name ?? languageName(code, locale),
    /** The same, saying whether the name is the German one. */
    languageLabel: (code: string) => languageLabels.get(code) ?? { name: languageName(code, locale), german: locale === 'de' },
  };
}

export type Choices = Awaited<ReturnType<typeof loadChoices>>;

export class InvalidChoiceError extends Error {
  constructor(readonly field: 'kind' | 'city_id' | 'cities' | 'fields' | 'targets' | 'languages') {
    super(field);
  }
}

type ChoiceInput = { kind: string; city_id: number | null; cities: number[]; fields: number[]; targets: number[]; languages: string[] };

/**
 * assertChoices: every id, key and code in an entry must be one the database offers (forms can be forged).
 * A retired entry passes only where `kept` (the record as it is) already uses it: a record keeps what it
 * has, but nobody chooses a retired entry anew.
 */
export function assertChoices(choices: Choices, input: ChoiceInput, kept?: Partial<ChoiceInput>): void {
  const keptKind = kept?.kind !== undefined && choices.retired.kinds.some((k) => k.key === kept.kind) ? kept.kind : undefined;
  if (!choices.kinds.some((k) => k.key === input.kind) && input.kind !== keptKind) throw new InvalidChoiceError('kind');
  const ids = (list: { id: number }[], retired: { id: number }[] = [], keep: number[] = []) => new Set([...list.map((x) => x.id), ...retired.map((x) => x.id).filter((id) => keep.includes(id))]);
  if (input.city_id !== null && !ids(choices.cities).has(input.city_id)) throw new InvalidChoiceError('city_id');
  for (const [field, values, known] of [
    ['cities', input.cities, ids(choices.cities)],
    ['fields', input.fields, ids(choices.fields, choices.retired.fields, kept?.fields)],
    ['targets', input.targets, ids(choices.targets, choices.retired.targets, kept?.targets)],
  ] as const) {
    if (values.some((v) => !known.has(v))) throw new InvalidChoiceError(field);
  }
  const languages = new Set([...choices.languages.map((l) => l.code), ...choices.retired.languages.map((l) => l.code).filter((c) => kept?.languages?.includes(c))]);
  if (input.languages.some((code) => !languages.has(code))) throw new InvalidChoiceError('languages');
}
