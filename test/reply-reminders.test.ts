import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, linkFrom, tampered, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

// "Remind those who have not answered": one click, one mail each with reply links of its own, shown in
// the reply list; the invitation's links keep working.

let h: TestHarness;
const who: Record<string, Browser> = {};
let meetingId: number;

const mailsTo = (address: string) => h.db.selectFrom('outbox').select(['subject', 'body_text', 'attachments_json']).where('to_address', '=', address).orderBy('id').execute();

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  for (const name of ['Olaf Organisator', 'Ines Intern', 'Maria Mitglied']) await createUser(h.db, { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.org` });
  for (const name of ['sek', 'olaf', 'ines', 'maria']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  await who.sek!.post('/groups', { name: 'AK Wohnen', slug: 'wohnen', kind: 'internal' });
  await who.sek!.post('/groups/wohnen/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  for (const m of ['ines', 'maria']) await who.sek!.post('/groups/wohnen/members', { person: `${m}@example.org`, role: 'member', starts_on: '2026-01-01' });
  const res = await who.olaf!.post('/groups/wohnen/meetings', { title: 'Sitzung Wohnen', day: '2026-12-02', start_time: '16:00', end_time: '18:00', location: 'Rathaus Erkrath' });
  meetingId = Number(res.headers.get('location')!.split('/').pop());
  await who.olaf!.post(`/meetings/${meetingId}/invite`, {});
  // The organiser is a member too, and answers at once.
  for (const m of ['maria', 'olaf']) await who[m]!.post(`/meetings/${meetingId}/rsvp`, { answer: 'accepted' });
});
afterAll(() => h.close());

describe('reminding those who have not answered', () => {
  it('is offered in the reply list with how many it goes to; members cannot use it', async () => {
    const page = await (await who.olaf!.get(`/meetings/${meetingId}`)).text();
    expect(page).toContain(`action="/meetings/${meetingId}/remind"`);
    expect(page).toContain('eine Erinnerung mit ihren Antwort-Links (1)');
    expect((await who.ines!.post(`/meetings/${meetingId}/remind`, {})).status).toBe(403);
    expect(await mailsTo('ines@example.org')).toHaveLength(1);
  });

  it('mails each one who has not answered, with reply links of their own and the .ics, and shows when', async () => {
    h.clock.advance(3600_000);
    const res = await who.olaf!.post(`/meetings/${meetingId}/remind`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/meetings/${meetingId}#replies`);
    const mails = await mailsTo('ines@example.org');
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toBe('Erinnerung: Sitzung Wohnen am 02.12.2026');
    expect(mails[1]!.body_text).toContain('Guten Tag Ines Intern,');
    expect(mails[1]!.body_text).toContain('noch keine Antwort von Ihnen');
    // Every placeholder filled (an unfilled one stays visible as "{name}").
    expect(mails[1]!.body_text).not.toMatch(/\{\w+\}/);
    expect(JSON.parse(mails[1]!.attachments_json!)[0].filename).toBe('sitzung.ics');
    // Maria answered: nothing for her.
    expect(await mailsTo('maria@example.org')).toHaveLength(1);
    const reminderLink = linkFrom(mails[1]!.body_text).replace(/\?answer=.*/, '');
    const invitationLink = linkFrom(mails[0]!.body_text).replace(/\?answer=.*/, '');
    expect(reminderLink).not.toBe(invitationLink);
    // Both links answer the same invitation; the reminder's first, then the invitation's changes it.
    expect((await h.browser().get(`${invitationLink}?answer=tentative`)).status).toBe(200);
    const list = await (await who.olaf!.get(`/meetings/${meetingId}`)).text();
    expect(list).toContain('erinnert am 25.11.2026, 11:00');
    expect((await h.browser().post(reminderLink, { answer: 'declined' })).status).toBe(200);
    expect((await h.browser().post(invitationLink, { answer: 'accepted' })).status).toBe(200);
    const row = await h.db.selectFrom('rsvps').innerJoin('persons', 'persons.id', 'rsvps.person_id').select('answer').where('persons.name', '=', 'Ines Intern').executeTakeFirstOrThrow();
    expect(row.answer).toBe('accepted');
    // A tampered reminder link is refused like any other.
    expect((await h.browser().post(tampered(reminderLink), { answer: 'declined' })).status).not.toBe(200);
  });

  it('with everyone answered it sends nothing and says so; the button is gone', async () => {
    const res = await who.olaf!.post(`/meetings/${meetingId}/remind`, {});
    expect(res.status).toBe(303);
    expect(await mailsTo('ines@example.org')).toHaveLength(2);
    expect(await (await who.olaf!.get(`/meetings/${meetingId}`)).text()).not.toContain(`action="/meetings/${meetingId}/remind"`);
  });

  it('once the meeting has begun it answers 409', async () => {
    h.clock.current = new Date('2026-12-02T15:30:00.000Z');
    expect((await who.olaf!.post(`/meetings/${meetingId}/remind`, {})).status).toBe(409);
  });
});
