import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facetCounts, searchDirectory, searchTokens } from '../src/directory/search/index.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';
import { addEntry } from './helpers/directory.js';

// The same tests run on SQLite (FTS5) and, with TEST_DATABASE_URL, on PostgreSQL (tsvector).
let t: TestDatabase;
const ids: Record<string, number> = {};
beforeAll(async () => {
  t = await createTestDatabase();
  const hilden = 4;
  const ratingen = 8;
  ids.mueller = await addEntry(t.db, { name: 'Müller-Stiftung Größenwahn', kind: 'association', cities: [hilden], languages: ['de', 'tr'], fields: [1], descriptions: { de: 'Hausaufgabenhilfe' } });
  ids.beratungName = await addEntry(t.db, { name: 'Beratungszentrum Ratingen', kind: 'counselling_service', cities: [ratingen], languages: ['de', 'ar'], fields: [2], targets: [4] });
  ids.beratungText = await addEntry(t.db, { name: 'Sportverein Eintracht', kind: 'association', cities: [ratingen], languages: ['de'], fields: [7], descriptions: { de: 'Wir bieten auch Beratung für Familien.' } });
  ids.cafe = await addEntry(t.db, { name: 'Café Çelik', kind: 'migrant_organisation', cities: [hilden, ratingen], languages: ['tr'], fields: [1, 6], descriptions: { de: 'Begegnung' }, offers: 'Sprachcafé' });
  ids.pending = await addEntry(t.db, { name: 'Beratung Unveröffentlicht', kind: 'counselling_service', cities: [hilden] }, 'pending');
  for (let i = 0; i < 25; i++) await addEntry(t.db, { name: `Verein Nummer ${String(i).padStart(2, '0')}`, kind: 'association', cities: [hilden], languages: ['de'] });
});
afterAll(() => t.destroy());

const page = { page: 1, pageSize: 50 };
const names = async (q: Parameters<typeof searchDirectory>[1]) => (await searchDirectory(t.db, q, page)).rows.map((r) => r.name);

describe('directory search', () => {
  it('folds case and umlauts: ü = ue = u-less spelling people type, ß = ss, ç = c', async () => {
    for (const q of ['mueller', 'Müller', 'MÜLLER', 'groessenwahn', 'größenwahn', 'celik', 'Çelik', 'muell']) {
      expect(await names({ q }), q).toEqual(expect.arrayContaining([expect.stringMatching(/Müller|Çelik/)]));
    }
    expect(searchTokens('Müller-Straße 5!')).toEqual(['mueller', 'strasse', '5']);
  });

  it('finds words in any script, and a query without words finds nothing', async () => {
    await addEntry(t.db, { name: 'Українська громада', descriptions: { de: 'Ukrainische Gemeinde', uk: 'Ми допомагаємо родинам' } });
    expect(await names({ q: 'допомагаємо' })).toEqual(['Українська громада']);
    expect(await names({ q: 'громада' })).toEqual(['Українська громада']);
    expect((await searchDirectory(t.db, { q: '!!! ...' }, page)).total).toBe(0);
    expect((await facetCounts(t.db, { q: '!!!' })).city.size).toBe(0);
    // Words are split the same on both databases: a slash or a URL does not glue them together.
    const slashed = await addEntry(t.db, { name: 'Treffpunkt Slash', offers: 'sprachcafe/begleitung', website: 'https://www.example.de/kurse' });
    expect(await names({ q: 'begleitung' })).toEqual(['Treffpunkt Slash']);
    await t.db.deleteFrom('organisations').where('id', 'in', [slashed]).execute();
    await t.db.deleteFrom('organisations').where('name', '=', 'Українська громада').execute();
  });

  it('ranks a name hit before a description hit, and never shows unpublished entries', async () => {
    const result = await names({ q: 'beratung' });
    expect(result).toEqual(['Beratungszentrum Ratingen', 'Sportverein Eintracht']);
  });

  it('needs every word (prefixes count) and treats SQL and search syntax as plain text', async () => {
    expect(await names({ q: 'sport eintr' })).toEqual(['Sportverein Eintracht']);
    expect(await names({ q: 'sport musik' })).toEqual([]);
    for (const q of ['" OR 1=1 --', "'; drop table organisations; --", 'NEAR(a b)', '*', 'a & b | !c', ':*']) {
      const { rows } = await searchDirectory(t.db, { q }, page);
      expect(Array.isArray(rows), q).toBe(true);
    }
    expect((await searchDirectory(t.db, {}, page)).total).toBe(29);
  });

  it('combines the text with filters', async () => {
    expect(await names({ q: 'beratung', city: 8, language: 'ar' })).toEqual(['Beratungszentrum Ratingen']);
    expect(await names({ q: 'beratung', kind: 'association' })).toEqual(['Sportverein Eintracht']);
    expect(await names({ field: 6 })).toEqual(['Café Çelik']);
    expect(await names({ target: 4 })).toEqual(['Beratungszentrum Ratingen']);
  });

  it('counts per filter value under the other filters', async () => {
    const counts = await facetCounts(t.db, { q: 'beratung' });
    expect(counts.city.get('8')).toBe(2);
    expect(counts.city.get('4') ?? 0).toBe(0);
    expect(counts.kind.get('counselling_service')).toBe(1);
    expect(counts.kind.get('association')).toBe(1);
    // With a city chosen, the city counts still show the other cities (the city filter is left out).
    const withCity = await facetCounts(t.db, { city: 8 });
    expect(withCity.city.get('4')).toBe(27);
    expect(withCity.language.get('ar')).toBe(1);
    expect(withCity.language.get('de')).toBe(2);
  });

  it('pages without overlaps or gaps in a stable order', async () => {
    const seen: string[] = [];
    for (let p = 1; p <= 3; p++) seen.push(...(await searchDirectory(t.db, { q: 'verein' }, { page: p, pageSize: 10 })).rows.map((r) => r.name));
    // "verein" matches word starts: the 25 "Verein Nummer …" entries, not "Sportverein".
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect((await searchDirectory(t.db, { q: 'verein' }, { page: 1, pageSize: 10 })).total).toBe(25);
  });

  it('finds an entry again after its name changes (the index follows every edit)', async () => {
    const { writeEntry } = await import('../src/directory/entries.js');
    await t.db.transaction().execute((trx) =>
      writeEntry(trx, ids.mueller!, { name: 'Jugendhaus Sonnenschein', kind: 'association', city_id: null, descriptions: { de: 'x' }, languages: [], fields: [], cities: [], targets: [] }, new Date()),
    );
    expect(await names({ q: 'mueller' })).toEqual([]);
    expect(await names({ q: 'sonnen' })).toEqual(['Jugendhaus Sonnenschein']);
  });
});
