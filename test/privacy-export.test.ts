import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS_COLUMNS, EXEMPT_COLUMNS, EXPORT_SECTIONS, PERSON_COLUMNS, type PersonExport } from '../src/privacy/export.js';
import { createHarness, createUser, TEST_PASSWORD, type TestHarness } from './helpers/app.js';
import { addGroup, addMeeting, addMinutes, addressColumns, personColumns, seedEverything } from './privacy-fixtures.js';

let h: TestHarness;
let mia: { personId: number; userId: number };
let olaf: { personId: number; userId: number };

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Ada Admin', email: 'admin@example.org', role: 'admin' });
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  mia = await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org' });
  olaf = await createUser(h.db, { name: 'Olaf Other', email: 'olaf@example.org' });
  const groupId = await addGroup(h.db, 'intern');
  const meetingId = await addMeeting(h.db, groupId, '2026-10-14T16:00:00.000Z', 'Herbstsitzung');
  await seedEverything(h.db, { ...mia, email: 'mia@example.org' }, { groupId, meetingId });
  // The secretariat edits both members: entries about Mia (hers to see) and about Olaf (not hers).
  const sek = await as('sek@example.org');
  for (const [person, name, email, phone, organisation] of [[mia.personId, 'Mia Mitglied', 'mia@example.org', '02104 555', 'Verein Brücke'], [olaf.personId, 'Olaf Other', 'olaf@example.org', '0211 999888', '']] as const) {
    expect((await sek.post(`/people/${person}`, { name, email, phone, organisation })).status).toBe(303);
  }
});
afterAll(() => h.close());

async function as(email: string) {
  const b = h.browser();
  await b.login(email, TEST_PASSWORD);
  return b;
}

async function exportOf(res: Response): Promise<PersonExport> {
  expect(res.status).toBe(200);
  return JSON.parse(await res.text()) as PersonExport;
}

describe('what the export covers', () => {
  it('names a section for every column of the database that refers to a person or an account', async () => {
    const columns = await personColumns(h.db, h.testDb.dialect);
    // The schema has such columns; an empty list would mean the check reads nothing.
    expect(columns).toEqual(expect.arrayContaining(['memberships.person_id', 'audit_log.actor_user_id']));
    const uncovered = columns.filter((c) => !(c in PERSON_COLUMNS) && !(c in EXEMPT_COLUMNS));
    expect(uncovered, 'add these to PERSON_COLUMNS in src/privacy/export.ts (and to the export)').toEqual([]);
    for (const section of Object.values(PERSON_COLUMNS)) expect(EXPORT_SECTIONS).toContain(section);
  });

  // Some tables are keyed by an address, not by a person: a group invitation names no person until it
  // is accepted, and a pending address change keeps the new address in its links. The person id check
  // cannot see them.
  it('names a section for every column of the database that holds an e-mail address', async () => {
    const columns = await addressColumns(h.db, h.testDb.dialect);
    expect(columns).toEqual(expect.arrayContaining(['persons.email', 'membership_invitations.email_normalized', 'auth_tokens.new_email', 'outbox.to_address']));
    const uncovered = columns.filter((c) => !(c in ADDRESS_COLUMNS) && !(c in EXEMPT_COLUMNS));
    expect(uncovered, 'add these to ADDRESS_COLUMNS in src/privacy/export.ts (and to the export)').toEqual([]);
    for (const section of Object.values(ADDRESS_COLUMNS)) expect(EXPORT_SECTIONS).toContain(section);
  });

  it('fills every section for a person who has something in each table', async () => {
    const data = await exportOf(await (await as('mia@example.org')).get('/profile/data.json'));
    expect(data.person_id).toBe(mia.personId);
    const empty = EXPORT_SECTIONS.filter((s) => !data.sections[s]?.length);
    expect(empty).toEqual([]);
    expect(data.sections.person[0]).toMatchObject({ name: 'Mia Mitglied', email: 'mia@example.org', phone: '02104 555', organisation: 'Verein Brücke', contact_consent_method: 'written' });
    expect(data.sections.account[0]).toMatchObject({ role: 'member', active: true, has_password: true });
    expect(data.sections.invitations[0]).toMatchObject({ meeting: 'Herbstsitzung', answer: 'accepted', comment: 'Ich komme etwas später.' });
    expect(data.sections.attendance[0]).toMatchObject({ meeting: 'Herbstsitzung', status: 'present' });
    expect(data.sections.minute_comments[0]).toMatchObject({ body: 'Bitte Hilden ergänzen.', agenda_item: 'Berichte aus den Städten' });
    expect(data.sections.action_items[0]).toMatchObject({ description: 'Flyer übersetzen', responsible: true, done_by_you: true });
    expect(data.sections.feeds[0]).toMatchObject({ name: 'Outlook im Büro', scope: 'person' });
    expect(data.sections.directory_submissions[0]).toMatchObject({ organisation: 'Verein Brücke', submitter_name: 'Selbst gemeldet' });
    expect(data.sections.mails[0]).toMatchObject({ to_address: 'mia@example.org', subject: 'Einladung zur Sitzung' });
    expect(data.sections.advice_requests[0]).toMatchObject({ programme: 'KOMM-AN NRW', organisation: 'Verein Brücke', email: 'mia@example.org', question: 'Wie beantragen?' });
    expect(data.sections.advice_work[0]).toMatchObject({ programme: 'KOMM-AN NRW', assigned_to_you: true, answers_by_you: 1 });
    expect(data.sections.address_change).toEqual([{ new_email: 'neu.mia@example.org', requested_at: '2026-01-10T10:00:00.000Z', expires_at: '2026-12-20T10:00:00.000Z' }]);
    // Invitations to groups are keyed by the address: the current one (typed in capitals) and the pending new one.
    expect(data.sections.group_invitations).toHaveLength(2);
    expect(data.sections.group_invitations).toEqual(expect.arrayContaining([
      expect.objectContaining({ group: 'AK intern', email: 'MIA@EXAMPLE.ORG', name: 'Selbst Eingeladen', role: 'member', organisation: 'Verein Brücke', starts_on: '2026-12-01', expires_at: '2026-12-20T10:00:00.000Z' }),
      expect.objectContaining({ group: 'AK intern', email: 'neu.mia@example.org', name: 'Neu Eingeladen' }),
    ]));
    expect(JSON.stringify(data.sections.group_invitations)).not.toMatch(/secret|invitation-/);
  });

  it('never hands out secrets: no password hash, no token or link hashes, no session ids, no mail bodies', async () => {
    const text = await (await (await as('mia@example.org')).get('/profile/data.json')).text();
    const secrets = [
      ...(await h.db.selectFrom('users').select('password_hash as s').where('id', '=', mia.userId).execute()),
      ...(await h.db.selectFrom('sessions').select('id as s').where('user_id', '=', mia.userId).execute()),
      ...(await h.db.selectFrom('sessions').select('secret_hash as s').where('user_id', '=', mia.userId).execute()),
      ...(await h.db.selectFrom('auth_tokens').select('secret_hash as s').where('user_id', '=', mia.userId).execute()),
      ...(await h.db.selectFrom('feed_tokens').select('token_hash as s').where('user_id', '=', mia.userId).execute()),
      ...(await h.db.selectFrom('rsvps').select('link_secret_hash as s').where('person_id', '=', mia.personId).execute()),
      ...(await h.db.selectFrom('contact_consent_links').select('secret_hash as s').where('person_id', '=', mia.personId).execute()),
    ].map((r) => r.s);
    expect(secrets.length).toBeGreaterThanOrEqual(7);
    for (const secret of secrets) expect(text).not.toContain(secret!);
    expect(text).not.toMatch(/password_hash|secret_hash|token_hash|body_text/);
  });

  it('shows entries about the person with their content, and others’ data from their own changes not at all', async () => {
    const mine = await exportOf(await (await as('mia@example.org')).get('/profile/data.json'));
    const update = mine.sections.audit_log.find((e) => e.action === 'person.update');
    expect(update).toMatchObject({ by: 'staff', entity_type: 'person', entity_id: String(mia.personId) });
    expect(JSON.stringify(update!.after)).toContain('02104 555');
    expect(JSON.stringify(mine)).not.toContain('olaf');

    // The secretariat's own export lists what Sina changed, without the people's details.
    const sina = await exportOf(await (await as('sek@example.org')).get('/profile/data.json'));
    const changes = sina.sections.audit_log.filter((e) => e.action === 'person.update');
    expect(changes).toHaveLength(2);
    expect(changes.every((e) => e.by === 'self' && e.before === null && e.after === null)).toBe(true);
    expect(JSON.stringify(sina)).not.toMatch(/0211 999888|olaf@example\.org|mia@example\.org/);
  });
});

describe('action items of draft minutes', () => {
  // Everywhere else (the action lists, the agenda, the reminders) an item appears once its minutes are
  // circulated; the staff's lists too. The export follows the same rule, the staff's export as well.
  it('are in neither export until the minutes are circulated, then in both', async () => {
    const groupId = await addGroup(h.db, 'entwurf');
    const meetingId = await addMeeting(h.db, groupId, '2026-11-18T17:00:00.000Z', 'Novembersitzung');
    const { minutesId, itemId } = await addMinutes(h.db, meetingId);
    await h.db.updateTable('minutes').set({ status: 'draft' }).where('id', '=', minutesId).execute();
    await h.db
      .insertInto('action_items')
      .values({ minutes_id: minutesId, agenda_item_id: itemId, group_id: groupId, description: 'Plakat für Ratingen entwerfen', responsible_person_id: mia.personId, due_on: '2026-12-15', status: 'open', created_at: '2026-11-18T19:00:00.000Z' })
      .execute();
    const [own, staff] = [await as('mia@example.org'), await as('sek@example.org')];
    const seen = async () =>
      Promise.all([
        own.get('/profile/data').then((r) => r.text()),
        own.get('/profile/data.json').then((r) => r.text()),
        staff.get(`/people/${mia.personId}/data`).then((r) => r.text()),
        staff.get(`/people/${mia.personId}/data.json`).then((r) => r.text()),
      ]);
    const drafts = await seen();
    // The pages do show her other action item: the section is there, only the draft's is not.
    for (const text of drafts) expect(text).toContain('Flyer übersetzen');
    for (const text of drafts) expect(text).not.toContain('Plakat für Ratingen');

    await h.db.updateTable('minutes').set({ status: 'circulated', circulated_at: '2026-11-20T08:00:00.000Z' }).where('id', '=', minutesId).execute();
    for (const text of await seen()) expect(text).toContain('Plakat für Ratingen entwerfen');
    const data = JSON.parse((await seen())[1]) as PersonExport;
    expect(data.sections.action_items.find((a) => a.meeting === 'Novembersitzung')).toMatchObject({ description: 'Plakat für Ratingen entwerfen', status: 'open', responsible: true, done_by_you: false });
  });
});

describe('the pages', () => {
  it('the JSON is a download named after the person and the day', async () => {
    const res = await (await as('mia@example.org')).get('/profile/data.json');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="arbeitskreis-hub-daten-${mia.personId}-2026-11-25.json"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('the readable page shows every section in German, dates as 25.11.2026', async () => {
    const res = await (await as('mia@example.org')).get('/profile/data');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Meine gespeicherten Daten</h1>');
    for (const heading of ['Angaben zur Person', 'Mitgliedschaften in Arbeitskreisen', 'Einladungen und Rückmeldungen', 'Anwesenheit', 'Aufgaben', 'Kalender-Adressen', 'Einträge im Änderungsprotokoll']) {
      expect(html).toContain(`>${heading}</h2>`);
    }
    expect(html).toContain('Ich komme etwas später.');
    expect(html).toContain('14.10.2026, 18:00');
    expect(html).toContain('Zusage');
    expect(html).toContain('href="/profile/data.json"');
    expect(html).not.toContain('<script>');
  });

  it('the profile links to it', async () => {
    const html = await (await (await as('mia@example.org')).get('/profile')).text();
    expect(html).toContain('href="/profile/data"');
    expect(html).toContain('href="/profile/data.json"');
  });

  it('the staff see the person’s export from the person page, with the person’s name', async () => {
    const sek = await as('sek@example.org');
    expect(await (await sek.get(`/people/${mia.personId}`)).text()).toContain(`href="/people/${mia.personId}/data"`);
    const html = await (await sek.get(`/people/${mia.personId}/data`)).text();
    expect(html).toContain('Gespeicherte Daten: Mia Mitglied');
    expect(html).toContain('mit Ihrem Namen im Änderungsprotokoll vermerkt');
    const data = await exportOf(await sek.get(`/people/${mia.personId}/data.json`));
    expect(data.sections.person[0]!.email).toBe('mia@example.org');
  });
});

describe('who may export whose data', () => {
  const otherPath = () => `/people/${mia.personId}`;
  it.each([
    ['/profile/data', null, 303],
    ['/profile/data.json', null, 303],
    ['/profile/data', 'olaf@example.org', 200],
    ['/profile/data.json', 'admin@example.org', 200],
    ['PERSON/data', null, 303],
    ['PERSON/data.json', null, 303],
    ['PERSON/data', 'olaf@example.org', 403],
    ['PERSON/data.json', 'olaf@example.org', 403],
    // Members read their own data under /profile; /people is the staff's.
    ['PERSON/data.json', 'mia@example.org', 403],
    ['PERSON/data', 'sek@example.org', 200],
    ['PERSON/data.json', 'admin@example.org', 200],
    ['/people/999999/data', 'sek@example.org', 404],
    ['/people/999999/data.json', 'admin@example.org', 404],
  ] as const)('GET %s as %s → %i', async (path, who, status) => {
    const b = who ? await as(who) : h.browser();
    const res = await b.get(path.replace('PERSON', otherPath()));
    expect(res.status).toBe(status);
    if (status === 303) expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
    if (status >= 400) expect(await res.text()).toMatch(/Kein Zugriff|Seite nicht gefunden/);
  });

  it('the secretariat may not export an admin’s data (as it may not anonymise one); admins may', async () => {
    const ada = await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'admin@example.org').executeTakeFirstOrThrow();
    const sek = await as('sek@example.org');
    for (const path of [`/people/${ada.id}/data`, `/people/${ada.id}/data.json`]) {
      const res = await sek.get(path);
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain('Kein Zugriff');
    }
    expect(await (await sek.get(`/people/${ada.id}`)).text()).not.toContain(`/people/${ada.id}/data`);
    const admin = await as('admin@example.org');
    expect((await admin.get(`/people/${ada.id}/data.json`)).status).toBe(200);
    const adam = await createUser(h.db, { name: 'Adam Zweitadmin', email: 'adam@example.org', role: 'admin' });
    expect((await admin.get(`/people/${adam.personId}/data`)).status).toBe(200);
    expect(await (await admin.get(`/people/${adam.personId}`)).text()).toContain(`/people/${adam.personId}/data`);
  });

  it('a member’s own export holds only their data, whatever id they try', async () => {
    const olafsOwn = await exportOf(await (await as('olaf@example.org')).get(`/profile/data.json?person=${mia.personId}`));
    expect(olafsOwn.person_id).toBe(olaf.personId);
    expect(JSON.stringify(olafsOwn)).not.toContain('Mia Mitglied');
  });
});

describe('the audit log', () => {
  it('records every export with who fetched whose data', async () => {
    const count = async () => (await h.db.selectFrom('audit_log').select('id').where('action', '=', 'person.data_export').execute()).length;
    const before = await count();
    await (await as('mia@example.org')).get('/profile/data');
    const sek = await as('sek@example.org');
    await sek.get(`/people/${mia.personId}/data.json`);
    await h.browser().get('/profile/data.json');
    await (await as('olaf@example.org')).get(`/people/${mia.personId}/data`);
    expect(await count()).toBe(before + 2);
    const entries = await h.db
      .selectFrom('audit_log')
      .innerJoin('users', 'users.id', 'audit_log.actor_user_id')
      .innerJoin('persons', 'persons.id', 'users.person_id')
      .select(['persons.name as actor', 'audit_log.entity_type', 'audit_log.entity_id', 'audit_log.after_json'])
      .where('action', '=', 'person.data_export')
      .orderBy('audit_log.id', 'desc')
      .limit(2)
      .execute();
    expect(entries).toEqual([
      { actor: 'Sina Sekretariat', entity_type: 'person', entity_id: String(mia.personId), after_json: '{"format":"json"}' },
      { actor: 'Mia Mitglied', entity_type: 'person', entity_id: String(mia.personId), after_json: '{"format":"html"}' },
    ]);
  });
});
