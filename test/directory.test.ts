import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBMISSION_RULE } from '../src/directory/routes.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';

let h: TestHarness;
let sek: Browser;
let published: number;
let pending: number;

const SUBMITTED_NAME = 'Deutsch-Ukrainischer Verein Hilden e. V.';
const validSubmission: Record<string, string | string[]> = {
  name: SUBMITTED_NAME,
  kind: 'migrant_organisation',
  offers: 'Sprachcafé, Begleitung zu Ämtern',
  description_de: 'Wir helfen Familien aus der Ukraine beim Ankommen.',
  description_uk: 'Ми допомагаємо родинам з України.',
  street: 'Mittelstraße 5',
  postal_code: '40721',
  place: 'Hilden',
  city_id: '4',
  cities: '4',
  fields: ['1', '2'],
  languages: ['de', 'uk', 'ru'],
  website: 'www.du-verein-hilden.de',
  submitter_name: 'Iryna Bondar',
  submitter_email: 'iryna@example.org',
  publish_contact: 'on',
  consent: 'on',
};

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  sek = h.browser();
  await sek.login('sek@example.org', TEST_PASSWORD);
  published = await addEntry(h.db, { name: 'Caritas Mettmann', kind: 'welfare_association', cities: [6], descriptions: { de: 'Beratung für alle.', ar: 'استشارات للجميع' }, email: 'info@caritas.example', street: 'Kirchplatz 1', postal_code: '40822', place: 'Mettmann' });
  pending = await addEntry(h.db, { name: 'Geheimer Entwurf', kind: 'association' }, 'pending');
});
afterAll(() => h.close());

describe('public directory', () => {
  it('shows published entries only', async () => {
    const list = await (await h.app.request('/directory')).text();
    expect(list).toContain('Caritas Mettmann');
    expect(list).not.toContain('Geheimer Entwurf');
    expect((await h.app.request(`/directory/${pending}`)).status).toBe(404);
    expect((await h.app.request(`/directory/${pending}.vcf`)).status).toBe(404);
    expect((await h.app.request('/directory/999999')).status).toBe(404);
    const staffView = await sek.get(`/directory/${pending}`);
    expect(staffView.status).toBe(200);
    expect(await staffView.text()).toContain('Status: wartet auf Prüfung');
  });

  it('shows only contacts who consented to publication, in the page, the search and the vCard', async () => {
    const at = '2026-01-01T00:00:00.000Z';
    await h.db.insertInto('persons').values([
      { name: 'Olga Öffentlich', name_folded: 'olga oeffentlich', email: 'olga@example.org', email_normalized: 'olga@example.org', organisation_id: published, contact_consent_at: at, created_at: at, updated_at: at },
      { name: 'Paul Privat', name_folded: 'paul privat', email: 'paul@example.org', email_normalized: 'paul@example.org', organisation_id: published, contact_consent_at: null, created_at: at, updated_at: at },
    ]).execute();
    const { refreshSearchText } = await import('../src/directory/entries.js');
    await h.db.transaction().execute((trx) => refreshSearchText(trx, published));
    const page = await (await h.app.request(`/directory/${published}`)).text();
    expect(page).toContain('Olga Öffentlich');
    expect(page).not.toContain('Paul Privat');
    expect(page).not.toContain('paul@example.org');
    expect(await (await h.app.request('/directory?q=olga')).text()).toContain('Caritas Mettmann');
    expect(await (await h.app.request('/directory?q=paul')).text()).toContain('Treffer: 0');
    expect(await (await h.app.request(`/directory/${published}.vcf`)).text()).not.toContain('Paul');
    expect(await (await sek.get(`/directory/${published}`)).text()).toContain('Paul Privat');
  });

  it('answers the live search with the results and the facets out of band', async () => {
    const res = await h.app.request('/directory?q=caritas', { headers: { 'HX-Request': 'true' } });
    const html = await res.text();
    expect(html).toMatch(/^<div id="results"/);
    expect(html).toContain('<div id="facets" class="facets" hx-swap-oob="true">');
    expect(html).toContain('Treffer: 1');
    const bad = await h.app.request('/directory?city=abc&field=-1&kind=%3Cscript%3E&language=xx&page=-5&target=99999999999');
    expect(bad.status).toBe(200);
  });

  it('entry page: address with map link, JSON-LD that cannot break out, RTL description, vCard', async () => {
    const html = await (await h.app.request(`/directory/${published}`)).text();
    expect(html).toContain('https://www.openstreetmap.org/search?query=Kirchplatz%201%2C%2040822%20Mettmann');
    expect(html).toContain('<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Caritas Mettmann"');
    const arabic = await (await h.app.request(`/directory/${published}?lang=ar`)).text();
    expect(arabic).toMatch(/<section class="prose" lang="ar" dir="rtl"/);
    const vcf = await h.app.request(`/directory/${published}.vcf`);
    expect(vcf.headers.get('content-type')).toBe('text/vcard; charset=utf-8');
    const card = await vcf.text();
    expect(card).toMatch(/^BEGIN:VCARD\r\nVERSION:3\.0\r\nN:;;;;\r\nFN:Caritas Mettmann\r\n/);
    expect(card).toContain('ADR;TYPE=WORK:;;Kirchplatz 1;Mettmann;;40822;Deutschland');
    expect(card.endsWith('END:VCARD\r\n')).toBe(true);
  });

  it('exports the filtered result as an Excel CSV', async () => {
    const res = await h.app.request('/directory.csv?q=caritas');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('Caritas Mettmann;Wohlfahrtsverband;Kirchplatz 1;40822;Mettmann');
    expect(text).not.toContain('Geheimer Entwurf');
  });
});

describe('public submission', () => {
  const count = async () => (await h.db.selectFrom('organisations').select('id').execute()).length;

  it('needs consent, says so, and keeps what was typed', async () => {
    const before = await count();
    const { consent: _c, ...noConsent } = validSubmission;
    const res = await h.browser().post('/directory/new', noConsent);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Ohne Ihre Einwilligung können wir den Eintrag nicht veröffentlichen.');
    expect(html).toContain('value="Deutsch-Ukrainischer Verein Hilden e. V."');
    expect(html).toMatch(/value="uk" checked/);
    expect(await count()).toBe(before);
  });

  it('refuses bad fields and forged choices with messages, saving nothing', async () => {
    const before = await count();
    for (const [patch, message] of [
      [{ name: '' }, 'Bitte füllen Sie dieses Feld aus.'],
      [{ description_de: '' }, 'Bitte füllen Sie dieses Feld aus.'],
      [{ postal_code: '4072' }, 'fünfstellige Postleitzahl'],
      [{ website: 'javascript:alert(1)' }, 'gültige Webadresse'],
      [{ submitter_email: 'kein-at' }, 'gültige E-Mail-Adresse'],
      [{ kind: 'kaiserreich' }, 'Bitte wählen Sie einen Eintrag aus der Liste.'],
      [{ cities: '999' }, 'Bitte wählen Sie einen Eintrag aus der Liste.'],
      [{ languages: 'xx' }, 'Bitte wählen Sie einen Eintrag aus der Liste.'],
      [{ offers: 'x'.repeat(5001) }, 'Dieser Eintrag ist zu lang.'],
    ] as const) {
      const res = await h.browser().post('/directory/new', { ...validSubmission, ...patch });
      expect(res.status, JSON.stringify(patch).slice(0, 60)).toBe(422);
      expect(await res.text()).toContain(message);
    }
    expect(await count()).toBe(before);
  });

  it('drops a filled honeypot silently', async () => {
    const before = await count();
    const res = await h.browser().post('/directory/new', { ...validSubmission, fax_number: '0800 123' });
    expect(res.status).toBe(303);
    expect(await count()).toBe(before);
  });

  it('stores a submission as pending with the consent date, the contact, a confirmation mail and an audit entry', async () => {
    const res = await h.browser().post('/directory/new', validSubmission);
    expect(res.status).toBe(303);
    const org = await h.db.selectFrom('organisations').selectAll().where('name', '=', SUBMITTED_NAME).executeTakeFirstOrThrow();
    expect(org.status).toBe('pending');
    expect(org.consent_at).toBe(h.clock.now().toISOString());
    expect(org.website).toBe('https://www.du-verein-hilden.de');
    expect(org.submitter_email).toBe('iryna@example.org');
    const contact = await h.db.selectFrom('persons').selectAll().where('email_normalized', '=', 'iryna@example.org').executeTakeFirstOrThrow();
    expect(contact.organisation_id).toBe(org.id);
    expect(contact.contact_consent_at).not.toBeNull();
    const mail = await h.db.selectFrom('outbox').selectAll().where('to_address', '=', 'iryna@example.org').executeTakeFirstOrThrow();
    // The mail repeats nothing the submitter typed (the form must not relay texts to any address).
    expect(mail.subject).toBe('Ihre Meldung für das Akteursverzeichnis');
    expect(mail.body_text).not.toContain('Deutsch-Ukrainischer');
    expect(mail.body_text).not.toContain('Iryna');
    expect((await h.db.selectFrom('audit_log').select('action').where('action', '=', 'organisation.submit').execute()).length).toBe(1);
  });

  it('throttles submissions per client', async () => {
    await h.db.deleteFrom('throttle').execute();
    for (let i = 0; i < SUBMISSION_RULE.limit; i++) {
      expect((await h.browser().post('/directory/new', { ...validSubmission, name: `Verein ${i}` })).status).toBe(303);
    }
    const blocked = await h.browser().post('/directory/new', { ...validSubmission, name: 'Verein zu viel' });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('zu viele Einträge');
    expect(await h.db.selectFrom('organisations').select('id').where('name', '=', 'Verein zu viel').execute()).toHaveLength(0);
    await h.db.deleteFrom('throttle').execute();
  });

  it('shows script in any field as text', async () => {
    const xss = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    await h.browser().post('/directory/new', { ...validSubmission, name: `XSS ${xss}`, offers: xss, description_de: xss, submitter_name: xss });
    const org = await h.db.selectFrom('organisations').select('id').where('name', 'like', 'XSS %').executeTakeFirstOrThrow();
    for (const path of ['/admin/directory', `/admin/directory/${org.id}`, `/directory/${org.id}`]) {
      const html = await (await sek.get(path)).text();
      expect(html, path).not.toContain('<script>alert(1)');
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });
});

describe('review by the secretariat', () => {
  it('only the staff review', async () => {
    await createUser(h.db, { name: 'Mia', email: 'mia@example.org' });
    const mia = h.browser();
    await mia.login('mia@example.org', TEST_PASSWORD);
    expect((await mia.get('/admin/directory')).status).toBe(403);
    expect((await mia.post(`/admin/directory/${pending}/publish`, {})).status).toBe(403);
    expect((await h.browser().get('/admin/directory')).status).toBe(303);
  });

  it('publishes an edited entry and tells the submitter', async () => {
    const org = await h.db.selectFrom('organisations').select('id').where('name', '=', SUBMITTED_NAME).executeTakeFirstOrThrow();
    expect(await (await sek.get('/admin/directory')).text()).toContain(SUBMITTED_NAME);
    const res = await sek.post(`/admin/directory/${org.id}`, { ...validSubmission, offers: 'Sprachcafé (montags)', publish: '1' });
    expect(res.status).toBe(303);
    const row = await h.db.selectFrom('organisations').select(['status', 'offers', 'last_confirmed_at']).where('id', '=', org.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'published', offers: 'Sprachcafé (montags)' });
    expect(row.last_confirmed_at).not.toBeNull();
    const page = await (await h.app.request(`/directory/${org.id}`)).text();
    expect(page).toContain('Iryna Bondar');
    const mails = await h.db.selectFrom('outbox').select('subject').where('to_address', '=', 'iryna@example.org').execute();
    expect(mails.map((m) => m.subject)).toContain('Ihr Eintrag ist veröffentlicht: Deutsch-Ukrainischer Verein Hilden e. V.');
  });

  it('rejects only with a reason, which is mailed', async () => {
    const org = await h.db.selectFrom('organisations').select('id').where('name', '=', 'Verein 0').executeTakeFirstOrThrow();
    const noReason = await sek.post(`/admin/directory/${org.id}/reject`, { reason: '' });
    expect(noReason.status).toBe(422);
    expect((await sek.post(`/admin/directory/${org.id}/reject`, { reason: 'Doppelter Eintrag – bitte nutzen Sie den vorhandenen.' })).status).toBe(303);
    expect((await h.db.selectFrom('organisations').select('status').where('id', '=', org.id).executeTakeFirstOrThrow()).status).toBe('rejected');
    const mail = await h.db.selectFrom('outbox').selectAll().where('body_text', 'like', '%Doppelter Eintrag%').executeTakeFirstOrThrow();
    expect(mail.to_address).toBe('iryna@example.org');
  });
});

describe('editing by representatives', () => {
  it('a member who represents the organisation proposes a change that shows only after review', async () => {
    const { personId } = await createUser(h.db, { name: 'Rita Vertreterin', email: 'rita@example.org' });
    const group = await h.db
      .insertInto('groups')
      .values({ name: 'AK', slug: 'ak', kind: 'external', description: '', colour: '#000000', dates_public: 0, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db.insertInto('memberships').values({ group_id: group.id, person_id: personId, role: 'member', organisation_id: published, representation_confirmed_at: '2026-01-01T00:00:00.000Z', starts_on: '2026-01-01', ends_on: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' }).execute();
    const rita = h.browser();
    await rita.login('rita@example.org', TEST_PASSWORD);
    expect((await rita.get(`/directory/${published}/edit`)).status).toBe(200);
    // An unpublished entry of another organisation is not even revealed.
    expect((await rita.get(`/directory/${pending}/edit`)).status).toBe(404);
    const res = await rita.post(`/directory/${published}/edit`, { name: 'Caritas Mettmann', kind: 'welfare_association', description_de: 'Neue Beschreibung', offers: 'Neu: Schuldnerberatung' });
    expect(res.status).toBe(303);
    expect(await (await h.app.request(`/directory/${published}`)).text()).not.toContain('Schuldnerberatung');

    const review = await (await sek.get('/admin/directory')).text();
    expect(review).toContain('Rita Vertreterin');
    expect(review).toContain('Neu: Schuldnerberatung');
    const change = await h.db.selectFrom('organisation_changes').select('id').where('status', '=', 'pending').executeTakeFirstOrThrow();
    expect((await rita.post(`/admin/directory/changes/${change.id}/apply`, {})).status).toBe(403);
    expect((await sek.post(`/admin/directory/changes/${change.id}/apply`, {})).status).toBe(303);
    expect(await (await h.app.request(`/directory/${published}`)).text()).toContain('Neu: Schuldnerberatung');
    expect((await sek.post(`/admin/directory/changes/${change.id}/apply`, {})).status).toBe(404);
    const actions = (await h.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'organisation').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['organisation.propose', 'organisation.update', 'organisation.published', 'organisation.rejected']));
  });

  it('a proposal made before a later edit is not applied over it', async () => {
    const rita = h.browser();
    await rita.login('rita@example.org', TEST_PASSWORD);
    await rita.post(`/directory/${published}/edit`, { name: 'Caritas Mettmann', kind: 'welfare_association', description_de: 'Vorschlag', offers: 'Alter Stand' });
    await sek.post(`/directory/${published}/edit`, { name: 'Caritas Mettmann', kind: 'welfare_association', description_de: 'Neu von der Geschäftsstelle', offers: 'Neuer Stand' });
    const change = await h.db.selectFrom('organisation_changes').select('id').where('status', '=', 'pending').executeTakeFirstOrThrow();
    const res = await sek.post(`/admin/directory/changes/${change.id}/apply`, {});
    expect(res.status).toBe(303);
    expect(await (await sek.get('/admin/directory')).text()).toContain('seit dem Vorschlag geändert');
    expect(await (await h.app.request(`/directory/${published}`)).text()).toContain('Neuer Stand');
    expect((await h.db.selectFrom('organisation_changes').select('status').where('id', '=', change.id).executeTakeFirstOrThrow()).status).toBe('pending');
    expect((await sek.post(`/admin/directory/changes/${change.id}/discard`, {})).status).toBe(303);
  });

  it('a representative sees only consenting contacts of their organisation', async () => {
    const rita = h.browser();
    await rita.login('rita@example.org', TEST_PASSWORD);
    const page = await (await rita.get(`/directory/${published}`)).text();
    expect(page).toContain('Olga Öffentlich');
    expect(page).not.toContain('Paul Privat');
  });

  it('others may not edit; visitors are sent to sign in', async () => {
    await createUser(h.db, { name: 'Otto', email: 'otto@example.org' });
    const otto = h.browser();
    await otto.login('otto@example.org', TEST_PASSWORD);
    expect((await otto.get(`/directory/${published}/edit`)).status).toBe(403);
    expect((await otto.post(`/directory/${published}/edit`, { name: 'Gekapert', kind: 'other', description_de: 'x' })).status).toBe(403);
    expect((await h.browser().get(`/directory/${published}/edit`)).status).toBe(303);
  });
});

describe('coverage overview', () => {
  it('counts published actors per city and field, marks gaps, and links each cell to the search', async () => {
    const html = await (await h.app.request('/directory/overview')).text();
    expect(html).toContain('<caption id="coverage-caption">Akteure je Stadt und Handlungsfeld</caption>');
    expect(html).toContain('<a href="/directory?city=6&amp;field=1">Lücke<span class="visually-hidden"> – Mettmann, Sprache</span></a>');
    expect(html).toContain('Lücken (');
  });

  it('names the fields of action and target groups in English in the English interface; German stays canonical', async () => {
    const en = h.browser();
    await en.post('/language', { lang: 'en', back: '/' });
    const overview = await (await en.get('/directory/overview')).text();
    expect(overview).toContain('Education and training');
    expect(overview).not.toContain('Bildung und Ausbildung');
    const search = await (await en.get('/directory')).text();
    expect(search).toContain('Families and parents');
    const form = await (await en.get('/directory/new')).text();
    expect(form).toContain('Economy and work');
    expect(form).not.toContain('lang="de">Economy and work');
    const id = await addEntry(h.db, { name: 'Sprachtreff Velbert', kind: 'association', cities: [9], fields: [1], targets: [2] });
    const entry = await (await en.get(`/directory/${id}`)).text();
    expect(entry).toContain('Language');
    expect(entry).toContain('Women');
    expect(await (await h.app.request(`/directory/${id}`)).text()).toContain('Frauen');
  });
});

describe('people and the directory stay in step', () => {
  it('renaming or moving a contact updates the search, and consent does not move to another organisation', async () => {
    const olga = await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'olga@example.org').executeTakeFirstOrThrow();
    expect((await sek.post(`/people/${olga.id}`, { name: 'Olga Umbenannt', email: 'olga@example.org' , organisation: 'Caritas Mettmann' })).status).toBe(303);
    expect(await (await h.app.request('/directory?q=umbenannt')).text()).toContain('Caritas Mettmann');
    expect(await (await h.app.request('/directory?q=oeffentlich')).text()).toContain('Treffer: 0');
    expect((await sek.post(`/people/${olga.id}`, { name: 'Olga Umbenannt', email: 'olga@example.org', organisation: 'Ganz Anderer Verein' })).status).toBe(303);
    expect(await (await h.app.request('/directory?q=umbenannt')).text()).toContain('Treffer: 0');
    const row = await h.db.selectFrom('persons').select('contact_consent_at').where('id', '=', olga.id).executeTakeFirstOrThrow();
    expect(row.contact_consent_at).toBeNull();
  });

  it('the secretariat withdraws a contact\'s consent', async () => {
    const iryna = await h.db.selectFrom('persons').select(['id', 'organisation_id']).where('email_normalized', '=', 'iryna@example.org').executeTakeFirstOrThrow();
    expect(await (await h.app.request(`/directory/${iryna.organisation_id}`)).text()).toContain('Iryna Bondar');
    expect((await sek.post(`/people/${iryna.id}/withdraw-consent`, {})).status).toBe(303);
    expect(await (await h.app.request(`/directory/${iryna.organisation_id}`)).text()).not.toContain('Iryna Bondar');
    expect(await (await h.app.request('/directory?q=bondar')).text()).toContain('Treffer: 0');
  });
});
