import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { redactPath } from '../src/http/request-log.js';
import { createHarness, createUser, TEST_PASSWORD, testConfig, type TestHarness } from './helpers/app.js';

let h: TestHarness;
beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Anna Schulz', email: 'anna@example.org' });
});
afterAll(() => h.close());

describe('the hub as a visitor sees it', () => {
  it('GET /healthz reports the database', async () => {
    const res = await h.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('GET / is a German landing page with landmarks, a skip link and the district name', async () => {
    const res = await h.app.request('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<!DOCTYPE html><html lang="de">/);
    expect(html).toContain('<a class="skip-link" href="#main">Zum Inhalt springen</a>');
    expect(html).toContain('<main id="main"');
    expect(html).toContain('<nav class="site-nav" aria-label="Hauptnavigation">');
    expect(html).toContain('Kreis Mettmann');
    expect(html).toContain('<script src="/static/js/htmx.min.js" defer=""></script>');
    expect(html).toContain('hx-boost="true"');
  });

  it('unknown pages get a German 404 page', async () => {
    const res = await h.app.request('/gibt-es-nicht');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Seite nicht gefunden');
  });

  it('sends security headers: CSP without inline scripts, referrer policy, no framing, no sniffing', async () => {
    const res = await h.app.request('/');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('serves htmx and the stylesheet from public/ (no CDN)', async () => {
    const js = await h.app.request('/static/js/htmx.min.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(await js.text()).toContain('htmx');
    const css = await h.app.request('/static/css/app.css');
    expect(css.status).toBe(200);
    expect((await h.app.request('/static/../package.json')).status).toBe(404);
  });

  it('switches the language by POST and keeps it in a cookie', async () => {
    const b = h.browser();
    const res = await b.post('/language', { lang: 'en', back: '/login' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login');
    const page = await (await b.get('/login')).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Sign in');
    const back = await b.post('/language', { lang: 'de', back: 'https://evil.example/' });
    expect(back.headers.get('location')).toBe('/');
    expect(await (await b.get('/login')).text()).toContain('Anmelden');
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const res = await h.browser().post('/login', { email: 'a@example.org', password: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
  });

  it('an unexpected error gets the German 500 page, without details, and is logged', async () => {
    const app = createApp({ db: h.db, config: testConfig(), now: h.clock.now });
    app.get('/kaputt', () => {
      throw new Error('geheimes Detail');
    });
    const original = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const res = await app.request('/kaputt');
      expect(res.status).toBe(500);
      const html = await res.text();
      expect(html).toContain('Ein Fehler ist aufgetreten');
      expect(html).not.toContain('geheimes Detail');
    } finally {
      console.error = original;
    }
    expect(JSON.stringify(logged)).toContain('/kaputt');
  });

  it('marks fragments and personal pages for caches: Vary: HX-Request, no-store when signed in', async () => {
    const visitor = await h.app.request('/');
    expect(visitor.headers.get('vary')).toContain('HX-Request');
    expect(visitor.headers.get('cache-control')).toBeNull();
    const b = h.browser();
    await b.login('anna@example.org', TEST_PASSWORD);
    const personal = await b.get('/');
    expect(personal.headers.get('cache-control')).toBe('private, no-store');
    expect((await h.app.request('/static/css/app.css')).headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('ids beyond the database integer range are a 404, not a 500', async () => {
    await createUser(h.db, { name: 'Ada Admin', email: 'ada@example.org', role: 'admin' });
    const b = h.browser();
    await b.login('ada@example.org', TEST_PASSWORD);
    expect((await b.get('/people/9999999999')).status).toBe(404);
    expect((await b.get('/admin/outbox/9999999999')).status).toBe(404);
  });

  it('a GET never changes anything: logout needs a POST', async () => {
    const b = h.browser();
    await b.login('anna@example.org', TEST_PASSWORD);
    expect((await b.get('/logout')).status).toBe(404);
    expect(await (await b.get('/')).text()).toContain('Angemeldet als Anna Schulz');
  });
});

describe('request log', () => {
  it('writes one line per request without tokens or query strings', async () => {
    const logged = createApp({ db: h.db, config: testConfig({ LOG_REQUESTS: 'true' }), now: h.clock.now });
    const original = console.log;
    const seen: string[] = [];
    console.log = (line: string) => seen.push(line);
    try {
      await logged.request('/password/reset/abcdefghijklmnopqrstuvwx.abcdefghijklmnopqrstuvwx?token=secret');
    } finally {
      console.log = original;
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^GET \/password\/reset\/… 410 \d+\.\dms$/);
    expect(seen[0]).not.toContain('abcdefghij');
    expect(redactPath('/feeds/abcdefghijklmnopqrstuvwx.ics')).toBe('/feeds/…');
    expect(redactPath('/admin/users')).toBe('/admin/users');
  });
});
