import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueConfirmations } from '../src/directory/confirmation.js';
import { withdrawByLink } from '../src/directory/contacts.js';
import { createHarness, createUser, linkFrom, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';

// Consent of directory contacts (issue #10): recorded with how and when, required for publication,
// withdrawn by the staff, the organisation (yearly link) and the contact (their own link), and every
// grant and withdrawal audited. The public must never see a contact without consent: not on the page,
// not through the search, not in the CSV or vCard (which never carry contacts at all).
// The harness clock stands at 25.11.2026, 10:00 in Berlin.

let h: TestHarness;
let sek: Browser;
let admin: Browser;
let mia: Browser;
let entry: number;
let other: number;

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Ada Admin', email: 'admin@example.org', role: 'admin' });
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org', role: 'member' });
  [sek, admin, mia] = [h.browser(), h.browser(), h.browser()];
  await sek.login('sek@example.org', TEST_PASSWORD);
  await admin.login('admin@example.org', TEST_PASSWORD);
  await mia.login('mia@example.org', TEST_PASSWORD);
  entry = await addEntry(h.db, { name: 'Caritas Mettmann', kind: 'welfare_association', email: 'info@caritas.example', street: 'Kirchplatz 1', postal_code: '40822', place: 'Mettmann' });
  other = await addEntry(h.db, { name: 'Anderer Verein', kind: 'association' });
});
afterAll(() => h.close());

const personByEmail = (email: string) => h.db.selectFrom('persons').selectAll().where('email_normalized', '=', email).executeTakeFirstOrThrow();
const mailsTo = (to: string) => h.db.selectFrom('outbox').selectAll().where('to_address', '=', to).orderBy('id').execute();
const auditOf = (personId: number, action: string) =>
  h.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'person').where('entity_id', '=', String(personId)).where('action', '=', action).orderBy('id').execute();
const csv = async (q: string) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await h.app.request(`/directory.csv?q=${encodeURIComponent(q)}`)).arrayBuffer());
/** hits: the search page's hit count; fails the test when the page shows none (else "found" would pass vacuously). */
async function hits(q: string): Promise<number> {
  const count = /Treffer: (\d+)/.exec(await (await h.app.request(`/directory?q=${encodeURIComponent(q)}`)).text())?.[1];
  expect(count, `hit count for ${q}`).toMatch(/^\d+$/);
  return Number(count);
}

/** What the public can learn about a contact: the entry page, a search for the name, both exports. */
async function publicTraces(name: string, email: string) {
  const page = await (await h.app.request(`/directory/${entry}`)).text();
  const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)?.[1] ?? '';
  const vcard = await (await h.app.request(`/directory/${entry}.vcf`)).text();
  const list = await csv(name.split(' ').at(-1)!);
  return {
    page: page.includes(name) || page.includes(email),
    search: (await hits(name.split(' ').at(-1)!)) > 0,
    // Exports and the search engines' JSON-LD never name contacts, with or without consent.
    exports: [jsonLd, vcard, list].some((text) => text.includes(name) || text.includes(email)),
    csvFindsEntry: list.includes('Caritas Mettmann'),
  };
}

const newContact = (patch: Record<string, string> = {}) => ({ name: 'Olga Quast', job_function: 'Beratung', email: 'olga@example.org', phone: '02104 123', consent: 'written', consent_date: '2026-11-20', ...patch });

describe('who may manage contacts and their consent', () => {
  it('only the staff open the contacts page and post its forms', async () => {
    const path = `/admin/directory/${entry}/contacts`;
    expect((await h.browser().get(path)).status).toBe(303);
    expect((await mia.get(path)).status).toBe(403);
    expect((await sek.get(path)).status).toBe(200);
    expect((await admin.get(path)).status).toBe(200);
    expect((await sek.get('/admin/directory/999999/contacts')).status).toBe(404);
    const before = (await h.db.selectFrom('persons').select('id').execute()).length;
    expect((await h.browser().post(path, newContact())).status).toBe(401);
    expect((await mia.post(path, newContact())).status).toBe(403);
    expect((await mia.post(`${path}/1/consent`, { consent: 'written', consent_date: '2026-11-20' })).status).toBe(403);
    expect((await mia.post(`${path}/1/withdraw`, {})).status).toBe(403);
    expect((await h.browser().post(`${path}/1/withdraw`, {})).status).toBe(401);
    expect((await h.db.selectFrom('persons').select('id').execute()).length).toBe(before);
  });

  it('the entry page offers the staff the contacts page, and nobody else', async () => {
    expect(await (await sek.get(`/directory/${entry}`)).text()).toContain(`href="/admin/directory/${entry}/contacts"`);
    expect(await (await h.app.request(`/directory/${entry}`)).text()).not.toContain('/contacts"');
  });
});

describe('recording consent when the staff add a contact', () => {
  it('requires the choice whether and how consent was given, and a sensible day', async () => {
    const count = async () => (await h.db.selectFrom('persons').select('id').execute()).length;
    const before = await count();
    const path = `/admin/directory/${entry}/contacts`;
    for (const [patch, message] of [
      [{ consent: '' }, 'Bitte wählen Sie, ob und wie die Einwilligung vorliegt.'],
      [{ consent: 'gefühlt' }, 'Bitte wählen Sie, ob und wie die Einwilligung vorliegt.'],
      [{ consent_date: '' }, 'Bitte geben Sie an, an welchem Tag die Einwilligung gegeben wurde.'],
      [{ consent_date: '2026-02-31' }, 'Bitte geben Sie ein gültiges Datum ein'],
      [{ consent_date: 'gestern' }, 'Bitte geben Sie ein gültiges Datum ein'],
      [{ consent_date: '2026-11-26' }, 'Das Datum der Einwilligung darf nicht in der Zukunft liegen.'],
      [{ name: '' }, 'Bitte füllen Sie dieses Feld aus.'],
      [{ email: 'sek@example.org' }, 'E-Mail-Adresse'],
    ] as const) {
      const res = await sek.post(path, newContact(patch));
      expect(res.status, JSON.stringify(patch)).toBe(422);
      const html = await res.text();
      expect(html, JSON.stringify(patch)).toContain(message);
      expect(html).toContain('value="Beratung"');
    }
    expect(await count()).toBe(before);
  });

  it('without consent the contact is kept for the office but is nowhere public', async () => {
    const res = await sek.post(`/admin/directory/${entry}/contacts`, newContact({ name: 'Paul Privat', email: 'paul@example.org', consent: 'none', consent_date: '' }));
    expect(res.status).toBe(303);
    const paul = await personByEmail('paul@example.org');
    expect(paul.organisation_id).toBe(entry);
    expect(paul.contact_consent_at).toBeNull();
    expect(paul.contact_consent_method).toBeNull();
    expect(await publicTraces('Paul Privat', 'paul@example.org')).toEqual({ page: false, search: false, exports: false, csvFindsEntry: false });
    const staffView = await (await sek.get(`/directory/${entry}`)).text();
    expect(staffView).toContain('Paul Privat');
    expect(staffView).toContain('ohne Einwilligung, nicht öffentlich');
    expect(await (await sek.get(`/admin/directory/${entry}/contacts`)).text()).toContain('keine; wird nicht öffentlich gezeigt');
    expect(await auditOf(paul.id, 'person.create')).toHaveLength(1);
    expect(await auditOf(paul.id, 'person.consent_granted')).toHaveLength(0);
    expect(await mailsTo('paul@example.org')).toHaveLength(0);
  });

  it('with consent the contact is public at once; day and way are stored, audited and mailed with a withdrawal link', async () => {
    expect((await sek.post(`/admin/directory/${entry}/contacts`, newContact())).status).toBe(303);
    const olga = await personByEmail('olga@example.org');
    // The day entered, as the start of that day in Berlin.
    expect(olga.contact_consent_at).toBe('2026-11-19T23:00:00.000Z');
    expect(olga.contact_consent_method).toBe('written');
    expect(await publicTraces('Olga Quast', 'olga@example.org')).toEqual({ page: true, search: true, exports: false, csvFindsEntry: true });
    const [granted] = await auditOf(olga.id, 'person.consent_granted');
    const sina = await h.db.selectFrom('users').innerJoin('persons', 'persons.id', 'users.person_id').select('users.id').where('persons.email_normalized', '=', 'sek@example.org').executeTakeFirstOrThrow();
    expect(granted!.actor_user_id).toBe(sina.id);
    expect(JSON.parse(granted!.after_json!)).toEqual({ contact_consent_at: '2026-11-19T23:00:00.000Z', contact_consent_method: 'written', organisation_id: entry });
    const [mail] = await mailsTo('olga@example.org');
    expect(mail!.subject).toBe('Ihre Einwilligung: Ansprechperson im Akteursverzeichnis (Caritas Mettmann)');
    expect(mail!.body_text).toContain('Festgehalten am 20.11.2026, Art der Einwilligung: schriftlich.');
    expect(linkFrom(mail!.body_text)).toMatch(/^\/directory\/withdraw\/[a-z2-7]{24}\.[a-z2-7]{24}$/);
    expect(await (await sek.get(`/admin/directory/${entry}/contacts`)).text()).toContain('seit 20.11.2026 (schriftlich); wird öffentlich gezeigt');
  });
});

describe('withdrawal', () => {
  it('the contact withdraws with their link: opening it changes nothing, its button removes them everywhere at once', async () => {
    const olga = await personByEmail('olga@example.org');
    const link = linkFrom((await mailsTo('olga@example.org'))[0]!.body_text);
    for (let i = 0; i < 2; i++) {
      const page = await h.browser().get(link);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('private, no-store');
      expect(await page.text()).toContain('Ansprechperson von „Caritas Mettmann“');
    }
    expect((await publicTraces('Olga Quast', 'olga@example.org')).page).toBe(true);
    expect((await h.browser().post(link, {})).status).toBe(303);
    expect(await publicTraces('Olga Quast', 'olga@example.org')).toEqual({ page: false, search: false, exports: false, csvFindsEntry: false });
    const row = await personByEmail('olga@example.org');
    expect([row.contact_consent_at, row.contact_consent_method]).toEqual([null, null]);
    const [withdrawn] = await auditOf(olga.id, 'person.consent_withdrawn');
    expect(withdrawn!.actor_user_id).toBeNull();
    expect(JSON.parse(withdrawn!.after_json!)).toMatchObject({ contact_consent_at: null, via: 'contact_link' });
    expect(JSON.parse(withdrawn!.before_json!)).toEqual({ contact_consent_at: '2026-11-19T23:00:00.000Z', contact_consent_method: 'written' });
    expect((await h.browser().get(link)).status).toBe(410);
    expect((await h.browser().post(link, {})).status).toBe(410);
    expect((await h.browser().get(`/directory/withdraw/${'a'.repeat(24)}.${'b'.repeat(24)}`)).status).toBe(410);
    expect((await h.browser().post('/directory/withdraw/kaputt', {})).status).toBe(410);
  });

  it('the staff record consent for a known contact and withdraw it; a new consent makes the old link useless', async () => {
    const paul = await personByEmail('paul@example.org');
    const path = `/admin/directory/${entry}/contacts/${paul.id}`;
    const bad = await sek.post(`${path}/consent`, { consent: 'none', consent_date: '2026-11-25' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Bitte wählen Sie, ob und wie die Einwilligung vorliegt.');
    expect((await sek.post(`${path}/consent`, { consent: 'email', consent_date: '2026-11-25' })).status).toBe(303);
    // Today: the moment itself, so that the log's order within the day stays right.
    expect((await personByEmail('paul@example.org')).contact_consent_at).toBe(h.clock.now().toISOString());
    expect((await publicTraces('Paul Privat', 'paul@example.org')).page).toBe(true);
    const first = linkFrom((await mailsTo('paul@example.org'))[0]!.body_text);
    expect((await sek.post(`${path}/withdraw`, {})).status).toBe(303);
    expect(await publicTraces('Paul Privat', 'paul@example.org')).toEqual({ page: false, search: false, exports: false, csvFindsEntry: false });
    expect(JSON.parse((await auditOf(paul.id, 'person.consent_withdrawn'))[0]!.after_json!)).toMatchObject({ via: 'staff' });
    const again = await sek.post(`${path}/withdraw`, {});
    expect(again.status).toBe(303);
    expect(await (await sek.get(again.headers.get('location')!)).text()).toContain('Für diese Person war keine Einwilligung erfasst.');
    expect((await sek.post(`${path}/consent`, { consent: 'verbal', consent_date: '2026-11-24' })).status).toBe(303);
    const second = linkFrom((await mailsTo('paul@example.org')).at(-1)!.body_text);
    expect(second).not.toBe(first);
    expect((await h.browser().get(first)).status).toBe(410);
    expect((await h.browser().get(second)).status).toBe(200);
    expect(await auditOf(paul.id, 'person.consent_granted')).toHaveLength(2);
  });

  it('the staff act only on contacts of the entry in the address', async () => {
    const paul = await personByEmail('paul@example.org');
    expect((await sek.post(`/admin/directory/${other}/contacts/${paul.id}/withdraw`, {})).status).toBe(404);
    expect((await sek.post(`/admin/directory/${other}/contacts/${paul.id}/consent`, { consent: 'written', consent_date: '2026-11-20' })).status).toBe(404);
    // A broken form does not tell otherwise: the person is checked first.
    expect((await sek.post(`/admin/directory/${other}/contacts/${paul.id}/consent`, { consent: 'none', consent_date: '' })).status).toBe(404);
    expect((await sek.post(`/admin/directory/${other}/contacts/${paul.id}/consent`, { consent: 'written', consent_date: '2026-11-26' })).status).toBe(404);
    expect((await personByEmail('paul@example.org')).contact_consent_method).toBe('verbal');
  });

  it('the organisation stops naming a contact through its yearly confirmation link, which still confirms afterwards', async () => {
    await h.db.updateTable('organisations').set({ last_confirmed_at: '2025-01-01T00:00:00.000Z' }).where('id', '=', entry).execute();
    await sendDueConfirmations(h.db, h.clock.now(), 'http://localhost');
    const link = linkFrom((await mailsTo('info@caritas.example'))[0]!.body_text);
    const paul = await personByEmail('paul@example.org');
    const page = await (await h.browser().get(link)).text();
    expect(page).toContain('Genannte Ansprechpersonen');
    expect(page).toContain(`action="${link}/contacts/${paul.id}/withdraw"`);
    const olga = await personByEmail('olga@example.org');
    // Only consenting contacts of this entry can be named (Olga withdrew already): the link is fine, so
    // the organisation is sent back with a note, not told its link is broken.
    const browser = h.browser();
    const already = await browser.post(`${link}/contacts/${olga.id}/withdraw`, {});
    expect(already.status).toBe(303);
    expect(already.headers.get('location')).toBe(link);
    expect(await (await browser.get(link)).text()).toContain('Diese Person wird bereits nicht mehr als Ansprechperson genannt.');
    const stranger = await personByEmail('mia@example.org');
    expect((await h.browser().post(`${link}/contacts/${stranger.id}/withdraw`, {})).status).toBe(303);
    // Only a broken link is one.
    expect((await h.browser().post(`/directory/confirm/${'a'.repeat(24)}.${'b'.repeat(24)}/contacts/${paul.id}/withdraw`, {})).status).toBe(410);
    const res = await h.browser().post(`${link}/contacts/${paul.id}/withdraw`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(link);
    expect((await publicTraces('Paul Privat', 'paul@example.org')).page).toBe(false);
    expect(JSON.parse((await auditOf(paul.id, 'person.consent_withdrawn')).at(-1)!.after_json!)).toMatchObject({ via: 'confirmation_link' });
    // A second click on the same button: the link still works, Paul is already gone, nothing is audited twice.
    const twice = await h.browser().post(`${link}/contacts/${paul.id}/withdraw`, {});
    expect(twice.status).toBe(303);
    expect(twice.headers.get('location')).toBe(link);
    expect((await auditOf(paul.id, 'person.consent_withdrawn')).filter((a) => JSON.parse(a.after_json!).via === 'confirmation_link')).toHaveLength(1);
    expect((await h.browser().post(link, {})).status).toBe(303);
    // Confirming used the link up: now it is no longer valid.
    expect((await h.browser().post(`${link}/contacts/${paul.id}/withdraw`, {})).status).toBe(410);
  });

  it("two clicks on the contact's link at once withdraw once, with one audit entry", async () => {
    expect((await sek.post(`/admin/directory/${entry}/contacts`, newContact({ name: 'Zoe Zwilling', email: 'zoe@example.org' }))).status).toBe(303);
    const zoe = await personByEmail('zoe@example.org');
    const token = linkFrom((await mailsTo('zoe@example.org'))[0]!.body_text).replace('/directory/withdraw/', '');
    // On PostgreSQL through a second connection, as a second app instance would (warmed up, so that
    // both transactions really overlap); SQLite runs one writing transaction at a time anyway.
    const second = h.testDb.dialect === 'postgres' ? h.testDb.openAnother() : h.db;
    await sql`select 1`.execute(second);
    const results = await Promise.all([withdrawByLink(h.db, token, h.clock.now()), withdrawByLink(second, token, h.clock.now())]);
    expect(results.sort()).toEqual([false, true]);
    expect(await auditOf(zoe.id, 'person.consent_withdrawn')).toHaveLength(1);
    expect((await personByEmail('zoe@example.org')).contact_consent_at).toBeNull();
  });

  it('moving a contact to another organisation on /people ends the consent, audited', async () => {
    await sek.post(`/admin/directory/${entry}/contacts/${(await personByEmail('paul@example.org')).id}/consent`, { consent: 'written', consent_date: '2026-11-25' });
    const paul = await personByEmail('paul@example.org');
    const person = await (await sek.get(`/people/${paul.id}`)).text();
    expect(person).toContain('(Einwilligung schriftlich)');
    expect((await sek.post(`/people/${paul.id}`, { name: 'Paul Privat', email: 'paul@example.org', organisation: 'Anderer Verein' })).status).toBe(303);
    expect((await personByEmail('paul@example.org')).contact_consent_at).toBeNull();
    expect(JSON.parse((await auditOf(paul.id, 'person.consent_withdrawn')).at(-1)!.after_json!)).toMatchObject({ via: 'organisation_changed', organisation_id: entry });
    expect(await hits('Privat')).toBe(0);
  });

  it('the withdrawal button on /people clears the way of consent too', async () => {
    await sek.post(`/admin/directory/${other}/contacts/${(await personByEmail('paul@example.org')).id}/consent`, { consent: 'verbal', consent_date: '2026-11-25' });
    const paul = await personByEmail('paul@example.org');
    expect(paul.contact_consent_method).toBe('verbal');
    expect((await sek.post(`/people/${paul.id}/withdraw-consent`, {})).status).toBe(303);
    const row = await personByEmail('paul@example.org');
    expect([row.contact_consent_at, row.contact_consent_method]).toEqual([null, null]);
    expect(JSON.parse((await auditOf(paul.id, 'person.consent_withdrawn')).at(-1)!.after_json!)).toMatchObject({ via: 'staff' });
  });
});

describe('consent through the public submission form', () => {
  const submission = {
    name: 'Verein Lichtblick',
    kind: 'association',
    description_de: 'Wir helfen.',
    submitter_name: 'Rana Haddad',
    submitter_email: 'rana@example.org',
    consent: 'on',
  };

  it('records the way "online", audits it and mails the withdrawal link with the receipt', async () => {
    expect((await h.browser().post('/directory/new', { ...submission, publish_contact: 'on' })).status).toBe(303);
    const rana = await personByEmail('rana@example.org');
    expect(rana.contact_consent_method).toBe('online');
    expect(rana.contact_consent_at).toBe(h.clock.now().toISOString());
    expect(await auditOf(rana.id, 'person.consent_granted')).toHaveLength(1);
    const mails = await mailsTo('rana@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body_text).not.toContain('Rana');
    const link = linkFrom(mails[0]!.body_text);
    expect(link).toMatch(/^\/directory\/withdraw\//);
    expect((await h.browser().post(link, {})).status).toBe(303);
    expect((await personByEmail('rana@example.org')).contact_consent_at).toBeNull();
  });

  it('without "show me as contact" there is no contact and no link', async () => {
    expect((await h.browser().post('/directory/new', { ...submission, name: 'Verein Zwei', submitter_email: 'zwei@example.org' })).status).toBe(303);
    expect(await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'zwei@example.org').execute()).toHaveLength(0);
    expect((await mailsTo('zwei@example.org'))[0]!.body_text).not.toContain('/directory/withdraw/');
  });
});
