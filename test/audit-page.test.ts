import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit/audit.js';
import { PAGE_SIZE } from '../src/http/pagination.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

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
    const html = await (await admin.get(`/admin/audit?actor=${miaUser}`)).text();
    // Mia is no staff: she is offered (and selected) under her name once her link was followed.
    expect(html).toContain(`<option value="${miaUser}" selected="">Mia Mitglied</option>`);
    expect(await actionsOn('/admin/audit?actor=999999')).toEqual([]);
  });

  it('by action: the exports of personal data have a quick filter', async () => {
    const html = await (await admin.get('/admin/audit')).text();
    expect(html).toContain('href="/admin/audit?action=person.data_export"');
    expect(await actionsOn('/admin/audit?action=person.data_export')).toEqual(['person.data_export']);
    // An action not (yet) in the log is still a valid filter: no entries, no error.
    expect(await actionsOn('/admin/audit?action=person.anonymise')).toEqual([]);
  });

  it('by record type and id', async () => {
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
