import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpecialValue } from '../src/db/schema.js';
import { markWeakest, needTable, rate, type NeedRow } from '../src/statistics/need.js';
import { addEntry } from './helpers/directory.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

// Need next to offer (issue #18): offers per 10,000 of the population with a migration history, or of
// the foreign population where a city has none; the weakest cells marked; links into the directory.

let h: TestHarness;
let anon: Browser;
let ids: Record<'hilden' | 'haan' | 'ratingen' | 'velbert' | 'mettmann' | 'district' | 'sprache' | 'bildung', number>;

async function value(key: string, cityId: number, year: number, v: number | SpecialValue) {
  const indicator = await h.db.selectFrom('statistic_indicators').select('id').where('key', '=', key).executeTakeFirstOrThrow();
  await h.db
    .insertInto('statistic_values')
    .values({ indicator_id: indicator.id, city_id: cityId, year, value: typeof v === 'number' ? v : null, special: typeof v === 'number' ? null : v, source: 'Testquelle', note: null, updated_at: '2026-01-01T00:00:00.000Z', updated_by_user_id: null })
    .execute();
}

beforeAll(async () => {
  h = await createHarness();
  const city = async (slug: string) => (await h.db.selectFrom('cities').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  const field = async (name: string) => (await h.db.selectFrom('fields_of_action').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const district = (await h.db.selectFrom('cities').select('id').where('kind', '=', 'district').executeTakeFirstOrThrow()).id;
  ids = {
    hilden: await city('hilden'),
    haan: await city('haan'),
    ratingen: await city('ratingen'),
    velbert: await city('velbert'),
    mettmann: await city('mettmann'),
    district,
    sprache: await field('Sprache'),
    bildung: await field('Bildung und Ausbildung'),
  };
  // Hilden: the migration history of 2023 (2024 not yet available) is the basis, not the foreign population.
  await value('population_migration', ids.hilden, 2023, 20_000);
  await value('population_migration', ids.hilden, 2024, '…');
  await value('population_foreign', ids.hilden, 2024, 9_000);
  // Haan: only the foreign population.
  await value('population_foreign', ids.haan, 2024, 5_000);
  // Ratingen: the migration history is secret.
  await value('population_migration', ids.ratingen, 2024, '.');
  // Mettmann: a migration history.
  await value('population_migration', ids.mettmann, 2024, 10_000);
  await addEntry(h.db, { name: 'Sprachtreff Hilden', cities: [ids.hilden], fields: [ids.sprache] });
  await addEntry(h.db, { name: 'Deutschkurs Hilden', cities: [ids.hilden], fields: [ids.sprache] });
  await addEntry(h.db, { name: 'Sprachcafé Hilden und Haan', cities: [ids.hilden, ids.haan], fields: [ids.sprache] });
  await addEntry(h.db, { name: 'Noch ungeprüft Hilden', cities: [ids.hilden], fields: [ids.sprache, ids.bildung] }, 'pending');
  await addEntry(h.db, { name: 'Zurückgezogen Hilden', cities: [ids.hilden], fields: [ids.bildung] }, 'rejected');
  await addEntry(h.db, { name: 'Nachhilfe Mettmann', cities: [ids.mettmann], fields: [ids.bildung] });
  await addEntry(h.db, { name: 'Sprachkurs Ratingen', cities: [ids.ratingen], fields: [ids.sprache] });
  await addEntry(h.db, { name: 'Kreisweite Sprachberatung', cities: [ids.district], fields: [ids.sprache] });
  anon = h.browser();
}, 60_000);

afterAll(() => h?.close());

const rowOf = (rows: NeedRow[], id: number) => rows.find((r) => r.city.id === id)!;

describe('need next to offer: the numbers', () => {
  it('computes offers per 10,000 of the migration history, else of the foreign population, from published entries only', async () => {
    const table = await needTable(h.db, 'de');
    const hilden = rowOf(table.rows, ids.hilden);
    expect(hilden).toMatchObject({ basis: 'population_migration', year: 2023, population: 20_000, special: null });
    const cell = (row: NeedRow, field: number) => row.cells.find((c) => c.fieldId === field)!;
    // Three published Sprache entries (the pending one does not count): 3 / 20,000 × 10,000 = 1.5.
    expect(cell(hilden, ids.sprache)).toMatchObject({ count: 3, rate: 1.5, gap: false });
    // The pending and the rejected Bildung entries count nowhere: a gap.
    expect(cell(hilden, ids.bildung)).toMatchObject({ count: 0, rate: 0, gap: true, weak: false });
    const haan = rowOf(table.rows, ids.haan);
    expect(haan).toMatchObject({ basis: 'population_foreign', year: 2024, population: 5_000 });
    expect(cell(haan, ids.sprache)).toMatchObject({ count: 1, rate: 2 });
    expect(cell(rowOf(table.rows, ids.mettmann), ids.bildung)).toMatchObject({ count: 1, rate: 1 });
  });

  it('gives no ratio where the population is a special value or missing, and says which', async () => {
    const table = await needTable(h.db, 'de');
    const ratingen = rowOf(table.rows, ids.ratingen);
    expect(ratingen).toMatchObject({ basis: 'population_migration', year: 2024, population: null, special: '.' });
    expect(ratingen.cells.find((c) => c.fieldId === ids.sprache)).toMatchObject({ count: 1, rate: null, weak: false });
    const velbert = rowOf(table.rows, ids.velbert);
    expect(velbert).toMatchObject({ basis: null, year: null, population: null, special: null });
    expect(velbert.cells.every((c) => c.rate === null)).toBe(true);
    expect(rate(3, 0)).toBeNull();
    expect(rate(3, null)).toBeNull();
  });

  it('marks the weakest fifth of the cells with an offer and a ratio, ties at the edge included', async () => {
    const table = await needTable(h.db, 'de');
    // Three rated cells with an offer (1.5, 2, 1): the lowest fifth is one cell, Mettmann's Bildung.
    const weak = table.rows.flatMap((r) => r.cells.filter((c) => c.weak).map((c) => `${r.city.id}:${c.fieldId}`));
    expect(weak).toEqual([`${ids.mettmann}:${ids.bildung}`]);
    expect(table.weakCount).toBe(1);
    const row = (rates: number[]): NeedRow => ({
      city: { id: 1, name: 'X', shortName: 'X', slug: 'x' },
      basis: 'population_migration',
      year: 2024,
      population: 1,
      special: null,
      cells: rates.map((r, i) => ({ fieldId: i, count: r === 0 ? 0 : 1, rate: r, weak: false, gap: r === 0, href: '' })),
    });
    const rows = [row([5, 1, 3, 0, 2]), row([4, 6, 1, 8, 9, 7, 10])];
    // 11 cells with an offer: ceil(11 / 5) = 3 lowest (1, 1, 2); the gap (0) is no candidate.
    expect(markWeakest(rows)).toBe(3);
    expect(rows.flatMap((r) => r.cells.filter((c) => c.weak).map((c) => c.rate))).toEqual([1, 2, 1]);
  });

  it('links every cell to the directory search by city and field, which finds exactly the counted entries', async () => {
    const table = await needTable(h.db, 'de');
    const cell = rowOf(table.rows, ids.hilden).cells.find((c) => c.fieldId === ids.sprache)!;
    expect(cell.href).toBe(`/directory?city=${ids.hilden}&field=${ids.sprache}`);
    const html = await (await anon.get(cell.href)).text();
    for (const name of ['Sprachtreff Hilden', 'Deutschkurs Hilden', 'Sprachcafé Hilden und Haan']) expect(html).toContain(name);
    expect(html).not.toContain('Noch ungeprüft Hilden');
    // The district-wide entry stands in its own row, against the district's population.
    expect(table.district!.cells.find((c) => c.fieldId === ids.sprache)).toMatchObject({ count: 1, href: `/directory?city=${ids.district}&field=${ids.sprache}` });
  });
});

describe('/statistics/need', () => {
  it('is an accessible table: caption, headers with scope, the basis per row, marks explained in text', async () => {
    const res = await anon.get('/statistics/need');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<caption id="need-caption">');
    expect(html).toContain('role="region" aria-labelledby="need-caption"');
    expect(html).toMatch(/<th scope="col">Bezugsbevölkerung<\/th>/);
    expect(html).toContain('<th scope="row">Hilden</th>');
    expect(html).toContain('20.000<span class="meta need__basis"> mit Einwanderungsgeschichte (31.12.2023)</span>');
    expect(html).toContain('5.000<span class="meta need__basis"> ausländische Bevölkerung (31.12.2024)</span>');
    expect(html).toContain('unbekannt oder geheim zu halten; keine Angabe je 10.000');
    expect(html).toContain('keine Zahl eingetragen');
    expect(html).toContain(`<a href="/directory?city=${ids.hilden}&amp;field=${ids.sprache}">3<span class="visually-hidden">Einträge: Hilden, Sprache</span></a>`);
    expect(html).toContain('<span class="need__rate">1,5</span>');
    // The weak cell carries a mark in text, not colour alone.
    expect(html).toMatch(/need__cell--weak"><a href="\/directory\?city=\d+&amp;field=\d+">1<.*?\(unter den schwächsten Feldern\)/);
    expect(html).toContain('das Fünftel der Zellen mit mindestens einem Eintrag');
    expect(html).toContain('Kreis Mettmann (kreisweit): kreisweite Einträge');
    expect(html).toContain('href="/statistics"');
  });

  it('is public for every role and speaks the public languages', async () => {
    const people = [
      await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org' }),
      await createUser(h.db, { name: 'Sina Sekretariat', email: 'sina@example.org', role: 'secretariat' }),
      await createUser(h.db, { name: 'Anton Admin', email: 'anton@example.org', role: 'admin' }),
    ];
    for (const email of ['mia@example.org', 'sina@example.org', 'anton@example.org']) {
      const b = h.browser();
      await b.login(email, TEST_PASSWORD);
      expect((await b.get('/statistics/need')).status, email).toBe(200);
    }
    expect(people).toHaveLength(3);
    const ar = await (await anon.get('/statistics/need', { cookie: 'lang=ar' })).text();
    expect(ar).toContain('<html lang="ar" dir="rtl"');
    expect(ar).toContain('الحاجة والعروض');
    expect(ar).toContain('<span class="need__rate">1.5</span>');
    const en = await (await anon.get('/statistics/need', { cookie: 'lang=en' })).text();
    expect(en).toContain('Need and offers');
  });
});
