import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

// A meeting through its life: before it begins it is invited to (and may be cancelled); once it has
// begun it is recorded: attendance and minutes are the main actions, cancelling and inviting answer 409.

let h: TestHarness;
const who: Record<string, Browser> = {};
let meetingId: number;
const HOUR = 3600_000;

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  for (const name of ['Olaf Organisator', 'Ines Intern', 'Maria Mitglied', 'Nora Nein']) {
    await createUser(h.db, { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.org` });
  }
  for (const name of ['sek', 'olaf', 'ines', 'maria', 'nora']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  who.public = h.browser();
  await who.sek!.post('/groups', { name: 'AK Sprache', slug: 'sprache', kind: 'external', dates_public: 'on' });
  await who.sek!.post('/groups/sprache/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  for (const m of ['ines', 'maria', 'nora']) await who.sek!.post('/groups/sprache/members', { person: `${m}@example.org`, role: 'member', starts_on: '2026-01-01' });
  // The clock stands at 2026-11-25 09:00 UTC; the meeting is the next day.
  const res = await who.olaf!.post('/groups/sprache/meetings', { title: 'Sitzung Sprachkurse', day: '2026-11-26', start_time: '17:00', end_time: '19:00', location: 'Rathaus Hilden' });
  meetingId = Number(res.headers.get('location')!.split('/').pop());
});
afterAll(() => h.close());

const page = async (b: Browser) => (await b.get(`/meetings/${meetingId}`)).text();

describe('before the meeting begins', () => {
  it('inviting is the main action, cancelling is offered', async () => {
    const html = await page(who.olaf!);
    expect(html).toContain(`<a class="button" href="/meetings/${meetingId}/invite">`);
    expect(html).toContain(`action="/meetings/${meetingId}/cancel"`);
    expect(html).not.toContain('Anwesenheit erfassen');
  });

  it('the public sees when it takes place, not the office\'s "geplant" or "eingeladen"', async () => {
    expect((await who.olaf!.post(`/meetings/${meetingId}/invite`, {})).status).toBe(303);
    const html = await page(who.public!);
    expect(html).toContain('Sitzung Sprachkurse');
    expect(html).not.toContain('eingeladen');
    expect(html).not.toContain('geplant');
    // Those who may see the agenda still see the status.
    expect(await page(who.ines!)).toContain('<span class="badge">eingeladen</span>');
  });
});

describe('once the meeting has begun', () => {
  beforeAll(async () => {
    await who.ines!.post(`/meetings/${meetingId}/rsvp`, { answer: 'accepted' });
    await who.maria!.post(`/meetings/${meetingId}/rsvp`, { answer: 'accepted' });
    await who.nora!.post(`/meetings/${meetingId}/rsvp`, { answer: 'declined' });
    h.clock.advance(32 * HOUR + 5 * 60_000); // 2026-11-26 17:05 UTC: the meeting has begun
  });

  it('recording attendance and writing the minutes are the main actions; no invite or cancel form', async () => {
    const html = await page(who.olaf!);
    expect(html).toMatch(new RegExp(`<a class="button" href="/meetings/${meetingId}/attendance">Anwesenheit erfassen</a>`));
    expect(html).toMatch(new RegExp(`<a class="button" href="/meetings/${meetingId}/minutes">Protokoll schreiben</a>`));
    expect(html).not.toContain(`href="/meetings/${meetingId}/invite"`);
    expect(html).not.toContain(`action="/meetings/${meetingId}/cancel"`);
  });

  it('cancelling answers 409 with what to do instead, and changes nothing', async () => {
    for (const body of [{ reason: 'zu spät' }, { reason: '' }]) {
      const res = await who.olaf!.post(`/meetings/${meetingId}/cancel`, body);
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('kann nicht mehr abgesagt werden');
    }
    const row = await h.db.selectFrom('meetings').select(['status', 'sequence']).where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(row.status).toBe('invited');
  });

  it('inviting answers 409 and sends nothing', async () => {
    const before = await h.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect((await who.olaf!.post(`/meetings/${meetingId}/invite`, {})).status).toBe(409);
    const after = await h.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('the send page answers 409 too', async () => {
    expect((await who.olaf!.get(`/meetings/${meetingId}/invite`)).status).toBe(409);
    expect((await who.olaf!.post(`/meetings/${meetingId}/invite/preview`, {})).status).toBe(409);
  });

  it('members and strangers cannot use the one-step attendance', async () => {
    expect((await who.ines!.post(`/meetings/${meetingId}/attendance/accepted`, {})).status).toBe(403);
    expect((await who.public!.post(`/meetings/${meetingId}/attendance/accepted`, {})).status).not.toBe(303);
  });

  it('"everyone who accepted is present" in one step, then a correction; other recorded statuses stay', async () => {
    const status = async () =>
      Object.fromEntries(
        (await h.db.selectFrom('attendance').innerJoin('persons', 'persons.id', 'attendance.person_id').select(['persons.name', 'attendance.status']).where('meeting_id', '=', meetingId).execute()).map((r) => [r.name, r.status]),
      );
    expect(await (await who.olaf!.get(`/meetings/${meetingId}/attendance`)).text()).toContain('Alle mit Zusage als anwesend eintragen');
    const nora = await h.db.selectFrom('persons').select('id').where('name', '=', 'Nora Nein').executeTakeFirstOrThrow();
    // Nora was recorded as present by hand earlier (she came after all): the step keeps that.
    expect((await who.olaf!.post(`/meetings/${meetingId}/attendance`, { [`status_${nora.id}`]: 'present' })).status).toBe(303);
    const res = await who.olaf!.post(`/meetings/${meetingId}/attendance/accepted`, {});
    expect(res.status).toBe(303);
    expect(await status()).toEqual({ 'Ines Intern': 'present', 'Maria Mitglied': 'present', 'Nora Nein': 'present' });
    const meeting = await h.db.selectFrom('meetings').select('status').where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(meeting.status).toBe('held');
    const followed = await who.olaf!.get(`/meetings/${meetingId}/attendance`);
    expect(await followed.text()).toContain('Alle, die zugesagt haben, sind als anwesend eingetragen.');
  });
});

describe('the group page', () => {
  it('lists all upcoming meetings, twenty a page', async () => {
    for (let i = 1; i <= 23; i++) {
      const day = `2027-${String(Math.ceil(i / 2)).padStart(2, '0')}-${i % 2 ? '10' : '20'}`;
      expect((await who.olaf!.post('/groups/sprache/meetings', { title: `Termin ${i}`, day, start_time: '10:00', end_time: '11:00' })).status).toBe(303);
    }
    const first = await (await who.public!.get('/groups/sprache')).text();
    // The meeting of 26 November is still on (until 19:00), so it takes the first place.
    expect(first).toContain('Termin 19<');
    expect(first).not.toContain('Termin 20<');
    expect(first).toContain('href="/groups/sprache?page=2#next-meetings"');
    const second = await (await who.public!.get('/groups/sprache?page=2')).text();
    expect(second).toContain('Termin 20<');
    expect(second).toContain('Termin 23<');
    expect(second).not.toContain('Termin 19<');
    expect(second).toContain('href="/groups/sprache?page=1#next-meetings"');
  });
});

describe('the dashboard', () => {
  it("lists the next meetings of the days one belongs to the group, not those after one's membership ends", async () => {
    await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org' });
    await who.sek!.post('/groups/sprache/members', { person: 'mia@example.org', role: 'member', starts_on: '2026-01-01', ends_on: '2027-01-31' });
    const mia = h.browser();
    await mia.login('mia@example.org', TEST_PASSWORD);
    const html = await (await mia.get('/')).text();
    // Termin 1 is on 10 January, Termin 3 on 10 February: after her last day.
    expect(html).toContain('Termin 1<');
    expect(html).not.toContain('Termin 3<');
  });
});
