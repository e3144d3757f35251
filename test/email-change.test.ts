import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, createUser, linkFrom, TEST_PASSWORD, type TestHarness } from './helpers/app.js';

/**
 * An account's login address changes only when the links to the old and the new address both confirm
 * it; until then the old one stays the login and receives resets (issue: the secretariat changed a
 * colleague's address and had a reset link sent to the new one).
 */
let h: TestHarness;
let admin: Awaited<ReturnType<typeof as>>;
let sek: Awaited<ReturnType<typeof as>>;
beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Ada Admin', email: 'admin@example.org', role: 'admin' });
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Sven Sekretariat', email: 'sven@example.org', role: 'secretariat' });
  admin = await as('admin@example.org');
  sek = await as('sek@example.org');
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.db.deleteFrom('throttle').execute();
});

async function as(email: string, password = TEST_PASSWORD) {
  const b = h.browser();
  await b.login(email, password);
  return b;
}

const personOf = (email: string) => h.db.selectFrom('persons').select(['id', 'email']).where('email_normalized', '=', email).executeTakeFirstOrThrow();
const mailTo = async (address: string) => (await h.db.selectFrom('outbox').select(['subject', 'body_text']).where('to_address', '=', address).orderBy('id', 'desc').executeTakeFirstOrThrow());
const loginStatus = async (email: string, password = TEST_PASSWORD) => (await h.browser().post('/login', { email, password })).status;

/** A member whose address the secretariat changes to `to`; returns the two links. */
async function requestChange(name: string, from: string, to: string) {
  await createUser(h.db, { name, email: from });
  const person = await personOf(from);
  const res = await sek.post(`/people/${person.id}`, { name, email: to });
  expect(res.status).toBe(303);
  expect(await (await sek.get(`/people/${person.id}`)).text()).toContain('bestätigt ist; bis dahin bleibt die bisherige Adresse der Anmeldename');
  const toNew = await mailTo(to);
  const toOld = await mailTo(from);
  expect(toNew.subject).toContain('Neue E-Mail-Adresse bestätigen');
  expect(toOld.subject).toContain('Änderung Ihrer Anmeldeadresse');
  expect(toOld.body_text).toContain(to);
  return { personId: person.id, newLink: linkFrom(toNew.body_text), oldLink: linkFrom(toOld.body_text) };
}

describe('a change of an account\'s address', () => {
  it('keeps the old address as the login until both links confirm; a reset goes to the old one', async () => {
    const { personId, newLink, oldLink } = await requestChange('Mia Mitglied', 'mia@example.org', 'mia@evil.example');
    expect((await personOf('mia@example.org')).id).toBe(personId);
    // The one who typed the new address asks for a reset there: nothing goes to it.
    await h.db.deleteFrom('outbox').execute();
    expect((await h.browser().post('/password/reset', { email: 'mia@evil.example' })).status).toBe(303);
    expect(await h.db.selectFrom('outbox').select('id').where('to_address', '=', 'mia@evil.example').execute()).toHaveLength(0);
    expect(await loginStatus('mia@evil.example')).toBe(422);
    expect(await loginStatus('mia@example.org')).toBe(303);

    // Opening the links (mail scanners do) changes nothing; the new address alone is not enough.
    expect((await h.browser().get(newLink)).status).toBe(200);
    expect((await h.browser().get(oldLink)).status).toBe(200);
    const b = h.browser();
    const confirmedNew = await b.post(newLink, { decision: 'confirm' });
    expect(confirmedNew.status).toBe(303);
    expect(await (await b.get('/')).text()).toContain('sobald auch der Link an die andere Adresse verwendet ist');
    expect((await personOf('mia@example.org')).email).toBe('mia@example.org');
    expect(await loginStatus('mia@evil.example')).toBe(422);
  });

  it('takes effect when the old address confirms too (either order), and ends the links sent to the old one', async () => {
    const { personId, newLink, oldLink } = await requestChange('Nora Neu', 'nora@example.org', 'nora@neu.example');
    await h.browser().post('/password/reset', { email: 'nora@example.org' });
    const reset = linkFrom((await mailTo('nora@example.org')).body_text);
    expect((await h.browser().post(oldLink, { decision: 'confirm' })).status).toBe(303);
    const b = h.browser();
    expect((await b.post(newLink, { decision: 'confirm' })).status).toBe(303);
    expect(await (await b.get('/')).text()).toContain('Die neue E-Mail-Adresse ist jetzt der Anmeldename.');
    expect((await personOf('nora@neu.example')).id).toBe(personId);
    expect(await loginStatus('nora@neu.example')).toBe(303);
    expect(await loginStatus('nora@example.org')).toBe(422);
    expect((await h.browser().get(reset)).status).toBe(410);
    expect((await h.browser().get(newLink)).status).toBe(410);
    const audit = await h.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'user').where('action', 'like', 'user.email_change%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.email_change_requested', 'user.email_change_confirmed', 'user.email_change']));
  });

  it('shows the member the waiting change on their own profile, with what is confirmed, until it takes effect', async () => {
    const { newLink, oldLink } = await requestChange('Paul Profil', 'paul@example.org', 'paul@neu.example');
    const paul = await as('paul@example.org');
    const pending = () => paul.get('/profile').then((r) => r.text());
    let html = await pending();
    expect(html).toContain('Bestätigung der neuen Adresse paul@neu.example ausstehend.');
    expect(html).toContain('Die neue Adresse hat noch nicht bestätigt. Die bisherige Adresse hat noch nicht bestätigt.');
    // The field still holds the login address.
    expect(html).toContain('<p>paul@example.org</p>');
    expect((await h.browser().post(newLink, { decision: 'confirm' })).status).toBe(303);
    html = await pending();
    expect(html).toContain('Die neue Adresse hat bestätigt. Die bisherige Adresse hat noch nicht bestätigt.');
    // Another member's profile page says nothing of it.
    expect(await (await sek.get('/profile')).text()).not.toContain('paul@neu.example');
    expect((await h.browser().post(oldLink, { decision: 'confirm' })).status).toBe(303);
    const after = await as('paul@neu.example');
    html = await (await after.get('/profile')).text();
    expect(html).not.toContain('ausstehend');
    expect(html).toContain('<p>paul@neu.example</p>');
  });

  it('the old address can stop it ("this was not me"), and then the other link is dead too', async () => {
    const { newLink, oldLink } = await requestChange('Olaf Ohne', 'olaf@example.org', 'olaf@evil.example');
    const b = h.browser();
    expect((await b.post(oldLink, { decision: 'cancel' })).status).toBe(303);
    expect(await (await b.get('/')).text()).toContain('Die Änderung ist abgebrochen');
    expect((await h.browser().post(newLink, { decision: 'confirm' })).status).toBe(410);
    expect((await personOf('olaf@example.org')).email).toBe('olaf@example.org');
  });

  it('the page of the new address does not show the old one; a form without a decision is refused with 422', async () => {
    const { newLink, oldLink } = await requestChange('Paula Privat', 'paula.privat@example.org', 'paula@tippfehler.example');
    const page = await (await h.browser().get(newLink)).text();
    expect(page).toContain('Paula Privat');
    expect(page).not.toContain('paula.privat@example.org');
    expect(await (await h.browser().get(oldLink)).text()).toContain('paula@tippfehler.example');
    const bad = await h.browser().post(newLink, { decision: 'vielleicht' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Bitte wählen Sie: bestätigen oder abbrechen.');
    // The refused form did not use the link up.
    expect((await h.browser().get(newLink)).status).toBe(200);
  });

  it('the staff see the waiting change and can withdraw it; a newer request replaces an older one', async () => {
    const first = await requestChange('Rita Rot', 'rita@example.org', 'rita@eins.example');
    await sek.post(`/people/${first.personId}`, { name: 'Rita Rot', email: 'rita@zwei.example' });
    expect((await h.browser().get(first.newLink)).status).toBe(410);
    const page = await (await sek.get(`/people/${first.personId}`)).text();
    expect(page).toContain('rita@zwei.example');
    expect((await sek.post(`/people/${first.personId}/email-change/cancel`, {})).status).toBe(303);
    expect((await h.browser().get(linkFrom((await mailTo('rita@zwei.example')).body_text))).status).toBe(410);
    expect(await (await sek.get(`/people/${first.personId}`)).text()).not.toContain('rita@zwei.example');
  });

  it('an address that another person took in the meantime is refused with 409 and nothing changes', async () => {
    const { newLink, oldLink } = await requestChange('Tim Tausch', 'tim@example.org', 'tim@neu.example');
    await h.browser().post(newLink, { decision: 'confirm' });
    await admin.post('/people', { name: 'Andere Person', email: 'tim@neu.example' });
    const res = await h.browser().post(oldLink, { decision: 'confirm' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Zu der neuen Adresse gibt es inzwischen eine andere Person.');
    expect((await personOf('tim@example.org')).email).toBe('tim@example.org');
  });
});

describe('addresses that change at once, as before', () => {
  it('a person without an account, and an account whose invitation was never accepted (its link ends)', async () => {
    expect((await sek.post('/people', { name: 'Kontakt Ohne', email: 'kontakt@example.org' })).status).toBe(303);
    const contact = await personOf('kontakt@example.org');
    expect((await sek.post(`/people/${contact.id}`, { name: 'Kontakt Ohne', email: 'kontakt@neu.example' })).status).toBe(303);
    expect((await personOf('kontakt@neu.example')).id).toBe(contact.id);

    expect((await sek.post('/people', { name: 'Nie Da', email: 'nie@example.org', create_account: 'on', role: 'member' })).status).toBe(303);
    const invite = linkFrom((await mailTo('nie@example.org')).body_text);
    const invited = await personOf('nie@example.org');
    expect((await sek.post(`/people/${invited.id}`, { name: 'Nie Da', email: 'nie@richtig.example' })).status).toBe(303);
    expect((await personOf('nie@richtig.example')).id).toBe(invited.id);
    expect((await h.browser().get(invite)).status).toBe(410);
  });
});

describe('accounts with staff rights are changed by admins only', () => {
  it('the secretariat cannot change a fellow secretariat account or an admin; an admin can', async () => {
    const sven = await personOf('sven@example.org');
    const ada = await personOf('admin@example.org');
    for (const id of [sven.id, ada.id]) {
      expect((await sek.post(`/people/${id}`, { name: 'Übernommen', email: 'sek-takeover@evil.example' })).status).toBe(403);
      expect((await sek.post(`/people/${id}/invite`, { role: 'secretariat' })).status).toBe(403);
      expect((await sek.post(`/people/${id}/deactivate`, {})).status).toBe(403);
      expect((await sek.post(`/people/${id}/activate`, {})).status).toBe(403);
      expect((await sek.post(`/people/${id}/withdraw-consent`, {})).status).toBe(403);
      expect((await sek.post(`/people/${id}/email-change/cancel`, {})).status).toBe(403);
      const page = await (await sek.get(`/people/${id}`)).text();
      expect(page).toContain('ändern nur Administratorinnen und Administratoren');
      expect(page).not.toContain(`action="/people/${id}"`);
    }
    expect(await h.db.selectFrom('outbox').select('id').where('to_address', '=', 'sek-takeover@evil.example').execute()).toHaveLength(0);
    expect((await personOf('sven@example.org')).email).toBe('sven@example.org');
    // An admin may, and the change still waits for both links.
    expect((await admin.post(`/people/${sven.id}`, { name: 'Sven Sekretariat', email: 'sven@neu.example' })).status).toBe(303);
    expect((await personOf('sven@example.org')).email).toBe('sven@example.org');
    expect(await h.db.selectFrom('outbox').select('id').where('to_address', '=', 'sven@neu.example').execute()).toHaveLength(1);
  });

  it('withdrawing consent on an admin\'s person is the admins\' business', async () => {
    const ada = await personOf('admin@example.org');
    await h.db.updateTable('persons').set({ contact_consent_at: h.clock.now().toISOString(), contact_consent_method: 'written' }).where('id', '=', ada.id).execute();
    expect((await sek.post(`/people/${ada.id}/withdraw-consent`, {})).status).toBe(403);
    expect((await h.db.selectFrom('persons').select('contact_consent_at').where('id', '=', ada.id).executeTakeFirstOrThrow()).contact_consent_at).not.toBeNull();
    expect((await admin.post(`/people/${ada.id}/withdraw-consent`, {})).status).toBe(303);
  });
});
