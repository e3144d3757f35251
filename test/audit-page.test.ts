import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, listAuditEntries } from '../src/audit/audit.js';
import { loadSubjectNames } from '../src/audit/subject-names.js';
import { PAGE_SIZE } from '../src/http/pagination.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';
import { addGroup, addMeeting, addMembership } from './privacy-fixtures.js';

// The audit log page (/admin/audit): filters by actor, action, record and Berlin days, pagination that
// keeps them, readable before/after, and German 422s for nonsense in the address.
let h: TestHarness;
let admin: Browser;
let adminUser: number;
let sekUser: number;
let miaUser: number;

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  h = await createHarness();
  adminUser = (await createUser(h.db, { name: 'Ada Admin', email: 'admin@example.org', role: 'admin' })).userId;
  sekUser = (await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' })).userId;
  miaUser = (await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org', role: 'member' })).userId;
  admin = h.browser();
  await admin.login('admin@example.org', TEST_PASSWORD);
  // Signing in writes nothing to the log; these are the only entries besides what the tests add.
  await audit(h.db, { actorUserId: sekUser, action: 'person.update', entityType: 'person', entityId: 7, before: { name: 'Alt Name', phone: '1', city_id: 3 }, after: { name: 'Neu Name', phone: '1' } }, at('2026-11-20T10:00:00.000Z'));
  await audit(h.db, { actorUserId: adminUser, action: 'person.data_export', entityType: 'person', entityId: 7, after: { format: 'json' } }, at('2026-11-21T10:00:00.000Z'));
  await audit(h.db, { actorUserId: null, action: 'organisation.submit', entityType: 'organisation', entityId: 3, after: { name: '<script>alert(1)</script>' } }, at('2026-11-22T10:00:00.000Z'));
  await audit(h.db, { actorUserId: miaUser, action: 'rsvp.answer', entityType: 'meeting', entityId: 7, after: { answer: 'accepted' } }, at('2026-11-23T10:00:00.000Z'));
  // 23:30 Berlin on 23.11. is 22:30 UTC: it belongs to the 23rd, not the 24th.
  await audit(h.db, { actorUserId: sekUser, action: 'group.create', entityType: 'group', entityId: 1, after: { name: 'AK' } }, at('2026-11-23T22:30:00.000Z'));
});
afterAll(() => h.close());

/** The actions listed on a page of the log, in order. */
async function actionsOn(path: string, who: Browser = admin): Promise<string[]> {
  const res = await who.get(path);
  expect(res.status, path).toBe(200);
  const html = await res.text();
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return [...body.matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1]!);
}

describe('who may read the log', () => {
  it.each([
    [null, 303],
    ['mia@example.org', 403],
    // The log holds everyone's personal data: admins only, not the secretariat.
    ['sek@example.org', 403],
    ['admin@example.org', 200],
  ] as const)('GET /admin/audit?action=person.data_export as %s → %i', async (who, status) => {
    const b = h.browser();
    if (who) await b.login(who, TEST_PASSWORD);
    const res = await b.get('/admin/audit?action=person.data_export');
    expect(res.status).toBe(status);
    if (status === 303) expect(res.headers.get('location')).toBe('/login?next=%2Fadmin%2Faudit%3Faction%3Dperson.data_export');
    if (status !== 200) expect(await res.text()).not.toContain('person.data_export');
  });
});

describe('filters', () => {
  it('without filters: everything, newest first', async () => {
    expect(await actionsOn('/admin/audit')).toEqual(['group.create', 'rsvp.answer', 'organisation.submit', 'person.data_export', 'person.update']);
  });

  it('by actor, including the system and people outside the staff', async () => {
    expect(await actionsOn(`/admin/audit?actor=${sekUser}`)).toEqual(['group.create', 'person.update']);
    expect(await actionsOn('/admin/audit?actor=system')).toEqual(['organisation.submit']);
    expect(await actionsOn(`/admin/audit?actor=${miaUser}`)).toEqual(['rsvp.answer']);
    const html = await (await admin.get(`/admin/audit?actor=${miaUser}`)).text();
    expect(html).toContain(`<option value="${miaUser}" selected="">Mia Mitglied</option>`);
    expect(await actionsOn('/admin/audit?actor=999999')).toEqual([]);
  });

  it('the person filter offers everyone who made an entry, by name, and nobody else', async () => {
    const idle = (await createUser(h.db, { name: 'Iris Idle', email: 'idle@example.org', role: 'secretariat' })).userId;
    const html = await (await admin.get('/admin/audit')).text();
    const select = html.slice(html.indexOf('<select id="field-actor"'), html.indexOf('</select>', html.indexOf('<select id="field-actor"')));
    const options = [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
    // Mia is a member who only answered once: she is offered all the same; Iris (staff, no entry) is not.
    expect(options).toEqual([
      ['', 'Alle'],
      ['system', 'System'],
      [String(adminUser), 'Ada Admin'],
      [String(miaUser), 'Mia Mitglied'],
      [String(sekUser), 'Sina Sekretariat'],
    ]);
    // Asked for by address, someone without entries is still shown as chosen.
    expect(await (await admin.get(`/admin/audit?actor=${idle}`)).text()).toContain(`<option value="${idle}" selected="">Iris Idle</option>`);
  });

  it('by action: the exports of personal data have a quick filter', async () => {
    const html = await (await admin.get('/admin/audit')).text();
    expect(html).toContain('href="/admin/audit?action=person.data_export"');
    expect(await actionsOn('/admin/audit?action=person.data_export')).toEqual(['person.data_export']);
    // An action not (yet) in the log is still a valid filter: no entries, no error.
    expect(await actionsOn('/admin/audit?action=person.anonymise')).toEqual([]);
  });

  it('by record type and id', async () => {
    const html = await (await admin.get('/admin/audit')).text();
    expect(html).toContain('<option value="meeting">Sitzung (meeting)</option>');
    expect(html).toContain('<option value="organisation">Verzeichniseintrag (organisation)</option>');
    expect(html).toContain('<option value="person.data_export">Personenbezogene Daten exportiert (person.data_export)</option>');
    // A code the hub does not write (any more) is offered as it is.
    expect(html).toContain('<option value="rsvp.answer">rsvp.answer</option>');
    expect(await actionsOn('/admin/audit?entity_type=person&entity_id=7')).toEqual(['person.data_export', 'person.update']);
    expect(await actionsOn('/admin/audit?entity_type=meeting')).toEqual(['rsvp.answer']);
    expect(await actionsOn('/admin/audit?entity_type=person&entity_id=8')).toEqual([]);
  });

  it('by Berlin calendar days, both inclusive', async () => {
    expect(await actionsOn('/admin/audit?from=2026-11-21&to=2026-11-22')).toEqual(['organisation.submit', 'person.data_export']);
    expect(await actionsOn('/admin/audit?from=2026-11-23&to=2026-11-23')).toEqual(['group.create', 'rsvp.answer']);
    expect(await actionsOn('/admin/audit?from=2026-11-24')).toEqual([]);
    expect(await actionsOn('/admin/audit?to=2026-11-20')).toEqual(['person.update']);
  });

  it('combined, and every value in the list narrows the current filters', async () => {
    expect(await actionsOn(`/admin/audit?actor=${sekUser}&entity_type=person&from=2026-11-01`)).toEqual(['person.update']);
    const html = await (await admin.get(`/admin/audit?actor=${sekUser}`)).text();
    expect(html).toContain(`href="/admin/audit?actor=${sekUser}&amp;entity_type=person&amp;entity_id=7"`);
    expect(html).toContain(`href="/admin/audit?actor=${sekUser}&amp;action=group.create"`);
  });
});

describe('before and after', () => {
  it('shows the changed fields with old and new value, and everything recorded behind a disclosure', async () => {
    const html = await (await admin.get('/admin/audit?action=person.update')).text();
    expect(html).toContain('<dt>name</dt><dd><del>Alt Name</del> → <ins>Neu Name</ins></dd>');
    // Unchanged (phone) and unrecorded (city_id is not in "after") fields are not listed as changes.
    expect(html).not.toContain('<dt>phone</dt>');
    expect(html).not.toContain('<dt>city_id</dt>');
    expect(html).toMatch(/<details class="audit-details"><summary>Details<span class="visually-hidden"> zum Eintrag vom 20.11.2026, 11:00<\/span><\/summary>/);
    expect(html).toContain('<p class="meta">Alle gespeicherten Daten</p>');
    expect(html).toContain('&quot;city_id&quot;: 3');
  });

  it('shows recorded text as text', async () => {
    const html = await (await admin.get('/admin/audit?actor=system')).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>');
  });
});

describe('long entries', () => {
  it('cuts the recorded data of a long site text edit, so that a page stays small', async () => {
    const long = (c: string) => `${c.repeat(49_000)}\n`;
    for (let i = 0; i < 5; i++) {
      await audit(h.db, { actorUserId: adminUser, action: 'site_text.update', entityType: 'site_text', entityId: 'privacy', before: { body: long('a') }, after: { body: long('b') } }, at('2026-11-19T10:00:00.000Z'));
    }
    const html = await (await admin.get('/admin/audit?action=site_text.update')).text();
    // Five entries of 2 × 49,000 characters would be ~500 KB in full.
    expect(html.length).toBeLessThan(60_000);
    expect(html.match(/… \(gekürzt\)/g)).toHaveLength(10);
    expect(html).toContain('b'.repeat(500));
  });
});

describe('pagination', () => {
  it('keeps the filters in its links', async () => {
    for (let i = 0; i < PAGE_SIZE + 5; i++) {
      await audit(h.db, { actorUserId: adminUser, action: 'test.bulk', entityType: 'test', entityId: i, after: { i } }, at('2026-11-24T08:00:00.000Z'));
    }
    const first = await (await admin.get('/admin/audit?action=test.bulk&from=2026-11-24')).text();
    expect(first).toContain('href="/admin/audit?action=test.bulk&amp;from=2026-11-24&amp;page=2"');
    const second = await actionsOn('/admin/audit?action=test.bulk&from=2026-11-24&page=2');
    expect(second).toHaveLength(5);
    expect(second.every((a) => a === 'test.bulk')).toBe(true);
    const secondHtml = await (await admin.get('/admin/audit?action=test.bulk&from=2026-11-24&page=2')).text();
    expect(secondHtml).toContain('href="/admin/audit?action=test.bulk&amp;from=2026-11-24"');
    // The newest of equal instants come first (id order), and no entry shows twice across the pages.
    const ids = (html: string) => [...html.matchAll(/entity_id=(\d+)/g)].map((m) => Number(m[1]));
    expect(ids(first)[0]).toBe(PAGE_SIZE + 4);
    expect(new Set([...ids(first), ...ids(secondHtml)]).size).toBe(PAGE_SIZE + 5);
  });
});

describe('bad input in the address', () => {
  it.each([
    ['from=2026-02-31', 'Bitte geben Sie ein gültiges Datum ein'],
    ['from=gestern', 'Bitte geben Sie ein gültiges Datum ein'],
    ['to=99999-01-01', 'Bitte geben Sie ein gültiges Datum ein'],
    ['from=2026-11-23&to=2026-11-01', 'Das Enddatum liegt vor dem Anfangsdatum.'],
    ['actor=99999999999999999999', 'Bitte wählen Sie einen Eintrag aus der Liste.'],
    ['actor=-1', 'Bitte wählen Sie einen Eintrag aus der Liste.'],
    ['action=%3Cscript%3E', 'Bitte wählen Sie einen Eintrag aus der Liste.'],
    ['entity_id=7', 'Bitte wählen Sie zur Nummer auch die Art des Datensatzes.'],
    [`entity_type=person&entity_id=${'9'.repeat(150)}`, 'Dieser Eintrag ist zu lang.'],
  ])('%s → 422 with a German message', async (query, message) => {
    const res = await admin.get(`/admin/audit?${query}`);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).not.toContain('<tbody>');
    expect(html).not.toContain('<script>alert');
  });

  it('control characters are refused with the German 400 page (the app checks every query string)', async () => {
    const res = await admin.get('/admin/audit?entity_type=person&entity_id=%00');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Ungültige Anfrage');
  });

  it('a nonsense page number falls back to the first page', async () => {
    for (const page of ['-3', 'zwei', '1e9', '99999999999999999999']) {
      expect((await admin.get(`/admin/audit?page=${page}`)).status).toBe(200);
    }
    expect(await actionsOn('/admin/audit?page=100000')).toEqual([]);
  });
});

describe('entries as sentences', () => {
  let groupId: number;
  let meetingId: number;
  let ozlemUser: number;
  let ozlemPerson: number;
  let orgId: number;

  beforeAll(async () => {
    // A member of a group who records attendance (a chair, say): only an actor in the log, no staff.
    ({ userId: ozlemUser, personId: ozlemPerson } = await createUser(h.db, { name: 'Özlem Yıldız', email: 'oezlem@example.org', role: 'member' }));
    groupId = await addGroup(h.db, 'sprache');
    meetingId = await addMeeting(h.db, groupId, '2026-11-12T17:00:00.000Z', 'Plenum');
    const membershipId = await addMembership(h.db, groupId, ozlemPerson, '2026-01-01');
    orgId = await addEntry(h.db, { name: 'Caritas Mettmann' }, 'pending');
    const attendance = { ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [1000 + i, 'present'])), 2000: 'excused', 2001: 'absent' };
    const day = (d: number) => at(`2026-10-${String(d).padStart(2, '0')}T10:00:00.000Z`);
    await audit(h.db, { actorUserId: ozlemUser, action: 'meeting.attendance', entityType: 'meeting', entityId: meetingId, after: attendance }, day(1));
    await audit(h.db, { actorUserId: sekUser, action: 'membership.create', entityType: 'membership', entityId: membershipId, after: { group_id: groupId, person_id: ozlemPerson, role: 'chair' } }, day(2));
    await audit(h.db, { actorUserId: sekUser, action: 'organisation.published', entityType: 'organisation', entityId: orgId, before: { status: 'pending' }, after: { status: 'published', reason: null } }, day(3));
    await audit(h.db, { actorUserId: adminUser, action: 'user.role', entityType: 'user', entityId: ozlemUser, before: { role: 'member' }, after: { role: 'secretariat' } }, day(4));
    await audit(h.db, { actorUserId: sekUser, action: 'group.update', entityType: 'group', entityId: groupId, before: { name: 'AK sprache' }, after: { name: 'AK Sprache und Bildung' } }, day(5));
    await audit(h.db, { actorUserId: sekUser, action: 'meeting.cancel', entityType: 'meeting', entityId: 999_999, after: { reason: 'Krankheit' } }, day(6));
    // The group is renamed afterwards: the log names it as it is now (the old name stays in the details).
    await h.db.updateTable('groups').set({ name: 'AK Sprache und Bildung' }).where('id', '=', groupId).execute();
  });

  const october = '/admin/audit?from=2026-10-01&to=2026-10-31';
  const sentences = (html: string) => [...html.matchAll(/<p class="audit-sentence">([^<]*)<\/p>/g)].map((m) => m[1]);

  it('each entry is one German sentence with names, dates, translated values and counts', async () => {
    const html = await (await admin.get(october)).text();
    expect(sentences(html)).toEqual([
      'Sina Sekretariat hat die Sitzung Nr. 999999 abgesagt. Grund: Krankheit',
      'Sina Sekretariat hat die Angaben des Arbeitskreises „AK Sprache und Bildung“ geändert.',
      'Ada Admin hat die Rolle von Özlem Yıldız geändert: Mitglied → Geschäftsstelle.',
      'Sina Sekretariat hat den Verzeichniseintrag „Caritas Mettmann“ veröffentlicht.',
      'Sina Sekretariat hat Özlem Yıldız als Vorsitz in den Arbeitskreis „AK Sprache und Bildung“ aufgenommen.',
      'Özlem Yıldız hat die Anwesenheit der Sitzung „Plenum“ vom 12.11.2026 erfasst: 16 anwesend, 1 entschuldigt, 1 abwesend.',
    ]);
    // No codes, ids or JSON outside the details.
    const outside = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>')).replace(/<details[\s\S]*?<\/details>/g, '');
    expect(outside).not.toMatch(/<code>|meeting\.attendance|&quot;|user 1|entity_id=/);
  });

  it('the details hold the raw record: who, the code, the record with its id and the data, each a filter link', async () => {
    const html = await (await admin.get(`/admin/audit?action=meeting.attendance&from=2026-10-01`)).text();
    const details = html.slice(html.indexOf('<details class="audit-details">'), html.indexOf('</details>'));
    expect(details).toContain(`<summary>Details<span class="visually-hidden"> zum Eintrag vom 01.10.2026, 12:00</span></summary>`);
    expect(details).toContain(`<dt>Wer</dt><dd><a href="/admin/audit?actor=${ozlemUser}&amp;action=meeting.attendance&amp;from=2026-10-01">Özlem Yıldız</a></dd>`);
    expect(details).toContain('<dt>Aktionscode</dt><dd><a href="/admin/audit?action=meeting.attendance&amp;from=2026-10-01"><code>meeting.attendance</code></a></dd>');
    expect(details).toContain(`<dt>Datensatz</dt><dd><a href="/admin/audit?action=meeting.attendance&amp;entity_type=meeting&amp;entity_id=${meetingId}&amp;from=2026-10-01">meeting ${meetingId}</a></dd>`);
    expect(details).toContain('&quot;2000&quot;: &quot;excused&quot;');
    // A native disclosure: no script, closed until opened, reachable by keyboard as a summary.
    expect(details).not.toContain(' open');
  });

  it('the person filter offers the member who recorded the attendance', async () => {
    const html = await (await admin.get('/admin/audit')).text();
    expect(html).toContain(`<option value="${ozlemUser}">Özlem Yıldız</option>`);
    expect(await actionsOn(`/admin/audit?actor=${ozlemUser}`)).toEqual(['meeting.attendance']);
  });

  it('in English when the reader chose English', async () => {
    const english = h.browser();
    await english.login('admin@example.org', TEST_PASSWORD);
    english.cookies.set('lang', 'en');
    const html = await (await english.get(`/admin/audit?action=meeting.attendance&from=2026-10-01`)).text();
    expect(sentences(html)).toEqual(['Özlem Yıldız recorded the attendance of the meeting &quot;Plenum&quot; on 12/11/2026: 16 present, 1 excused, 1 absent.']);
    expect(html).toContain('<summary>Details<span class="visually-hidden"> of the entry of 01/10/2026, 12:00</span></summary>');
  });

  it('the subjects of a whole page are looked up together: one query per kind of record, not one per entry', async () => {
    for (let i = 0; i < PAGE_SIZE; i++) {
      await audit(h.db, { actorUserId: sekUser, action: 'meeting.update', entityType: 'meeting', entityId: meetingId, before: { title: 'Alt' }, after: { title: 'Plenum' } }, at('2026-09-15T10:00:00.000Z'));
    }
    const html = await (await admin.get('/admin/audit?action=meeting.update&from=2026-09-01&to=2026-09-30')).text();
    expect(sentences(html)).toHaveLength(PAGE_SIZE);
    expect(new Set(sentences(html))).toEqual(new Set(['Sina Sekretariat hat die Sitzung „Plenum“ vom 12.11.2026 geändert: Titel.']));

    let queries = 0;
    const counted = h.db.withPlugin({ transformQuery: (args) => (queries++, args.node), transformResult: async (args) => args.result });
    const { rows } = await listAuditEntries(h.db, { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' }, 1, PAGE_SIZE);
    const page = [...rows, ...(await listAuditEntries(h.db, { action: 'meeting.update' }, 1, PAGE_SIZE)).rows];
    const names = await loadSubjectNames(counted, page);
    // Meetings, groups, persons, accounts, directory entries, memberships: six kinds on this page.
    expect(queries).toBe(6);
    expect(names.meetings.get(meetingId)?.title).toBe('Plenum');
    expect(names.users.get(ozlemUser)).toBe('Özlem Yıldız');
    expect(names.memberships.size).toBe(1);
    expect(names.organisations.get(orgId)).toBe('Caritas Mettmann');
  });
});
