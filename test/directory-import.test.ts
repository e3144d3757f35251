import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChoices } from '../src/directory/choices.js';
import { parseEntryCsv } from '../src/directory/entry-import.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';

let h: TestHarness;
let sek: Browser;
beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
  sek = h.browser();
  await sek.login('sek@example.org', TEST_PASSWORD);
  await addEntry(h.db, { name: 'Schon Da e. V.' });
});
afterAll(() => h.close());

const LIST = [
  'Name;Art;Straße;PLZ;Ort;Stadt;Telefon;E-Mail;Webseite;Angebote;Beschreibung;Sprachen;Handlungsfelder;Zielgruppen;Tätig in',
  'Integrationsagentur Velbert;Beratungsstelle;Hauptstraße 1;42549;Velbert;Velbert;02051 123;info@ia-velbert.example;www.ia-velbert.example;Beratung;Wir beraten.;Deutsch, Türkisch, ar;Sprache, Gesundheit;Frauen;Velbert, Heiligenhaus',
  'Schon Da e. V.;Verein;;;;;;;;;;;;;',
].join('\n');

describe('directory list import', () => {
  it('resolves German names of kinds, languages, fields, target groups and cities', async () => {
    const choices = await loadChoices(h.db, 'de');
    const result = parseEntryCsv(LIST, choices);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const entry = result.rows[0]!.entry!;
    expect(entry).toMatchObject({ kind: 'counselling_service', languages: ['de', 'tr', 'ar'], website: 'https://www.ia-velbert.example', postal_code: '42549' });
    expect(entry.fields).toHaveLength(2);
    expect(entry.cities).toHaveLength(2);
    expect(entry.targets).toHaveLength(1);
    const bad = parseEntryCsv('Name;Sprachen;PLZ\nA;Klingonisch;\nB;;123\n;;\nA;;', choices);
    expect(bad.ok && bad.rows.map((r) => r.problem?.key)).toEqual(['entryImport.row.unknown', 'entryImport.row.invalid', 'import.row.name', 'entryImport.row.duplicate']);
    expect(parseEntryCsv('Ort;PLZ\nHilden;40721', choices)).toEqual({ ok: false, problem: { key: 'import.columns', params: { columns: 'Name' } } });
  });

  it('previews, skips names already listed, and adds pending entries only on confirmation', async () => {
    const form = new FormData();
    form.set('file', new File([LIST], 'liste.csv', { type: 'text/csv' }));
    const preview = await sek.upload('/admin/directory/import', form);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('Neue Einträge: 1. Übersprungen (Name schon vorhanden): 1.');
    expect(await h.db.selectFrom('organisations').select('id').where('name', '=', 'Integrationsagentur Velbert').execute()).toHaveLength(0);
    expect((await sek.post('/admin/directory/import/confirm', { csv: LIST })).status).toBe(303);
    const row = await h.db.selectFrom('organisations').select(['status', 'consent_at']).where('name', '=', 'Integrationsagentur Velbert').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', consent_at: null });
  });

  it('publishes at once when the secretariat states that consent is on file', async () => {
    const list = 'Name;Beschreibung\nNeu Veröffentlicht;Text';
    expect((await sek.post('/admin/directory/import/confirm', { csv: list, published: 'on' })).status).toBe(303);
    const row = await h.db.selectFrom('organisations').select(['status', 'consent_at']).where('name', '=', 'Neu Veröffentlicht').executeTakeFirstOrThrow();
    expect(row.status).toBe('published');
    expect(row.consent_at).toBe(h.clock.now().toISOString());
    expect(await (await h.app.request('/directory?q=veroeffentlicht')).text()).toContain('Neu Veröffentlicht');
  });

  it('saves nothing when a row has an error, and only the staff may import', async () => {
    const before = (await h.db.selectFrom('organisations').select('id').execute()).length;
    const res = await sek.post('/admin/directory/import/confirm', { csv: 'Name;PLZ\nGut;\nSchlecht;1' });
    expect(res.status).toBe(422);
    expect((await h.db.selectFrom('organisations').select('id').execute()).length).toBe(before);
    await createUser(h.db, { name: 'Mia', email: 'mia@example.org' });
    const mia = h.browser();
    await mia.login('mia@example.org', TEST_PASSWORD);
    expect((await mia.post('/admin/directory/import/confirm', { csv: 'Name\nX' })).status).toBe(403);
  });
});

describe('directory export and import', () => {
  it('/directory.csv reads back through the import with every column the import knows', async () => {
    const db = h.db;
    const choices = await loadChoices(db, 'de');
    const velbert = choices.cities.find((c) => c.name === 'Velbert')!;
    const input = {
      name: 'Rundreise Kulturverein e. V.',
      kind: 'migrant_organisation',
      city_id: velbert.id,
      street: 'Friedrichstraße 5',
      postal_code: '42551',
      place: 'Velbert',
      phone: '02051 99 88',
      email: 'info@rundreise.example',
      website: 'https://rundreise.example',
      offers: 'Sprachcafé, Hausaufgabenhilfe',
      descriptions: { de: 'Wir treffen uns jeden Samstag; alle sind willkommen.' },
      languages: ['ar', 'de', 'tr'],
      fields: choices.fields.slice(0, 3).map((f) => f.id),
      cities: choices.cities.slice(0, 2).map((c) => c.id),
      targets: choices.targets.slice(0, 2).map((g) => g.id),
    };
    await addEntry(db, input);
    const res = await h.app.request('/directory.csv?q=rundreise');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.split('\r\n')[0]).toBe('\uFEFFName;Art;Straße;PLZ;Ort;Stadt;Telefon;E-Mail;Webseite;Angebote;Beschreibung;Sprachen;Handlungsfelder;Zielgruppen;Tätig in');
    const parsed = parseEntryCsv(text.replace(/^\uFEFF/, ''), choices);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows).toHaveLength(1);
    const back = parsed.rows[0]!.entry!;
    expect({ ...back, languages: [...back.languages].sort() }).toEqual(input);
  });
});
