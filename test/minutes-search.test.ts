import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../src/auth/sessions.js';
import type { Database } from '../src/db/schema.js';
import { searchMinutes } from '../src/minutes/search.js';
import { createUser } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

// The minutes search through its index (minutes_text, migration 0038), on SQLite and, with
// TEST_DATABASE_URL, on PostgreSQL: inside words, every spelling of an umlaut, plurals, a decision's
// number; the index follows every change (notes, decisions, numbers, agenda titles) made by any means;
// and the rights are today's: drafts for nobody, a group's minutes for its current members and the staff.
let t: TestDatabase;
let db: Kysely<Database>;
let member: SessionUser;
let outsider: SessionUser;
let staff: SessionUser;
const at = '2026-01-01T00:00:00.000Z';
const day = '2026-06-01';
let item: number;
let draftItem: number;
let minutesId: number;

async function user(name: string, role: 'member' | 'secretariat'): Promise<SessionUser> {
  const u = await createUser(db, { name, email: `${name.toLowerCase()}@example.org`, role });
  return { id: u.userId, personId: u.personId, name, email: `${name.toLowerCase()}@example.org`, role };
}

async function meeting(groupId: number, title: string, startsAt: string, status: 'draft' | 'circulated' | 'approved', agenda: string[]) {
  const m = await db.insertInto('meetings').values({ group_id: groupId, title, starts_at: startsAt, ends_at: startsAt.replace('17:00', '19:00'), location: null, room: null, online_url: null, status: 'held', cancel_reason: null, cancelled_at: null, created_at: at, updated_at: at } as never).returning('id').executeTakeFirstOrThrow();
  const items = await db.insertInto('agenda_items').values(agenda.map((title, i) => ({ meeting_id: m.id, position: i + 1, title, created_at: at, updated_at: at }))).returning('id').execute();
  const minutes = await db.insertInto('minutes').values({ meeting_id: m.id, status, minute_taker: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return { meetingId: m.id, items: items.map((i) => i.id), minutesId: minutes.id };
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  member = await user('Mia', 'member');
  outsider = await user('Otto', 'member');
  staff = await user('Sina', 'secretariat');
  const group = await db.insertInto('groups').values({ name: 'AG Sprache', slug: 'ag-sprache', kind: 'internal', description: '', colour: '#123456', dates_public: 0, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('memberships').values({ group_id: group.id, person_id: member.personId, role: 'member', organisation_id: null, starts_on: '2026-01-01', ends_on: null, created_at: at, updated_at: at } as never).execute();
  const older = await meeting(group.id, 'Januarsitzung', '2026-01-15T17:00:00.000Z', 'approved', ['Berichte aus den Städten', 'Verschiedenes']);
  const newer = await meeting(group.id, 'Märzsitzung', '2026-03-15T17:00:00.000Z', 'circulated', ['Integrationskurse in Düsseldorf']);
  const draft = await meeting(group.id, 'Aprilsitzung', '2026-04-15T17:00:00.000Z', 'draft', ['Entwurf']);
  item = older.items[0]!;
  draftItem = draft.items[0]!;
  minutesId = older.minutesId;
  await db.insertInto('minute_notes').values([
    { minutes_id: older.minutesId, agenda_item_id: older.items[0]!, notes: 'Frau **Müller** berichtet: die Berufssprachkurse sind voll.' },
    { minutes_id: newer.minutesId, agenda_item_id: newer.items[0]!, notes: 'Die Wartelisten für Kurse werden länger.' },
    { minutes_id: draft.minutesId, agenda_item_id: draft.items[0]!, notes: 'Geheimer Sprachkurs-Entwurf' },
  ]).execute();
  await db.insertInto('decisions').values({ minutes_id: older.minutesId, agenda_item_id: older.items[1]!, position: 1, text: 'Der Arbeitskreis empfiehlt mehr Sprachkurse.', votes_yes: 5, votes_no: 0, votes_abstain: 0, number_year: 2026, number: 4 }).execute();
});
afterAll(() => t.destroy());

const find = async (q: string, viewer: SessionUser = member) => (await searchMinutes(db, viewer, day, q)).map((h) => `${h.kind}:${h.item_title}`);

describe('minutes search', () => {
  it('finds inside words, in every spelling of an umlaut and plural, newest meeting first', async () => {
    expect(await find('sprachkurs')).toEqual(['notes:Berichte aus den Städten', 'decision:Verschiedenes']);
    for (const q of ['Müller', 'Mueller', 'muller', 'MÜLLER berufssprachkurse']) expect(await find(q), q).toEqual(['notes:Berichte aus den Städten']);
    // "Kurse": in the newer notes, then (older) the two hits of the January meeting.
    expect(await find('Kurse')).toEqual(['notes:Integrationskurse in Düsseldorf', 'notes:Berichte aus den Städten', 'decision:Verschiedenes']);
    expect(await find('dusseldorf')).toEqual(['notes:Integrationskurse in Düsseldorf']);
    expect(await find('Städte')).toEqual(['notes:Berichte aus den Städten']);
    expect(await find('sprachkurse wartelisten')).toEqual([]);
  });

  it('finds a decision by its number, with the label', async () => {
    const hits = await searchMinutes(db, member, day, '2026/04');
    expect(hits.map((h) => [h.kind, h.label, h.text])).toEqual([['decision', '2026/04', 'Der Arbeitskreis empfiehlt mehr Sprachkurse.']]);
  });

  it('keeps the rights: no drafts, members of the group and the staff only', async () => {
    expect(await find('Entwurf', staff)).toEqual([]);
    expect(await find('sprachkurs', outsider)).toEqual([]);
    expect(await find('sprachkurs', staff)).toHaveLength(2);
  });

  it('follows every change, also ones made without the app', async () => {
    await db.updateTable('minute_notes').set({ notes: 'Frau Yılmaz berichtet über Alphabetisierungskurse.' }).where('agenda_item_id', '=', item).execute();
    expect(await find('Müller')).toEqual([]);
    expect(await find('yilmaz alphabetisierung')).toEqual(['notes:Berichte aus den Städten']);
    await db.updateTable('agenda_items').set({ title: 'Bericht über Ehrenämter' }).where('id', '=', item).execute();
    expect(await find('ehrenamter')).toEqual(['notes:Bericht über Ehrenämter']);
    expect(await find('Städten')).toEqual([]);
    await db.updateTable('decisions').set({ number: 12 }).execute();
    expect((await searchMinutes(db, member, day, '2026/12')).map((h) => h.label)).toEqual(['2026/12']);
    await db.updateTable('minutes').set({ status: 'approved' }).where('id', '=', (await db.selectFrom('minute_notes').select('minutes_id').where('agenda_item_id', '=', draftItem).executeTakeFirstOrThrow()).minutes_id).execute();
    expect(await find('Entwurf', staff)).toEqual(['notes:Entwurf']);
    await db.deleteFrom('decisions').execute();
    expect(await find('empfiehlt')).toEqual([]);
    await db.deleteFrom('minutes').where('id', '=', minutesId).execute();
    expect(await find('yilmaz')).toEqual([]);
    expect(Number((await db.selectFrom('minutes_text' as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() as { n: number }).n)).toBe(2);
  });
});
