import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as searchIndexes from '../migrations/0009_directory_search_indexes.js';
import type { Database } from '../src/db/schema.js';
import { facetCounts, searchDirectory, searchPage, searchTokens, type DirectoryFilters, type FacetCounts, type FacetName } from '../src/directory/search/index.js';
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
    // "verein" matches inside words: the 25 "Verein Nummer …" entries (whole word, by name), then "Sportverein".
    expect(seen).toHaveLength(26);
    expect(new Set(seen).size).toBe(26);
    expect(seen.at(-1)).toBe('Sportverein Eintracht');
    expect((await searchDirectory(t.db, { q: 'verein' }, { page: 1, pageSize: 10 })).total).toBe(26);
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

/**
 * reference: the total and the counts per filter value worked out plainly from organisations and the join
 * tables (what the search counted through before directory_search existed). The text part is taken from
 * the search's hits, whose matching the tests above check.
 */
async function reference(db: Kysely<Database>, f: DirectoryFilters): Promise<{ total: number; counts: Record<FacetName, [string, number][]> }> {
  const text = f.q ? new Set((await searchDirectory(db, { q: f.q }, { page: 1, pageSize: 10_000 })).rows.map((r) => r.id)) : undefined;
  const entries = new Map<number, Record<FacetName, string[]>>();
  for (const o of await db.selectFrom('organisations').select(['id', 'kind']).where('status', '=', 'published').execute()) {
    if (!text || text.has(o.id)) entries.set(o.id, { city: [], field: [], language: [], target: [], kind: [o.kind] });
  }
  const joins = [
    ['city', await db.selectFrom('organisation_cities').select(['organisation_id as id', 'city_id as v']).execute()],
    ['field', await db.selectFrom('organisation_fields').select(['organisation_id as id', 'field_id as v']).execute()],
    ['language', await db.selectFrom('organisation_languages').select(['organisation_id as id', 'language as v']).execute()],
    ['target', await db.selectFrom('organisation_target_groups').select(['organisation_id as id', 'target_group_id as v']).execute()],
  ] as const;
  for (const [facet, rows] of joins) for (const r of rows) entries.get(r.id)?.[facet].push(String(r.v));
  const facets: FacetName[] = ['city', 'field', 'language', 'target', 'kind'];
  const passes = (e: Record<FacetName, string[]>, except?: FacetName) => facets.every((x) => x === except || !f[x] || e[x].includes(String(f[x])));
  const counts = {} as Record<FacetName, [string, number][]>;
  for (const x of facets) {
    const map = new Map<string, number>();
    for (const e of entries.values()) if (passes(e, x)) for (const v of e[x]) map.set(v, (map.get(v) ?? 0) + 1);
    counts[x] = [...map].sort();
  }
  return { total: [...entries.values()].filter((e) => passes(e)).length, counts };
}

const sorted = (counts: FacetCounts) => Object.fromEntries(Object.entries(counts).map(([k, m]) => [k, [...m].sort()])) as Record<FacetName, [string, number][]>;

// Filters alone and together, with and without text, including values nobody has.
const COMBINATIONS: DirectoryFilters[] = [
  {},
  { city: 4 },
  { kind: 'association' },
  { city: 8, language: 'de' },
  { field: 1, target: 4 },
  { q: 'verein' },
  { q: 'beratung', kind: 'association' },
  { q: 'cafe', city: 4, field: 1, language: 'tr' },
  { city: 4, field: 6, language: 'tr', target: 4, kind: 'migrant_organisation' },
  { city: 11, language: 'ku' },
];

async function expectAgreesWithJoinTables(db: Kysely<Database>) {
  for (const f of COMBINATIONS) {
    const want = await reference(db, f);
    const page = await searchPage(db, f, { page: 1, pageSize: 50 });
    expect(sorted(await facetCounts(db, f)), JSON.stringify(f)).toEqual(want.counts);
    expect(sorted(page.counts), JSON.stringify(f)).toEqual(want.counts);
    expect(page.total, JSON.stringify(f)).toBe(want.total);
    const alone = await searchDirectory(db, f, { page: 1, pageSize: 50 });
    expect(alone.total, JSON.stringify(f)).toBe(want.total);
    expect(page.rows, JSON.stringify(f)).toEqual(alone.rows);
  }
}

describe('directory_search (the narrow copy that filters, counts and orders)', () => {
  it('counts what the join tables say, under every combination of filters', async () => {
    await expectAgreesWithJoinTables(t.db);
  });

  it('follows every change of an entry, also ones made without the app', async () => {
    const { writeEntry } = await import('../src/directory/entries.js');
    const cafe = ids.cafe!;
    // Unpublished and published again (status), another kind and name, other lists (writeEntry).
    await t.db.updateTable('organisations').set({ status: 'pending' }).where('id', '=', cafe).execute();
    await expectAgreesWithJoinTables(t.db);
    await t.db.updateTable('organisations').set({ status: 'published' }).where('id', '=', cafe).execute();
    await t.db.transaction().execute((trx) =>
      writeEntry(trx, cafe, { name: 'Café Çelik Zwei', kind: 'association', city_id: null, descriptions: { de: 'Begegnung' }, languages: ['tr', 'ku'], fields: [6], cities: [11, 4], targets: [4] }, new Date()),
    );
    await expectAgreesWithJoinTables(t.db);
    // Join rows changed directly: inserted, moved to another value, deleted.
    await t.db.insertInto('organisation_languages').values({ organisation_id: ids.beratungName!, language: 'ku' }).execute();
    await t.db.updateTable('organisation_cities').set({ city_id: 11 }).where('organisation_id', '=', ids.beratungText!).execute();
    await t.db.deleteFrom('organisation_fields').where('organisation_id', '=', cafe).execute();
    await expectAgreesWithJoinTables(t.db);
    // A new published entry, and one deleted.
    const extra = await addEntry(t.db, { name: 'Kulturverein Neu', kind: 'migrant_organisation', cities: [4], languages: ['tr'], fields: [1], targets: [4] });
    await expectAgreesWithJoinTables(t.db);
    await t.db.deleteFrom('organisations').where('id', '=', extra).execute();
    await expectAgreesWithJoinTables(t.db);
    // Ordered by the name as it is now.
    expect((await searchPage(t.db, { city: 11 }, page)).rows.map((r) => r.name)).toEqual(['Café Çelik Zwei', 'Sportverein Eintracht']);
  });

  it('is built from the existing entries when the migration runs', async () => {
    const before = await Promise.all(COMBINATIONS.map((f) => searchPage(t.db, f, page)));
    await searchIndexes.down(t.db);
    await searchIndexes.up(t.db);
    expect(await Promise.all(COMBINATIONS.map((f) => searchPage(t.db, f, page)))).toEqual(before);
    await expectAgreesWithJoinTables(t.db);
  });
});
