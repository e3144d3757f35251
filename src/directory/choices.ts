import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Locale } from '../i18n/index.js';
import { DESCRIPTION_LANGUAGES, languageName, OFFERED_LANGUAGES, RTL_LANGUAGES } from './languages.js';

/** A field of action or target group as the reader sees it: the English name in English where there is one. */
export function referenceLabel(row: { name: string; name_en: string | null }, locale: Locale): string {
  return locale === 'en' && row.name_en ? row.name_en : row.name;
}

/** loadChoices: what entry forms and filters offer, with labels in the reader's language. */
export async function loadChoices(db: Kysely<Database>, locale: Locale) {
  const [kinds, cities, fields, targets] = await Promise.all([
    db.selectFrom('organisation_kinds').select(['key', 'label_de', 'label_en']).orderBy('position').execute(),
    db.selectFrom('cities').select(['id', 'name']).orderBy('position').execute(),
    db.selectFrom('fields_of_action').select(['id', 'name', 'name_en']).orderBy('position').execute(),
    db.selectFrom('target_groups').select(['id', 'name', 'name_en']).orderBy('position').execute(),
  ]);
  return {
    kinds: kinds.map((k) => ({ key: k.key, label: locale === 'de' ? k.label_de : k.label_en })),
    cities,
    // `name` stays the German, canonical one (CSV import and export); `label` is the reader's.
    fields: fields.map((f) => ({ id: f.id, name: f.name, label: referenceLabel(f, locale) })),
    targets: targets.map((g) => ({ id: g.id, name: g.name, label: referenceLabel(g, locale) })),
    languages: OFFERED_LANGUAGES.map((code) => ({ code, name: languageName(code, locale) })),
    descriptionLanguages: DESCRIPTION_LANGUAGES.map((code) => ({ code, name: languageName(code, locale), rtl: RTL_LANGUAGES.has(code) })),
  };
}

export type Choices = Awaited<ReturnType<typeof loadChoices>>;

export class InvalidChoiceError extends Error {
  constructor(readonly field: 'kind' | 'city_id' | 'cities' | 'fields' | 'targets') {
    super(field);
  }
}

/** assertChoices: every id and key in an entry must be one the database knows (forms can be forged). */
export function assertChoices(choices: Choices, input: { kind: string; city_id: number | null; cities: number[]; fields: number[]; targets: number[] }): void {
  if (!choices.kinds.some((k) => k.key === input.kind)) throw new InvalidChoiceError('kind');
  const ids = (list: { id: number }[]) => new Set(list.map((x) => x.id));
  if (input.city_id !== null && !ids(choices.cities).has(input.city_id)) throw new InvalidChoiceError('city_id');
  for (const [field, values, known] of [
    ['cities', input.cities, ids(choices.cities)],
    ['fields', input.fields, ids(choices.fields)],
    ['targets', input.targets, ids(choices.targets)],
  ] as const) {
    if (values.some((v) => !known.has(v))) throw new InvalidChoiceError(field);
  }
}
