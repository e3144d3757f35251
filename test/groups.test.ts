import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, linkFrom, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

// Visibility and management of working groups, for every kind of visitor.
let h: TestHarness;
const who: Record<string, Browser> = {};

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Olaf Organisator', email: 'olaf@example.org' });
  await createUser(h.db, { name: 'Ines Intern', email: 'ines@example.org' });
  await createUser(h.db, { name: 'Emil Extern', email: 'emil@example.org' });
  await createUser(h.db, { name: 'Fritz Fremd', email: 'fritz@example.org' });
  for (const email of ['sek', 'olaf', 'ines', 'emil', 'fritz']) {
    who[email] = h.browser();
    await who[email]!.login(`${email}@example.org`, TEST_PASSWORD);
  }
  who.public = h.browser();

  const sek = who.sek!;
  await sek.post('/groups', { name: 'Arbeitskreis Integration intern', kind: 'internal', description: 'Die Integrationsbeauftragten der zehn Städte.', colour: '#aa3300' });
  await sek.post('/groups', { name: 'Arbeitskreis Integration extern', slug: 'ak-extern', kind: 'external', description: 'Träger, Vereine und Beratungsstellen.', dates_public: 'on' });
  await sek.post('/groups/arbeitskreis-integration-intern/members', { person: 'ines@example.org', role: 'member', organisation: 'Stadt Hilden', starts_on: '2026-01-01' });
  await sek.post('/groups/arbeitskreis-integration-intern/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  await sek.post('/groups/ak-extern/members', { person: 'emil@example.org', role: 'member', organisation: 'Caritas', starts_on: '2026-01-01' });
});
afterAll(() => h.close());

describe('group visibility', () => {
  const INTERNAL = '/groups/arbeitskreis-integration-intern';
  const EXTERNAL = '/groups/ak-extern';
  const cases: [string, string, number][] = [
    // internal group: only members and the staff; everyone else gets 404 (or the login), never its names
    [INTERNAL, 'sek', 200],
    [INTERNAL, 'olaf', 200],
    [INTERNAL, 'ines', 200],
    [INTERNAL, 'emil', 404],
    [INTERNAL, 'fritz', 404],
    [INTERNAL, 'public', 303],
    [`${INTERNAL}/members`, 'ines', 200],
    [`${INTERNAL}/members`, 'emil', 404],
    [`${INTERNAL}/members.csv`, 'fritz', 404],
    [`${INTERNAL}/members/import`, 'ines', 403],
    [`${INTERNAL}/members/import`, 'olaf', 200],
    [`${INTERNAL}/edit`, 'olaf', 403],
    [`${INTERNAL}/edit`, 'sek', 200],
    // external group with public dates: page for everyone, member list only for members
    [EXTERNAL, 'public', 200],
    [EXTERNAL, 'fritz', 200],
    [`${EXTERNAL}/members`, 'fritz', 403],
    [`${EXTERNAL}/members`, 'public', 303],
    [`${EXTERNAL}/members`, 'emil', 200],
    [`${EXTERNAL}/members.csv`, 'emil', 200],
    [`${EXTERNAL}/members.csv`, 'fritz', 403],
    ['/groups/gibt-es-nicht', 'sek', 404],
    ['/groups/new', 'olaf', 403],
    ['/groups/new', 'sek', 200],
  ];
  it.each(cases)('GET %s as %s → %i', async (path, visitor, status) => {
    const res = await who[visitor]!.get(path);
    expect(res.status).toBe(status);
    const html = await res.text();
    if (visitor !== 'sek' && visitor !== 'olaf' && visitor !== 'ines') {
      expect(html).not.toContain('Ines Intern');
      expect(html).not.toContain('Arbeitskreis Integration intern');
    }
  });

  it('/groups lists what each visitor may see', async () => {
    const list = async (v: string) => (await (await who[v]!.get('/groups')).text());
    expect(await list('sek')).toContain('Arbeitskreis Integration intern');
    expect(await list('ines')).toContain('Arbeitskreis Integration intern');
    expect(await list('ines')).toContain('Arbeitskreis Integration extern');
    expect(await list('fritz')).not.toContain('Arbeitskreis Integration intern');
    expect(await list('fritz')).toContain('Arbeitskreis Integration extern');
    const publicList = await list('public');
    expect(publicList).toContain('Arbeitskreis Integration extern');
    expect(publicList).not.toContain('Arbeitskreis Integration intern');
    expect(publicList).not.toMatch(/Mitglieder: \d+/);
  });

  it('the public sees no names on a public group page; signed-in outsiders see the contacts but not the members', async () => {
    await who.sek!.post('/groups/ak-extern/members', { person: 'olaf@example.org', role: 'chair', starts_on: '2026-01-01' });
    const publicPage = await (await who.public!.get('/groups/ak-extern')).text();
    expect(publicPage).toContain('Träger, Vereine und Beratungsstellen.');
    expect(publicPage).not.toContain('Olaf Organisator');
    expect(publicPage).not.toContain('Emil Extern');
    const outsider = await (await who.fritz!.get('/groups/ak-extern')).text();
    expect(outsider).toContain('Olaf Organisator');
    expect(outsider).not.toContain('Emil Extern');
    expect(outsider).not.toContain('/groups/ak-extern/members');
    const member = await (await who.emil!.get('/groups/ak-extern')).text();
    expect(member).toContain('/groups/ak-extern/members');
  });

  it('a member sees the group on the dashboard with their role', async () => {
    const home = await (await who.ines!.get('/')).text();
    expect(home).toContain('Arbeitskreis Integration intern');
    expect(home).toContain('(Mitglied)');
  });
});

describe('managing groups', () => {
  it('creates with a slug from the name, refuses duplicates and bad input', async () => {
    const sek = who.sek!;
    const dup = await sek.post('/groups', { name: 'Noch einer', slug: 'ak-extern', kind: 'external' });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('Diesen Kurznamen hat schon ein anderer Arbeitskreis.');
    for (const [form, message] of [
      [{ name: '', kind: 'external' }, 'Bitte füllen Sie dieses Feld aus.'],
      [{ name: 'X', kind: 'geheim' }, 'Bitte wählen Sie einen Eintrag aus der Liste.'],
      [{ name: 'X', kind: 'external', slug: 'Mit Leerzeichen' }, 'Nur Kleinbuchstaben'],
      [{ name: 'X', kind: 'external', slug: 'new' }, 'Diesen Kurznamen hat schon'],
      [{ name: 'X', kind: 'external', colour: 'red' }, 'Bitte wählen Sie eine Farbe'],
      [{ name: 'X', kind: 'external', description: 'x'.repeat(5001) }, 'Dieser Eintrag ist zu lang.'],
    ] as const) {
      const res = await sek.post('/groups', form);
      expect(res.status, JSON.stringify(form).slice(0, 80)).toBe(422);
      expect(await res.text()).toContain(message);
    }
    expect(await h.db.selectFrom('groups').select('id').execute()).toHaveLength(2);
  });

  it('a group named "New" gets an address that is not the create form', async () => {
    const res = await who.sek!.post('/groups', { name: 'New', kind: 'external' });
    expect(res.headers.get('location')).toBe('/groups/arbeitskreis-new');
    expect(await (await who.sek!.get('/groups/arbeitskreis-new')).text()).toContain('<h1>');
    await h.db.deleteFrom('audit_log').where('entity_type', '=', 'group').where('action', '=', 'group.create').where('after_json', 'like', '%arbeitskreis-new%').execute();
    await h.db.deleteFrom('groups').where('slug', '=', 'arbeitskreis-new').execute();
  });

  it('a script in the description is shown as text', async () => {
    await who.sek!.post('/groups', { name: 'Sport & Spiel', kind: 'external', description: '<script>alert(1)</script>' });
    const html = await (await who.sek!.get('/groups/sport-spiel')).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('edits and archives (never deletes); an archived group is hidden from outsiders and kept for members', async () => {
    const sek = who.sek!;
    const res = await sek.post('/groups/sport-spiel', { name: 'Sport und Spiel', slug: 'sport', kind: 'external', description: 'Neu', colour: '#112233' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/groups/sport');
    expect((await sek.post('/groups/sport/archive', {})).status).toBe(303);
    expect((await who.fritz!.get('/groups/sport')).status).toBe(404);
    expect(await (await sek.get('/groups/sport')).text()).toContain('Dieser Arbeitskreis ist archiviert.');
    expect((await who.olaf!.post('/groups/sport/restore', {})).status).toBe(403);
    expect((await sek.post('/groups/sport/restore', {})).status).toBe(303);
    expect((await who.fritz!.get('/groups/sport')).status).toBe(200);
    const actions = (await h.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'group').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['group.create', 'group.update', 'group.archive', 'group.restore']));
  });

  it('outsiders cannot change a group', async () => {
    expect((await who.olaf!.post('/groups/ak-extern', { name: 'Gekapert', kind: 'external' })).status).toBe(403);
    expect((await who.public!.post('/groups', { name: 'Gekapert', kind: 'external' })).status).toBe(401);
    expect((await who.fritz!.post('/groups/ak-extern/archive', {})).status).toBe(403);
  });
});

describe('memberships', () => {
  const MEMBERS = '/groups/arbeitskreis-integration-intern/members';

  it('the secretariat adds a member by name, choosing among several matches', async () => {
    await createUser(h.db, { name: 'Anna Schmidt', email: 'anna.schmidt@example.org' });
    await createUser(h.db, { name: 'Anna Schneider', email: 'anna.schneider@example.org' });
    const sek = who.sek!;
    const many = await sek.post(MEMBERS, { person: 'anna', role: 'member', starts_on: '2026-11-25' });
    expect(many.status).toBe(422);
    const html = await many.text();
    expect(html).toContain('Mehrere Personen passen.');
    expect(html).toContain('Anna Schneider');
    const schneider = await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'anna.schneider@example.org').executeTakeFirstOrThrow();
    const ok = await sek.post(MEMBERS, { person: 'anna', person_id: String(schneider.id), role: 'deputy', starts_on: '2026-11-25' });
    expect(ok.status).toBe(303);
    expect(await (await sek.get(MEMBERS)).text()).toContain('Anna Schneider');
  });

  it('a member added without an organisation represents the one recorded for the person; a named one wins', async () => {
    const { personId } = await createUser(h.db, { name: 'Olga Orga', email: 'olga@example.org' });
    const org = await h.db.insertInto('organisations').values({ name: 'Caritas Mettmann', name_normalized: 'caritas mettmann', kind: 'association', status: 'published', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' }).returning('id').executeTakeFirstOrThrow();
    await h.db.updateTable('persons').set({ organisation_id: org.id }).where('id', '=', personId).execute();
    expect(await (await who.sek!.get(MEMBERS)).text()).toContain('die Organisation zu übernehmen, die bei der Person eingetragen ist');
    expect((await who.sek!.post(MEMBERS, { person: 'olga@example.org', role: 'member', starts_on: '2026-11-25' })).status).toBe(303);
    const membership = await h.db.selectFrom('memberships').innerJoin('groups', 'groups.id', 'memberships.group_id').select('memberships.organisation_id').where('person_id', '=', personId).where('groups.slug', '=', 'arbeitskreis-integration-intern').executeTakeFirstOrThrow();
    expect(membership.organisation_id).toBe(org.id);
    const other = await who.sek!.post('/groups/ak-extern/members', { person: 'olga@example.org', role: 'member', organisation: 'Stadt Hilden', starts_on: '2026-11-25' });
    expect(other.status).toBe(303);
    const named = await h.db.selectFrom('memberships').innerJoin('groups', 'groups.id', 'memberships.group_id').leftJoin('organisations', 'organisations.id', 'memberships.organisation_id').select('organisations.name').where('person_id', '=', personId).where('groups.slug', '=', 'ak-extern').executeTakeFirstOrThrow();
    expect(named.name).toBe('Stadt Hilden');
  });

  it('an organiser invites by address, never by a name search of the hub', async () => {
    const olaf = who.olaf!;
    const byName = await olaf.post(MEMBERS, { person: 'anna', role: 'member', starts_on: '2026-11-25' });
    expect(byName.status).toBe(422);
    const html = await byName.text();
    expect(html).toContain('Bitte geben Sie die E-Mail-Adresse der Person ein.');
    expect(html).not.toContain('Anna Schmidt');
    expect(html).not.toContain('anna.schmidt@example.org');
    expect((await olaf.post(MEMBERS, { person: 'anna.schmidt@example.org', new_name: 'Anna S.', role: 'guest', starts_on: '2026-11-25' })).status).toBe(303);
    // Invited, not added: the list shows what Olaf typed, and no membership exists until she accepts.
    const page = await (await olaf.get(MEMBERS)).text();
    expect(page).toContain('Anna S.');
    expect(page).not.toContain('Anna Schmidt');
  });

  it('an unknown address becomes a person only when its owner accepts the invitation', async () => {
    const olaf = who.olaf!;
    const needName = await olaf.post(MEMBERS, { person: 'neu@stadt-haan.de', role: 'member', starts_on: '2026-11-25' });
    expect(needName.status).toBe(422);
    expect(await needName.text()).toContain('Bitte geben Sie den Namen der Person ein.');
    const ok = await olaf.post(MEMBERS, { person: 'neu@stadt-haan.de', new_name: 'Nora Neu', role: 'member', organisation: 'Stadt Haan', starts_on: '2026-11-25' });
    expect(ok.status).toBe(303);
    expect(await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'neu@stadt-haan.de').executeTakeFirst()).toBeUndefined();
    const mail = await h.db.selectFrom('outbox').select('body_text').where('to_address', '=', 'neu@stadt-haan.de').executeTakeFirstOrThrow();
    const link = linkFrom(mail.body_text).replace('http://localhost', '');
    expect((await h.browser().get(link)).status).toBe(200);
    const accepted = await h.browser().post(link, { answer: 'accept' });
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain('Sie sind jetzt Mitglied im Arbeitskreis „Arbeitskreis Integration intern“.');
    const list = await (await olaf.get(MEMBERS)).text();
    expect(list).toContain('Nora Neu');
    expect(list).toContain('neu@stadt-haan.de');
    // The link is used up.
    expect((await h.browser().get(link)).status).toBe(410);
  });

  it('refuses bad memberships: unknown role, until before from, impossible date, overlap, unknown person', async () => {
    const olaf = who.olaf!;
    const count = async () => (await h.db.selectFrom('memberships').select('id').execute()).length;
    const before = await count();
    const ines = await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'ines@example.org').executeTakeFirstOrThrow();
    for (const [form, message] of [
      [{ person: 'fritz@example.org', role: 'kaiser', starts_on: '2026-11-25' }, 'Bitte wählen Sie einen Eintrag'],
      [{ person: 'fritz@example.org', role: 'member', starts_on: '2026-11-25', ends_on: '2026-11-01' }, 'Das Ende darf nicht vor dem Beginn liegen.'],
      [{ person: 'fritz@example.org', role: 'member', starts_on: '2026-02-30' }, 'gültiges Datum'],
      [{ person: 'fritz@example.org', role: 'member', starts_on: '0000-01-01' }, 'gültiges Datum'],
      [{ person: '', person_id: '9999999999', role: 'member', starts_on: '2026-11-25' }, 'Bitte wählen Sie einen Eintrag'],
      [{ person: '', person_id: String(ines.id), role: 'member', starts_on: '2026-11-25' }, 'schon Mitglied'],
      [{ person: 'niemand', role: 'member', starts_on: '2026-11-25' }, 'Bitte geben Sie die E-Mail-Adresse der Person ein.'],
      [{ person: '', person_id: '99999', role: 'member', starts_on: '2026-11-25' }, 'Keine passende Person gefunden.'],
    ] as const) {
      const res = await olaf.post(MEMBERS, form);
      expect(res.status, JSON.stringify(form)).toBe(422);
      expect(await res.text()).toContain(message);
    }
    expect(await count()).toBe(before);
  });

  it('ends a membership, keeping it in the history; members cannot', async () => {
    const row = await h.db
      .selectFrom('memberships')
      .innerJoin('persons', 'persons.id', 'memberships.person_id')
      .select('memberships.id')
      .where('persons.email_normalized', '=', 'anna.schneider@example.org')
      .executeTakeFirstOrThrow();
    expect((await who.ines!.post(`${MEMBERS}/${row.id}/end`, {})).status).toBe(403);
    expect((await who.emil!.post(`${MEMBERS}/${row.id}/end`, {})).status).toBe(404);
    const res = await who.olaf!.post(`${MEMBERS}/${row.id}/end`, {});
    expect(res.status).toBe(303);
    const ended = await h.db.selectFrom('memberships').select('ends_on').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(ended.ends_on).toBe('2026-11-25');
    // Ended today: still shown as current today, in the history from tomorrow on.
    h.clock.advance(24 * 60 * 60 * 1000);
    const page = await (await who.olaf!.get(MEMBERS)).text();
    const history = page.slice(page.indexOf('Ehemalige und künftige Mitgliedschaften'));
    expect(history).toContain('Anna Schneider');
    expect(history).toContain('25.11.2026');
    expect((await who.olaf!.post(`${MEMBERS}/999999/end`, {})).status).toBe(404);
    expect((await who.olaf!.post(`${MEMBERS}/9999999999/end`, {})).status).toBe(404);
    // An ended membership cannot be "ended" again, which would reopen it.
    const again = await who.olaf!.post(`${MEMBERS}/${row.id}/end`, {});
    expect(again.status).toBe(422);
    expect((await h.db.selectFrom('memberships').select('ends_on').where('id', '=', row.id).executeTakeFirstOrThrow()).ends_on).toBe('2026-11-25');
  });

  it('ends a membership on the day chosen in the row; a date that is none is refused (422), nothing changes', async () => {
    const row = await h.db.selectFrom('memberships').innerJoin('persons', 'persons.id', 'memberships.person_id').select('memberships.id').where('persons.email_normalized', '=', 'ines@example.org').executeTakeFirstOrThrow();
    const page = await (await who.olaf!.get(MEMBERS)).text();
    expect(page).toContain(`id="end-${row.id}" name="ends_on" value="2026-11-26"`);
    const bad = await who.olaf!.post(`${MEMBERS}/${row.id}/end`, { ends_on: '31.02.2026' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('gültiges Datum für das Ende der Mitgliedschaft');
    expect((await h.db.selectFrom('memberships').select('ends_on').where('id', '=', row.id).executeTakeFirstOrThrow()).ends_on).toBeNull();
    expect((await who.olaf!.post(`${MEMBERS}/${row.id}/end`, { ends_on: '2026-12-31' })).status).toBe(303);
    expect((await h.db.selectFrom('memberships').select('ends_on').where('id', '=', row.id).executeTakeFirstOrThrow()).ends_on).toBe('2026-12-31');
  });

  it('answers htmx with fragments: the live filter gets the list, adding gets the panel', async () => {
    const filtered = await who.ines!.get(`${MEMBERS}?q=hilden`, { 'HX-Request': 'true' });
    const html = await filtered.text();
    expect(html).not.toContain('<html');
    expect(html).toContain('Ines Intern');
    expect(html).not.toContain('Olaf Organisator');
    const panel = await who.olaf!.post(MEMBERS, { person: 'fritz@example.org', new_name: 'Fritz F.', role: 'guest', starts_on: '2026-11-26' }, { 'HX-Request': 'true' });
    expect(panel.status).toBe(200);
    const panelHtml = await panel.text();
    expect(panelHtml).toMatch(/^<div id="members-panel">/);
    expect(panelHtml).toContain('Die Einladung ist verschickt.');
    expect(panelHtml).toContain('Fritz F.');
    expect(panelHtml).not.toContain('Fritz Fremd');
    const boosted = await who.ines!.get(MEMBERS, { 'HX-Request': 'true', 'HX-Boosted': 'true' });
    expect(await boosted.text()).toContain('<html');
  });

  it('exports the member list as a CSV that Excel opens: BOM, semicolons, no formulas', async () => {
    await h.db.updateTable('persons').set({ phone: '+49 2103 123' }).where('email_normalized', '=', 'ines@example.org').execute();
    const res = await who.ines!.get(`${MEMBERS}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="mitglieder-arbeitskreis-integration-intern-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Name;E-Mail-Adresse;Telefon;Funktion;Vertretene Organisation;Rolle;Seit');
    expect(text).toContain("Ines Intern;ines@example.org;'+49 2103 123;;Stadt Hilden;Mitglied;01.01.2026");
  });
});
