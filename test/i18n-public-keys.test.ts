import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { de, type MessageKey } from '../src/i18n/de.js';
import { onFallback, PUBLIC_LOCALES, type PublicLocale } from '../src/i18n/index.js';
import { PUBLIC_CATALOGUES } from '../src/i18n/public/index.js';
import { createHarness, ORIGIN, type TestHarness } from './helpers/app.js';

/**
 * Every public page, rendered in every public language, must find each text it asks for in that
 * language's catalogue: a key that fell back to German fails this test, which lists them all.
 */
describe('public catalogues', () => {
  let h: TestHarness;
  let entryIds: number[] = [];
  let months: string[] = [];
  let programmeIds: number[] = [];
  beforeAll(async () => {
    h = await createHarness();
    await seedDemo(h.db, h.clock.now());
    const entries = await h.db.selectFrom('organisations').select('id').where('status', '=', 'published').orderBy('id').execute();
    entryIds = entries.map((e) => e.id);
    const meetings = await h.db.selectFrom('meetings').select('starts_at').execute();
    months = [...new Set(meetings.map((m) => m.starts_at.slice(0, 7)))];
    programmeIds = (await h.db.selectFrom('programmes').select('id').execute()).map((p) => p.id);
  });
  afterAll(() => {
    onFallback(null);
    return h.close();
  });

  /** The public pages a visitor can reach, in their states (lists, filters, errors, empty results, 404). */
  function pages(): { path: string; method?: 'POST'; body?: string; headers?: Record<string, string> }[] {
    return [
      { path: '/' },
      { path: '/directory' },
      { path: '/directory?q=beratung' },
      { path: '/directory?q=zzzzzzzzz' },
      { path: '/directory?field=1&city=1' },
      { path: '/directory?page=2' },
      { path: '/directory?q=a', headers: { 'HX-Request': 'true' } },
      { path: '/directory/overview' },
      { path: '/directory/new' },
      { path: '/directory/new', method: 'POST', body: 'name=&consent=' },
      { path: '/directory/new', method: 'POST', body: 'name=X&fax_number=robot' },
      ...entryIds.map((id) => ({ path: `/directory/${id}` })),
      { path: '/directory/99999999' },
      { path: '/calendar' },
      { path: '/calendar?view=list' },
      ...months.flatMap((m) => [{ path: `/calendar?month=${m}` }, { path: `/calendar?month=${m}&view=list` }]),
      { path: '/datenschutz' },
      { path: '/impressum' },
      { path: '/cities' },
      { path: '/cities/hilden' },
      { path: '/cities/monheim-am-rhein' },
      { path: '/cities/kreis-mettmann' },
      { path: '/cities/gibt-es-nicht' },
      { path: '/contact' },
      { path: '/contact', method: 'POST', body: 'name=&email=kaputt&message=' },
      { path: '/contact/thanks' },
      { path: '/statistics/need' },
      { path: '/cities/wuelfrath' },
      { path: '/statistics' },
      { path: '/statistics?indicator=gibt_es_nicht' },
      { path: '/statistics?from=abc' },
      { path: '/programmes' },
      { path: '/programmes?level=eu&open=1' },
      { path: '/programmes?level=kreis&applicant=schools&field=1&open=1' },
      ...programmeIds.map((id) => ({ path: `/programmes/${id}` })),
      { path: '/programmes/99999999' },
      // Advice requests (src/advice/): the form sent empty, and its confirmation page.
      ...programmeIds.slice(0, 1).flatMap((id) => [
        { path: `/programmes/${id}/advice`, method: 'POST' as const, body: 'organisation=&email=kaputt&phone=abc' },
        { path: `/programmes/${id}/advice/thanks` },
      ]),
    ];
  }

  it.each(PUBLIC_LOCALES.filter((l) => l !== 'de' && l !== 'en'))('has every text of the public pages in %s', async (locale) => {
    const missing = new Map<string, Set<string>>();
    onFallback((lang: PublicLocale, key: MessageKey) => {
      if (!missing.has(key)) missing.set(key, new Set());
      missing.get(key)!.add(current);
    });
    let current = '';
    for (const page of pages()) {
      current = `${page.method ?? 'GET'} ${page.path}`;
      const headers: Record<string, string> = { cookie: `lang=${locale}`, ...page.headers };
      if (page.method) Object.assign(headers, { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' });
      let res = await h.app.request(page.path, { method: page.method ?? 'GET', body: page.body, headers });
      // A redirect with a message: the next page shows it.
      if (res.status === 303) {
        const flash = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
        res = await h.app.request(res.headers.get('location')!, { headers: { cookie: `lang=${locale}; ${flash}` } });
      }
      expect(res.status, current).toBeLessThan(500);
      const html = await res.text();
      if (!page.headers) expect(html, current).toContain(`<html lang="${locale}"`);
    }
    onFallback(null);
    const list = [...missing].map(([key, where]) => `${key}  (${[...where].slice(0, 2).join(', ')})`).sort();
    expect(list, `texts missing in the ${locale} catalogue`).toEqual([]);
  });

  it('keeps every placeholder of the German text in each translation', () => {
    const problems: string[] = [];
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
    for (const catalogue of PUBLIC_CATALOGUES) {
      for (const [key, text] of Object.entries(catalogue.messages)) {
        if (!(key in de)) problems.push(`${catalogue.code}: ${key} is no German key`);
        else if (placeholders(text!) !== placeholders(de[key as MessageKey])) problems.push(`${catalogue.code}: ${key} has {${placeholders(text!)}} instead of {${placeholders(de[key as MessageKey])}}`);
      }
      expect(catalogue.messages['app.locale' as MessageKey]).toBe(catalogue.code);
    }
    expect(problems).toEqual([]);
  });
});
