import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectOf } from '../src/db/dialect.js';
import { addDays, dayOf } from '../src/lib/berlin-time.js';
import { listOpenInvitations } from '../src/meetings/invitations.js';
import { meetingDay } from '../src/meetings/meeting-day.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

let h: TestHarness;
const who: Record<string, Browser> = {};

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Olaf Organisator', email: 'olaf@example.org' });
  await createUser(h.db, { name: 'Lena Leaving', email: 'lena@example.org' });
  await createUser(h.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
  for (const name of ['olaf', 'lena', 'sek']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  await who.sek!.post('/groups', { name: 'AK Nachtsitzung', slug: 'nacht', kind: 'internal' });
  for (const [person, role] of [['olaf', 'organiser'], ['lena', 'member']]) {
    await who.sek!.post('/groups/nacht/members', { person: `${person}@example.org`, role: role!, starts_on: '2026-01-01' });
  }
});
afterAll(() => h.close());

describe('meetingDay: the Berlin day of an instant in SQL', () => {
  it('agrees with the zone database around every daylight-saving switch and midnight of nine years', async () => {
    const instants: string[] = [];
    for (let year = 2024; year <= 2032; year++) {
      // The last Sundays of March and October fall on the 25th to the 31st; the days around them too.
      for (const month of ['01', '03', '04', '07', '10', '11']) {
        for (const day of month === '03' || month === '10' ? [23, 24, 25, 26, 27, 28, 29, 30, 31] : [1, 15]) {
          const midnight = Date.parse(`${year}-${month}-${String(day).padStart(2, '0')}T00:00:00.000Z`);
          for (let minutes = -180; minutes <= 180; minutes += 30) instants.push(new Date(midnight + minutes * 60_000).toISOString());
          instants.push(new Date(midnight + 12 * 60 * 60_000).toISOString());
        }
      }
    }
    const postgres = dialectOf(h.db) === 'postgres';
    const found: Record<string, string> = {};
    for (let i = 0; i < instants.length; i += 200) {
      const chunk = instants.slice(i, i + 200);
      const values = sql.join(chunk.map((at) => (postgres ? sql`(${at}::text, cast(${at} as timestamptz))` : sql`(${at}, ${at})`)));
      const { rows } = await sql<{ text: string; day: unknown }>`with x(text, at) as (values ${values}) select x.text, ${meetingDay(h.db, 'x.at')} as day from x`.execute(h.db);
      for (const row of rows) found[row.text] = row.day instanceof Date ? row.day.toISOString().slice(0, 10) : String(row.day);
    }
    const wrong = instants.filter((at) => found[at] !== dayOf(at)).map((at) => `${at}: ${found[at]} != ${dayOf(at)}`);
    expect(instants.length).toBeGreaterThan(3000);
    expect(wrong).toEqual([]);
  });
});

describe('open invitations follow invitationStands', () => {
  const lenasMembership = async () =>
    (await h.db.selectFrom('memberships').innerJoin('persons', 'persons.id', 'memberships.person_id').select(['memberships.id', 'persons.id as person_id']).where('persons.email_normalized', '=', 'lena@example.org').executeTakeFirstOrThrow());

  // Meetings half an hour after midnight, Berlin time: their UTC day is the Berlin day before.
  const meetings = [
    { title: 'Winternacht', day: '2026-12-10', startsAt: '2026-12-09T23:30:00.000Z' },
    { title: 'Sommernacht', day: '2027-06-10', startsAt: '2027-06-09T22:30:00.000Z' },
  ];

  it('lists a meeting while the membership lasts on its Berlin day, and not once it ends before', async () => {
    for (const m of meetings) {
      const res = await who.olaf!.post('/groups/nacht/meetings', { title: m.title, day: m.day, start_time: '00:30', end_time: '02:00' });
      expect(res.status).toBe(303);
      const id = Number(res.headers.get('location')!.split('/').pop());
      expect((await h.db.selectFrom('meetings').select('starts_at').where('id', '=', id).executeTakeFirstOrThrow()).starts_at).toBe(m.startsAt);
      expect((await who.olaf!.post(`/meetings/${id}/invite`, {})).status).toBe(303);
    }
    const { id: membershipId, person_id: personId } = await lenasMembership();
    const listed = async () => (await listOpenInvitations(h.db, personId, h.clock.now())).map((m) => m.title);

    expect(await listed()).toEqual(['Winternacht', 'Sommernacht']);
    for (const m of meetings) {
      // Ending after the meeting's day, on it (though before it in UTC), the day before it.
      for (const [endsOn, stands] of [[addDays(m.day, 1), true], [m.day, true], [addDays(m.day, -1), false]] as const) {
        await h.db.updateTable('memberships').set({ ends_on: endsOn }).where('id', '=', membershipId).execute();
        expect((await listed()).includes(m.title), `${m.title}, membership ends ${endsOn}`).toBe(stands);
      }
    }
    await h.db.updateTable('memberships').set({ ends_on: null }).where('id', '=', membershipId).execute();
  });

  it('the dashboard shows no invitation to a meeting of a group the person has left', async () => {
    const { id: membershipId } = await lenasMembership();
    const section = async () => {
      const html = await (await who.lena!.get('/')).text();
      return html.includes('Offene Einladungen') ? html.slice(html.indexOf('Offene Einladungen'), html.indexOf('Meine nächsten Sitzungen')) : '';
    };
    expect(await section()).toContain('Winternacht');
    expect(await section()).toContain('Sommernacht');

    // The staff end Lena's membership today (2026-11-25): both meetings lie after it.
    expect((await who.sek!.post(`/groups/nacht/members/${membershipId}/end`, {})).status).toBe(303);
    expect(await section()).toBe('');

    // Ending it on the winter meeting's day instead keeps that one.
    await h.db.updateTable('memberships').set({ ends_on: '2026-12-10' }).where('id', '=', membershipId).execute();
    const open = await section();
    expect(open).toContain('Winternacht');
    expect(open).not.toContain('Sommernacht');
  });
});
