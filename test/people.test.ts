import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, linkFrom, TEST_PASSWORD, type TestHarness } from './helpers/app.js';

let h: TestHarness;
beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Ada Admin', email: 'admin@example.org', role: 'admin' });
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org', role: 'member' });
});
afterAll(() => h.close());

async function as(email: string, password = TEST_PASSWORD) {
  const b = h.browser();
  await b.login(email, password);
  return b;
}

async function personId(email: string) {
  const row = await h.db.selectFrom('persons').select('id').where('email_normalized', '=', email.toLowerCase()).executeTakeFirstOrThrow();
  return row.id;
}

describe('who may manage people', () => {
  it.each([
    ['GET', '/people', null, 303],
    ['GET', '/people', 'mia@example.org', 403],
    ['GET', '/people', 'sek@example.org', 200],
    ['GET', '/people/new', 'mia@example.org', 403],
    ['GET', '/people/new', 'admin@example.org', 200],
    ['POST', '/people', null, 401],
    ['POST', '/people', 'mia@example.org', 403],
  ] as const)('%s %s as %s → %i', async (method, path, who, status) => {
    const b = who ? await as(who) : h.browser();
    const res = method === 'GET' ? await b.get(path) : await b.post(path, { name: 'Eve', email: 'eve@example.org', create_account: 'on', role: 'admin' });
    expect(res.status).toBe(status);
  });

  it('a member cannot see another person, nor invite, deactivate or change roles', async () => {
    const mia = await as('mia@example.org');
    const sina = await personId('sek@example.org');
    expect((await mia.get(`/people/${sina}`)).status).toBe(403);
    expect((await mia.post(`/people/${sina}/deactivate`, {})).status).toBe(403);
    expect((await mia.post(`/people/${sina}/role`, { role: 'member' })).status).toBe(403);
    const sek = await as('sek@example.org');
    expect((await sek.post(`/people/${await personId('mia@example.org')}/role`, { role: 'admin' })).status).toBe(403);
    expect(await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'eve@example.org').execute()).toHaveLength(0);
  });
});

describe('adding people and inviting them', () => {
  it('the secretariat adds a person with an account; the invitation link sets the first password', async () => {
    const sek = await as('sek@example.org');
    const res = await sek.post('/people', {
      name: 'Özlem Çelik',
      email: 'Oezlem.Celik@Beispiel.de',
      phone: '+49 2104 99-0',
      job_function: 'Migrationsberatung',
      organisation: 'Caritas Mettmann',
      city_id: '6',
      create_account: 'on',
      role: 'member',
    });
    expect(res.status).toBe(303);
    const page = await (await sek.get(res.headers.get('location')!)).text();
    expect(page).toContain('Özlem Çelik');
    expect(page).toContain('Caritas Mettmann');
    expect(page).toContain('Mitglied, eingeladen');

    const mail = await h.db.selectFrom('outbox').selectAll().where('to_address', '=', 'Oezlem.Celik@Beispiel.de').executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Einladung zum Arbeitskreis-Hub');
    const link = linkFrom(mail.body_text);
    const invited = h.browser();
    expect((await invited.post(link, { password: 'oezlems-passwort', password_confirm: 'oezlems-passwort' })).status).toBe(303);
    expect(await (await invited.get('/')).text()).toContain('Angemeldet als Özlem Çelik');

    const organisation = await h.db.selectFrom('organisations').selectAll().where('name', '=', 'Caritas Mettmann').executeTakeFirstOrThrow();
    expect(organisation.status).toBe('unlisted');
    const log = await h.db.selectFrom('audit_log').select('action').execute();
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(['person.create', 'user.invite', 'user.invitation_accepted']));
  });

  it('the search finds people by name without umlauts, by e-mail and by organisation', async () => {
    const sek = await as('sek@example.org');
    for (const q of ['oezlem', 'ÖZLEM', 'celik', 'beispiel.de', 'caritas']) {
      expect(await (await sek.get(`/people?q=${encodeURIComponent(q)}`)).text(), q).toContain('Özlem Çelik');
    }
    expect(await (await sek.get('/people?q=%25')).text()).toContain('Keine Personen gefunden.');
  });

  it('a person without e-mail and account is fine; an account without e-mail is refused', async () => {
    const sek = await as('sek@example.org');
    expect((await sek.post('/people', { name: 'Kontakt ohne Mail', role: 'member' })).status).toBe(303);
    const res = await sek.post('/people', { name: 'Konto ohne Mail', create_account: 'on', role: 'member' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Für ein Konto ist eine E-Mail-Adresse nötig.');
  });

  it('refuses bad input with messages next to the fields, saving nothing', async () => {
    const sek = await as('sek@example.org');
    const before = (await h.db.selectFrom('persons').select('id').execute()).length;
    const cases: [Record<string, string>, string][] = [
      [{ name: '' }, 'Bitte füllen Sie dieses Feld aus.'],
      [{ name: 'X', email: 'kein-at' }, 'gültige E-Mail-Adresse'],
      [{ name: 'X', email: 'MIA@example.org' }, 'Zu dieser E-Mail-Adresse gibt es schon eine Person.'],
      [{ name: 'X', phone: '0211<script>' }, 'Telefonnummer nur mit Ziffern'],
      [{ name: 'X', city_id: 'abc' }, 'Bitte wählen Sie einen Eintrag aus der Liste.'],
      [{ name: 'X'.repeat(201) }, 'Dieser Eintrag ist zu lang.'],
      [{ name: 'X', create_account: 'on', email: 'x@example.org', role: 'kaiser' }, 'Bitte wählen Sie einen Eintrag aus der Liste.'],
    ];
    for (const [form, message] of cases) {
      const res = await sek.post('/people', form);
      expect(res.status, JSON.stringify(form)).toBe(422);
      expect(await res.text()).toContain(message);
    }
    // A city id that does not exist fails like an unknown one, not with a 500.
    const ghost = await sek.post('/people', { name: 'X', city_id: '99999' });
    expect(ghost.status).toBe(422);
    expect((await h.db.selectFrom('persons').select('id').execute()).length).toBe(before);
  });

  it('the secretariat cannot create an admin account; an admin can', async () => {
    const sek = await as('sek@example.org');
    expect((await sek.post('/people', { name: 'Neu Admin', email: 'neu-admin@example.org', create_account: 'on', role: 'admin' })).status).toBe(403);
    const admin = await as('admin@example.org');
    expect((await admin.post('/people', { name: 'Neu Admin', email: 'neu-admin@example.org', create_account: 'on', role: 'admin' })).status).toBe(303);
  });
});

describe('admin accounts are the admins\' business', () => {
  it('the secretariat cannot edit, re-invite, activate or deactivate an admin', async () => {
    const sek = await as('sek@example.org');
    const adminId = await personId('admin@example.org');
    expect((await sek.post(`/people/${adminId}`, { name: 'Ada Admin', email: 'sek-takeover@example.org' })).status).toBe(403);
    expect((await sek.post(`/people/${adminId}/invite`, { role: 'member' })).status).toBe(403);
    expect((await sek.post(`/people/${adminId}/activate`, {})).status).toBe(403);
    expect((await sek.post(`/people/${adminId}/deactivate`, {})).status).toBe(403);
    const row = await h.db.selectFrom('persons').select('email').where('id', '=', adminId).executeTakeFirstOrThrow();
    expect(row.email).toBe('admin@example.org');
  });

  it('changing an address ends the links sent to the old one; deactivating ends open invitations', async () => {
    await createUser(h.db, { name: 'Link Test', email: 'link@example.org' });
    await h.browser().post('/password/reset', { email: 'link@example.org' });
    const mail = await h.db.selectFrom('outbox').selectAll().where('to_address', '=', 'link@example.org').executeTakeFirstOrThrow();
    const link = linkFrom(mail.body_text);
    const sek = await as('sek@example.org');
    const id = await personId('link@example.org');
    expect((await sek.post(`/people/${id}`, { name: 'Link Test', email: 'link-neu@example.org' })).status).toBe(303);
    // The address changes once the links to both addresses confirm it (test/email-change.test.ts).
    for (const to of ['link-neu@example.org', 'link@example.org']) {
      const confirm = linkFrom((await h.db.selectFrom('outbox').selectAll().where('to_address', '=', to).orderBy('id', 'desc').executeTakeFirstOrThrow()).body_text);
      expect((await h.browser().post(confirm, { decision: 'confirm' })).status).toBe(303);
    }
    expect(await personId('link-neu@example.org')).toBe(id);
    expect((await h.browser().get(link)).status).toBe(410);

    await sek.post('/people', { name: 'Nie Angekommen', email: 'nie@example.org', create_account: 'on', role: 'member' });
    const invite = linkFrom((await h.db.selectFrom('outbox').selectAll().where('to_address', '=', 'nie@example.org').executeTakeFirstOrThrow()).body_text);
    expect((await sek.post(`/people/${await personId('nie@example.org')}/deactivate`, {})).status).toBe(303);
    expect((await h.browser().post(invite, { password: 'nie-passwort-1', password_confirm: 'nie-passwort-1' })).status).toBe(410);
  });

  it('a re-invitation of a deactivated account does not let the old password in; the new link does', async () => {
    await createUser(h.db, { name: 'Zurück', email: 'zurueck@example.org' });
    const sek = await as('sek@example.org');
    const id = await personId('zurueck@example.org');
    await sek.post(`/people/${id}/deactivate`, {});
    expect((await sek.post(`/people/${id}/invite`, { role: 'member' })).status).toBe(303);
    expect((await h.browser().post('/login', { email: 'zurueck@example.org', password: TEST_PASSWORD })).status).toBe(422);
    const mails = await h.db.selectFrom('outbox').selectAll().where('to_address', '=', 'zurueck@example.org').orderBy('id', 'desc').execute();
    const b = h.browser();
    expect((await b.post(linkFrom(mails[0]!.body_text), { password: 'zurueck-passwort', password_confirm: 'zurueck-passwort' })).status).toBe(303);
    expect(await (await b.get('/')).text()).toContain('Angemeldet als Zurück');
  });
});

describe('accounts', () => {
  it('deactivating ends all sessions at once; reactivating lets the person in again', async () => {
    await createUser(h.db, { name: 'Bald Weg', email: 'weg@example.org' });
    const victim = await as('weg@example.org');
    const sek = await as('sek@example.org');
    const id = await personId('weg@example.org');
    expect((await sek.post(`/people/${id}/deactivate`, {})).status).toBe(303);
    expect(await (await victim.get('/')).text()).not.toContain('Angemeldet als Bald Weg');
    expect((await h.browser().post('/login', { email: 'weg@example.org', password: TEST_PASSWORD })).status).toBe(422);
    expect((await sek.post(`/people/${id}/activate`, {})).status).toBe(303);
    await as('weg@example.org');
  });

  it('nobody deactivates themself, and the secretariat cannot deactivate an admin', async () => {
    const sek = await as('sek@example.org');
    expect((await sek.post(`/people/${await personId('sek@example.org')}/deactivate`, {})).status).toBe(403);
    expect((await sek.post(`/people/${await personId('admin@example.org')}/deactivate`, {})).status).toBe(403);
  });

  it('an admin changes a role', async () => {
    const admin = await as('admin@example.org');
    const id = await personId('weg@example.org');
    expect((await admin.post(`/people/${id}/role`, { role: 'secretariat' })).status).toBe(303);
    expect((await h.db.selectFrom('users').select('role').where('person_id', '=', id).executeTakeFirstOrThrow()).role).toBe('secretariat');
    expect((await admin.post(`/people/${id}/role`, { role: 'kaiser' })).status).toBe(400);
  });

  it('unknown people are 404', async () => {
    const sek = await as('sek@example.org');
    expect((await sek.get('/people/999999')).status).toBe(404);
    expect((await sek.get('/people/abc')).status).toBe(404);
  });
});

describe('my account (/profile)', () => {
  it('a member edits their own details', async () => {
    const mia = await as('mia@example.org');
    expect((await mia.get('/profile')).status).toBe(200);
    const res = await mia.post('/profile', { name: 'Mia Müller', email: 'mia@example.org', phone: '02104 123', organisation: 'Stadt Hilden' });
    expect(res.status).toBe(303);
    expect(await (await mia.get('/profile')).text()).toContain('value="Mia Müller"');
    // The address is the sign-in name: the profile shows it but does not change it.
    expect((await mia.post('/profile', { name: 'Mia Müller', email: 'mia-neu@evil.example' })).status).toBe(303);
    const row = await h.db.selectFrom('persons').select('email').where('name', '=', 'Mia Müller').executeTakeFirstOrThrow();
    expect(row.email).toBe('mia@example.org');
  });

  it('changes the password with the current one and ends the other sessions', async () => {
    const other = await as('mia@example.org');
    const mia = await as('mia@example.org');
    const wrong = await mia.post('/profile/password', { current_password: 'falsch', password: 'neues-passwort-mia', password_confirm: 'neues-passwort-mia' });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('Das aktuelle Passwort ist falsch.');
    const ok = await mia.post('/profile/password', { current_password: TEST_PASSWORD, password: 'neues-passwort-mia', password_confirm: 'neues-passwort-mia' });
    expect(ok.status).toBe(303);
    expect(await (await mia.get('/')).text()).toContain('Angemeldet als');
    expect(await (await other.get('/')).text()).not.toContain('Angemeldet als');
    await as('mia@example.org', 'neues-passwort-mia');
  });

  it('visitors are sent to the login', async () => {
    const res = await h.browser().get('/profile');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fprofile');
  });
});
