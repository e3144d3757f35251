import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSentence } from '../src/audit/sentences.js';
import { CITIES_PUBLIC_KEYS, citiesPublicMessages } from '../src/cities/public-messages.js';
import { seedDemo } from '../src/demo/seed.js';
import { cityOptions } from '../src/people/people.js';
import { emptyNames } from '../src/audit/subject-names.js';
import { translator } from '../src/i18n/index.js';
import { formatters } from '../src/lib/berlin-time.js';
import { addEntry } from './helpers/directory.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

// The city pages (issue #17): /cities and /cities/:slug for everyone, the council data for the staff,
// the city list for admins; retiring a city that records still use needs a replacement.

const SLUGS = ['erkrath', 'haan', 'heiligenhaus', 'hilden', 'langenfeld-rhld', 'mettmann', 'monheim-am-rhein', 'ratingen', 'velbert', 'wuelfrath'];

let h: TestHarness;
let anon: Browser, mem: Browser, org: Browser, sek: Browser, adm: Browser;
let ids: { hilden: number; haan: number; sprache: number; bildung: number; entry: number; pending: number; memPerson: number };

async function login(email: string): Promise<Browser> {
  const b = h.browser();
  await b.login(email, TEST_PASSWORD);
  return b;
}

beforeAll(async () => {
  h = await createHarness();
  const at = '2026-01-01T00:00:00.000Z';
  const users = {
    mem: await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org' }),
    org: await createUser(h.db, { name: 'Olaf Orga', email: 'olaf@example.org' }),
    sek: await createUser(h.db, { name: 'Sina Sekretariat', email: 'sina@example.org', role: 'secretariat' }),
    adm: await createUser(h.db, { name: 'Anton Admin', email: 'anton@example.org', role: 'admin' }),
  };
  const city = async (slug: string) => (await h.db.selectFrom('cities').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  const field = async (name: string) => (await h.db.selectFrom('fields_of_action').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const hilden = await city('hilden');
  const haan = await city('haan');
  const sprache = await field('Sprache');
  const bildung = await field('Bildung und Ausbildung');
  const entry = await addEntry(h.db, { name: 'Sprachcafé Hilden', cities: [hilden, haan], fields: [sprache] });
  const pending = await addEntry(h.db, { name: 'Noch ungeprüft Hilden', cities: [hilden], fields: [bildung] }, 'pending');
  // The city's own office, seat in Hilden, is the member's organisation in the internal working group.
  const office = await h.db
    .insertInto('organisations')
    .values({ name: 'Stadt Hilden', name_normalized: 'stadt hilden', kind: 'migrant_organisation', city_id: hilden, status: 'unlisted', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await h.db.updateTable('persons').set({ city_id: hilden }).where('id', '=', users.mem.personId).execute();
  const group = (name: string, slug: string, kind: 'internal' | 'external', dates_public: 0 | 1) =>
    h.db.insertInto('groups').values({ name, slug, kind, description: '', colour: '#1a2b3c', dates_public, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  const intern = await group('AK Integration intern', 'ak-intern', 'internal', 0);
  const extern = await group('AK Offen', 'ak-offen', 'external', 1);
  await h.db
    .insertInto('memberships')
    .values([
      { group_id: intern.id, person_id: users.mem.personId, role: 'member', organisation_id: office.id, starts_on: '2026-01-01', ends_on: null, created_at: at, updated_at: at },
      { group_id: intern.id, person_id: users.org.personId, role: 'organiser', organisation_id: null, starts_on: '2026-01-01', ends_on: null, created_at: at, updated_at: at },
    ])
    .execute();
  const meeting = (group_id: number, title: string, location: string, starts_at: string) =>
    h.db.insertInto('meetings').values({ group_id, title, location, starts_at, ends_at: starts_at.replace('T17', 'T19'), status: 'planned', room: null, online_url: null, created_at: at, updated_at: at }).execute();
  await meeting(extern.id, 'Offenes Treffen im Bürgerhaus', 'Bürgerhaus Hilden, Mittelstraße 40', '2026-12-10T17:00:00.000Z');
  await meeting(extern.id, 'Treffen in Ratingen', 'Rathaus Ratingen', '2026-12-11T17:00:00.000Z');
  await meeting(intern.id, 'Interne Klausur Hilden', 'Rathaus Hilden', '2026-12-12T17:00:00.000Z');
  await meeting(extern.id, 'Vergangenes Treffen Hilden', 'Hilden', '2026-10-01T17:00:00.000Z');
  ids = { hilden, haan, sprache, bildung, entry, pending: pending, memPerson: users.mem.personId };
  anon = h.browser();
  mem = await login('mia@example.org');
  org = await login('olaf@example.org');
  sek = await login('sina@example.org');
  adm = await login('anton@example.org');
}, 60_000);

afterAll(() => h?.close());

describe('the city pages', () => {
  it('/cities lists the ten cities with their council body and the district-wide entry', async () => {
    const res = await anon.get('/cities');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const slug of SLUGS) expect(html).toContain(`href="/cities/${slug}"`);
    expect(html).toContain('href="/cities/kreis-mettmann"');
    expect(html.match(/<p>Integrationsrat<\/p>/g)).toHaveLength(6);
    expect(html.match(/<p>Integrationsausschuss<\/p>/g)).toHaveLength(1);
    expect(html.match(/<p>Kein Integrationsgremium<\/p>/g)).toHaveLength(3);
    expect(html).not.toContain('Städteliste bearbeiten');
    expect(await (await adm.get('/cities')).text()).toContain('href="/admin/cities"');
  });

  it('every city has its page under the slug of its name', async () => {
    for (const slug of [...SLUGS, 'kreis-mettmann']) {
      const res = await anon.get(`/cities/${slug}`);
      expect(res.status, slug).toBe(200);
    }
    const monheim = await (await anon.get('/cities/monheim-am-rhein')).text();
    expect(monheim).toContain('<h1>Monheim am Rhein</h1>');
    expect(monheim).toContain('<dd>Integrationsausschuss</dd>');
    const langenfeld = await (await anon.get('/cities/langenfeld-rhld')).text();
    expect(langenfeld).toContain('<h1>Langenfeld (Rhld.)</h1>');
    expect(langenfeld).toContain('<dd>Integrationsrat</dd>');
    const haan = await (await anon.get('/cities/haan')).text();
    expect(haan).toContain('Die Stadt hat keinen Integrationsrat und keinen Integrationsausschuss.');
    // Staff see the way to the council form, the public does not.
    expect(haan).not.toContain('/cities/haan/edit');
    expect(await (await sek.get('/cities/haan')).text()).toContain('href="/cities/haan/edit"');
  });

  it('an unknown slug is a German 404', async () => {
    for (const path of ['/cities/atlantis', '/cities/Hilden', '/cities/hilden-']) {
      const res = await anon.get(path);
      expect(res.status, path).toBe(404);
      if (path === '/cities/atlantis') expect(await res.text()).toContain('Diese Stadt gibt es im Kreis nicht (mehr).');
    }
  });

  it('shows the city’s row of the coverage table with links into the directory, and its published entries', async () => {
    const html = await (await anon.get('/cities/hilden')).text();
    expect(html).toMatch(/<td class="coverage__cell coverage__cell--[1-4]"><a href="\/directory\?city=\d+&amp;field=\d+">1</);
    expect(html).toContain(`<a href="/directory?city=${ids.hilden}&amp;field=${ids.sprache}">1<span class="visually-hidden"> – Einträge im Handlungsfeld Sprache</span></a>`);
    // The pending entry counts nowhere: a gap in its field.
    expect(html).toContain(`<a href="/directory?city=${ids.hilden}&amp;field=${ids.bildung}">Lücke`);
    expect(html).toContain('Im Verzeichnis (1)');
    expect(html).toContain(`href="/directory/${ids.entry}"`);
    expect(html).not.toContain('Noch ungeprüft Hilden');
    expect(html).toContain(`href="/directory?city=${ids.hilden}"`);
    const ratingen = await (await anon.get('/cities/ratingen')).text();
    expect(ratingen).toContain('Für diese Stadt gibt es noch keine Einträge im Verzeichnis.');
  });

  it('lists the upcoming public dates at the city, not the internal group’s and not past ones', async () => {
    const html = await (await anon.get('/cities/hilden')).text();
    expect(html).toContain('Offenes Treffen im Bürgerhaus');
    expect(html).toContain('10.12.2026, 18:00');
    expect(html).not.toContain('Treffen in Ratingen');
    expect(html).not.toContain('Interne Klausur Hilden');
    expect(html).not.toContain('Vergangenes Treffen Hilden');
    expect(await (await anon.get('/cities/ratingen')).text()).toContain('Treffen in Ratingen');
  });

  it('shows the internal working group’s members for the city only to its members and the staff', async () => {
    for (const who of [anon]) {
      const html = await (await who.get('/cities/hilden')).text();
      expect(html).not.toContain('AK Integration intern');
      expect(html).not.toContain('Mia Mitglied');
    }
    for (const who of [mem, org, sek, adm]) {
      const html = await (await who.get('/cities/hilden')).text();
      expect(html).toContain('Mitglieder im AK Integration intern aus dieser Stadt');
      expect(html).toContain('Mia Mitglied – Stadt Hilden (Mitglied)');
    }
    // The organiser names no organisation and lives nowhere in particular: on no city page.
    expect(await (await sek.get('/cities/hilden')).text()).not.toContain('Olaf Orga');
    expect(await (await sek.get('/cities/haan')).text()).not.toContain('Mitglieder im AK');
    // A signed-in person outside the group sees nothing of it either.
    await createUser(h.db, { name: 'Fiona Fremd', email: 'fiona@example.org' });
    const out = await login('fiona@example.org');
    expect(await (await out.get('/cities/hilden')).text()).not.toContain('AK Integration intern');
  });
});

describe('council data (staff)', () => {
  const data = {
    council_body: 'integrationsrat',
    council_last_election: '2025-09-14',
    council_next_election: '2030-09-15',
    council_chair: 'Erika Beispielfrau',
    council_contact: 'Geschäftsstelle im Rathaus, 02103 000-000',
    council_url: 'https://ratsinfo.example.org/hilden',
  };

  it('is for the secretariat and admins: visitors sign in, members and organisers get 403', async () => {
    const res = await anon.get('/cities/hilden/edit');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fcities%2Fhilden%2Fedit');
    expect((await anon.post('/cities/hilden/edit', data)).status).toBe(401);
    for (const who of [mem, org]) {
      expect((await who.get('/cities/hilden/edit')).status).toBe(403);
      expect((await who.post('/cities/hilden/edit', data)).status).toBe(403);
    }
    expect((await sek.get('/cities/hilden/edit')).status).toBe(200);
    expect((await adm.get('/cities/hilden/edit')).status).toBe(200);
    expect((await sek.get('/cities/atlantis/edit')).status).toBe(404);
    const row = await h.db.selectFrom('cities').select(['council_chair']).where('id', '=', ids.hilden).executeTakeFirstOrThrow();
    expect(row.council_chair).toBeNull();
  });

  it('refuses a form posted from another site (CSRF), for the council data and the city list', async () => {
    const evil = { Origin: 'http://evil.example' };
    expect((await sek.post('/cities/hilden/edit', data, evil)).status).toBe(403);
    expect((await adm.post('/admin/cities', { name: 'X', short_name: 'X', ags: '05158098', slug: 'x' }, evil)).status).toBe(403);
    expect((await adm.post(`/admin/cities/${ids.haan}/retire`, {}, evil)).status).toBe(403);
    expect(await h.db.selectFrom('audit_log').select('id').where('entity_type', '=', 'city').execute()).toHaveLength(0);
  });

  it('refuses bad input with 422 next to the field, storing nothing', async () => {
    for (const [patch, field, message] of [
      [{ council_url: 'javascript:alert(1)' }, 'council_url', 'Bitte geben Sie eine Webadresse mit http:// oder https:// ein'],
      [{ council_url: 'ftp://ratsinfo.example.org' }, 'council_url', 'Bitte geben Sie eine Webadresse mit http:// oder https:// ein'],
      [{ council_next_election: '2024-01-01' }, 'council_next_election', 'Die nächste Wahl muss nach der letzten Wahl liegen.'],
      [{ council_last_election: '2025-02-30' }, 'council_last_election', 'Bitte geben Sie ein gültiges Datum ein'],
      [{ council_body: 'stadtrat' }, 'council_body', 'Bitte wählen Sie einen Eintrag aus der Liste.'],
    ] as const) {
      const res = await sek.post('/cities/hilden/edit', { ...data, ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(422);
      expect(await res.text()).toMatch(new RegExp(`id="field-${field}-error"[^>]*>[^<]*${message.replace(/[.()/?]/g, '\\$&')}`));
    }
    expect(await h.db.selectFrom('audit_log').select('id').where('action', '=', 'city.council_update').execute()).toHaveLength(0);
  });

  it('stores the council data, shows them on the page and audits the change with before and after', async () => {
    const res = await sek.post('/cities/hilden/edit', data);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/cities/hilden');
    const html = await (await anon.get('/cities/hilden')).text();
    expect(html).toContain('<dd>14.09.2025</dd>');
    expect(html).toContain('<dd>15.09.2030</dd>');
    expect(html).toContain('Erika Beispielfrau');
    expect(html).toContain('Geschäftsstelle im Rathaus, 02103 000-000');
    expect(html).toContain('href="https://ratsinfo.example.org/hilden"');
    const entries = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'city.council_update').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entity_type: 'city', entity_id: String(ids.hilden) });
    expect(JSON.parse(entries[0]!.before_json!)).toMatchObject({ name: 'Hilden', council_chair: null, council_url: null });
    expect(JSON.parse(entries[0]!.after_json!)).toMatchObject({ name: 'Hilden', council_chair: 'Erika Beispielfrau', council_url: 'https://ratsinfo.example.org/hilden' });
    // The same form again changes nothing and writes no entry; a change of one field records that field only.
    expect((await sek.post('/cities/hilden/edit', data)).status).toBe(303);
    expect((await adm.post('/cities/hilden/edit', { ...data, council_chair: '' })).status).toBe(303);
    const all = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'city.council_update').orderBy('id').execute();
    expect(all).toHaveLength(2);
    expect(JSON.parse(all[1]!.after_json!)).toEqual({ name: 'Hilden', council_chair: null });
    const t = translator('de');
    const sentence = auditSentence(t, formatters('de'), { ...all[1]!, actor_name: 'Anton Admin', actor_person_id: null }, emptyNames());
    expect(sentence).toBe('Anton Admin hat die Ratsdaten der Stadt „Hilden“ geändert: Vorsitz.');
  });
});

describe('the city list (admins)', () => {
  const valid = { name: 'Neustadt am Test', short_name: 'Neustadt', ags: '05158099', slug: 'neustadt-am-test', council_body: '', kind: 'city' };

  it('is for admins only', async () => {
    const res = await anon.get('/admin/cities');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
    expect((await anon.post('/admin/cities', valid)).status).toBe(401);
    for (const who of [mem, org, sek]) {
      expect((await who.get('/admin/cities')).status).toBe(403);
      expect((await who.post('/admin/cities', valid)).status).toBe(403);
      expect((await who.get(`/admin/cities/${ids.hilden}`)).status).toBe(403);
      expect((await who.post(`/admin/cities/${ids.hilden}/retire`, {})).status).toBe(403);
    }
    const list = await (await adm.get('/admin/cities')).text();
    expect(list).toContain('05158016');
    expect(list).toContain('langenfeld-rhld');
    expect((await adm.get('/admin/cities/99999')).status).toBe(404);
  });

  it('refuses a duplicate slug or AGS, an AGS that is not 8 digits and a bad slug with 422 and a German message', async () => {
    for (const [patch, field, message] of [
      [{ slug: 'hilden' }, 'slug', 'Diese Adresse hat schon eine andere Stadt.'],
      [{ ags: '05158016' }, 'ags', 'Diesen Gemeindeschlüssel hat schon eine andere Stadt.'],
      [{ ags: '5158099' }, 'ags', 'Der Gemeindeschlüssel hat genau 8 Ziffern'],
      [{ ags: '051580991' }, 'ags', 'Der Gemeindeschlüssel hat genau 8 Ziffern'],
      [{ ags: '0515809a' }, 'ags', 'Der Gemeindeschlüssel hat genau 8 Ziffern'],
      [{ slug: 'Neustadt' }, 'slug', 'Nur Kleinbuchstaben a–z, Ziffern und Bindestriche.'],
      [{ slug: 'neu--stadt' }, 'slug', 'Nur Kleinbuchstaben a–z, Ziffern und Bindestriche.'],
      [{ name: ' ' }, 'name', 'Bitte füllen Sie dieses Feld aus.'],
    ] as const) {
      const res = await adm.post('/admin/cities', { ...valid, ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(422);
      expect(await res.text()).toMatch(new RegExp(`id="field-${field}-error"[^>]*>[^<]*${message.replace(/[.()]/g, '\\$&')}`));
    }
    // Editing a city to another's slug is refused the same way.
    const res = await adm.post(`/admin/cities/${ids.haan}`, { name: 'Haan', short_name: 'Haan', ags: '05158008', slug: 'hilden', council_body: '', kind: 'city' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Diese Adresse hat schon eine andere Stadt.');
    expect(await h.db.selectFrom('cities').select('id').where('slug', '=', 'neustadt-am-test').execute()).toHaveLength(0);
    expect(await h.db.selectFrom('audit_log').select('id').where('action', 'in', ['city.create', 'city.update']).execute()).toHaveLength(0);
  });

  it('adds and renames a city, audited', async () => {
    expect((await adm.post('/admin/cities', valid)).status).toBe(303);
    const row = await h.db.selectFrom('cities').selectAll().where('slug', '=', 'neustadt-am-test').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Neustadt am Test', ags: '05158099', council_body: null, retired: 0, kind: 'city' });
    expect((await anon.get('/cities/neustadt-am-test')).status).toBe(200);
    const renamed = { ...valid, name: 'Neustadt (Test)', slug: 'neustadt-test', council_body: 'integrationsausschuss' };
    expect((await adm.post(`/admin/cities/${row.id}`, renamed)).status).toBe(303);
    expect((await anon.get('/cities/neustadt-am-test')).status).toBe(404);
    expect(await (await anon.get('/cities/neustadt-test')).text()).toContain('<dd>Integrationsausschuss</dd>');
    const audits = await h.db.selectFrom('audit_log').select(['action', 'before_json', 'after_json']).where('entity_type', '=', 'city').where('entity_id', '=', String(row.id)).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['city.create', 'city.update']);
    expect(JSON.parse(audits[1]!.before_json!)).toEqual({ name: 'Neustadt am Test', slug: 'neustadt-am-test', council_body: null });
    expect(JSON.parse(audits[1]!.after_json!)).toEqual({ name: 'Neustadt (Test)', slug: 'neustadt-test', council_body: 'integrationsausschuss' });
  });

  it('retires an unused city at once, and restores it', async () => {
    const row = await h.db.selectFrom('cities').select('id').where('slug', '=', 'neustadt-test').executeTakeFirstOrThrow();
    expect((await adm.post(`/admin/cities/${row.id}/retire`, { replacement: '' })).status).toBe(303);
    expect((await anon.get('/cities/neustadt-test')).status).toBe(404);
    expect(await (await anon.get('/cities')).text()).not.toContain('neustadt-test');
    expect((await adm.post(`/admin/cities/${row.id}/retire`, {})).status).toBe(404);
    expect((await adm.post(`/admin/cities/${row.id}/restore`, {})).status).toBe(303);
    expect((await anon.get('/cities/neustadt-test')).status).toBe(200);
  });

  it('refuses to retire a city in use without a replacement (409, German), and moves every record to the replacement in one go', async () => {
    const refused = await adm.post(`/admin/cities/${ids.hilden}/retire`, { replacement: '' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/id="field-replacement-error"[^>]*>Diese Stadt wird noch verwendet/);
    expect((await h.db.selectFrom('cities').select('retired').where('id', '=', ids.hilden).executeTakeFirstOrThrow()).retired).toBe(0);
    expect((await adm.post(`/admin/cities/${ids.hilden}/retire`, { replacement: String(ids.hilden) })).status).toBe(422);
    expect((await adm.post(`/admin/cities/${ids.hilden}/retire`, { replacement: 'x' })).status).toBe(422);

    expect((await adm.post(`/admin/cities/${ids.hilden}/retire`, { replacement: String(ids.haan) })).status).toBe(303);
    expect((await anon.get('/cities/hilden')).status).toBe(404);
    expect(await h.db.selectFrom('organisation_cities').select('city_id').where('organisation_id', '=', ids.entry).execute()).toEqual([{ city_id: ids.haan }]);
    expect(await h.db.selectFrom('organisation_cities').select('city_id').where('organisation_id', '=', ids.pending).execute()).toEqual([{ city_id: ids.haan }]);
    expect((await h.db.selectFrom('persons').select('city_id').where('id', '=', ids.memPerson).executeTakeFirstOrThrow()).city_id).toBe(ids.haan);
    expect((await h.db.selectFrom('organisations').select('city_id').where('name', '=', 'Stadt Hilden').executeTakeFirstOrThrow()).city_id).toBe(ids.haan);
    const entry = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'city.retire').where('entity_id', '=', String(ids.hilden)).executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after_json!)).toMatchObject({ retired: 1, replacement_id: ids.haan, replacement: 'Haan' });
    expect(JSON.parse(entry.before_json!)).toMatchObject({ organisations: 1, served: 2, persons: 1 });
    const sentence = auditSentence(translator('de'), formatters('de'), { ...entry, actor_name: 'Anton Admin', actor_person_id: null }, emptyNames());
    expect(sentence).toBe('Anton Admin hat die Stadt „Hilden“ stillgelegt; ihre Einträge gehören jetzt zu „Haan“.');
    // No form offers Hilden any more (people; the directory's choices: see the report).
    expect((await cityOptions(h.db)).map((c) => c.name)).not.toContain('Hilden');
    // Haan's page now shows what Hilden had.
    expect(await (await anon.get('/cities/haan')).text()).toContain('Sprachcafé Hilden');
  });
});

describe('public texts and demo', () => {
  it('has a machine-made translation of every public key in tr, ar, ru and uk with the same placeholders', () => {
    const de = translator('de');
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [lang, messages] of Object.entries(citiesPublicMessages)) {
      expect(Object.keys(messages).sort(), lang).toEqual([...CITIES_PUBLIC_KEYS].sort());
      for (const key of CITIES_PUBLIC_KEYS) {
        const text = (messages as Record<string, string>)[key]!;
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(de(key)));
      }
    }
  });

  it('fills the city pages with the demo’s council structure', async () => {
    const d = await createHarness();
    try {
      await seedDemo(d.db, new Date('2026-11-25T09:00:00.000Z'));
      const visitor = d.browser();
      const hilden = await (await visitor.get('/cities/hilden')).text();
      expect(hilden).toContain('<dd>Integrationsrat</dd>');
      expect(hilden).toContain('<dd>14.09.2025</dd>');
      expect(hilden).toContain('Hasan Mustermann (erfundener Demo-Name)');
      const monheim = await (await visitor.get('/cities/monheim-am-rhein')).text();
      expect(monheim).toContain('<dd>Integrationsausschuss</dd>');
      expect(monheim).toContain('integrationsausschuss@monheim-am-rhein.demo');
      const haan = await (await visitor.get('/cities/haan')).text();
      expect(haan).toContain('Die Stadt hat keinen Integrationsrat und keinen Integrationsausschuss.');
      const rows = await d.db.selectFrom('cities').select(['slug', 'council_chair', 'council_url']).where('council_body', 'is not', null).execute();
      expect(rows).toHaveLength(7);
      for (const row of rows) {
        expect(row.council_chair, row.slug).toMatch(/erfundener Demo-Name/);
        expect(row.council_url, row.slug).toBeNull();
      }
    } finally {
      await d.close();
    }
  }, 60_000);
});
