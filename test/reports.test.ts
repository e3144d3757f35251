import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearlyReport } from '../src/reports/report.js';
import { moveFieldTags } from '../src/reports/tags.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';

/*
 * The yearly report (/reports/:year) and the fields of action on groups, meetings and agenda items.
 * The clock stands at 2026-11-25; the fixture has meetings of 2026 that count, one of 2025, one later in
 * 2026 than "now", one cancelled and one only invited (none of which count).
 */
let h: TestHarness;
let dir: string;
const who: Record<'mem' | 'org' | 'sek' | 'adm' | 'pub', Browser> = {} as never;
const field: Record<string, number> = {};
const ids = { groupA: 0, groupB: 0, a1: 0, a2: 0, a3: 0, b1: 0, itemA1: 0, itemB1: 0, itemB2: 0 };
const city: Record<string, number> = {};
const at = '2026-01-01T00:00:00.000Z';

async function group(name: string, slug: string, kind: 'internal' | 'external') {
  const row = await h.db.insertInto('groups').values({ name, slug, kind, description: '', colour: '#1f77b4', dates_public: 0, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

async function meeting(groupId: number, title: string, startsAt: string, status: 'planned' | 'invited' | 'held' | 'cancelled') {
  const ends = new Date(new Date(startsAt).getTime() + 2 * 3600_000).toISOString();
  const row = await h.db.insertInto('meetings').values({ group_id: groupId, title, starts_at: startsAt, ends_at: ends, status, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

async function item(meetingId: number, position: number, title: string) {
  const row = await h.db.insertInto('agenda_items').values({ meeting_id: meetingId, position, title, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

async function minutes(meetingId: number) {
  const row = await h.db.insertInto('minutes').values({ meeting_id: meetingId, status: 'approved', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

async function decision(minutesId: number, itemId: number, text: string) {
  await h.db.insertInto('decisions').values({ minutes_id: minutesId, agenda_item_id: itemId, position: 1, text }).execute();
}

async function action(minutesId: number, itemId: number | null, groupId: number, status: 'open' | 'done') {
  await h.db.insertInto('action_items').values({ minutes_id: minutesId, agenda_item_id: itemId, group_id: groupId, description: 'Aufgabe', status, created_at: at }).execute();
}

function poppler(tool: 'pdftotext' | 'pdfinfo', bytes: Uint8Array, args: string[] = []): string {
  const file = path.join(dir, `report-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'reports-'));
  h = await createHarness();
  const db = h.db;
  for (const f of await db.selectFrom('fields_of_action').select(['id', 'name']).execute()) field[f.name] = Number(f.id);
  for (const c of await db.selectFrom('cities').select(['id', 'short_name']).execute()) city[c.short_name] = Number(c.id);
  const users = {
    mem: await createUser(db, { name: 'Mia Mitglied', email: 'mem@example.org' }),
    org: await createUser(db, { name: 'Olaf Organisator', email: 'org@example.org' }),
    sek: await createUser(db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' }),
    adm: await createUser(db, { name: 'Anna Admin', email: 'adm@example.org', role: 'admin' }),
  };
  ids.groupA = await group('AK Sprache', 'ak-sprache', 'internal');
  ids.groupB = await group('AK Arbeit', 'ak-arbeit', 'external');
  await db
    .insertInto('memberships')
    .values([
      { group_id: ids.groupA, person_id: users.mem.personId, role: 'member', organisation_id: null, starts_on: '2025-01-01', created_at: at, updated_at: at },
      { group_id: ids.groupA, person_id: users.org.personId, role: 'organiser', organisation_id: null, starts_on: '2025-01-01', created_at: at, updated_at: at },
    ])
    .execute();
  await db.insertInto('group_fields').values([{ group_id: ids.groupA, field_id: field['Sprache']! }, { group_id: ids.groupB, field_id: field['Wirtschaft und Arbeit']! }]).execute();

  // A1: held in 2026, no fields of its own → counts under its group's "Sprache".
  ids.a1 = await meeting(ids.groupA, 'Frühjahrssitzung', '2026-03-10T17:00:00.000Z', 'held');
  ids.itemA1 = await item(ids.a1, 1, 'Sprachkurse');
  const mA1 = await minutes(ids.a1);
  await decision(mA1, ids.itemA1, 'Mehr Kurse');
  await action(mA1, null, ids.groupA, 'open');
  await db
    .insertInto('attendance')
    .values([
      { meeting_id: ids.a1, person_id: users.mem.personId, status: 'present', recorded_at: at },
      { meeting_id: ids.a1, person_id: users.org.personId, status: 'present', recorded_at: at },
      { meeting_id: ids.a1, person_id: users.sek.personId, status: 'excused', recorded_at: at },
    ])
    .execute();
  await db.insertInto('meeting_guests').values({ meeting_id: ids.a1, name: 'Gast', created_at: at }).execute();
  // A2: invited, no minutes: did not (as far as the hub knows) take place.
  ids.a2 = await meeting(ids.groupA, 'Sommersitzung', '2026-06-10T17:00:00.000Z', 'invited');
  // A3: held, but in 2025 (its decision must not count in 2026).
  ids.a3 = await meeting(ids.groupA, 'Alte Sitzung', '2025-05-05T17:00:00.000Z', 'held');
  const mA3 = await minutes(ids.a3);
  await decision(mA3, await item(ids.a3, 1, 'Alt'), 'Alter Beschluss');
  // Later than "now" and cancelled: not held.
  await meeting(ids.groupA, 'Dezembersitzung', '2026-12-20T17:00:00.000Z', 'held');
  await meeting(ids.groupB, 'Abgesagt', '2026-04-01T17:00:00.000Z', 'cancelled');
  // B1: minutes without recorded attendance → held; its own field "Bildung" overrides the group's.
  ids.b1 = await meeting(ids.groupB, 'Herbstsitzung', '2026-09-01T16:00:00.000Z', 'invited');
  await db.insertInto('meeting_fields').values({ meeting_id: ids.b1, field_id: field['Bildung und Ausbildung']! }).execute();
  ids.itemB1 = await item(ids.b1, 1, 'Gesundheitslotsen');
  ids.itemB2 = await item(ids.b1, 2, 'Ausbildung');
  await db.insertInto('agenda_item_fields').values({ agenda_item_id: ids.itemB1, field_id: field['Gesundheit']! }).execute();
  const mB1 = await minutes(ids.b1);
  await decision(mB1, ids.itemB1, 'Lotsen einsetzen');
  await decision(mB1, ids.itemB2, 'Ausbildungsmesse');
  await action(mB1, ids.itemB1, ids.groupB, 'done');
  await action(mB1, ids.itemB2, ids.groupB, 'open');

  // Directory: new in 2026 (Hilden, Sprache), confirmed in 2026 (Hilden and Haan, Bildung), and two that do not count.
  await addEntry(db, { name: 'Sprachcafé', cities: [city['Hilden']!], fields: [field['Sprache']!] });
  const old = await addEntry(db, { name: 'Bildungswerk', cities: [city['Hilden']!, city['Haan']!], fields: [field['Bildung und Ausbildung']!] });
  await db.updateTable('organisations').set({ created_at: '2024-03-01T00:00:00.000Z', last_confirmed_at: '2026-05-01T10:00:00.000Z' }).where('id', '=', old).execute();
  await addEntry(db, { name: 'Noch in Prüfung', cities: [city['Hilden']!], fields: [field['Sprache']!] }, 'pending');
  const last = await addEntry(db, { name: 'Vorjahr', cities: [city['Haan']!], fields: [field['Sprache']!] });
  await db.updateTable('organisations').set({ created_at: '2025-06-01T00:00:00.000Z' }).where('id', '=', last).execute();

  // Figures for 2026 and 2025: Hilden 2026 has 56,000 people, 8,400 of them foreign (15.0 %).
  const ind = new Map((await db.selectFrom('statistic_indicators').select(['id', 'key']).execute()).map((r) => [r.key, Number(r.id)]));
  const cities = await db.selectFrom('cities').select(['id', 'short_name']).where('kind', '=', 'city').execute();
  const values = cities.flatMap((c) =>
    [2025, 2026].flatMap((year) => [
      { indicator_id: ind.get('population_total')!, city_id: c.id, year, value: c.short_name === 'Hilden' && year === 2026 ? 56000 : 40000, special: null, source: null, note: null, updated_at: at, updated_by_user_id: null },
      { indicator_id: ind.get('population_foreign')!, city_id: c.id, year, value: c.short_name === 'Hilden' && year === 2026 ? 8400 : 4000, special: null, source: null, note: null, updated_at: at, updated_by_user_id: null },
    ]),
  );
  await db.insertInto('statistic_values').values(values).execute();

  for (const kind of ['mem', 'org', 'sek', 'adm'] as const) {
    who[kind] = h.browser();
    await who[kind].login(`${kind}@example.org`, TEST_PASSWORD);
  }
  who.pub = h.browser();
}, 60_000);

afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the yearly report’s counts', () => {
  it('counts held meetings and attendance per group, and nothing of another year, the future or a cancelled meeting', async () => {
    const report = await yearlyReport(h.db, 2026, h.clock.now(), { locale: 'de', noField: 'Ohne', district: 'Kreis' });
    const a = report.groups.find((g) => g.name === 'AK Sprache')!;
    const b = report.groups.find((g) => g.name === 'AK Arbeit')!;
    expect(a).toMatchObject({ held: 1, present: 2, excused: 1, absent: 0, guests: 1 });
    expect(a.rate).toBeCloseTo(66.667, 2);
    expect(b).toMatchObject({ held: 1, present: 0, rate: null });
    expect(report.totals).toEqual({ held: 2, decisions: 3, actionsDone: 1, actionsOpen: 2 });
    const previous = await yearlyReport(h.db, 2025, h.clock.now(), { locale: 'de', noField: 'Ohne', district: 'Kreis' });
    expect(previous.totals).toEqual({ held: 1, decisions: 1, actionsDone: 0, actionsOpen: 0 });
  });

  it('counts per field of action: the item’s own fields, else the meeting’s, else the group’s', async () => {
    const report = await yearlyReport(h.db, 2026, h.clock.now(), { locale: 'de', noField: 'Ohne', district: 'Kreis' });
    const row = (name: string) => report.fields.find((f) => f.label === name)!;
    // A1 has no fields: its group's "Sprache"; its action item without agenda item too.
    expect(row('Sprache')).toMatchObject({ meetings: 1, decisions: 1, actionsDone: 0, actionsOpen: 1 });
    // B1's own field wins over its group's "Wirtschaft und Arbeit"; item 2 has none, so B1's.
    expect(row('Bildung und Ausbildung')).toMatchObject({ meetings: 1, decisions: 1, actionsDone: 0, actionsOpen: 1 });
    expect(row('Wirtschaft und Arbeit')).toMatchObject({ meetings: 0, decisions: 0, actionsDone: 0, actionsOpen: 0 });
    // Item 1's own field.
    expect(row('Gesundheit')).toMatchObject({ meetings: 0, decisions: 1, actionsDone: 1, actionsOpen: 0 });
    expect(report.fields.some((f) => f.id === null)).toBe(false);
  });

  it('counts what has no field at all (nor its meeting, nor its group) under "no field of action"', async () => {
    await h.db.deleteFrom('group_fields').where('group_id', '=', ids.groupA).execute();
    try {
      const report = await yearlyReport(h.db, 2026, h.clock.now(), { locale: 'de', noField: 'Ohne', district: 'Kreis' });
      expect(report.fields.at(-1)).toMatchObject({ id: null, label: 'Ohne', meetings: 1, decisions: 1, actionsOpen: 1 });
    } finally {
      await h.db.insertInto('group_fields').values({ group_id: ids.groupA, field_id: field['Sprache']! }).execute();
    }
  });

  it('counts new and confirmed directory entries per city and per city and field', async () => {
    const report = await yearlyReport(h.db, 2026, h.clock.now(), { locale: 'de', noField: 'Ohne', district: 'Kreis' });
    expect(report.entries.created).toBe(1);
    expect(report.entries.confirmed).toBe(1);
    expect(report.entries.cities).toEqual([
      { city: 'Haan', created: 0, confirmed: 1 },
      { city: 'Hilden', created: 1, confirmed: 1 },
    ]);
    expect(report.entries.cells).toEqual(
      expect.arrayContaining([
        { city: 'Hilden', field: 'Sprache', created: 1, confirmed: 0 },
        { city: 'Hilden', field: 'Bildung und Ausbildung', created: 0, confirmed: 1 },
        { city: 'Haan', field: 'Bildung und Ausbildung', created: 0, confirmed: 1 },
      ]),
    );
    expect(report.entries.cells).toHaveLength(3);
  });

  it('takes the figures of the year from the Datensammlung, with the derived share', async () => {
    const report = await yearlyReport(h.db, 2026, h.clock.now(), { locale: 'de', noField: 'Ohne', district: 'Kreis' });
    expect(report.hasFigures).toBe(true);
    const main = report.figures.find((g) => g.chartGroup === null)!;
    const hilden = main.rows.find((r) => r.place === 'Hilden')!;
    const at = (key: string) => hilden.figures[main.indicators.findIndex((i) => i.key === key)];
    expect(at('population_total')).toEqual({ value: 56000, special: null });
    expect(at('share_foreign')!.value).toBeCloseTo(15, 6);
    const district = main.rows.find((r) => r.district)!;
    expect(district.figures[main.indicators.findIndex((i) => i.key === 'population_total')]).toEqual({ value: 9 * 40000 + 56000, special: null });
    expect((await yearlyReport(h.db, 2024, h.clock.now(), { locale: 'de', noField: 'Ohne', district: 'Kreis' })).hasFigures).toBe(false);
  });
});

describe('/reports', () => {
  it('is for the staff only: visitors sign in, members and organisers get 403', async () => {
    for (const url of ['/reports', '/reports/2026', '/reports/2026.pdf', '/reports/2026.csv']) {
      const res = await who.pub.get(url);
      expect(res.status, url).toBe(303);
      expect(res.headers.get('location'), url).toMatch(/^\/login\?next=/);
      expect((await who.mem.get(url)).status, url).toBe(403);
      expect((await who.org.get(url)).status, url).toBe(403);
    }
    expect((await who.sek.get('/reports/2026')).status).toBe(200);
    expect((await who.adm.get('/reports/2026')).status).toBe(200);
  });

  it('sends /reports to the current year and refuses bad years in German', async () => {
    const res = await who.sek.get('/reports');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/reports/2026');
    expect((await who.sek.get('/reports?year=2025')).headers.get('location')).toBe('/reports/2025');
    const bad = await who.sek.get('/reports/zwei');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('keine gültige Jahreszahl');
    expect((await who.sek.get('/reports/20266')).status).toBe(400);
    const future = await who.sek.get('/reports/2027');
    expect(future.status).toBe(404);
    expect(await future.text()).toContain('keinen Jahresbericht');
    expect((await who.sek.get('/reports/1999')).status).toBe(404);
    expect((await who.sek.get('/reports/1999.pdf')).status).toBe(404);
  });

  it('shows the report with captions, headers with scope and the explanation of the field fallback', async () => {
    const html = await (await who.sek.get('/reports/2026')).text();
    expect(html).toContain('<h1>Jahresbericht 2026</h1>');
    expect(html).toContain('<caption>Stattgefundene Sitzungen und Anwesenheit im Jahr 2026</caption>');
    expect(html).toContain('<th scope="row">AK Sprache</th><td>1</td><td>2</td><td>1</td><td>0</td><td>1</td><td>66,7 %</td>');
    expect(html).toContain('<th scope="row">Gesundheit</th><td>0</td><td>1</td><td>1</td><td>0</td>');
    expect(html).toContain('unter denen ihres Arbeitskreises');
    expect(html).toContain('<th scope="row">Hilden</th><td>1</td><td>1</td>');
    // The matrices: one column per active field (Sprache first, then Bildung und Ausbildung …).
    expect(html).toContain('<caption>Neue Einträge nach Stadt und Handlungsfeld im Jahr 2026</caption>');
    expect(html).toMatch(/<caption>Neue Einträge[^]*?<th scope="row">Hilden<\/th><td>1<\/td><td>0<\/td><td>0<\/td>/);
    expect(html).toMatch(/<caption>Bestätigte Einträge[^]*?<th scope="row">Haan<\/th><td>0<\/td><td>1<\/td><td>0<\/td>/);
    expect(html).toContain('15,0 %');
    expect(html).toContain('56.000');
    expect(html).toContain('href="/reports/2026.pdf"');
    expect(html).toContain('href="/reports/2026.csv"');
  });

  it('is linked from the staff’s administration page', async () => {
    expect(await (await who.sek.get('/admin')).text()).toContain('href="/reports"');
  });

  it('downloads the report as one long CSV (semicolons, BOM, a section column)', async () => {
    const res = await who.sek.get('/reports/2026.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('Jahresbericht_2026.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe('Abschnitt;Bezug;Angabe;Wert');
    expect(lines).toContain('Arbeitskreise;AK Sprache;Sitzungen;1');
    expect(lines).toContain('Arbeitskreise;AK Sprache;Anwesenheitsquote;66,7 %');
    expect(lines).toContain('Handlungsfelder;Gesundheit;Aufgaben erledigt;1');
    expect(lines).toContain('Handlungsfelder;Insgesamt;Beschlüsse;3');
    expect(lines).toContain('Verzeichnis nach Stadt;Haan;Bestätigt;1');
    expect(lines).toContain('Verzeichnis nach Stadt und Handlungsfeld;Hilden / Sprache;Neu;1');
    expect(lines).toContain('Datensammlung 31.12.2026;Hilden;Anteil der ausländischen Bevölkerung;15,0 %');
    expect(lines).toContain('Datensammlung 31.12.2026;Hilden;Bevölkerung insgesamt;56.000');
  });

  it('makes a tagged PDF with the headings and tables', async () => {
    const res = await who.sek.get('/reports/2026.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    // PDF_DUMP=dir keeps the document for a look.
    if (process.env.PDF_DUMP) writeFileSync(path.join(process.env.PDF_DUMP, 'Jahresbericht_2026.pdf'), bytes);
    const text = poppler('pdftotext', bytes).replace(/\s+/g, ' ');
    for (const heading of ['Jahresbericht 2026', 'Sitzungen und Anwesenheit nach Arbeitskreis', 'Beschlüsse und Aufgaben nach Handlungsfeld', 'Verzeichnis: neue und bestätigte Einträge', 'Datensammlung Integration: Zahlen zum 31.12.2026']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('AK Sprache');
    expect(text).toContain('66,7 %');
    const info = poppler('pdfinfo', bytes);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Jahresbericht 2026$/m);
    const tree = poppler('pdfinfo', bytes, ['-struct']);
    for (const element of ['H1', 'H2', 'Table', 'TR', 'TH', 'TD', 'L', 'LI']) expect(tree, element).toMatch(new RegExp(`^\\s*${element}\\b`, 'm'));
  });
});

describe('fields of action on groups and meetings', () => {
  it('lets the staff edit a group’s fields; members and organisers get 403, visitors sign in', async () => {
    expect((await who.mem.get('/groups/ak-sprache/fields')).status).toBe(403);
    expect((await who.org.get('/groups/ak-sprache/fields')).status).toBe(403);
    expect((await who.pub.get('/groups/ak-sprache/fields')).status).toBe(303);
    expect((await who.org.post('/groups/ak-sprache/fields', { fields: String(field['Kultur']) })).status).toBe(403);
    const form = await (await who.sek.get('/groups/ak-sprache/fields')).text();
    expect(form).toMatch(/<fieldset id="field-fields"[^>]*><legend>Handlungsfelder<\/legend>/);
    expect(form).toContain(`value="${field['Sprache']}" checked`);
    const res = await who.sek.post('/groups/ak-sprache/fields', { fields: [String(field['Sprache']), String(field['Kultur'])] });
    expect(res.status).toBe(303);
    const tags = await h.db.selectFrom('group_fields').select('field_id').where('group_id', '=', ids.groupA).orderBy('field_id').execute();
    expect(tags.map((t) => Number(t.field_id))).toEqual([field['Sprache'], field['Kultur']].sort((a, b) => a! - b!));
    const entry = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'group.fields').executeTakeFirstOrThrow();
    expect(entry.entity_id).toBe(String(ids.groupA));
    const page = await (await who.mem.get('/groups/ak-sprache')).text();
    expect(page).toContain('<li class="badge">Kultur</li>');
  });

  it('refuses an unknown field with 422 and stores nothing', async () => {
    const before = await h.db.selectFrom('group_fields').select('field_id').where('group_id', '=', ids.groupA).execute();
    for (const wrong of ['99999', 'abc']) {
      const res = await who.sek.post('/groups/ak-sprache/fields', { fields: [String(field['Sport']), wrong] });
      expect(res.status, wrong).toBe(422);
      expect(await res.text()).toContain('Bitte wählen Sie nur Handlungsfelder aus der Liste.');
    }
    expect(await h.db.selectFrom('group_fields').select('field_id').where('group_id', '=', ids.groupA).execute()).toEqual(before);
  });

  it('keeps a retired field where it is chosen, but offers it to nobody anew', async () => {
    await who.sek.post('/groups/ak-arbeit/fields', { fields: [String(field['Wirtschaft und Arbeit']), String(field['Wohnen'])] });
    await h.db.updateTable('fields_of_action').set({ retired_at: at }).where('id', '=', field['Wohnen']!).execute();
    try {
      const form = await (await who.sek.get('/groups/ak-arbeit/fields')).text();
      expect(form).toContain('Wohnen (zurückgezogen)');
      expect(await (await who.sek.get('/groups/ak-sprache/fields')).text()).not.toContain('Wohnen');
      // Saving the group with it again keeps it; another group cannot choose it.
      expect((await who.sek.post('/groups/ak-arbeit/fields', { fields: [String(field['Wohnen'])] })).status).toBe(303);
      const kept = await h.db.selectFrom('group_fields').select('field_id').where('group_id', '=', ids.groupB).execute();
      expect(kept.map((k) => Number(k.field_id))).toEqual([field['Wohnen']]);
      expect((await who.sek.post('/groups/ak-sprache/fields', { fields: [String(field['Wohnen'])] })).status).toBe(422);
      expect(await (await who.sek.get('/groups/ak-arbeit')).text()).toContain('Wohnen (zurückgezogen)');
    } finally {
      await h.db.updateTable('fields_of_action').set({ retired_at: null }).where('id', '=', field['Wohnen']!).execute();
      await h.db.deleteFrom('group_fields').where('group_id', '=', ids.groupB).execute();
      await h.db.insertInto('group_fields').values({ group_id: ids.groupB, field_id: field['Wirtschaft und Arbeit']! }).execute();
    }
  });

  it('lets the group’s organiser tag a meeting and its agenda items in one form; a member gets 403', async () => {
    expect((await who.mem.get(`/meetings/${ids.a1}/fields`)).status).toBe(403);
    expect((await who.mem.post(`/meetings/${ids.a1}/fields`, { fields: String(field['Kultur']) })).status).toBe(403);
    expect(await (await who.org.get(`/meetings/${ids.a1}/agenda`)).text()).toContain(`href="/meetings/${ids.a1}/fields"`);
    const form = await (await who.org.get(`/meetings/${ids.a1}/fields`)).text();
    expect(form).toContain('<legend>Handlungsfelder der Sitzung</legend>');
    expect(form).toContain('<legend>TOP 1: Sprachkurse</legend>');
    const res = await who.org.post(`/meetings/${ids.a1}/fields`, { fields: String(field['Kultur']), [`item-${ids.itemA1}`]: [String(field['Sprache']), String(field['Gesundheit'])] });
    expect(res.status).toBe(303);
    expect((await h.db.selectFrom('meeting_fields').select('field_id').where('meeting_id', '=', ids.a1).execute()).map((r) => Number(r.field_id))).toEqual([field['Kultur']]);
    expect(await h.db.selectFrom('agenda_item_fields').select('field_id').where('agenda_item_id', '=', ids.itemA1).execute()).toHaveLength(2);
    expect(await h.db.selectFrom('audit_log').select('id').where('action', '=', 'meeting.fields').where('entity_id', '=', String(ids.a1)).execute()).toHaveLength(1);
    const page = await (await who.mem.get(`/meetings/${ids.a1}`)).text();
    expect(page).toContain('<li class="badge">Kultur</li>');

    // An unknown field on an item: 422 next to that item, nothing stored.
    const bad = await who.org.post(`/meetings/${ids.a1}/fields`, { fields: String(field['Sport']), [`item-${ids.itemA1}`]: '424242' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain(`id="field-item-${ids.itemA1}-error"`);
    expect((await h.db.selectFrom('meeting_fields').select('field_id').where('meeting_id', '=', ids.a1).execute()).map((r) => Number(r.field_id))).toEqual([field['Kultur']]);

    // The report now counts A1 under its own "Kultur", and the decision under its item's fields.
    const report = await yearlyReport(h.db, 2026, h.clock.now(), { locale: 'de', noField: 'Ohne', district: 'Kreis' });
    expect(report.fields.find((f) => f.label === 'Kultur')).toMatchObject({ meetings: 1, actionsOpen: 1, decisions: 0 });
    expect(report.fields.find((f) => f.label === 'Sprache')).toMatchObject({ meetings: 0, decisions: 1, actionsOpen: 0 });

    // Untick everything: A1 counts under its group's fields again.
    expect((await who.org.post(`/meetings/${ids.a1}/fields`, {})).status).toBe(303);
    const page2 = await (await who.mem.get(`/meetings/${ids.a1}`)).text();
    expect(page2).toContain('im Jahresbericht zählen die des Arbeitskreises');
  });

  it('moves the tags of a field merged into another (for the reference lists’ merge)', async () => {
    await h.db.insertInto('group_fields').values({ group_id: ids.groupB, field_id: field['Sport']! }).execute();
    await h.db.insertInto('meeting_fields').values({ meeting_id: ids.a2, field_id: field['Sport']! }).execute();
    await h.db.insertInto('meeting_fields').values({ meeting_id: ids.a2, field_id: field['Kultur']! }).execute();
    const moved = await h.db.transaction().execute((trx) => moveFieldTags(trx, field['Sport']!, field['Kultur']!));
    expect(moved).toBe(2);
    const groupB = await h.db.selectFrom('group_fields').select('field_id').where('group_id', '=', ids.groupB).orderBy('field_id').execute();
    expect(groupB.map((r) => Number(r.field_id))).toEqual([field['Wirtschaft und Arbeit'], field['Kultur']].sort((a, b) => a! - b!));
    const a2 = await h.db.selectFrom('meeting_fields').select('field_id').where('meeting_id', '=', ids.a2).execute();
    expect(a2.map((r) => Number(r.field_id))).toEqual([field['Kultur']]);
  });
});
