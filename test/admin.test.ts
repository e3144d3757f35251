import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit/audit.js';
import { createHarness, createUser, linkFrom, TEST_PASSWORD, type TestHarness } from './helpers/app.js';

let h: TestHarness;
beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Ada Admin', email: 'admin@example.org', role: 'admin' });
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org', role: 'member' });
});
afterAll(() => h.close());

async function as(email: string) {
  const b = h.browser();
  await b.login(email, TEST_PASSWORD);
  return b;
}

describe('who may use the administration', () => {
  const cases: [string, string | null, number][] = [
    ['/admin', null, 303],
    ['/admin', 'mia@example.org', 403],
    ['/admin', 'sek@example.org', 200],
    ['/admin', 'admin@example.org', 200],
    ['/admin/users', null, 303],
    ['/admin/users', 'mia@example.org', 403],
    ['/admin/users', 'sek@example.org', 403],
    ['/admin/users', 'admin@example.org', 200],
    ['/admin/outbox', 'mia@example.org', 403],
    ['/admin/outbox', 'sek@example.org', 403],
    ['/admin/outbox', 'admin@example.org', 200],
    ['/admin/audit', null, 303],
    ['/admin/audit', 'mia@example.org', 403],
    ['/admin/audit', 'sek@example.org', 200],
    ['/admin/audit', 'admin@example.org', 200],
  ];
  it.each(cases)('GET %s as %s → %i', async (path, who, status) => {
    const b = who ? await as(who) : h.browser();
    const res = await b.get(path);
    expect(res.status).toBe(status);
    if (status === 303) expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    if (status === 403) expect(await res.text()).toContain('Kein Zugriff');
  });

  it('POST /admin/users: visitors get 401, members 403, and nothing is created', async () => {
    const form = { name: 'Eve', email: 'eve@example.org', role: 'admin' };
    expect((await h.browser().post('/admin/users', form)).status).toBe(401);
    expect((await (await as('mia@example.org')).post('/admin/users', form)).status).toBe(403);
    expect((await (await as('sek@example.org')).post('/admin/users', form)).status).toBe(403);
    expect(await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'eve@example.org').execute()).toHaveLength(0);
  });

  it('the navigation shows "Verwaltung" only to those who may use it', async () => {
    expect(await (await (await as('mia@example.org')).get('/')).text()).not.toContain('href="/admin"');
    expect(await (await (await as('sek@example.org')).get('/')).text()).toContain('href="/admin"');
  });
});

describe('accounts and invitations', () => {
  it('an admin creates an account; the invitation link sets the first password and signs in', async () => {
    const admin = await as('admin@example.org');
    const res = await admin.post('/admin/users', { name: 'Özlem Çelik', email: 'Oezlem.Celik@Beispiel.de', role: 'secretariat' });
    expect(res.status).toBe(303);
    const list = await (await admin.get('/admin/users')).text();
    expect(list).toContain('Özlem Çelik');
    expect(list).toContain('eingeladen');

    const mail = await h.db.selectFrom('outbox').selectAll().where('to_address', '=', 'Oezlem.Celik@Beispiel.de').executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Einladung zum Arbeitskreis-Hub');
    expect(mail.body_text).toContain('Guten Tag Özlem Çelik');
    const link = linkFrom(mail.body_text);
    expect(link).toMatch(/^\/invite\//);

    // The admin reads the mail in the outbox (no SMTP here).
    const outbox = await (await admin.get('/admin/outbox')).text();
    expect(outbox).toContain('Es ist kein Mailserver konfiguriert');
    expect(outbox).toContain('Einladung zum Arbeitskreis-Hub');
    expect(await (await admin.get(`/admin/outbox/${mail.id}`)).text()).toContain(link);
    expect((await admin.get('/admin/outbox/999999')).status).toBe(404);

    const invited = h.browser();
    expect((await invited.get(link)).status).toBe(200);
    expect((await invited.post(link, { password: 'oezlems-passwort', password_confirm: 'oezlems-passwort' })).status).toBe(303);
    expect(await (await invited.get('/')).text()).toContain('Angemeldet als Özlem Çelik');
    expect((await h.browser().post(link, { password: 'noch-ein-passwort', password_confirm: 'noch-ein-passwort' })).status).toBe(410);
    await h.browser().login('oezlem.celik@beispiel.de', 'oezlems-passwort');

    const log = await (await admin.get('/admin/audit')).text();
    expect(log).toContain('user.create');
    expect(log).toContain('user.invitation_accepted');
  });

  it('refuses a duplicate address (any case) and bad input with messages and 422, creating nothing', async () => {
    const admin = await as('admin@example.org');
    const before = await h.db.selectFrom('persons').select('id').execute();
    const dup = await admin.post('/admin/users', { name: 'Mia Zwei', email: 'MIA@example.org', role: 'member' });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('Zu dieser E-Mail-Adresse gibt es schon eine Person.');
    const bad = await admin.post('/admin/users', { name: '', email: 'kaputt', role: 'kaiser' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Bitte füllen Sie dieses Feld aus.');
    expect(html).toContain('gültige E-Mail-Adresse');
    expect(await h.db.selectFrom('persons').select('id').execute()).toHaveLength(before.length);
  });

  it('a deactivated account cannot use its invitation', async () => {
    const admin = await as('admin@example.org');
    await admin.post('/admin/users', { name: 'Gesperrt', email: 'gesperrt@example.org', role: 'member' });
    const mail = await h.db.selectFrom('outbox').selectAll().where('to_address', '=', 'gesperrt@example.org').executeTakeFirstOrThrow();
    const person = await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'gesperrt@example.org').executeTakeFirstOrThrow();
    await h.db.updateTable('users').set({ active: 0 }).where('person_id', '=', person.id).execute();
    const res = await h.browser().post(linkFrom(mail.body_text), { password: 'gesperrt-passwort', password_confirm: 'gesperrt-passwort' });
    expect(res.status).toBe(410);
  });
});

describe('audit helper', () => {
  it('writes nothing when the change it belongs to is rolled back', async () => {
    const before = (await h.db.selectFrom('audit_log').select('id').execute()).length;
    await expect(
      h.db.transaction().execute(async (trx) => {
        await audit(trx, { actorUserId: null, action: 'test.rollback', entityType: 'test', entityId: 1, before: { a: 1 }, after: { a: 2 } }, new Date());
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await h.db.selectFrom('audit_log').select('id').execute()).toHaveLength(before);
    await audit(h.db, { actorUserId: null, action: 'test.commit', entityType: 'test', entityId: 1, before: { a: 1 }, after: { a: 2 } }, new Date());
    const row = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'test.commit').executeTakeFirstOrThrow();
    expect(JSON.parse(row.before_json!)).toEqual({ a: 1 });
    expect(JSON.parse(row.after_json!)).toEqual({ a: 2 });
  });
});
