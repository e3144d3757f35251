import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChoices } from '../src/directory/choices.js';
import { findEntry } from '../src/directory/entries.js';
import { adminHarness, type AdminTestPerson } from './helpers/admin.js';
import type { Browser, TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';

// The editable reference lists at /admin/lists (src/reference/): fields of action, kinds of organisation,
// target groups and languages. Admins add, rename (names in every interface language), retire and merge;
// records keep retired entries and show them, forms no longer offer them; every change is audited.

let h: TestHarness;
let who: Record<AdminTestPerson, Browser>;

beforeAll(async () => {
  ({ h, who } = await adminHarness());
});
afterAll(() => h.close());

const ada = () => who.ada!;
const auditOf = (action: string) => h.db.selectFrom('audit_log').select(['entity_id', 'before_json', 'after_json']).where('action', '=', action).orderBy('id').execute();
const errorOf = (html: string, field: string) => new RegExp(`id="field-${field}-error"[^>]*>([^<]*)<`).exec(html)?.[1]?.trim();
const fieldId = async (name: string) => (await h.db.selectFrom('fields_of_action').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const targetId = async (name: string) => (await h.db.selectFrom('target_groups').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

describe('who may use /admin/lists', () => {
  const pages = ['/admin/lists', '/admin/lists/fields', '/admin/lists/kinds', '/admin/lists/targets', '/admin/lists/languages', '/admin/lists/fields/1', '/admin/lists/languages/ti'];

  it('admins see every page; secretariat and members get 403; visitors are sent to sign in', async () => {
    for (const path of pages) {
      expect((await ada().get(path)).status, path).toBe(200);
      expect((await who.sek!.get(path)).status, path).toBe(403);
      expect((await who.mia!.get(path)).status, path).toBe(403);
      const visitor = await h.browser().get(path);
      expect(visitor.status, path).toBe(303);
      expect(visitor.headers.get('location'), path).toMatch(/^\/login\?next=/);
    }
    expect(await (await ada().get('/admin')).text()).toContain('href="/admin/lists"');
    expect(await (await who.sek!.get('/admin')).text()).not.toContain('href="/admin/lists"');
  });

  it('refuses every change by anyone but admins, changing nothing', async () => {
    const before = await h.db.selectFrom('fields_of_action').selectAll().orderBy('id').execute();
    const posts: [string, Record<string, string>][] = [
      ['/admin/lists/fields', { name_de: 'Übernommen' }],
      ['/admin/lists/fields/1', { name_de: 'Übernommen' }],
      ['/admin/lists/fields/1/retire', {}],
      ['/admin/lists/fields/1/restore', {}],
      ['/admin/lists/fields/1/merge', { into: '2' }],
    ];
    for (const [path, form] of posts) {
      expect((await who.sek!.post(path, form)).status, path).toBe(403);
      expect((await who.mia!.post(path, form)).status, path).toBe(403);
      expect((await h.browser().post(path, form)).status, path).toBe(401);
    }
    expect(await h.db.selectFrom('fields_of_action').selectAll().orderBy('id').execute()).toEqual(before);
    expect(await h.db.selectFrom('audit_log').select('id').where('entity_type', '=', 'reference').execute()).toHaveLength(0);
  });

  it('answers 404 for an unknown list or entry', async () => {
    expect((await ada().get('/admin/lists/cars')).status).toBe(404);
    expect((await ada().get('/admin/lists/fields/999')).status).toBe(404);
    expect((await ada().get('/admin/lists/languages/xx')).status).toBe(404);
    expect((await ada().post('/admin/lists/fields/999', { name_de: 'X' })).status).toBe(404);
    expect((await ada().post('/admin/lists/fields/999/retire', {})).status).toBe(404);
  });
});

describe('the seeded lists', () => {
  it('moved the English names to reference_names and seeded the languages with Lingala, Persian, Tigrinya and Dari', async () => {
    const html = await (await ada().get('/admin/lists/fields')).text();
    expect(html).toContain('Bildung und Ausbildung');
    expect(html).toContain('Education and training');
    const languages = await h.db.selectFrom('languages').select(['code', 'name', 'endonym']).orderBy('position').execute();
    expect(languages.map((l) => l.code)).toEqual(expect.arrayContaining(['de', 'tr', 'ar', 'uk', 'ln', 'fa', 'ti', 'prs']));
    expect(languages.find((l) => l.code === 'tr')).toEqual({ code: 'tr', name: 'Türkisch', endonym: 'Türkçe' });
    expect(languages.find((l) => l.code === 'prs')?.name).toBe('Dari');
    const kinds = await (await ada().get('/admin/lists/kinds')).text();
    expect(kinds).toContain('Migrant organisation');
  });
});

describe.each([
  ['fields', 'Digitale Teilhabe', 'Digital participation', 'fields_of_action'],
  ['targets', 'Senioren mit Pflegebedarf', 'Older people in need of care', 'target_groups'],
  ['kinds', 'Kulturverein', 'Cultural association', 'organisation_kinds'],
] as const)('the list %s', (list, german, english, table) => {
  let key = '';

  it('adds an entry with names in several languages; the form and the English interface offer it', async () => {
    const res = await ada().post(`/admin/lists/${list}`, { name_de: german, name_en: english, name_tr: `${german} (tr)`, name_ar: 'اسم' });
    expect(res.status).toBe(303);
    const names = await h.db.selectFrom('reference_names').select(['entry', 'locale', 'name']).where('list', '=', list).orderBy('locale').execute();
    const mine = names.filter((n) => n.name === english)[0]!;
    key = mine.entry;
    expect(names.filter((n) => n.entry === key).map((n) => n.locale)).toEqual(['ar', 'en', 'tr']);
    expect(await auditOf('reference.add')).toContainEqual(expect.objectContaining({ entity_id: `${list}:${key}` }));
    const de = await loadChoices(h.db, 'de');
    const en = await loadChoices(h.db, 'en');
    const tr = await loadChoices(h.db, 'tr');
    const uk = await loadChoices(h.db, 'uk');
    const pick = (c: typeof de) => (list === 'kinds' ? c.kinds.find((k) => k.key === key)?.label : c[list].find((x) => String(x.id) === key)?.label);
    expect(pick(de)).toBe(german);
    expect(pick(en)).toBe(english);
    expect(pick(tr)).toBe(`${german} (tr)`);
    // No Ukrainian name: the German one.
    expect(pick(uk)).toBe(german);
    const form = await (await h.browser().get('/directory/new')).text();
    expect(form).toContain(german);
  });

  it('renames it in German and another language, audited with before and after', async () => {
    const res = await ada().post(`/admin/lists/${list}/${key}`, { name_de: `${german} neu`, name_en: `${english} new`, name_uk: 'Назва', position: '3' });
    expect(res.status).toBe(303);
    const row = await h.db.selectFrom(table).selectAll().where(list === 'kinds' ? 'key' : 'id', '=', list === 'kinds' ? key : Number(key)).executeTakeFirstOrThrow() as Record<string, unknown>;
    expect(row[list === 'kinds' ? 'label_de' : 'name']).toBe(`${german} neu`);
    expect(row.position).toBe(3);
    const en = await loadChoices(h.db, 'en');
    expect(list === 'kinds' ? en.kinds.find((k) => k.key === key)?.label : en[list].find((x) => String(x.id) === key)?.label).toBe(`${english} new`);
    const entry = (await auditOf('reference.update')).find((e) => e.entity_id === `${list}:${key}`)!;
    expect(JSON.parse(entry.before_json!)).toMatchObject({ list, name: german, names: { en: english } });
    expect(JSON.parse(entry.after_json!)).toMatchObject({ list, name: `${german} neu`, names: { en: `${english} new`, uk: 'Назва' }, position: 3 });
    // The Turkish and Arabic names were left empty in this form: they are gone, the German one shows.
    expect(await h.db.selectFrom('reference_names').select('locale').where('list', '=', list).where('entry', '=', key).orderBy('locale').execute()).toEqual([{ locale: 'en' }, { locale: 'uk' }]);
    // Saving the same again changes nothing and writes no entry.
    const count = (await auditOf('reference.update')).length;
    expect((await ada().post(`/admin/lists/${list}/${key}`, { name_de: `${german} neu`, name_en: `${english} new`, name_uk: 'Назва', position: '3' })).status).toBe(303);
    expect(await auditOf('reference.update')).toHaveLength(count);
  });

  it('refuses bad input with a German message next to the field (422), storing nothing', async () => {
    const existing = list === 'fields' ? 'Sprache' : list === 'targets' ? 'Frauen' : 'Verein';
    const before = await h.db.selectFrom(table).selectAll().execute();
    const names = await h.db.selectFrom('reference_names').selectAll().execute();
    for (const [path, form, field, message] of [
      [`/admin/lists/${list}`, { name_de: '' }, 'name_de', 'Bitte füllen Sie dieses Feld aus.'],
      [`/admin/lists/${list}`, { name_de: '   ' }, 'name_de', 'Bitte füllen Sie dieses Feld aus.'],
      [`/admin/lists/${list}`, { name_de: existing.toUpperCase() }, 'name_de', 'Diesen Namen hat schon ein anderer Eintrag der Liste.'],
      [`/admin/lists/${list}`, { name_de: 'Ganz neu', name_en: `${english} new` }, 'name_en', 'Diesen Namen hat schon ein anderer Eintrag der Liste.'],
      [`/admin/lists/${list}`, { name_de: 'Ganz neu', position: 'zwei' }, 'position', 'ganze Zahl'],
      [`/admin/lists/${list}`, { name_de: 'x'.repeat(201) }, 'name_de', 'zu lang'],
      [`/admin/lists/${list}/${key}`, { name_de: '' }, 'name_de', 'Bitte füllen Sie dieses Feld aus.'],
      [`/admin/lists/${list}/${key}`, { name_de: existing }, 'name_de', 'Diesen Namen hat schon ein anderer Eintrag der Liste.'],
      [`/admin/lists/${list}/${key}/merge`, { into: key }, 'into', 'nicht mit sich selbst'],
      [`/admin/lists/${list}/${key}/merge`, { into: '' }, 'into', 'Bitte füllen Sie dieses Feld aus.'],
      [`/admin/lists/${list}/${key}/merge`, { into: list === 'kinds' ? 'gibt_es_nicht' : '99999' }, 'into', 'anderen Eintrag dieser Liste'],
    ] as const) {
      const res = await ada().post(path, form);
      expect(res.status, `${path} ${JSON.stringify(form)}`).toBe(422);
      expect(errorOf(await res.text(), field), `${path} ${JSON.stringify(form)}`).toContain(message);
    }
    expect(await h.db.selectFrom(table).selectAll().execute()).toEqual(before);
    expect(await h.db.selectFrom('reference_names').selectAll().execute()).toEqual(names);
  });

  it('retires it: the record keeps and shows it, forms and filters no longer offer it, saving the record keeps it', async () => {
    const id = await addEntry(h.db, list === 'kinds' ? { name: `Verwender ${list}`, kind: key } : { name: `Verwender ${list}`, [list]: [Number(key)] });
    expect((await ada().post(`/admin/lists/${list}/${key}/retire`, {})).status).toBe(303);
    expect(await auditOf('reference.retire')).toContainEqual(expect.objectContaining({ entity_id: `${list}:${key}` }));
    const choices = await loadChoices(h.db, 'de');
    expect(list === 'kinds' ? choices.kinds.map((k) => k.key) : choices[list].map((x) => String(x.id))).not.toContain(key);
    // Shown on the entry's page.
    expect(await (await h.browser().get(`/directory/${id}`)).text()).toContain(`${german} neu`);
    // Not offered in the public form nor the directory's filters.
    expect(await (await h.browser().get('/directory/new')).text()).not.toContain(`${german} neu`);
    expect(await (await h.browser().get('/directory')).text()).not.toContain(`value="${key}">${german} neu`);
    // Nobody can choose it anew (a forged form).
    const forged = list === 'kinds' ? { kind: key } : { [list]: key };
    const submit = await h.browser().post('/directory/new', { name: `Neu ${list}`, kind: 'association', description_de: 'Text', submitter_name: 'A', submitter_email: 'a@example.org', consent: 'on', ...forged });
    expect(submit.status).toBe(422);
    // The staff's edit page lists it, ticked and marked; saving the entry keeps it.
    const review = await (await ada().get(`/admin/directory/${id}`)).text();
    expect(review).toContain(`${german} neu (zurückgezogen)`);
    const entry = (await findEntry(h.db, id, 'editor'))!;
    const save = await ada().post(`/admin/directory/${id}`, {
      name: entry.name,
      kind: entry.kind,
      description_de: 'Beschreibung',
      ...(list === 'kinds' ? {} : { [list]: key }),
    });
    expect(save.status).toBe(303);
    const after = (await findEntry(h.db, id, 'editor'))!;
    if (list === 'kinds') expect(after.kind).toBe(key);
    else expect(after[list].map((x) => String(x.id))).toEqual([key]);
    // Back again: offered once more.
    expect((await ada().post(`/admin/lists/${list}/${key}/restore`, {})).status).toBe(303);
    const again = await loadChoices(h.db, 'de');
    expect(list === 'kinds' ? again.kinds.map((k) => k.key) : again[list].map((x) => String(x.id))).toContain(key);
    expect(await auditOf('reference.restore')).toContainEqual(expect.objectContaining({ entity_id: `${list}:${key}` }));
  });

  it('merges it into another entry: records move, an entry that had both keeps one, the entry is gone, audited', async () => {
    const intoName = list === 'fields' ? 'Kultur' : list === 'targets' ? 'Frauen' : 'Verein';
    const into = list === 'fields' ? String(await fieldId(intoName)) : list === 'targets' ? String(await targetId(intoName)) : 'association';
    const only = await addEntry(h.db, list === 'kinds' ? { name: `Nur ${list}`, kind: key } : { name: `Nur ${list}`, [list]: [Number(key)] });
    const both = await addEntry(h.db, list === 'kinds' ? { name: `Beide ${list}`, kind: into } : { name: `Beide ${list}`, [list]: [Number(key), Number(into)] });
    const res = await ada().post(`/admin/lists/${list}/${key}/merge`, { into });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/lists/${list}/${into}`);
    for (const id of [only, both]) {
      const e = (await findEntry(h.db, id, 'editor'))!;
      if (list === 'kinds') expect(e.kind).toBe(into);
      else expect(e[list].map((x) => String(x.id))).toEqual([into]);
    }
    expect(await h.db.selectFrom(table).selectAll().where(list === 'kinds' ? 'key' : 'id', '=', list === 'kinds' ? key : Number(key)).execute()).toEqual([]);
    expect(await h.db.selectFrom('reference_names').selectAll().where('list', '=', list).where('entry', '=', key).execute()).toEqual([]);
    // The search copy follows: filtering by the target finds both.
    const search = await (await h.browser().get(`/directory?${list === 'kinds' ? 'kind' : list === 'fields' ? 'field' : 'target'}=${into}`)).text();
    expect(search).toContain(`Nur ${list}`);
    expect(search).toContain(`Beide ${list}`);
    const merge = (await auditOf('reference.merge')).find((e) => e.entity_id === `${list}:${into}`)!;
    expect(JSON.parse(merge.before_json!)).toMatchObject({ list, from: { key, name: `${german} neu` }, into: { key: into, name: intoName } });
    expect(JSON.parse(merge.after_json!)).toMatchObject({ list, from: key, into: { key: into } });
    // The audit page says it in a sentence.
    const log = await (await ada().get('/admin/audit?action=reference.merge')).text();
    expect(log).toContain(`den Eintrag „${german} neu“ mit „${intoName}“ zusammengeführt`);
  });
});

describe('merging a field of action', () => {
  it('moves the groups tagged with it for the yearly report, keeping one tag where a group had both', async () => {
    const at = new Date().toISOString();
    const group = await h.db
      .insertInto('groups')
      .values({ name: 'AK Zusammenführung', slug: 'ak-zusammenfuehrung', kind: 'internal', description: '', colour: '#005a9c', dates_public: 0, archived_at: null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const other = await h.db
      .insertInto('groups')
      .values({ name: 'AK Beide', slug: 'ak-beide', kind: 'internal', description: '', colour: '#005a9c', dates_public: 0, archived_at: null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const from = (await ada().post('/admin/lists/fields', { name_de: 'Zusammenzuführen' })).status;
    expect(from).toBe(303);
    const fromId = await fieldId('Zusammenzuführen');
    const intoId = await fieldId('Wohnen');
    await h.db.insertInto('group_fields').values([{ group_id: group.id, field_id: fromId }, { group_id: other.id, field_id: fromId }, { group_id: other.id, field_id: intoId }]).execute();
    expect((await ada().post(`/admin/lists/fields/${fromId}/merge`, { into: String(intoId) })).status).toBe(303);
    const tags = await h.db.selectFrom('group_fields').select(['group_id', 'field_id']).where('group_id', 'in', [group.id, other.id]).orderBy('group_id').execute();
    expect(tags).toEqual([
      { group_id: group.id, field_id: intoId },
      { group_id: other.id, field_id: intoId },
    ]);
  });
});

describe('languages', () => {
  it('adds a language by its code with names from the language data; the forms and filter offer it', async () => {
    const res = await ada().post('/admin/lists/languages', { code: ' WO ' });
    expect(res.status).toBe(303);
    const row = await h.db.selectFrom('languages').selectAll().where('code', '=', 'wo').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Wolof', endonym: 'Wolof' });
    const names = await h.db.selectFrom('reference_names').select(['locale', 'name']).where('list', '=', 'languages').where('entry', '=', 'wo').orderBy('locale').execute();
    expect(names.map((n) => n.locale)).toEqual(['ar', 'en', 'ru', 'tr', 'uk']);
    expect(await (await h.browser().get('/directory/new')).text()).toContain('value="wo"');
    expect(await (await h.browser().get('/directory')).text()).toContain('value="wo"');
  });

  it('takes an explicit name for a code the language data does not know, and an own endonym', async () => {
    expect((await ada().post('/admin/lists/languages', { code: 'zzq', name_de: 'Testsprache', endonym: 'Testlang' })).status).toBe(303);
    expect(await h.db.selectFrom('languages').select(['name', 'endonym']).where('code', '=', 'zzq').executeTakeFirstOrThrow()).toEqual({ name: 'Testsprache', endonym: 'Testlang' });
  });

  it('refuses a bad, unknown or duplicate code with a German message, storing nothing', async () => {
    const before = await h.db.selectFrom('languages').selectAll().execute();
    for (const [form, message] of [
      [{ code: '' }, 'Bitte füllen Sie dieses Feld aus.'],
      [{ code: 'd' }, 'zwei oder drei Kleinbuchstaben'],
      [{ code: 'de-at' }, 'zwei oder drei Kleinbuchstaben'],
      [{ code: 'qqx' }, 'kennt der Hub nicht'],
      [{ code: 'ln' }, 'steht schon in der Liste'],
      [{ code: 'prs' }, 'steht schon in der Liste'],
    ] as const) {
      const res = await ada().post('/admin/lists/languages', form);
      expect(res.status, form.code).toBe(422);
      expect(errorOf(await res.text(), 'code'), form.code).toContain(message);
    }
    expect(await h.db.selectFrom('languages').selectAll().execute()).toEqual(before);
  });

  it('renames a language per interface language; the entry page shows the name in the reader\'s language', async () => {
    const id = await addEntry(h.db, { name: 'Lingala-Gemeinde', languages: ['ln'] });
    expect((await ada().post('/admin/lists/languages/ln', { name_de: 'Lingála', name_en: 'Lingala (Congo)', endonym: 'Lingála' })).status).toBe(303);
    expect(await (await h.browser().get(`/directory/${id}`)).text()).toContain('Lingála');
    const english = h.browser();
    await english.post('/language', { lang: 'en', next: '/' });
    expect(await (await english.get(`/directory/${id}`)).text()).toContain('Lingala (Congo)');
  });

  it('retires a language: entries keep it, the form no longer offers it; merges Persian and Dari entries without duplicates', async () => {
    const id = await addEntry(h.db, { name: 'Tigrinya-Verein', languages: ['ti', 'de'] });
    expect((await ada().post('/admin/lists/languages/ti/retire', {})).status).toBe(303);
    expect(await (await h.browser().get(`/directory/${id}`)).text()).toContain('Tigrinya');
    expect(await (await h.browser().get('/directory/new')).text()).not.toContain('value="ti"');
    const a = await addEntry(h.db, { name: 'Afghanischer Kulturverein', languages: ['prs', 'fa'] });
    const b = await addEntry(h.db, { name: 'Dari-Kurs', languages: ['prs'] });
    expect((await ada().post('/admin/lists/languages/prs/merge', { into: 'fa' })).status).toBe(303);
    const rows = await h.db.selectFrom('organisation_languages').select(['organisation_id', 'language']).where('organisation_id', 'in', [a, b]).orderBy('organisation_id').execute();
    expect(rows).toEqual([{ organisation_id: a, language: 'fa' }, { organisation_id: b, language: 'fa' }]);
    expect(await h.db.selectFrom('languages').select('code').where('code', '=', 'prs').execute()).toEqual([]);
  });
});

describe('retiring the last active entry', () => {
  it('is refused with 422 and a German message: forms need one choice', async () => {
    const kinds = await h.db.selectFrom('organisation_kinds').select('key').where('retired_at', 'is', null).orderBy('key').execute();
    const last = kinds.pop()!.key;
    await h.db.updateTable('organisation_kinds').set({ retired_at: '2026-01-01T00:00:00.000Z' }).where('key', 'in', kinds.map((k) => k.key)).execute();
    const res = await ada().post(`/admin/lists/kinds/${last}/retire`, {});
    expect(res.status).toBe(422);
    expect(errorOf(await res.text(), 'retire')).toContain('letzte aktive Eintrag');
    expect((await h.db.selectFrom('organisation_kinds').select('retired_at').where('key', '=', last).executeTakeFirstOrThrow()).retired_at).toBeNull();
    await h.db.updateTable('organisation_kinds').set({ retired_at: null }).execute();
  });
});
