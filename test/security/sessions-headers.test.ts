import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { LINK_RULE } from '../../src/auth/link-guard.js';
import { LOGIN_RULES, loginThrottleKeys } from '../../src/auth/login.js';
import { RESET_RULES } from '../../src/auth/password-reset.js';
import { createOneTimeToken } from '../../src/auth/one-time-tokens.js';
import { createSession } from '../../src/auth/sessions.js';
import { SUBMISSION_RULE } from '../../src/directory/routes.js';
import { createHarness, createUser, ORIGIN, TEST_PASSWORD, testConfig, type TestHarness } from '../helpers/app.js';
import { headerProblems, isGermanPage } from './scan.js';

let h: TestHarness;
let anna: { userId: number; personId: number };
let admin: { userId: number; personId: number };
let meetingId: number;

const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
const tokenOf = (res: Response) => /^hub_session=([^;]*)/.exec(cookieOf(res, 'hub_session') ?? '')?.[1];
const sessionsOf = (userId: number) => h.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();

function login(app: ReturnType<typeof createApp>, opts: { url?: string; cookie?: string; headers?: Record<string, string>; email?: string; password?: string } = {}) {
  return app.request(opts.url ?? '/login', {
    method: 'POST',
    body: new URLSearchParams({ email: opts.email ?? 'anna@example.org', password: opts.password ?? TEST_PASSWORD }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(opts.url ?? ORIGIN).origin, ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers },
  });
}

async function setHits(key: string, hits: number) {
  await h.db.deleteFrom('throttle').where('key', '=', key).execute();
  await h.db.insertInto('throttle').values({ key, hits, window_started_at: h.clock.now().toISOString() }).execute();
}

beforeAll(async () => {
  h = await createHarness();
  anna = await createUser(h.db, { name: 'Anna', email: 'anna@example.org' });
  admin = await createUser(h.db, { name: 'Adam Admin', email: 'adam@example.org', role: 'admin' });
  await createUser(h.db, { name: 'Sina', email: 'sina@example.org', role: 'secretariat' });
  const sek = h.browser();
  await sek.login('sina@example.org', TEST_PASSWORD);
  await sek.post('/groups', { name: 'AK', slug: 'ak', kind: 'external' });
  await sek.post('/groups/ak/members', { person: 'anna@example.org', role: 'organiser', starts_on: '2026-01-01' });
  const res = await sek.post('/groups/ak/meetings', { title: 'Sitzung', day: '2026-12-09', start_time: '18:00', end_time: '20:00' });
  meetingId = Number(res.headers.get('location')!.split('/').pop());
});
afterAll(() => h.close());

describe('session fixation and ending sessions', () => {
  it('sign-in issues a new session and ends a session the browser brought along (planted or another account’s)', async () => {
    const planted = await createSession(h.db, admin.userId, h.clock.now());
    const res = await login(h.app, { cookie: `hub_session=${planted}` });
    expect(res.status).toBe(303);
    const fresh = tokenOf(res)!;
    expect(fresh.split('.')[0]).not.toBe(planted.split('.')[0]);
    expect(await h.db.selectFrom('sessions').select('id').where('id', '=', planted.split('.')[0]!).executeTakeFirst()).toBeUndefined();
    // A made-up token in the cookie does not become the session either.
    const madeUp = 'aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbb';
    const again = await login(h.app, { cookie: `hub_session=${madeUp}` });
    expect(tokenOf(again)).not.toBe(madeUp);
    expect(await h.db.selectFrom('sessions').select('id').where('id', '=', 'aaaaaaaaaaaaaaaaaaaaaaaa').executeTakeFirst()).toBeUndefined();
  });

  it.each(['reset', 'invite'] as const)('signing in through the %s link also ends the session the browser brought along', async (purpose) => {
    const planted = await createSession(h.db, admin.userId, h.clock.now());
    const token = await createOneTimeToken(h.db, purpose, anna.userId, h.clock.now());
    const res = await h.app.request(`${purpose === 'reset' ? '/password/reset' : '/invite'}/${token}`, {
      method: 'POST',
      body: new URLSearchParams({ password: TEST_PASSWORD, password_confirm: TEST_PASSWORD }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, cookie: `hub_session=${planted}` },
    });
    expect(res.status).toBe(303);
    expect(tokenOf(res)!.split('.')[0]).not.toBe(planted.split('.')[0]);
    expect(await h.db.selectFrom('sessions').select('id').where('id', '=', planted.split('.')[0]!).executeTakeFirst()).toBeUndefined();
  });

  it('a person ends all other sessions from the profile page; this browser stays signed in', async () => {
    await h.db.deleteFrom('sessions').where('user_id', '=', anna.userId).execute();
    const [mine, laptop, phone] = await Promise.all([1, 2, 3].map(() => createSession(h.db, anna.userId, h.clock.now())));
    const profile = await (await h.app.request('/profile', { headers: { cookie: `hub_session=${mine}` } })).text();
    expect(profile).toContain('action="/sessions/end-others"');
    expect(profile).toContain('Alle anderen Sitzungen beenden');
    const res = await h.app.request('/sessions/end-others', { method: 'POST', headers: { cookie: `hub_session=${mine}`, Origin: ORIGIN } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/profile');
    expect((await sessionsOf(anna.userId)).map((s) => s.id)).toEqual([mine!.split('.')[0]]);
    for (const other of [laptop, phone]) expect((await h.app.request('/profile', { headers: { cookie: `hub_session=${other}` } })).headers.get('location')).toMatch(/^\/login/);
    expect((await h.app.request('/profile', { headers: { cookie: `hub_session=${mine}` } })).status).toBe(200);
    const logged = await h.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'user.sessions_ended').execute();
    expect(logged).toContainEqual({ action: 'user.sessions_ended', entity_id: String(anna.userId) });
  });

  it('an admin signs an account out everywhere from the accounts page; the secretariat may not', async () => {
    await Promise.all([1, 2].map(() => createSession(h.db, anna.userId, h.clock.now())));
    const adminCookie = `hub_session=${await createSession(h.db, admin.userId, h.clock.now())}`;
    const page = await (await h.app.request('/admin/users', { headers: { cookie: adminCookie } })).text();
    expect(page).toContain(`action="/admin/users/${anna.userId}/sessions/end"`);
    const sek = await h.db.selectFrom('users').innerJoin('persons', 'persons.id', 'users.person_id').select('users.id').where('persons.email', '=', 'sina@example.org').executeTakeFirstOrThrow();
    const sekCookie = `hub_session=${await createSession(h.db, sek.id, h.clock.now())}`;
    const post = (cookie: string, id: number) => h.app.request(`/admin/users/${id}/sessions/end`, { method: 'POST', headers: { cookie, Origin: ORIGIN } });
    expect((await post(sekCookie, anna.userId)).status).toBe(403);
    expect((await sessionsOf(anna.userId)).length).toBeGreaterThan(1);
    expect((await post(adminCookie, 999_999)).status).toBe(404);
    expect((await post(adminCookie, anna.userId)).status).toBe(303);
    expect(await sessionsOf(anna.userId)).toEqual([]);
    // The admin's own session is untouched.
    expect((await h.app.request('/admin/users', { headers: { cookie: adminCookie } })).status).toBe(200);
  });
});

describe('cookies behind HTTPS and a proxy', () => {
  const flags = (cookie: string | undefined) => ({
    secure: /;\s*Secure/i.test(cookie ?? ''),
    httpOnly: /;\s*HttpOnly/i.test(cookie ?? ''),
    lax: /;\s*SameSite=Lax/i.test(cookie ?? ''),
  });

  it('BASE_URL https: session and flash cookies are Secure, HttpOnly, SameSite=Lax', async () => {
    const app = createApp({ db: h.db, config: testConfig({ BASE_URL: 'https://hub.example.org' }), now: h.clock.now });
    const res = await login(app, { url: 'https://hub.example.org/login' });
    expect(flags(cookieOf(res, 'hub_session'))).toEqual({ secure: true, httpOnly: true, lax: true });
    expect(flags(cookieOf(res, 'hub_flash'))).toEqual({ secure: true, httpOnly: true, lax: true });
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('TRUST_PROXY: X-Forwarded-Proto https from the proxy makes the cookies Secure; without it the header is ignored', async () => {
    const behindProxy = createApp({ db: h.db, config: testConfig({ TRUST_PROXY: 'true' }), now: h.clock.now });
    const viaHttps = await login(behindProxy, { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(flags(cookieOf(viaHttps, 'hub_session'))).toEqual({ secure: true, httpOnly: true, lax: true });
    expect(flags(cookieOf(viaHttps, 'hub_flash')).secure).toBe(true);
    expect(flags(cookieOf(await login(behindProxy, { headers: { 'X-Forwarded-Proto': 'http' } }), 'hub_session')).secure).toBe(false);
    expect(flags(cookieOf(await login(h.app, { headers: { 'X-Forwarded-Proto': 'https' } }), 'hub_session')).secure).toBe(false);
    // Like X-Forwarded-For, the last entry is the one our proxy added; one the client sent in front does not count.
    expect(flags(cookieOf(await login(behindProxy, { headers: { 'X-Forwarded-Proto': 'https, http' } }), 'hub_session')).secure).toBe(false);
    expect(flags(cookieOf(await login(behindProxy, { headers: { 'X-Forwarded-Proto': 'http, https' } }), 'hub_session')).secure).toBe(true);
  });

  it('TRUST_PROXY: throttling counts the client address the proxy saw; without it X-Forwarded-For cannot dodge the limit', async () => {
    const behindProxy = createApp({ db: h.db, config: testConfig({ TRUST_PROXY: 'true' }), now: h.clock.now });
    await setHits('login:ip:203.0.113.9', LOGIN_RULES.ip.limit);
    // The last entry is the one our proxy added; an entry the client made up in front does not count.
    expect((await login(behindProxy, { password: 'falsch-falsch', headers: { 'X-Forwarded-For': '198.51.100.1, 203.0.113.9' } })).status).toBe(429);
    expect((await login(behindProxy, { password: 'falsch-falsch', headers: { 'X-Forwarded-For': '203.0.113.9, 198.51.100.7' } })).status).toBe(422);
    // Without TRUST_PROXY every request counts for the socket's address ("unknown" in app.request()).
    await setHits('login:ip:unknown', LOGIN_RULES.ip.limit);
    expect((await login(h.app, { password: 'falsch-falsch', headers: { 'X-Forwarded-For': '198.51.100.8' } })).status).toBe(429);
    await h.db.deleteFrom('throttle').execute();
  });
});

describe('headers on every kind of answer', () => {
  it('static files, pages, 404, 403 (CSRF), 413 and 500 all carry nosniff and no-framing headers', async () => {
    const app = createApp({ db: h.db, config: testConfig(), now: h.clock.now });
    app.get('/__kaputt', () => {
      throw new Error('Absicht');
    });
    const quiet = console.error;
    console.error = () => undefined;
    try {
      const answers: [string, Response, number][] = [
        ['stylesheet', await app.request('/static/css/app.css'), 200],
        ['htmx', await app.request('/static/js/htmx.min.js'), 200],
        ['missing static file', await app.request('/static/nichts.css'), 404],
        ['page', await app.request('/'), 200],
        ['404', await app.request('/gibt-es-nicht'), 404],
        ['403 csrf', await app.request('/logout', { method: 'POST', headers: { Origin: 'https://evil.example' } }), 403],
        ['413', await app.request('/login', { method: 'POST', body: 'x'.repeat(1024 * 1024 + 10), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN } }), 413],
        ['500', await app.request('/__kaputt'), 500],
        ['feed 404', await app.request('/feeds/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics'), 404],
        ['healthz', await app.request('/healthz'), 200],
      ];
      for (const [what, res, status] of answers) {
        expect(res.status, what).toBe(status);
        expect(headerProblems(res), what).toEqual([]);
        if (status >= 400 && what !== 'missing static file') expect(isGermanPage(res, await res.text()), `${what} is a German page`).toBe(true);
      }
    } finally {
      console.error = quiet;
    }
  });
});

describe('meeting documents are never shown inline', () => {
  const PNG_WITH_HTML = Buffer.concat([
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
    Buffer.from('<html><script>alert(document.cookie)</script></html>'),
  ]);
  const upload = (cookie: string, bytes: Uint8Array, name: string, type: string) => {
    const form = new FormData();
    form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
    return h.app.request(`/meetings/${meetingId}/files`, { method: 'POST', body: form, headers: { cookie, Origin: ORIGIN } });
  };

  it('refuses HTML and SVG (script can run in both), stores nothing', async () => {
    const cookie = `hub_session=${await createSession(h.db, anna.userId, h.clock.now())}`;
    const before = await h.db.selectFrom('files').select('id').execute();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    for (const [bytes, name, type] of [
      ['<!doctype html><html><body><script>alert(1)</script></body></html>', 'einladung.html', 'text/html'],
      [svg, 'logo.svg', 'image/svg+xml'],
      [`<?xml version="1.0"?>${svg}`, 'logo.png', 'image/png'],
      ['<html><script>alert(1)</script></html>', 'tabelle.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ] as const) {
      const res = await upload(cookie, new TextEncoder().encode(bytes), name, type);
      expect(res.status, name).toBe(422);
      expect(isGermanPage(res, await res.text()), name).toBe(true);
    }
    expect(await h.db.selectFrom('files').select('id').execute()).toEqual(before);
  });

  it('an accepted file (an image with HTML appended) downloads as an attachment with its checked type and nosniff', async () => {
    const cookie = `hub_session=${await createSession(h.db, anna.userId, h.clock.now())}`;
    const res = await upload(cookie, PNG_WITH_HTML, 'seite.html', 'text/html');
    expect(res.status).toBe(303);
    const file = await h.db.selectFrom('files').select(['id', 'name', 'content_type']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(file).toMatchObject({ name: 'seite.png', content_type: 'image/png' });
    const download = await h.app.request(`/files/${file.id}`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="seite\.png"/);
    expect(headerProblems(download)).toEqual([]);
    expect(download.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });
});

describe('throttling answers 429 with Retry-After and a German message', () => {
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
  });
  async function expectThrottled(res: Response, text: RegExp) {
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = await res.text();
    expect(isGermanPage(res, body)).toBe(true);
    expect(body).toMatch(text);
  }

  it('login, per client at an address', async () => {
    await setHits(loginThrottleKeys('anna@example.org', 'unknown').emailIp, LOGIN_RULES.emailIp.limit);
    await expectThrottled(await login(h.app), /Zu viele Anmeldeversuche/);
    await h.db.deleteFrom('throttle').execute();
  });

  it('password reset requests, per client', async () => {
    await setHits('reset:ip:unknown', RESET_RULES.ip.limit);
    await expectThrottled(await h.app.request('/password/reset', form({ email: 'anna@example.org' })), /Zu viele Anfragen/);
    await h.db.deleteFrom('throttle').execute();
  });

  it('public directory submissions, per client', async () => {
    await setHits('directory-submit:ip:unknown', SUBMISSION_RULE.limit);
    const before = await h.db.selectFrom('organisations').select('id').execute();
    const res = await h.app.request(
      '/directory/new',
      form({ name: 'Verein X', kind: 'association', description_de: 'Wir helfen.', submitter_name: 'Paula', submitter_email: 'paula@example.org', consent: 'on' }),
    );
    await expectThrottled(res, /zu viele Einträge/);
    expect(await h.db.selectFrom('organisations').select('id').execute()).toEqual(before);
    await h.db.deleteFrom('throttle').execute();
  });

  it('one-time links: after 20 invalid reply, reset, invitation or confirmation links a client waits; valid links count nothing', async () => {
    const sek = h.browser();
    await sek.login('sina@example.org', TEST_PASSWORD);
    await sek.post(`/meetings/${meetingId}/invite`, {});
    const mail = await h.db.selectFrom('outbox').select('body_text').where('to_address', '=', 'anna@example.org').where('body_text', 'like', '%/rsvp/%').executeTakeFirstOrThrow();
    const valid = /\/rsvp\/([a-z2-7]{24}\.[a-z2-7]{24})/.exec(mail.body_text)![1]!;
    await h.db.deleteFrom('throttle').execute();

    // Opening a valid link many times (mail scanners do) writes nothing and is never throttled.
    for (let i = 0; i < LINK_RULE.limit + 5; i++) expect((await h.app.request(`/rsvp/${valid}`)).status).toBe(200);
    expect(await h.db.selectFrom('throttle').selectAll().execute()).toEqual([]);

    const bogus = ['/rsvp/', '/password/reset/', '/invite/', '/directory/confirm/'];
    for (let i = 0; i < LINK_RULE.limit; i++) expect((await h.app.request(`${bogus[i % 4]}aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbb${i % 10}a`)).status).toBe(410);
    await expectThrottled(await h.app.request('/rsvp/aaaaaaaaaaaaaaaaaaaaaaaa.cccccccccccccccccccccccc'), /zu viele ungültige/);
    // While blocked, the client's valid link waits too, and a POST is refused without recording anything.
    expect((await h.app.request(`/rsvp/${valid}`)).status).toBe(429);
    expect((await h.app.request(`/rsvp/${valid}`, form({ answer: 'accepted' }))).status).toBe(429);
    expect(await h.db.selectFrom('rsvps').select('answer').where('person_id', '=', anna.personId).executeTakeFirst()).toEqual({ answer: null });
    // Another client behind the proxy is not affected; after the window the link works again.
    const behindProxy = createApp({ db: h.db, config: testConfig({ TRUST_PROXY: 'true' }), now: h.clock.now });
    expect((await behindProxy.request(`/rsvp/${valid}`, { headers: { 'X-Forwarded-For': '198.51.100.20' } })).status).toBe(200);
    h.clock.advance(LINK_RULE.windowMs);
    expect((await h.app.request(`/rsvp/${valid}`)).status).toBe(200);
    h.clock.advance(-LINK_RULE.windowMs);
    await h.db.deleteFrom('throttle').execute();
  });
});
