import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { addGroup, addMeeting, addMinutes } from './privacy-fixtures.js';

// A failed form's page says so in its title ("Fehler: …", the first thing a screen reader reads after
// the swap), and when htmx posted it (hx-boost), the answer tells htmx to keep the page's address:
// the POST address in the address bar answered 404 on reload or from a bookmark.

let h: TestHarness;
let sek: Browser;
let meetingId = 0;
let itemId = 0;

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  const groupId = await addGroup(h.db, 'intern');
  meetingId = await addMeeting(h.db, groupId, '2026-12-16T17:00:00.000Z', 'Dezembersitzung');
  itemId = (await addMinutes(h.db, meetingId)).itemId;
  sek = h.browser();
  await sek.login('sek@example.org', TEST_PASSWORD);
});
afterAll(() => h.close());

const BOOSTED = { 'HX-Request': 'true', 'HX-Boosted': 'true', 'HX-Current-URL': 'http://localhost/' };

/** Failed forms of several features, each with what makes it fail. */
const FAILED_FORMS: { name: string; path: () => string; form: Record<string, string>; signedIn?: boolean }[] = [
  { name: 'sign in', path: () => '/login', form: { email: '', password: '' } },
  { name: 'directory submission', path: () => '/directory/new', form: { name: '' } },
  { name: 'profile', path: () => '/profile', form: { name: '', email: 'kein-at' }, signedIn: true },
  { name: 'new group', path: () => '/groups', form: { name: '' }, signedIn: true },
  { name: 'agenda item', path: () => `/meetings/${meetingId}/agenda/${itemId}`, form: { title: '' }, signedIn: true },
];

const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';

describe('pages of failed forms', () => {
  it.each(FAILED_FORMS)('$name: the title starts with "Fehler:"; htmx keeps the page address', async ({ path, form, signedIn }) => {
    const browser = signedIn ? sek : h.browser();
    const plain = await browser.post(path(), form);
    expect(plain.status).toBe(422);
    expect(title(await plain.text())).toMatch(/^Fehler: \S/);

    const boosted = await browser.post(path(), form, BOOSTED);
    expect(boosted.status).toBe(422);
    expect(boosted.headers.get('HX-Push-Url')).toBe('false');
    expect(title(await boosted.text())).toMatch(/^Fehler: \S/);
  });

  it('in English the prefix is "Error:"', async () => {
    const res = await h.browser().post('/login', { email: '', password: '' }, { cookie: 'lang=en' });
    expect(res.status).toBe(422);
    expect(title(await res.text())).toMatch(/^Error: Sign in/);
  });

  it('pages without errors keep their title; GET pages leave the address to htmx', async () => {
    const page = await h.browser().get('/login', BOOSTED);
    expect(page.status).toBe(200);
    expect(title(await page.text())).not.toMatch(/Fehler/);
    expect(page.headers.get('HX-Push-Url')).toBeNull();
    // A filter form sent by GET with a wrong value: its address (with the query) can be reloaded.
    const admin = h.browser();
    await createUser(h.db, { name: 'Anna Admin', email: 'admin@example.org', role: 'admin' });
    await admin.login('admin@example.org', TEST_PASSWORD);
    const audit = await admin.get('/admin/audit?from=2026-02-30', BOOSTED);
    expect(audit.status).toBe(422);
    expect(title(await audit.text())).toMatch(/^Fehler: /);
    expect(audit.headers.get('HX-Push-Url')).toBeNull();
  });
});
