import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpecialValue } from '../src/db/schema.js';
import { cityFigures } from '../src/statistics/need-city.js';
import { createHarness, type Browser, type TestHarness } from './helpers/app.js';

// The figures of the Datensammlung on the city pages (issue #18): each indicator's latest figure with its
// reference date and source, the derived shares, special values with their meaning, none: a sentence.

let h: TestHarness;
let anon: Browser;
let hilden: number;

async function value(key: string, cityId: number, year: number, v: number | SpecialValue, source: string | null = 'IT.NRW Testtabelle 12411', note: string | null = null) {
  const indicator = await h.db.selectFrom('statistic_indicators').select('id').where('key', '=', key).executeTakeFirstOrThrow();
  await h.db
    .insertInto('statistic_values')
    .values({ indicator_id: indicator.id, city_id: cityId, year, value: typeof v === 'number' ? v : null, special: typeof v === 'number' ? null : v, source, note, updated_at: '2026-01-01T00:00:00.000Z', updated_by_user_id: null })
    .execute();
}

beforeAll(async () => {
  h = await createHarness();
  hilden = (await h.db.selectFrom('cities').select('id').where('slug', '=', 'hilden').executeTakeFirstOrThrow()).id;
  const velbert = (await h.db.selectFrom('cities').select('id').where('slug', '=', 'velbert').executeTakeFirstOrThrow()).id;
  await value('population_total', hilden, 2023, 54_800);
  await value('population_total', hilden, 2024, 55_000);
  await value('population_foreign', hilden, 2023, 8_500);
  await value('population_foreign', hilden, 2024, 8_910, 'IT.NRW Testtabelle 12411', 'Fortschreibung auf Basis des Zensus 2022');
  await value('population_migration', hilden, 2023, 17_900);
  await value('population_migration', hilden, 2024, '…');
  await value('foreign_age_0_5', hilden, 2024, '.');
  await value('population_total', velbert, 2024, 82_000);
  anon = h.browser();
}, 60_000);

afterAll(() => h?.close());

describe('figures on a city page', () => {
  it('reads the latest figure per indicator from figureTable, shares derived', async () => {
    const figures = await cityFigures(h.db, { id: hilden, kind: 'city' }, 'de');
    const byKey = new Map(figures.map((f) => [f.key, f]));
    expect(byKey.get('population_total')).toMatchObject({ year: 2024, figure: { value: 55_000, special: null }, source: 'IT.NRW Testtabelle 12411' });
    expect(byKey.get('share_foreign')!.figure.value).toBeCloseTo(16.2, 5);
    expect(byKey.get('share_foreign')).toMatchObject({ year: 2024, kind: 'share', source: null, parts: { numerator: 'Ausländische Bevölkerung', denominator: 'Bevölkerung insgesamt' } });
    // A special numerator makes the share special, never 0.
    expect(byKey.get('share_migration')!.figure).toEqual({ value: null, special: '…' });
    // Indicators without any figure for the city are left out.
    expect(byKey.has('foreign_age_6_17')).toBe(false);
  });

  it('shows values, reference dates, sources, notes, derived shares and special values with their meaning', async () => {
    const res = await anon.get('/cities/hilden');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h2 id="city-figures">Zahlen aus der Datensammlung Integration</h2>');
    expect(html).toContain('<dt>Bevölkerung insgesamt</dt><dd><strong>55.000</strong> (31.12.2024)');
    expect(html).toContain('<dt>Anteil der ausländischen Bevölkerung</dt><dd><strong>16,2 %</strong> (31.12.2024)');
    expect(html).toContain('Berechnet aus: <span>Ausländische Bevölkerung</span> / <span>Bevölkerung insgesamt</span>');
    expect(html).toContain('Quelle: IT.NRW Testtabelle 12411');
    expect(html).toContain('Hinweis: Fortschreibung auf Basis des Zensus 2022');
    expect(html).toContain('<span class="figure__special">…</span> <span class="meta">(Zahl liegt noch nicht vor)</span> (31.12.2024)');
    expect(html).toContain('<span class="figure__special">.</span> <span class="meta">(unbekannt oder geheim zu halten)</span>');
    // Where the newest figure is not yet available, the last number known is given too.
    expect(html).toContain('<dt>Bevölkerung mit Einwanderungsgeschichte</dt><dd><span class="figure__special">…</span> <span class="meta">(Zahl liegt noch nicht vor)</span> (31.12.2024)<div class="meta">Zuletzt bekannt: 17.900 (31.12.2023)</div>');
    expect(html).toContain('href="/statistics"');
    expect(html).toContain('href="/statistics/need"');
  });

  it('says so when a city has no figures', async () => {
    const html = await (await anon.get('/cities/haan')).text();
    expect(html).toContain('Für Haan sind noch keine Zahlen eingetragen.');
    expect(html).not.toContain('id="city-figures-list"');
  });

  it('shows the district’s sums on the district’s own page', async () => {
    const html = await (await anon.get('/cities/kreis-mettmann')).text();
    // The district's value is the sum of its cities: with eight cities still missing, not yet available.
    expect(html).toContain('<dt>Bevölkerung insgesamt</dt><dd><span class="figure__special">…</span> <span class="meta">(Zahl liegt noch nicht vor)</span> (31.12.2024)');
    const cities = await h.db.selectFrom('cities').select('id').where('kind', '=', 'city').where('slug', 'not in', ['hilden', 'velbert']).execute();
    for (const c of cities) await value('population_total', c.id, 2024, 10_000);
    // 55,000 + 82,000 + 8 × 10,000.
    expect(await (await anon.get('/cities/kreis-mettmann')).text()).toContain('<dt>Bevölkerung insgesamt</dt><dd><strong>217.000</strong> (31.12.2024)');
  });

  it('speaks Arabic (names of the indicators stay German, marked as such) and English', async () => {
    const ar = await (await anon.get('/cities/hilden', { cookie: 'lang=ar' })).text();
    expect(ar).toContain('<html lang="ar" dir="rtl"');
    expect(ar).toContain('أرقام من مجموعة بيانات الاندماج');
    expect(ar).toContain('<dt lang="de">Anteil der ausländischen Bevölkerung</dt><dd><strong>16.2 %</strong> (31.12.2024)');
    expect(ar).toContain('(غير متوفر بعد)');
    const en = await (await anon.get('/cities/hilden', { cookie: 'lang=en' })).text();
    expect(en).toContain('<dt>Share of the foreign population</dt><dd><strong>16.2 %</strong> (31.12.2024)');
    expect(en).toContain('<strong>55,000</strong>');
  });
});
