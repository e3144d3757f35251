import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, linkFrom, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

// A member who cannot come names a substitute of their organisation, who is invited in their place with
// the same reply link rules and appears in the attendance list.

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
  await who.sek!.post('/groups', { name: 'AK Arbeit', slug: 'arbeit', kind: 'internal' });
  await who.sek!.post('/groups/arbeit/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  await who.sek!.post('/groups/arbeit/members', { person: 'ines@example.org', role: 'member', organisation: 'Stadt Hilden', starts_on: '2026-01-01' });
  await who.sek!.post('/groups/arbeit/members', { person: 'maria@example.org', role: 'member', starts_on: '2026-01-01' });
  const res = await who.olaf!.post('/groups/arbeit/meetings', { title: 'Sitzung Arbeit', day: '2026-12-09', start_time: '14:00', end_time: '16:00', location: 'Rathaus Hilden' });
  meetingId = Number(res.headers.get('location')!.split('/').pop());
  await who.olaf!.post(`/meetings/${meetingId}/invite`, {});
});
afterAll(() => h.close());

describe('substitutes', () => {
  it('need a name with the address, and only come with a decline (422 next to the field)', async () => {
    const link = linkFrom((await mailsTo('ines@example.org'))[0]!.body_text).replace(/\?answer=.*/, '');
    const noName = await h.browser().post(link, { answer: 'declined', substitute_email: 'vertretung@hilden.example' });
    expect(noName.status).toBe(422);
    expect(await noName.text()).toMatch(/id="field-substitute-error"[^>]*>[^<]*Namen Ihrer Vertretung/);
    const accepted = await h.browser().post(link, { answer: 'accepted', substitute: 'Paul Vertretung', substitute_email: 'vertretung@hilden.example' });
    expect(accepted.status).toBe(422);
    expect(await accepted.text()).toContain('value="vertretung@hilden.example"');
    expect(await mailsTo('vertretung@hilden.example')).toHaveLength(0);
  });

  it('a member declines by mail link and names a substitute, who is invited in their place', async () => {
    const link = linkFrom((await mailsTo('ines@example.org'))[0]!.body_text).replace(/\?answer=.*/, '');
    const res = await h.browser().post(link, { answer: 'declined', substitute: 'Paul Vertretung', substitute_email: 'vertretung@hilden.example' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Ihre Vertretung Paul Vertretung ist eingeladen.');
    const [mail] = await mailsTo('vertretung@hilden.example');
    expect(mail!.subject).toBe('Einladung in Vertretung: Sitzung Arbeit am 09.12.2026');
    expect(mail!.body_text).toContain('Ines Intern kann an der Sitzung „Sitzung Arbeit“ (AK Arbeit) nicht teilnehmen und hat Sie als Vertretung benannt.');
    expect(mail!.body_text).not.toMatch(/\{\w+\}/);
    // The person is new, of the member's organisation, and a guest of the group for that day only.
    const person = await h.db.selectFrom('persons').leftJoin('organisations', 'organisations.id', 'persons.organisation_id').select(['persons.id', 'organisations.name']).where('email_normalized', '=', 'vertretung@hilden.example').executeTakeFirstOrThrow();
    expect(person.name).toBe('Stadt Hilden');
    const membership = await h.db.selectFrom('memberships').select(['role', 'starts_on', 'ends_on']).where('person_id', '=', person.id).executeTakeFirstOrThrow();
    expect(membership).toEqual({ role: 'guest', starts_on: '2026-12-09', ends_on: '2026-12-09' });
    // The reply list says whom they stand in for.
    expect(await (await who.olaf!.get(`/meetings/${meetingId}`)).text()).toContain('in Vertretung für Ines Intern');
    // The substitute answers by their own link, like everyone invited.
    const theirs = linkFrom(mail!.body_text).replace(/\?answer=.*/, '');
    expect((await h.browser().get(`${theirs}?answer=accepted`)).status).toBe(200);
    expect((await h.browser().post(theirs, { answer: 'accepted' })).status).toBe(200);
  });

  it('naming the same substitute again, or a member of the group, invites nobody twice', async () => {
    const link = linkFrom((await mailsTo('ines@example.org'))[0]!.body_text).replace(/\?answer=.*/, '');
    await h.browser().post(link, { answer: 'declined', substitute: 'Paul Vertretung', substitute_email: 'vertretung@hilden.example' });
    expect(await mailsTo('vertretung@hilden.example')).toHaveLength(1);
    expect((await who.maria!.post(`/meetings/${meetingId}/rsvp`, { answer: 'declined', substitute: 'Olaf', substitute_email: 'olaf@example.org' })).status).toBe(303);
    expect(await mailsTo('olaf@example.org')).toHaveLength(1);
  });

  it('the substitute is on the attendance list, and present in the minutes once recorded', async () => {
    h.clock.current = new Date('2026-12-09T15:00:00.000Z');
    await who.olaf!.login('olaf@example.org', TEST_PASSWORD);
    const page = await (await who.olaf!.get(`/meetings/${meetingId}/attendance`)).text();
    expect(page).toContain('Paul Vertretung');
    expect((await who.olaf!.post(`/meetings/${meetingId}/attendance/accepted`, {})).status).toBe(303);
    const status = await h.db.selectFrom('attendance').innerJoin('persons', 'persons.id', 'attendance.person_id').select(['persons.name', 'attendance.status']).where('meeting_id', '=', meetingId).execute();
    expect(status).toContainEqual({ name: 'Paul Vertretung', status: 'present' });
  });

  it('the minutes say whom the substitute stood in for (page and export)', async () => {
    expect((await who.olaf!.post(`/meetings/${meetingId}/minutes`, { version: '0', minute_taker: 'Olaf Organisator' })).status).toBe(303);
    const md = await (await who.olaf!.get(`/meetings/${meetingId}/minutes.md`)).text();
    expect(md).toContain('Paul Vertretung (in Vertretung für Ines Intern)');
    expect(await (await who.olaf!.get(`/meetings/${meetingId}/attendance`)).text()).toContain('in Vertretung für Ines Intern');
  });
});

describe('the colleague picker', () => {
  let second: number;
  beforeAll(async () => {
    h.clock.current = new Date('2026-12-10T09:00:00.000Z');
    // Two colleagues of Stadt Hilden (one of them a member of the group) and someone of another organisation.
    const hilden = await h.db.selectFrom('organisations').select('id').where('name', '=', 'Stadt Hilden').executeTakeFirstOrThrow();
    const at = h.clock.current.toISOString();
    for (const [name, email, org] of [['Karla Kollegin', 'karla@hilden.example', hilden.id], ['Fritz Fremd', 'fritz@anders.example', null]] as const) {
      await h.db.insertInto('persons').values({ name, name_folded: name.toLowerCase(), email, email_normalized: email, organisation_id: org, created_at: at, updated_at: at }).execute();
    }
    await who.olaf!.login('olaf@example.org', TEST_PASSWORD);
    const res = await who.olaf!.post('/groups/arbeit/meetings', { title: 'Zweite Sitzung', day: '2027-01-13', start_time: '14:00', end_time: '16:00', location: 'Rathaus Hilden' });
    second = Number(res.headers.get('location')!.split('/').pop());
    await who.olaf!.post(`/meetings/${second}/invite`, {});
  });

  const inesLink = async () => {
    const mails = await mailsTo('ines@example.org');
    return linkFrom(mails.filter((m) => m.subject.includes('Zweite Sitzung')).at(-1)!.body_text).replace(/\?answer=.*/, '');
  };

  it('offers the colleagues of the organisation the member represents, by name only', async () => {
    const page = await (await h.browser().get(await inesLink())).text();
    expect(page).toContain('name="substitute_colleague"');
    expect(page).toContain('Karla Kollegin');
    // The earlier substitute is a colleague too; the stranger and the member herself are not offered.
    expect(page).toContain('Paul Vertretung');
    expect(page).not.toContain('Fritz Fremd');
    expect(page).not.toContain('karla@hilden.example');
    // Maria represents no organisation: no list on her meeting page.
    await who.maria!.login('maria@example.org', TEST_PASSWORD);
    expect(await (await who.maria!.get(`/meetings/${second}`)).text()).not.toContain('name="substitute_colleague"');
  });

  it('refuses a pick with an accept, a pick together with an address, and a person not on the list', async () => {
    const link = await inesLink();
    const karla = await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'karla@hilden.example').executeTakeFirstOrThrow();
    const fritz = await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'fritz@anders.example').executeTakeFirstOrThrow();
    const accepted = await h.browser().post(link, { answer: 'accepted', substitute_colleague: String(karla.id) });
    expect(accepted.status).toBe(422);
    expect(await accepted.text()).toContain('id="field-substitute_colleague-error"');
    const both = await h.browser().post(link, { answer: 'declined', substitute_colleague: String(karla.id), substitute: 'X', substitute_email: 'x@hilden.example' });
    expect(both.status).toBe(422);
    expect(await both.text()).toContain('nicht beides');
    const garbage = await h.browser().post(link, { answer: 'declined', substitute_colleague: 'abc' });
    expect(garbage.status).toBe(422);
    // Someone of another organisation: the reply is saved, nobody is invited.
    expect((await h.browser().post(link, { answer: 'declined', substitute_colleague: String(fritz.id) })).status).toBe(200);
    expect(await mailsTo('fritz@anders.example')).toHaveLength(0);
    expect(await mailsTo('karla@hilden.example')).toHaveLength(0);
  });

  it('invites the colleague picked, who then is no longer offered', async () => {
    const link = await inesLink();
    const karla = await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'karla@hilden.example').executeTakeFirstOrThrow();
    const res = await h.browser().post(link, { answer: 'declined', substitute_colleague: String(karla.id) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Ihre Vertretung Karla Kollegin ist eingeladen.');
    const [mail] = await mailsTo('karla@hilden.example');
    expect(mail!.subject).toBe('Einladung in Vertretung: Zweite Sitzung am 13.01.2027');
    const page = await (await h.browser().get(link)).text();
    expect(page).not.toContain('>Karla Kollegin<');
  });
});
