import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_INACTIVITY_MS } from '../src/auth/sessions.js';
import { createHarness, createUser, linkFrom, TEST_PASSWORD, type TestHarness } from './helpers/app.js';

let h: TestHarness;
beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Anna Schulz', email: 'anna@example.org', role: 'member' });
  await createUser(h.db, { name: 'Karl Ohnekonto', email: 'karl@example.org', role: 'member', active: false });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.db.deleteFrom('throttle').execute();
  await h.db.deleteFrom('outbox').execute();
});

async function lastMailTo(address: string) {
  return h.db.selectFrom('outbox').selectAll().where('to_address', '=', address).orderBy('id', 'desc').executeTakeFirst();
}

describe('login', () => {
  it('signs in with the right password, case-insensitive address, and sets a safe cookie', async () => {
    const b = h.browser();
    const res = await b.post('/login', { email: '  Anna@Example.ORG ', password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hub_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; see the https test below
    const home = await b.get('/');
    const html = await home.text();
    expect(html).toContain('Angemeldet als Anna Schulz');
    expect(html).toContain('Sie sind angemeldet.');
  });

  it('refuses a wrong password with a German message and 422, without saying whether the address exists', async () => {
    const wrong = await h.browser().post('/login', { email: 'anna@example.org', password: 'falsch-falsch' });
    const unknown = await h.browser().post('/login', { email: 'niemand@example.org', password: 'falsch-falsch' });
    expect(wrong.status).toBe(422);
    expect(unknown.status).toBe(422);
    const text = await wrong.text();
    expect(text).toContain('E-Mail-Adresse oder Passwort ist falsch.');
    expect(await unknown.text()).toContain('E-Mail-Adresse oder Passwort ist falsch.');
    expect(wrong.headers.getSetCookie().some((c) => c.startsWith('hub_session=') && !c.startsWith('hub_session=;'))).toBe(false);
  });

  it('shows field errors for an empty or malformed form and keeps the typed address', async () => {
    const res = await h.browser().post('/login', { email: 'kein-at-zeichen', password: '' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein');
    expect(html).toContain('Bitte füllen Sie dieses Feld aus.');
    expect(html).toContain('value="kein-at-zeichen"');
    expect(html).toContain('aria-invalid="true"');
  });

  it('refuses a deactivated account like a wrong password', async () => {
    const res = await h.browser().post('/login', { email: 'karl@example.org', password: TEST_PASSWORD });
    expect(res.status).toBe(422);
  });

  it('throttles a client after 5 failures at an address, even for the right password, and counts in the database', async () => {
    const b = h.browser();
    for (let i = 0; i < 5; i++) expect((await b.post('/login', { email: 'anna@example.org', password: 'falsch-falsch' })).status).toBe(422);
    const blocked = await b.post('/login', { email: 'anna@example.org', password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('900');
    expect(await blocked.text()).toContain('Zu viele Anmeldeversuche. Bitte warten Sie 15 Minuten');
    // Every attempt of this client at this address is counted, the refused one too.
    const row = await h.db.selectFrom('throttle').selectAll().where('key', '=', 'login:ip:unknown:email:anna@example.org').executeTakeFirst();
    expect(row?.hits).toBe(6);
    h.clock.advance(15 * 60 * 1000);
    expect((await b.post('/login', { email: 'anna@example.org', password: TEST_PASSWORD })).status).toBe(303);
  });

  it('cannot be raced: of 20 parallel guesses only 5 reach the password check', async () => {
    const b = h.browser();
    const results = await Promise.all(Array.from({ length: 20 }, () => b.post('/login', { email: 'anna@example.org', password: 'falsch-falsch' })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 422)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('redirects to a local "next" target only', async () => {
    const ok = await h.browser().post('/login', { email: 'anna@example.org', password: TEST_PASSWORD, next: '/admin' });
    expect(ok.headers.get('location')).toBe('/admin');
    for (const next of ['//evil.example/', '/\t/evil.example', '/\\evil.example', 'https://evil.example', '/\n/x', '/%0d%0aSet-Cookie:x']) {
      const evil = await h.browser().post('/login', { email: 'anna@example.org', password: TEST_PASSWORD, next });
      expect(evil.status, JSON.stringify(next)).toBe(303);
      const location = evil.headers.get('location')!;
      expect(location === '/' || location.startsWith('/%'), JSON.stringify(next)).toBe(true);
    }
  });
});

describe('sessions over HTTP', () => {
  it('logout ends the session in the database, so the old cookie is worthless', async () => {
    const b = h.browser();
    await b.login('anna@example.org', TEST_PASSWORD);
    const stolen = b.cookies.get('hub_session')!;
    const res = await b.post('/logout', {});
    expect(res.status).toBe(303);
    expect(b.cookies.has('hub_session')).toBe(false);
    const replay = await h.app.request('/', { headers: { cookie: `hub_session=${stolen}` } });
    expect(await replay.text()).not.toContain('Angemeldet als');
  });

  it('a session expires after 10 days without use and is renewed (new cookie) when used after an hour', async () => {
    const b = h.browser();
    await b.login('anna@example.org', TEST_PASSWORD);
    h.clock.advance(2 * 60 * 60 * 1000);
    const renewed = await b.get('/');
    expect(renewed.headers.getSetCookie().some((c) => c.startsWith('hub_session=') && /Max-Age=864000/.test(c))).toBe(true);
    h.clock.advance(SESSION_INACTIVITY_MS);
    const expired = await b.get('/');
    expect(await expired.text()).not.toContain('Angemeldet als');
    expect(b.cookies.has('hub_session')).toBe(false);
  });

  it('a new session id is issued at every sign-in', async () => {
    const b = h.browser();
    await b.login('anna@example.org', TEST_PASSWORD);
    const first = b.cookies.get('hub_session');
    await b.login('anna@example.org', TEST_PASSWORD);
    expect(b.cookies.get('hub_session')).not.toBe(first);
  });
});

describe('CSRF', () => {
  it('refuses a form post without Origin or from another site with a German 403', async () => {
    const b = h.browser();
    const none = await h.app.request('/login', {
      method: 'POST',
      body: new URLSearchParams({ email: 'anna@example.org', password: TEST_PASSWORD }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(none.status).toBe(403);
    expect(await none.text()).toContain('aus Sicherheitsgründen abgelehnt');
    const cross = await b.post('/login', { email: 'anna@example.org', password: TEST_PASSWORD }, { Origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    const fetchSite = await b.post('/logout', {}, { Origin: '', 'Sec-Fetch-Site': 'cross-site' });
    expect(fetchSite.status).toBe(403);
  });
});

describe('password reset', () => {
  it('mails a single-use link that sets a new password, ends old sessions and signs in', async () => {
    const old = h.browser();
    await old.login('anna@example.org', TEST_PASSWORD);

    const res = await h.browser().post('/password/reset', { email: 'ANNA@example.org' });
    expect(res.status).toBe(303);
    const mail = await lastMailTo('anna@example.org');
    expect(mail?.subject).toContain('Passwort zurücksetzen');
    const link = linkFrom(mail!.body_text);
    expect(link).toMatch(/^\/password\/reset\/[a-z2-7]{24}\.[a-z2-7]{24}$/);

    // Opening the link (as a mail scanner would) changes nothing.
    const b = h.browser();
    expect((await b.get(link)).status).toBe(200);
    expect((await b.get(link)).status).toBe(200);

    const mismatch = await b.post(link, { password: 'neues-passwort-1', password_confirm: 'anders' });
    expect(mismatch.status).toBe(422);
    expect(await mismatch.text()).toContain('Die beiden Passwörter stimmen nicht überein.');
    const short = await b.post(link, { password: 'kurz', password_confirm: 'kurz' });
    expect(await short.text()).toContain('mindestens 10 Zeichen');

    const done = await b.post(link, { password: 'neues-passwort-1', password_confirm: 'neues-passwort-1' });
    expect(done.status).toBe(303);
    expect(await (await b.get('/')).text()).toContain('Angemeldet als Anna Schulz');
    expect(await (await old.get('/')).text()).not.toContain('Angemeldet als');

    const again = await h.browser().post(link, { password: 'drittes-passwort', password_confirm: 'drittes-passwort' });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('ungültig, abgelaufen oder wurde schon verwendet');
    expect((await h.browser().post('/login', { email: 'anna@example.org', password: TEST_PASSWORD })).status).toBe(422);
    await h.browser().login('anna@example.org', 'neues-passwort-1');
    const audit = await h.db.selectFrom('audit_log').select('action').where('action', '=', 'user.password_reset').execute();
    expect(audit).toHaveLength(1);
  });

  it('expires after one hour', async () => {
    await h.browser().post('/password/reset', { email: 'anna@example.org' });
    const link = linkFrom((await lastMailTo('anna@example.org'))!.body_text);
    h.clock.advance(60 * 60 * 1000 + 1);
    expect((await h.browser().get(link)).status).toBe(410);
    expect((await h.browser().post(link, { password: 'neues-passwort-2', password_confirm: 'neues-passwort-2' })).status).toBe(410);
  });

  it('answers the same for unknown addresses and sends nothing', async () => {
    const res = await h.browser().post('/password/reset', { email: 'unbekannt@example.org' });
    expect(res.status).toBe(303);
    expect(await h.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
  });

  it('sends at most 3 reset mails per address in an hour, and says so instead of refusing', async () => {
    for (let i = 0; i < 3; i++) expect((await h.browser().post('/password/reset', { email: 'anna@example.org' })).status).toBe(303);
    const b = h.browser();
    const fourth = await b.post('/password/reset', { email: 'anna@example.org' });
    expect(fourth.status).toBe(303);
    expect(await (await b.get('/password/reset')).text()).toContain('Bitte verwenden Sie den Link aus einer dieser E-Mails');
    expect(await h.db.selectFrom('outbox').select('id').execute()).toHaveLength(3);
  });

  it('rejects a forged token', async () => {
    const res = await h.browser().get(`/password/reset/${'a'.repeat(24)}.${'b'.repeat(24)}`);
    expect(res.status).toBe(410);
  });
});

describe('https behind a proxy', () => {
  it('marks cookies Secure and sends HSTS when BASE_URL is https', async () => {
    const { createApp } = await import('../src/app.js');
    const { testConfig } = await import('./helpers/app.js');
    const app = createApp({ db: h.db, config: testConfig({ BASE_URL: 'https://hub.example.org' }), now: h.clock.now });
    const res = await app.request('https://hub.example.org/login', {
      method: 'POST',
      body: new URLSearchParams({ email: 'anna@example.org', password: 'neues-passwort-1' }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://hub.example.org' },
    });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('hub_session='))).toMatch(/Secure/);
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });
});
