import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { createTestDatabase } from './helpers/db.js';

// Privacy notice (/datenschutz) and imprint (/impressum): public pages whose texts an admin edits,
// with a German default that marks what only the office can fill in.
let h: TestHarness;
let admin: Browser;
let sek: Browser;
let mia: Browser;

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Ada Admin', email: 'admin@example.org', role: 'admin' });
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org', role: 'member' });
  [admin, sek, mia] = [h.browser(), h.browser(), h.browser()];
  await admin.login('admin@example.org', TEST_PASSWORD);
  await sek.login('sek@example.org', TEST_PASSWORD);
  await mia.login('mia@example.org', TEST_PASSWORD);
});
afterAll(() => h.close());

describe('the public pages', () => {
  it('show the default text for this district, filled from the settings, with a neutral sentence where something is missing', async () => {
    const res = await h.app.request('/datenschutz');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Datenschutzerklärung</h1>');
    expect(html).toContain('im Arbeitskreis-Hub für den Kreis Mettmann');
    expect(html).toContain('<h2>Öffentliches Akteursverzeichnis</h2>');
    // The office's address from the settings (installation default, migration 0026); phone and mailbox not set yet.
    expect(html).toContain('Kreis Mettmann<br/>Sachgebiet Integration<br/>Kreissozialamt Mettmann<br/>Düsseldorfer Straße 47<br/>Verwaltungsgebäude 4<br/>40822 Mettmann<br/>Telefon: Diese Angabe wird ergänzt.');
    expect(html).not.toContain('[[');
    expect(html).not.toContain('{{');
    expect(html).not.toMatch(/Bitte ergänzen|Bitte prüfen|Fehlt in den Einstellungen|<mark/);
    expect(html).not.toContain('Stand:');
    // The retention it states is the one the hub applies (RETENTION_MONTHS, 24 by default).
    expect(html).toContain('löscht der Hub 24 Monate nach der Sitzung');
    expect(html).toContain('löscht er 24 Monate nach dem Versand');
    expect(html).toContain('Mit dem Link in der E-Mail zu ihrer Einwilligung können sie sie jederzeit widerrufen');
    const imprint = await (await h.app.request('/impressum')).text();
    expect(imprint).toContain('<h1>Impressum</h1>');
    expect(imprint).toContain('Angaben nach § 5 Digitale-Dienste-Gesetz (DDG)');
    expect(imprint).toContain('Vertreten durch: Diese Angabe wird ergänzt.');
    expect(imprint).not.toMatch(/\[\[|\{\{|Bitte ergänzen|<mark/);
  });

  it('are linked in the footer of every page, for visitors and signed-in people', async () => {
    for (const [who, path] of [
      [h.browser(), '/'],
      [h.browser(), '/directory'],
      [h.browser(), '/login'],
      [h.browser(), '/gibt-es-nicht'],
      [mia, '/groups'],
      [admin, '/admin'],
    ] as const) {
      const html = await (await who.get(path)).text();
      const footer = html.slice(html.indexOf('<footer'));
      expect(footer, path).toContain('href="/datenschutz"');
      expect(footer, path).toContain('href="/impressum"');
    }
    expect(await (await h.app.request('/datenschutz')).text()).toContain('<a href="/datenschutz" aria-current="page">');
  });

  it('offer the edit link only to admins', async () => {
    expect(await (await h.browser().get('/datenschutz')).text()).not.toContain('/admin/texts/');
    expect(await (await sek.get('/datenschutz')).text()).not.toContain('/admin/texts/');
    const html = await (await admin.get('/datenschutz')).text();
    expect(html).toContain('href="/admin/texts/datenschutz"');
    expect(html).toMatch(/Der Text enthält noch \d+ markierte Platzhalter/);
  });
});

describe('who may edit the texts', () => {
  const paths = ['/admin/texts', '/admin/texts/datenschutz', '/admin/texts/impressum'];
  it.each([
    [null, 303],
    ['mia', 403],
    ['sek', 403],
    ['admin', 200],
  ] as const)('GET as %s → %i', async (who, status) => {
    const b = who === null ? h.browser() : { mia, sek, admin }[who];
    for (const path of paths) expect((await b.get(path)).status, path).toBe(status);
  });

  it('posts by anyone but an admin change nothing', async () => {
    for (const [b, status] of [[h.browser(), 401], [mia, 403], [sek, 403]] as const) {
      expect((await b.post('/admin/texts/impressum', { body: 'Gekapert' })).status).toBe(status);
      expect((await b.post('/admin/texts/impressum/reset', {})).status).toBe(status);
    }
    expect(await h.db.selectFrom('site_texts').selectAll().execute()).toEqual([]);
    expect(await (await h.app.request('/impressum')).text()).not.toContain('Gekapert');
  });

  it('the admin area lists the texts for admins only', async () => {
    expect(await (await admin.get('/admin')).text()).toContain('href="/admin/texts"');
    expect(await (await sek.get('/admin')).text()).not.toContain('href="/admin/texts"');
    expect((await admin.get('/admin/texts/privacy')).status).toBe(404);
  });
});

describe('editing', () => {
  it('the form starts with the default text', async () => {
    const html = await (await admin.get('/admin/texts/datenschutz')).text();
    expect(html).toContain('Das ist der Standardtext.');
    // The settings stay placeholders in the text, filled when the page is shown.
    expect(html).toContain('{{address}}');
    expect(html).toContain('[[Bitte ergänzen: Mailserver oder Dienstleister]]');
    expect(html).not.toContain('/admin/texts/datenschutz/reset');
  });

  it('refuses an empty or overlong text with a message, saving nothing', async () => {
    const cases: [string, string][] = [
      ['   ', 'Bitte füllen Sie dieses Feld aus.'],
      ['x'.repeat(50_001), 'Dieser Eintrag ist zu lang.'],
      ['Text\u0000', 'unzulässige Steuerzeichen'],
    ];
    for (const [body, message] of cases) {
      const res = await admin.post('/admin/texts/impressum', { body });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(message);
    }
    expect(await h.db.selectFrom('site_texts').selectAll().execute()).toEqual([]);
  });

  it('saves the text, audited with before and after, and the page shows it safely with its date', async () => {
    const body = '## Anbieter\n\nKreis Mettmann\nDüsseldorfer Straße 26\n40822 Mettmann\n\n<script>alert(1)</script> **fett** [Website](https://www.kreis-mettmann.de) [böse](javascript:alert(2))\n\n- eins\n- zwei';
    const res = await admin.post('/admin/texts/impressum', { body });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/impressum');
    const html = await (await h.app.request('/impressum')).text();
    expect(html).toContain('<h2>Anbieter</h2>');
    expect(html).toContain('<p>Kreis Mettmann<br/>Düsseldorfer Straße 26<br/>40822 Mettmann</p>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('<strong>fett</strong>');
    expect(html).toContain('<a href="https://www.kreis-mettmann.de" rel="noopener nofollow">Website</a>');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<li>zwei</li>');
    expect(html).toContain('Stand: 25.11.2026');
    const [entry] = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'site_text.update').execute();
    expect(entry!.entity_type).toBe('site_text');
    expect(entry!.entity_id).toBe('imprint');
    expect(JSON.parse(entry!.before_json!)).toEqual({ body: null, default: true });
    expect(JSON.parse(entry!.after_json!)).toEqual({ body });
    // The other text still shows its default.
    expect(await (await h.app.request('/datenschutz')).text()).toContain('Diese Angabe wird ergänzt.');
  });

  it('a second save keeps the previous text in the log; reset brings the default back, audited', async () => {
    expect((await admin.post('/admin/texts/impressum', { body: 'Zweite Fassung' })).status).toBe(303);
    const saves = await h.db.selectFrom('audit_log').select(['before_json']).where('action', '=', 'site_text.update').orderBy('id').execute();
    expect(JSON.parse(saves[1]!.before_json!).body).toContain('## Anbieter');
    expect(await (await admin.get('/admin/texts/impressum')).text()).toContain('/admin/texts/impressum/reset');
    expect((await admin.post('/admin/texts/impressum/reset', {})).status).toBe(303);
    // Both texts' reset buttons reach the reset (an ungrouped alternation in the route once sent
    // "datenschutz/reset" to the save form, which refused the empty text).
    expect((await admin.post('/admin/texts/datenschutz', { body: 'Eigene Erklärung' })).status).toBe(303);
    expect((await admin.post('/admin/texts/datenschutz/reset', {})).status).toBe(303);
    expect(await (await h.app.request('/datenschutz')).text()).not.toContain('Eigene Erklärung');
    expect((await admin.get('/admin/texts/unbekannt')).status).toBe(404);
    const html = await (await h.app.request('/impressum')).text();
    expect(html).not.toContain('Zweite Fassung');
    expect(html).toContain('Vertreten durch: Diese Angabe wird ergänzt.');
    const reset = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'site_text.reset').executeTakeFirstOrThrow();
    expect(JSON.parse(reset.before_json!)).toEqual({ body: 'Zweite Fassung' });
  });

  it('resetting when the default shows already says so, and logs nothing', async () => {
    const resets = async () => (await h.db.selectFrom('audit_log').select('id').where('action', '=', 'site_text.reset').execute()).length;
    const before = await resets();
    const res = await admin.post('/admin/texts/impressum/reset', {});
    expect(res.status).toBe(303);
    const html = await (await admin.get(res.headers.get('location')!)).text();
    expect(html).toContain('Es gilt bereits der Standardtext.');
    expect(html).not.toContain('Der Standardtext wird wieder gezeigt.');
    expect(await resets()).toBe(before);
  });

  it('GET requests change nothing', async () => {
    const before = (await h.db.selectFrom('audit_log').select('id').execute()).length;
    for (const path of ['/admin/texts', '/admin/texts/datenschutz', '/admin/texts/impressum/reset', '/datenschutz']) await admin.get(path);
    expect((await h.db.selectFrom('audit_log').select('id').execute()).length).toBe(before);
  });
});

describe('migration 0011', () => {
  it('goes down and up again', async () => {
    const t = await createTestDatabase();
    try {
      const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => migrations } });
      const down = await migrator.migrateTo('0010_data_protection');
      expect(down.error).toBeUndefined();
      expect(down.results).toContainEqual(expect.objectContaining({ migrationName: '0011_site_texts', direction: 'Down', status: 'Success' }));
      expect(await migrateToLatest(t.db)).toContain('0011_site_texts');
      await t.db.insertInto('site_texts').values({ key: 'privacy', body: 'x', updated_at: new Date().toISOString(), updated_by_user_id: null }).execute();
    } finally {
      await t.destroy();
    }
  });
});
