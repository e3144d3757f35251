import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymisePerson } from '../src/privacy/anonymise.js';
import { purgeExpiredPollAnswers } from '../src/privacy/retention.js';
import { createHarness, createUser, linkFrom, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

// Date polls ("Terminumfrage", issue #16 section 4): the organiser proposes dates, the group's members
// answer yes / if need be / no from the page or a scanner-safe mail link, and the organiser fixes one,
// which becomes the meeting. Answers follow the retention rules of replies.

let h: TestHarness;
const who: Record<string, Browser> = {};
const ids: Record<string, { personId: number; userId: number }> = {};
let pollId: number;
let optionIds: number[];

const mailsTo = (address: string) => h.db.selectFrom('outbox').select(['subject', 'body_text']).where('to_address', '=', address).orderBy('id').execute();
const answersOf = (personId: number) => h.db.selectFrom('poll_answers').select(['option_id', 'answer']).where('person_id', '=', personId).orderBy('option_id').execute();
const pollForm = (extra: Record<string, string> = {}) => ({
  title: 'Sitzung Wohnen',
  location: 'Rathaus Erkrath',
  note: 'Bitte bis Freitag antworten.',
  day_1: '2027-01-12',
  start_1: '18:00',
  end_1: '20:00',
  day_2: '2027-01-14',
  start_2: '17:00',
  end_2: '19:00',
  ...extra,
});

beforeAll(async () => {
  h = await createHarness();
  ids.sek = await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  for (const name of ['Olaf Organisator', 'Ines Intern', 'Maria Mitglied', 'Nora Nichtmitglied']) ids[name.split(' ')[0]!.toLowerCase()] = await createUser(h.db, { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.org` });
  for (const name of ['sek', 'olaf', 'ines', 'maria', 'nora']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  who.anon = h.browser();
  await who.sek!.post('/groups', { name: 'AK Wohnen', slug: 'wohnen', kind: 'internal' });
  await who.sek!.post('/groups/wohnen/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  for (const m of ['ines', 'maria']) await who.sek!.post('/groups/wohnen/members', { person: `${m}@example.org`, role: 'member', starts_on: '2026-01-01' });
});
afterAll(() => h.close());

describe('creating a date poll', () => {
  it('is for the group managers and the staff: members 403, others 404 or the login', async () => {
    expect((await who.olaf!.get('/groups/wohnen/polls/new')).status).toBe(200);
    expect((await who.sek!.get('/groups/wohnen/polls/new')).status).toBe(200);
    expect((await who.ines!.get('/groups/wohnen/polls/new')).status).toBe(403);
    expect((await who.nora!.get('/groups/wohnen/polls/new')).status).toBe(404);
    const anon = await who.anon!.get('/groups/wohnen/polls/new');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toMatch(/^\/login/);
    expect((await who.ines!.post('/groups/wohnen/polls', pollForm())).status).toBe(403);
    expect((await who.anon!.post('/groups/wohnen/polls', pollForm())).status).toBe(401);
    expect(await h.db.selectFrom('polls').selectAll().execute()).toHaveLength(0);
  });

  it('refuses fewer than two dates and an end before the start with 422 next to the field, storing nothing', async () => {
    const one = await who.olaf!.post('/groups/wohnen/polls', pollForm({ day_2: '', start_2: '', end_2: '' }));
    expect(one.status).toBe(422);
    const oneHtml = await one.text();
    expect(oneHtml).toContain('id="field-day_1-error"');
    expect(oneHtml).toContain('mindestens zwei Termine');
    const backwards = await who.olaf!.post('/groups/wohnen/polls', pollForm({ end_2: '16:00' }));
    expect(backwards.status).toBe(422);
    const html = await backwards.text();
    expect(html).toContain('id="field-end_2-error"');
    expect(html).toContain('Das Ende muss nach dem Beginn liegen.');
    expect(html).toContain('value="Sitzung Wohnen"');
    const noTitle = await who.olaf!.post('/groups/wohnen/polls', pollForm({ title: '' }));
    expect(noTitle.status).toBe(422);
    expect(await noTitle.text()).toContain('id="field-title-error"');
    expect(await h.db.selectFrom('polls').selectAll().execute()).toHaveLength(0);
    expect(await mailsTo('ines@example.org')).toHaveLength(0);
  });

  it('stores the poll and mails every current member a personal link, with a greeting and every placeholder filled', async () => {
    const res = await who.olaf!.post('/groups/wohnen/polls', pollForm());
    expect(res.status).toBe(303);
    pollId = Number(res.headers.get('location')!.split('/').pop());
    expect(res.headers.get('location')).toBe(`/polls/${pollId}`);
    optionIds = (await h.db.selectFrom('poll_options').select('id').where('poll_id', '=', pollId).orderBy('starts_at').execute()).map((o) => o.id);
    expect(optionIds).toHaveLength(2);
    // Berlin time: 18:00 in January is 17:00 UTC.
    const first = await h.db.selectFrom('poll_options').select(['starts_at', 'ends_at']).where('id', '=', optionIds[0]!).executeTakeFirstOrThrow();
    expect(new Date(first.starts_at).toISOString()).toBe('2027-01-12T17:00:00.000Z');
    const [mail] = await mailsTo('ines@example.org');
    expect(mail!.subject).toBe('Terminumfrage: Sitzung Wohnen');
    expect(mail!.body_text).toMatch(/^Guten Tag Ines Intern,/);
    expect(mail!.body_text).toContain('Dienstag, 12.01.2027');
    expect(mail!.body_text).toContain('Bitte bis Freitag antworten.');
    expect(mail!.body_text).toMatch(/\/poll\/[a-z2-7]{24}\.[a-z2-7]{24}/);
    expect(mail!.body_text).not.toMatch(/\{\w+\}/);
    expect(await mailsTo('olaf@example.org')).toHaveLength(1);
    expect(await mailsTo('nora@example.org')).toHaveLength(0);
    expect(await mailsTo('sek@example.org')).toHaveLength(0);
    const entry = await h.db.selectFrom('audit_log').select(['action', 'entity_type']).where('action', '=', 'poll.create').executeTakeFirstOrThrow();
    expect(entry.entity_type).toBe('group');
  });
});

describe('answering', () => {
  it('opening the mail link (a scanner does) changes nothing; only the POST records', async () => {
    const link = linkFrom((await mailsTo('ines@example.org'))[0]!.body_text);
    const before = await h.db.selectFrom('poll_answers').selectAll().execute();
    const page = await who.anon!.get(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`name="answer_${optionIds[0]}"`);
    expect(await h.db.selectFrom('poll_answers').selectAll().execute()).toEqual(before);
    expect((await who.anon!.post(link, {})).status).toBe(422);
    const done = await who.anon!.post(link, { [`answer_${optionIds[0]}`]: 'yes', [`answer_${optionIds[1]}`]: 'maybe' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('wenn nötig');
    expect(await answersOf(ids.ines!.personId)).toEqual([
      { option_id: optionIds[0], answer: 'yes' },
      { option_id: optionIds[1], answer: 'maybe' },
    ]);
    // The same link changes the answer; a tampered one is refused.
    await who.anon!.post(link, { [`answer_${optionIds[0]}`]: 'no', [`answer_${optionIds[1]}`]: 'yes' });
    expect((await answersOf(ids.ines!.personId)).map((a) => a.answer)).toEqual(['no', 'yes']);
    expect((await who.anon!.get(`${link.slice(0, -1)}${link.endsWith('a') ? 'b' : 'a'}`)).status).toBe(410);
    expect((await who.anon!.post(link, { [`answer_${optionIds[0]}`]: 'sometimes' })).status).toBe(422);
  });

  it('members answer on the page and see the table; non-members and visitors see nothing', async () => {
    expect((await who.maria!.post(`/polls/${pollId}/answers`, { [`answer_${optionIds[0]}`]: 'yes', [`answer_${optionIds[1]}`]: 'yes' })).status).toBe(303);
    expect((await who.maria!.post(`/polls/${pollId}/answers`, {})).status).toBe(422);
    expect((await answersOf(ids.maria!.personId)).map((a) => a.answer)).toEqual(['yes', 'yes']);
    const page = await who.maria!.get(`/polls/${pollId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<caption id="poll-caption">Wer kann wann</caption>');
    expect(html).toContain('<th scope="row">Ines Intern</th>');
    expect(html).toContain('<th scope="col">');
    expect(html).toContain('1 ja, 0 wenn nötig, 1 nein');
    expect(html).toContain('2 ja, 0 wenn nötig, 0 nein');
    // A member does not fix dates.
    expect(html).not.toContain(`action="/polls/${pollId}/fix"`);
    expect((await who.maria!.post(`/polls/${pollId}/fix`, { option: String(optionIds[1]) })).status).toBe(403);
    expect((await who.maria!.post(`/polls/${pollId}/close`, {})).status).toBe(403);
    expect((await who.nora!.get(`/polls/${pollId}`)).status).toBe(404);
    expect((await who.nora!.post(`/polls/${pollId}/answers`, { [`answer_${optionIds[0]}`]: 'yes' })).status).toBe(404);
    expect((await who.anon!.get(`/polls/${pollId}`)).status).toBe(303);
    expect((await who.anon!.post(`/polls/${pollId}/answers`, { [`answer_${optionIds[0]}`]: 'yes' })).status).toBe(401);
    // The staff see the table but answer only as members.
    expect((await who.sek!.get(`/polls/${pollId}`)).status).toBe(200);
    expect((await who.sek!.post(`/polls/${pollId}/answers`, { [`answer_${optionIds[0]}`]: 'yes' })).status).toBe(403);
    expect(await answersOf(ids.sek!.personId)).toEqual([]);
  });

  it('the group page and the list link the polls for members', async () => {
    expect(await (await who.maria!.get('/groups/wohnen')).text()).toContain('href="/groups/wohnen/polls"');
    const list = await (await who.maria!.get('/groups/wohnen/polls')).text();
    expect(list).toContain(`href="/polls/${pollId}"`);
    expect(list).not.toContain('href="/groups/wohnen/polls/new"');
    expect(await (await who.olaf!.get('/groups/wohnen/polls')).text()).toContain('href="/groups/wohnen/polls/new"');
    expect((await who.nora!.get('/groups/wohnen/polls')).status).toBe(404);
  });

  it("the members' dashboard lists the open poll and says whether they answered; others see none", async () => {
    const section = (html: string) => /<h2 id="open-polls">[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
    const maria = section(await (await who.maria!.get('/')).text());
    expect(maria).toContain(`href="/polls/${pollId}"`);
    expect(maria).toContain('beantwortet, Sie können Ihre Antwort noch ändern');
    expect(await answersOf(ids.olaf!.personId)).toEqual([]);
    const olaf = section(await (await who.olaf!.get('/')).text());
    expect(olaf).toContain(`href="/polls/${pollId}"`);
    expect(olaf).toContain('noch nicht beantwortet');
    expect(await (await who.nora!.get('/')).text()).not.toContain('id="open-polls"');
  });
});

describe('fixing a date', () => {
  it('refuses no date (422), then creates the meeting, marks the poll fixed and leads to the invitation', async () => {
    const none = await who.olaf!.post(`/polls/${pollId}/fix`, {});
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('id="field-option-error"');
    expect(await h.db.selectFrom('meetings').selectAll().execute()).toHaveLength(0);
    const res = await who.olaf!.post(`/polls/${pollId}/fix`, { option: String(optionIds[1]) });
    expect(res.status).toBe(303);
    const meeting = await h.db.selectFrom('meetings').selectAll().executeTakeFirstOrThrow();
    expect(res.headers.get('location')).toBe(`/meetings/${meeting.id}/invite`);
    expect(meeting.title).toBe('Sitzung Wohnen');
    expect(meeting.location).toBe('Rathaus Erkrath');
    expect(meeting.status).toBe('planned');
    expect(new Date(meeting.starts_at).toISOString()).toBe('2027-01-14T16:00:00.000Z');
    const poll = await h.db.selectFrom('polls').selectAll().where('id', '=', pollId).executeTakeFirstOrThrow();
    expect(poll.status).toBe('fixed');
    expect(poll.fixed_meeting_id).toBe(meeting.id);
    expect((await who.olaf!.get(`/meetings/${meeting.id}/invite`)).status).toBe(200);
    expect(await h.db.selectFrom('audit_log').select('action').where('action', 'in', ['poll.fix', 'meeting.create']).execute()).toHaveLength(2);
    // A second click makes no second meeting; the poll takes no more answers, and its links are closed.
    expect((await who.olaf!.post(`/polls/${pollId}/fix`, { option: String(optionIds[0]) })).status).toBe(409);
    expect((await who.olaf!.post(`/polls/${pollId}/close`, {})).status).toBe(409);
    expect((await who.maria!.post(`/polls/${pollId}/answers`, { [`answer_${optionIds[0]}`]: 'no' })).status).toBe(409);
    expect((await who.anon!.get(linkFrom((await mailsTo('ines@example.org'))[0]!.body_text))).status).toBe(410);
    expect(await h.db.selectFrom('meetings').selectAll().execute()).toHaveLength(1);
    expect(await (await who.maria!.get(`/polls/${pollId}`)).text()).toContain(`href="/meetings/${meeting.id}"`);
  });

  it('the staff close a poll without a date', async () => {
    const res = await who.sek!.post('/groups/wohnen/polls', pollForm({ title: 'Zweite Umfrage' }));
    const second = Number(res.headers.get('location')!.split('/').pop());
    expect((await who.sek!.post(`/polls/${second}/close`, {})).status).toBe(303);
    expect((await h.db.selectFrom('polls').select('status').where('id', '=', second).executeTakeFirstOrThrow()).status).toBe('closed');
  });
});

describe('personal data', () => {
  it("the person's export holds their poll answers", async () => {
    const data = (await (await who.ines!.get('/profile/data.json')).json()) as { sections: Record<string, Record<string, unknown>[]> };
    const rows = data.sections.poll_answers!;
    expect(rows.filter((r) => r.kind === 'answer').map((r) => r.answer)).toEqual(['no', 'yes']);
    expect(rows.some((r) => r.kind === 'asked' && r.poll === 'Sitzung Wohnen')).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/link_id|secret/);
    const page = await (await who.ines!.get('/profile/data')).text();
    expect(page).toContain('Antworten auf Terminumfragen');
  });

  it('retention deletes answers and links of polls fixed or closed more than RETENTION_MONTHS ago, not before', async () => {
    const now = h.clock.now();
    expect(await purgeExpiredPollAnswers(h.db, now, 24)).toBe(0);
    expect(await h.db.selectFrom('poll_answers').selectAll().execute()).toHaveLength(4);
    const later = new Date(now.getTime() + 25 * 31 * 24 * 3600_000);
    expect(await purgeExpiredPollAnswers(h.db, later, 24)).toBe(2);
    expect(await h.db.selectFrom('poll_answers').selectAll().execute()).toHaveLength(0);
    expect(await h.db.selectFrom('poll_invitees').selectAll().execute()).toHaveLength(0);
    // The polls, their dates and the meeting stay; a second run finds nothing.
    expect(await h.db.selectFrom('polls').selectAll().execute()).toHaveLength(2);
    expect(await purgeExpiredPollAnswers(h.db, later, 24)).toBe(0);
    expect(await h.db.selectFrom('audit_log').select('action').where('action', '=', 'privacy.retention_polls').execute()).toHaveLength(1);
  });

  it('anonymisation deletes a person’s answers and links', async () => {
    const res = await who.olaf!.post('/groups/wohnen/polls', pollForm({ title: 'Dritte Umfrage' }));
    const third = Number(res.headers.get('location')!.split('/').pop());
    const options = (await h.db.selectFrom('poll_options').select('id').where('poll_id', '=', third).execute()).map((o) => o.id);
    expect((await who.maria!.post(`/polls/${third}/answers`, { [`answer_${options[0]}`]: 'yes' })).status).toBe(303);
    expect(await answersOf(ids.maria!.personId)).toHaveLength(1);
    const sek = { id: ids.sek!.userId, personId: ids.sek!.personId, name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' as const };
    await anonymisePerson(h.db, sek, ids.maria!.personId, h.clock.now());
    expect(await answersOf(ids.maria!.personId)).toHaveLength(0);
    expect(await h.db.selectFrom('poll_invitees').selectAll().where('person_id', '=', ids.maria!.personId).execute()).toHaveLength(0);
  });
});
