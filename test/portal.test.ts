import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { negotiate, PUBLIC_LOCALES } from '../src/i18n/index.js';
import { addEntry } from './helpers/directory.js';
import { createHarness, createUser, TEST_PASSWORD, type TestHarness } from './helpers/app.js';

let h: TestHarness;
beforeAll(async () => {
  h = await createHarness();
  await seedDemo(h.db, h.clock.now());
  await createUser(h.db, { name: 'Mia Member', email: 'mia@example.org' });
});
afterAll(() => h.close());

const get = (path: string, headers: Record<string, string> = {}) => h.app.request(path, { headers });
const htmlLang = (html: string) => /<html lang="([a-z]+)"( dir="rtl")?>/.exec(html);

describe('Accept-Language on the first visit', () => {
  it('picks the best allowed language by q-value, region tags matching their language', () => {
    expect(negotiate('ar-SY, de;q=0.5', PUBLIC_LOCALES)).toBe('ar');
    expect(negotiate('tr;q=0.3, ru;q=0.8, en;q=0.1', PUBLIC_LOCALES)).toBe('ru');
    expect(negotiate('fr, uk;q=0.2', PUBLIC_LOCALES)).toBe('uk');
    expect(negotiate('fr, it', PUBLIC_LOCALES)).toBeUndefined();
    expect(negotiate('ar;q=0, en;q=0.4', PUBLIC_LOCALES)).toBe('en');
    expect(negotiate('*', PUBLIC_LOCALES)).toBe('de');
    expect(negotiate('ar, en;q=0.9', ['de', 'en'])).toBe('en');
  });

  it('serves the public pages in the browser’s language among the public ones, Arabic right to left', async () => {
    const res = await get('/', { 'Accept-Language': 'ar-SY,ar;q=0.9,de;q=0.5' });
    expect(res.headers.get('vary')).toContain('Accept-Language');
    const html = await res.text();
    expect(htmlLang(html)?.slice(1)).toEqual(['ar', ' dir="rtl"']);
    expect(html).toContain('هل منظمتكم غير مدرجة بعد؟');
    expect(htmlLang(await (await get('/directory', { 'Accept-Language': 'tr-TR, en;q=0.5' })).text())?.[1]).toBe('tr');
    expect(htmlLang(await (await get('/calendar', { 'Accept-Language': 'ru' })).text())?.[1]).toBe('ru');
    expect(htmlLang(await (await get('/impressum', { 'Accept-Language': 'uk' })).text())?.[1]).toBe('uk');
    // Nothing that fits: German.
    expect(htmlLang(await (await get('/', { 'Accept-Language': 'fr, it;q=0.5' })).text())?.[0]).toBe('<html lang="de">');
  });

  it('lets the cookie win over Accept-Language', async () => {
    const html = await (await get('/directory/overview', { 'Accept-Language': 'ar', cookie: 'lang=uk' })).text();
    expect(htmlLang(html)?.[1]).toBe('uk');
    expect(html).toContain('Огляд: хто що і де пропонує?');
  });

  it('keeps members’ pages German or English: an Arabic choice reads German, Accept-Language only picks de/en', async () => {
    expect(htmlLang(await (await get('/login', { cookie: 'lang=ar' })).text())?.[0]).toBe('<html lang="de">');
    expect(htmlLang(await (await get('/login', { 'Accept-Language': 'ar, en;q=0.8' })).text())?.[0]).toBe('<html lang="en">');
    const login = await (await get('/login', { cookie: 'lang=tr' })).text();
    // The switch on a members' page offers only German and English.
    expect(login).toContain('lang="en"');
    expect(login).not.toContain('Türkçe');
  });

  it('shows signed-in people the public pages in German (their pages carry members’ controls)', async () => {
    const b = h.browser();
    await b.post('/language', { lang: 'ar', back: '/' });
    expect(htmlLang(await (await b.get('/directory')).text())?.[1]).toBe('ar');
    await b.login('mia@example.org', TEST_PASSWORD);
    expect(htmlLang(await (await b.get('/directory')).text())?.[0]).toBe('<html lang="de">');
    expect(htmlLang(await (await b.get('/')).text())?.[0]).toBe('<html lang="de">');
  });
});

describe('POST /language', () => {
  it('keeps any public language in the cookie; anything else is German', async () => {
    for (const lang of ['tr', 'ar', 'ru', 'uk', 'en']) {
      const b = h.browser();
      const res = await b.post('/language', { lang, back: '/directory' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/directory');
      expect(b.cookies.get('lang')).toBe(lang);
      expect(htmlLang(await (await b.get('/directory')).text())?.[1]).toBe(lang);
    }
    const bad = h.browser();
    await bad.post('/language', { lang: 'xx', back: '/' });
    expect(bad.cookies.get('lang')).toBe('de');
    expect(htmlLang(await (await bad.get('/', { 'Accept-Language': 'ar' })).text())?.[0]).toBe('<html lang="de">');
  });

  it('refuses a cross-site POST', async () => {
    const res = await h.browser().post('/language', { lang: 'ar', back: '/' }, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });
});

describe('the language switch', () => {
  it('names each language in itself, marked with its language, the current one marked', async () => {
    const html = await (await get('/', { cookie: 'lang=ru' })).text();
    for (const [code, name] of [['de', 'Deutsch'], ['en', 'English'], ['tr', 'Türkçe'], ['ru', 'Русский'], ['uk', 'Українська']]) {
      expect(html).toMatch(new RegExp(`<button type="submit" name="lang" value="${code}" class="button button--link" lang="${code}"[^>]*>${name}</button>`));
    }
    expect(html).toContain('value="ar" class="button button--link" lang="ar" dir="rtl">العربية</button>');
    expect(html).toContain('value="ru" class="button button--link" lang="ru" aria-current="true">Русский</button>');
    // The machine-made translation says so.
    expect(html).toContain('Эта страница переведена машинным способом.');
    expect(await (await get('/')).text()).not.toContain('site-footer__note');
  });
});

describe('directory entries in the visitor’s language', () => {
  let germanOnly: number;
  let turkish: number;
  beforeAll(async () => {
    germanOnly = await addEntry(h.db, { name: 'Nur Deutsch e. V.', descriptions: { de: 'Wir beraten Familien.' } });
    turkish = await addEntry(h.db, { name: 'Zweisprachig e. V.', descriptions: { de: 'Wir beraten Familien.', tr: 'Ailelere danışmanlık yapıyoruz.' } });
  });

  it('shows the German description with a note in the visitor’s language where theirs is missing', async () => {
    const html = await (await get(`/directory/${germanOnly}`, { cookie: 'lang=ar' })).text();
    expect(html).toContain('<p class="description-note">هذا الوصف متوفر باللغة الألمانية فقط.</p>');
    expect(html).toMatch(/<section class="prose" lang="de"[^>]*><p>Wir beraten Familien.<\/p>/);
    const english = await (await get(`/directory/${germanOnly}`, { cookie: 'lang=en' })).text();
    expect(english).toContain('This description is only available in German.');
    expect(await (await get(`/directory/${germanOnly}`)).text()).not.toContain('description-note');
  });

  it('shows the description in the visitor’s language where it exists, without the note', async () => {
    const html = await (await get(`/directory/${turkish}`, { cookie: 'lang=tr' })).text();
    expect(html).toMatch(/<section class="prose" lang="tr"[^>]*><p>Ailelere danışmanlık yapıyoruz.<\/p>/);
    expect(html).not.toContain('description-note');
  });
});

describe('the home page for visitors', () => {
  it('offers the search, the fields of action, the next public dates, the cities, the call to register, the contacts and the sign-in', async () => {
    const html = await (await get('/')).text();
    expect(html).toMatch(/<form method="get" action="\/directory" class="portal-search" role="search"/);
    expect(html).toContain('name="q"');
    const fields = await h.db.selectFrom('fields_of_action').select(['id', 'name']).orderBy('position').execute();
    expect(fields).toHaveLength(7);
    for (const f of fields) expect(html).toContain(`<a href="/directory?field=${f.id}">${f.name}</a>`);
    const cities = await h.db.selectFrom('cities').select(['name', 'slug']).where('kind', '=', 'city').execute();
    expect(cities).toHaveLength(10);
    for (const c of cities) expect(html).toContain(`<a href="/cities/${c.slug}">${c.name}</a>`);
    expect(html).toContain('Ist Ihre Organisation noch nicht verzeichnet?');
    expect(html).toContain('Dann melden Sie sich!');
    for (const href of ['/directory/new', '/directory', '/calendar', '/cities', '/contact', '/login']) expect(html).toContain(`href="${href}"`);
    // The next dates: those of groups that publish them, as the public calendar shows them.
    const next = await h.db
      .selectFrom('meetings')
      .innerJoin('groups', 'groups.id', 'meetings.group_id')
      .select(['meetings.title', 'meetings.starts_at'])
      .where('groups.dates_public', '=', 1)
      .where('meetings.starts_at', '>=', h.clock.now().toISOString())
      .where('meetings.status', '!=', 'cancelled')
      .orderBy('meetings.starts_at')
      .executeTakeFirst();
    expect(next, 'the demo has a public date ahead').toBeDefined();
    expect(html).toContain(`<time datetime="${next!.starts_at}">`);
    const hidden = await h.db
      .selectFrom('meetings')
      .innerJoin('groups', 'groups.id', 'meetings.group_id')
      .select('meetings.starts_at')
      .where('groups.dates_public', '=', 0)
      .execute();
    for (const m of hidden) expect(html).not.toContain(`<time datetime="${m.starts_at}">`);
  });

  it('formats dates in the page’s language and marks German field names on an Arabic page', async () => {
    const html = await (await get('/', { cookie: 'lang=tr' })).text();
    const time = /<time datetime="([^"]+)">([^<]+)<\/time>/.exec(html)!;
    const weekday = new Intl.DateTimeFormat('tr-TR', { timeZone: 'Europe/Berlin', weekday: 'long' }).format(new Date(time[1]!));
    expect(time[2]).toContain(weekday);
    const ar = await (await get('/', { cookie: 'lang=ar' })).text();
    expect(ar).toMatch(/<a href="\/directory\?field=\d+" lang="de">Sprache<\/a>/);
  });

  it('keeps the dashboard for signed-in people', async () => {
    const b = h.browser();
    await b.login('mia@example.org', TEST_PASSWORD);
    const html = await (await b.get('/')).text();
    expect(html).not.toContain('portal-search');
  });
});
