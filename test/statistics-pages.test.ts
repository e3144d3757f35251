import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATISTICS_PUBLIC_KEYS, statisticsPublicMessages } from '../src/statistics/public-messages.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { seedFigures } from './helpers/statistics.js';

// /statistics over HTTP (issue #18): public for everyone (anonymous, member, organiser, staff), the
// downloads too; German 404s for an unknown indicator or city; 400 for a year that is none, 422 for a
// year without figures; every public language, Arabic right to left with the charts left to right.

let h: TestHarness;
const visitors: Record<string, Browser> = {};

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org' });
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sina@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Anton Admin', email: 'anton@example.org', role: 'admin' });
  await seedFigures(h.db, [2018, 2019, 2020, 2021, 2022, 2023, 2024], [{ indicator: 'population_foreign', slug: 'haan', year: 2024, special: '.' }]);
  visitors.anonymous = h.browser();
  for (const [kind, email] of [
    ['member', 'mia@example.org'],
    ['secretariat', 'sina@example.org'],
    ['admin', 'anton@example.org'],
  ] as const) {
    visitors[kind] = h.browser();
    await visitors[kind]!.login(email, TEST_PASSWORD);
  }
});
afterAll(() => h.close());

/** The rows of the table whose caption contains `caption`: header cell and value cells. */
function tableRows(html: string, caption: string): string[][] {
  const table = html.split('<table').find((part) => part.includes(caption) && part.includes('<caption'));
  if (!table) throw new Error(`no table "${caption}"`);
  const body = table.slice(0, table.indexOf('</table>'));
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) => [...m[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()));
}

describe('/statistics', () => {
  it.each(['anonymous', 'member', 'secretariat', 'admin'])('is open to %s, with every chart, its table and downloads', async (kind) => {
    const res = await visitors[kind]!.get('/statistics');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Datensammlung Integration</h1>');
    // Four charts: bars of the latest year, the two dates (2019 and 2024: five years apart), the years, Hilden… the first city's age.
    expect(html.match(/role="img"/g)).toHaveLength(4);
    expect(html).toContain('Anteil der ausländischen Bevölkerung 2024: Städte und Kreis');
    expect(html).toContain('Anteil der ausländischen Bevölkerung: 2019 und 2024 im Vergleich');
    expect(html).toContain('Anteil der ausländischen Bevölkerung: Entwicklung 2018–2024');
    expect(html).toContain('Ausländische Bevölkerung in Erkrath nach Alter, 2024');
    expect(html).toContain('href="/statistics/share_foreign/bars/chart.svg"');
    expect(html).toContain('href="/statistics/share_foreign/compare/data.csv?from=2019&amp;to=2024"');
    expect(html).toContain('href="/statistics/cities/erkrath/age/chart.svg"');
    expect(html).toContain('<div class="chart__canvas" dir="ltr">');
    // The table under the bars holds the same figures: ten cities and the district.
    const rows = tableRows(html, 'Daten zur Grafik: Anteil der ausländischen Bevölkerung 2024');
    expect(rows[0]).toEqual(['Stadt', '2024']);
    expect(rows).toHaveLength(12);
    expect(rows[1]).toEqual(['Erkrath', '11,2\u00a0%']);
    expect(rows.find((r) => r[0] === 'Haan')).toEqual(['Haan', '.']);
    expect(rows.at(-1)).toEqual(['Kreis insgesamt', '.']);
    // The key to the symbols and the nav link.
    expect(html).toContain('<h2 id="statistics-symbols">Zeichenerklärung</h2>');
    expect(html).toMatch(/<a href="\/statistics" aria-current="page">\s*Datensammlung\s*<\/a>/);
  });

  it('shows the chosen indicator, years and city (a GET form, no script needed)', async () => {
    const res = await h.app.request('/statistics?indicator=population_total&from=2020&to=2022&city=hilden');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<form method="get" action="/statistics"');
    expect(html).toContain('Bevölkerung insgesamt: 2020 und 2022 im Vergleich');
    expect(html).toContain('Bevölkerung insgesamt 2024: Städte und Kreis');
    expect(html).toContain('Ausländische Bevölkerung in Hilden nach Alter, 2024');
    expect(html).toMatch(/<option value="hilden" selected/);
    const rows = tableRows(html, 'Daten zur Grafik: Ausländische Bevölkerung in Hilden');
    expect(rows.map((r) => r[0])).toEqual(['Altersgruppe (Jahre)', '0–5', '6–17', '18–24', '25–44', '45–64', '65+']);
  });

  it('says that a share is derived from its two counts', async () => {
    const html = await (await h.app.request('/statistics?indicator=share_migration')).text();
    expect(html).toContain('Ein Anteil, berechnet aus zwei Zahlen:');
    expect(html).toContain('Bevölkerung mit Einwanderungsgeschichte / Bevölkerung insgesamt × 100');
  });

  it('answers an unknown indicator or city with the German 404 page', async () => {
    for (const path of ['/statistics?indicator=gibt_es_nicht', '/statistics/gibt_es_nicht/bars/chart.svg', '/statistics/gibt_es_nicht/lines/data.csv']) {
      const res = await h.app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('Diese Kennzahl gibt es nicht.');
    }
    for (const path of ['/statistics?city=atlantis', '/statistics/cities/atlantis/age/chart.svg', '/statistics/cities/kreis-mettmann/age/data.csv']) {
      const res = await h.app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('Für diese Stadt gibt es keine Zahlen.');
    }
    expect((await h.app.request('/statistics/share_foreign/pie/chart.svg')).status).toBe(404);
  });

  it('refuses a year that is none (400) and a year without figures (422, next to its field)', async () => {
    for (const path of ['/statistics?from=abc', '/statistics?to=20244', '/statistics/share_foreign/compare/chart.svg?from=x']) {
      const res = await h.app.request(path);
      expect(res.status, path).toBe(400);
      expect(await res.text()).toContain('Das ist keine Jahreszahl.');
    }
    const res = await h.app.request('/statistics?from=1990&to=2024');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<p class="field__error" id="field-from-error">Für dieses Jahr gibt es keine Zahlen');
    expect(html).toContain('aria-invalid="true"');
    // The charts still show, with the default years.
    expect(html).toContain('2019 und 2024 im Vergleich');
    expect((await h.app.request('/statistics?from=2024&to=2020')).status).toBe(422);
    expect((await h.app.request('/statistics/share_foreign/compare/data.csv?from=1990')).status).toBe(422);
  });

  it('serves the downloads to everyone', async () => {
    for (const kind of ['anonymous', 'member', 'admin']) {
      const svg = await visitors[kind]!.get('/statistics/cities/hilden/age/chart.svg');
      expect(svg.status).toBe(200);
      expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      const csv = await visitors[kind]!.get('/statistics/population_total/lines/data.csv');
      expect(csv.status).toBe(200);
      expect((await csv.text()).split('\r\n')[0]).toBe('Stadt;2018 (Personen);2019 (Personen);2020 (Personen);2021 (Personen);2022 (Personen);2023 (Personen);2024 (Personen)');
    }
  });

  it('speaks every public language; Arabic right to left, the charts left to right, indicator names German with lang="de"', async () => {
    for (const lang of ['en', 'tr', 'ar', 'ru', 'uk'] as const) {
      const res = await h.app.request('/statistics', { headers: { cookie: `lang=${lang}` } });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}"${lang === 'ar' ? ' dir="rtl"' : ''}>`);
      expect(html).toContain('<div class="chart__canvas" dir="ltr">');
      if (lang === 'en') {
        expect(html).toContain('Share of the foreign population 2024: cities and district');
        expect(html).toContain('<h1>Integration statistics</h1>');
      } else {
        expect(html).toContain(`<h1>${statisticsPublicMessages[lang]['statistics.title']}</h1>`);
        expect(html).toContain('<h2 id="statistics-indicator" lang="de">Anteil der ausländischen Bevölkerung</h2>');
      }
    }
    const ar = await (await h.app.request('/statistics', { headers: { cookie: 'lang=ar' } })).text();
    // The German name inside an Arabic title and caption is marked as German.
    expect(ar).toContain(`<h3 class="chart__heading"><span lang="de">Anteil der ausländischen Bevölkerung</span> 2024: المدن والمقاطعة</h3>`);
    expect(ar).toMatch(/<caption id="bars-share_foreign-caption">بيانات الرسم البياني: <span lang="de">Anteil der ausländischen Bevölkerung<\/span> 2024/);
    expect(ar).toMatch(/<h3 class="chart__heading">السكان الأجانب في <span lang="de">Erkrath<\/span> حسب العمر، 2024<\/h3>/);
    // Latin digits in the charts and tables of the Arabic page too.
    expect(ar).toContain('11.2');
    const svg = await (await h.app.request('/statistics/share_foreign/bars/chart.svg', { headers: { cookie: 'lang=ar' } })).text();
    expect(svg).toContain('<title id="bars-share_foreign-title">Anteil der ausländischen Bevölkerung 2024: المدن والمقاطعة</title>');
  });

  it('has a machine-made translation for every key of the page', () => {
    for (const lang of ['tr', 'ar', 'ru', 'uk'] as const) for (const key of STATISTICS_PUBLIC_KEYS) expect(statisticsPublicMessages[lang][key], `${lang} ${key}`).toBeTruthy();
  });

  it('shows a changed figure at once: the kept figures follow the database', async () => {
    const before = tableRows(await (await h.app.request('/statistics?indicator=population_total')).text(), 'Daten zur Grafik: Bevölkerung insgesamt 2024');
    expect(before[1]).toEqual(['Erkrath', '20.600']);
    const indicator = await h.db.selectFrom('statistic_indicators').select('id').where('key', '=', 'population_total').executeTakeFirstOrThrow();
    const erkrath = await h.db.selectFrom('cities').select('id').where('slug', '=', 'erkrath').executeTakeFirstOrThrow();
    await h.db.updateTable('statistic_values').set({ value: 20601 }).where('indicator_id', '=', indicator.id).where('city_id', '=', erkrath.id).where('year', '=', 2024).execute();
    const after = tableRows(await (await h.app.request('/statistics?indicator=population_total')).text(), 'Daten zur Grafik: Bevölkerung insgesamt 2024');
    expect(after[1]).toEqual(['Erkrath', '20.601']);
    expect(Number(after.at(-1)![1]!.replace(/\./g, ''))).toBe(Number(before.at(-1)![1]!.replace(/\./g, '')) + 1);
  });

  it('links need next to offer', async () => {
    expect(await (await h.app.request('/statistics')).text()).toContain('<a href="/statistics/need">Bedarf und Angebot je Stadt</a>');
  });

  it('links the page from the home portal', async () => {
    const html = await (await h.app.request('/')).text();
    expect(html).toContain('<a href="/statistics">Datensammlung Integration</a>');
  });
});
