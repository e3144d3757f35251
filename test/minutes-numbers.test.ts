import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0016 from '../migrations/0016_decision_numbers.js';
import * as m0038 from '../migrations/0038_substring_search.js';
import { decisionLabel } from '../src/minutes/decisions.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

// Decision numbers per group and year (issue 16, section 2), versions numbered 1, 2, 3 (section 4), the
// group's minutes archive and the meeting page's link to its minutes (section 2).
let h: TestHarness;
const who: Record<string, Browser> = {};
const meeting: Record<string, number> = {};

async function items(id: number) {
  return (await h.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', id).orderBy('position').execute()).map((i) => i.id);
}

async function write(id: number, decisions: [number, string][], version = '0', path = 'minutes', extra: Record<string, string> = {}) {
  const form: Record<string, string> = { version, minute_taker: 'Olaf', ...extra };
  const k = new Map<number, number>();
  for (const [item, text] of decisions) {
    const n = k.get(item) ?? 0;
    k.set(item, n + 1);
    form[`decision_${item}_${n}_text`] = text;
  }
  const res = await who.olaf!.post(`/meetings/${id}/${path}`, form);
  expect(res.status).toBe(303);
}

async function labels(id: number) {
  const rows = await h.db
    .selectFrom('decisions')
    .innerJoin('minutes', 'minutes.id', 'decisions.minutes_id')
    .select(['decisions.text', 'decisions.number_year', 'decisions.number'])
    .where('minutes.meeting_id', '=', id)
    .orderBy('decisions.agenda_item_id')
    .orderBy('decisions.position')
    .execute();
  return rows.map((r) => [r.text, decisionLabel(r)]);
}

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Adam Admin', email: 'admin@example.org', role: 'admin' });
  await createUser(h.db, { name: 'Olaf Organisator', email: 'olaf@example.org' });
  await createUser(h.db, { name: 'Ines Intern', email: 'ines@example.org' });
  await createUser(h.db, { name: 'Fritz Fremd', email: 'fritz@example.org' });
  const sek = h.browser();
  await sek.login('sek@example.org', TEST_PASSWORD);
  await sek.post('/groups', { name: 'AK intern', slug: 'ak', kind: 'internal' });
  await sek.post('/groups', { name: 'AK extern', slug: 'ext', kind: 'external' });
  await sek.post('/groups/ak/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  await sek.post('/groups/ak/members', { person: 'ines@example.org', role: 'member', starts_on: '2026-01-01' });
  await sek.post('/groups/ext/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  const olaf = h.browser();
  await olaf.login('olaf@example.org', TEST_PASSWORD);
  const create = async (slug: string, title: string, day: string) => {
    const res = await olaf.post(`/groups/${slug}/meetings`, { title, day, start_time: '18:00', end_time: '20:00', default_agenda: 'on' });
    return Number(res.headers.get('location')!.split('/').pop());
  };
  meeting.nov = await create('ak', 'Novembersitzung', '2026-11-30');
  meeting.feb = await create('ak', 'Februarsitzung', '2027-02-10');
  meeting.mar = await create('ak', 'Märzsitzung', '2027-03-10');
  meeting.ext = await create('ext', 'Externe Sitzung', '2027-02-11');
  // The meetings have taken place; everyone signs in on that day.
  h.clock.current = new Date('2027-04-01T08:00:00.000Z');
  for (const name of ['sek', 'admin', 'olaf', 'ines', 'fritz']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  who.public = h.browser();
});
afterAll(() => h.close());

describe('decision numbers', () => {
  it('are given at approval, per group and year of the meeting, in agenda order', async () => {
    const [f1, f2] = await items(meeting.feb!);
    await write(meeting.feb!, [
      [f1!, 'Der Haushalt 2027 wird beschlossen.'],
      [f1!, 'Die AG Sprache wird eingerichtet.'],
      [f2!, 'Die nächste Sitzung findet in Hilden statt.'],
    ]);
    expect((await who.olaf!.post(`/meetings/${meeting.feb}/minutes/circulate`, {})).status).toBe(303);
    // Circulated decisions may still change: no numbers yet.
    expect((await labels(meeting.feb!)).map((l) => l[1])).toEqual([null, null, null]);
    expect(await (await who.ines!.get(`/meetings/${meeting.feb}/minutes`)).text()).not.toContain('2027/0');
    expect((await who.olaf!.post(`/meetings/${meeting.feb}/minutes/approve`, {})).status).toBe(303);
    expect(await labels(meeting.feb!)).toEqual([
      ['Der Haushalt 2027 wird beschlossen.', '2027/01'],
      ['Die AG Sprache wird eingerichtet.', '2027/02'],
      ['Die nächste Sitzung findet in Hilden statt.', '2027/03'],
    ]);

    const [m1] = await items(meeting.mar!);
    await write(meeting.mar!, [[m1!, 'Der Bericht wird zur Kenntnis genommen.']]);
    await who.olaf!.post(`/meetings/${meeting.mar}/minutes/circulate`, {});
    await who.olaf!.post(`/meetings/${meeting.mar}/minutes/approve`, {});
    expect(await labels(meeting.mar!)).toEqual([['Der Bericht wird zur Kenntnis genommen.', '2027/04']]);

    // Another year of the same group, and another group, count from 1.
    const [n1] = await items(meeting.nov!);
    await write(meeting.nov!, [[n1!, 'Novemberbeschluss']]);
    await who.olaf!.post(`/meetings/${meeting.nov}/minutes/circulate`, {});
    await who.olaf!.post(`/meetings/${meeting.nov}/minutes/approve`, {});
    expect(await labels(meeting.nov!)).toEqual([['Novemberbeschluss', '2026/01']]);
    const [e1] = await items(meeting.ext!);
    await write(meeting.ext!, [[e1!, 'Externer Beschluss']]);
    await who.olaf!.post(`/meetings/${meeting.ext}/minutes/circulate`, {});
    await who.olaf!.post(`/meetings/${meeting.ext}/minutes/approve`, {});
    expect(await labels(meeting.ext!)).toEqual([['Externer Beschluss', '2027/01']]);
  });

  it('show in the minutes (and so their print view) and in the Markdown export', async () => {
    const html = await (await who.ines!.get(`/meetings/${meeting.feb}/minutes`)).text();
    expect(html).toMatch(/<th scope="col">Nr\.<\/th>/);
    expect(html).toMatch(/<td>2027\/02<\/td><td>Die AG Sprache wird eingerichtet\.<\/td>/);
    const md = await (await who.ines!.get(`/meetings/${meeting.feb}/minutes.md`)).text();
    expect(md).toContain('- 2027/01: Der Haushalt 2027 wird beschlossen.');
    expect(md).toContain('- 2027/03: Die nächste Sitzung findet in Hilden statt.');
  });

  it('show in the search, which finds a decision by its number too', async () => {
    const byText = await (await who.ines!.get('/minutes/search?q=AG+Sprache')).text();
    expect(byText).toContain('Beschluss 2027/02');
    const byNumber = await (await who.ines!.get(`/minutes/search?q=${encodeURIComponent('2027/04')}`)).text();
    expect(byNumber).toContain('Der Bericht wird zur Kenntnis genommen.');
    expect(byNumber).not.toContain('Die AG Sprache');
  });

  it('stay fixed through a correction; a new decision gets the next free number', async () => {
    const [f1, f2] = await items(meeting.feb!);
    const { version } = await h.db.selectFrom('minutes').select('version').where('meeting_id', '=', meeting.feb!).executeTakeFirstOrThrow();
    await write(
      meeting.feb!,
      [
        [f1!, 'Der Haushalt 2027 wird beschlossen.'],
        [f1!, 'Die AG Sprache wird eingerichtet (Korrektur).'],
        [f2!, 'Die nächste Sitzung findet in Hilden statt.'],
        [f2!, 'Nachgetragener Beschluss'],
      ],
      String(version),
      'minutes/correction',
      { reason: 'Beschluss vergessen' },
    );
    expect(await labels(meeting.feb!)).toEqual([
      ['Der Haushalt 2027 wird beschlossen.', '2027/01'],
      ['Die AG Sprache wird eingerichtet (Korrektur).', '2027/02'],
      ['Die nächste Sitzung findet in Hilden statt.', '2027/03'],
      ['Nachgetragener Beschluss', '2027/05'],
    ]);
  });
});

describe('kept versions', () => {
  it('are numbered 1, 2, 3: circulated, approved, corrected', async () => {
    const minutes = await h.db.selectFrom('minutes').select('id').where('meeting_id', '=', meeting.feb!).executeTakeFirstOrThrow();
    const versions = await h.db.selectFrom('minutes_versions').select(['id', 'version', 'status']).where('minutes_id', '=', minutes.id).orderBy('id').execute();
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'circulated'],
      [2, 'approved'],
      [3, 'approved'],
    ]);
    const html = await (await who.ines!.get(`/meetings/${meeting.feb}/minutes`)).text();
    for (const n of [1, 2, 3]) expect(html).toContain(`>Fassung ${n}</a>`);
    const first = await (await who.ines!.get(`/meetings/${meeting.feb}/minutes/versions/${versions[0]!.id}`)).text();
    expect(first).toContain('Fassung 1, versandt');
  });
});

describe('the group minutes archive', () => {
  it('lists approved minutes by year with their decisions for members, organisers and the staff', async () => {
    for (const name of ['ines', 'olaf', 'sek', 'admin']) {
      const res = await who[name]!.get('/groups/ak/minutes');
      expect(res.status, name).toBe(200);
      const html = await res.text();
      expect(html).toContain('<h2 id="archive-year">Jahr 2027</h2>');
      expect(html).toContain(`href="/meetings/${meeting.feb}/minutes"`);
      expect(html).toContain(`href="/meetings/${meeting.mar}/minutes"`);
      expect(html).toMatch(/<td>2027\/04<\/td><td>Der Bericht wird zur Kenntnis genommen\./);
      expect(html).not.toContain('Novembersitzung');
      expect(html).toContain('href="/groups/ak/minutes?year=2026"');
    }
    const older = await (await who.ines!.get('/groups/ak/minutes?year=2026')).text();
    expect(older).toContain('Novembersitzung');
    expect(older).toContain('2026/01');
    expect(older).not.toContain('Märzsitzung');
  });

  it('leaves out minutes not yet approved', async () => {
    await h.db.updateTable('minutes').set({ status: 'circulated' }).where('meeting_id', '=', meeting.mar!).execute();
    const html = await (await who.ines!.get('/groups/ak/minutes')).text();
    expect(html).not.toContain('Märzsitzung');
    await h.db.updateTable('minutes').set({ status: 'approved' }).where('meeting_id', '=', meeting.mar!).execute();
  });

  it('is closed to those who may not read the minutes', async () => {
    // An internal group does not reveal itself; an external one is visible but its minutes are not.
    expect((await who.fritz!.get('/groups/ak/minutes')).status).toBe(404);
    expect((await who.fritz!.get('/groups/ext/minutes')).status).toBe(403);
    expect((await who.ines!.get('/groups/ext/minutes')).status).toBe(403);
    const anonymous = await who.public!.get('/groups/ak/minutes');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('/login');
    expect((await who.sek!.get('/groups/nichtda/minutes')).status).toBe(404);
  });

  it('is linked from the group page for those who may read it', async () => {
    expect(await (await who.ines!.get('/groups/ak')).text()).toContain('href="/groups/ak/minutes"');
    expect(await (await who.sek!.get('/groups/ext')).text()).toContain('href="/groups/ext/minutes"');
    expect(await (await who.fritz!.get('/groups/ext')).text()).not.toContain('/groups/ext/minutes');
  });
});

describe("a held meeting's page", () => {
  it('links its minutes for members once they have gone out, not while in draft', async () => {
    const link = (id: number) => `href="/meetings/${id}/minutes"`;
    expect(await (await who.ines!.get(`/meetings/${meeting.feb}`)).text()).toContain(link(meeting.feb!));
    await h.db.updateTable('minutes').set({ status: 'draft' }).where('meeting_id', '=', meeting.mar!).execute();
    expect(await (await who.ines!.get(`/meetings/${meeting.mar}`)).text()).not.toContain(link(meeting.mar!));
    expect(await (await who.olaf!.get(`/meetings/${meeting.mar}`)).text()).toContain(link(meeting.mar!));
    await h.db.updateTable('minutes').set({ status: 'approved' }).where('meeting_id', '=', meeting.mar!).execute();
    // Signed in outside the external group: its meeting is visible, its minutes are not.
    expect(await (await who.fritz!.get(`/meetings/${meeting.ext}`)).text()).not.toContain(link(meeting.ext!));
  });
});

describe('migration 0016', () => {
  it('numbers the decisions of approved minutes by meeting date and agenda, and renumbers kept versions', async () => {
    await h.db.updateTable('minutes_versions').set({ version: 7 }).execute();
    // 0038's search index reads the numbers (its triggers): taken off and put back around 0016, as a
    // rollback would.
    await m0038.down(h.db);
    await m0016.down(h.db);
    await m0016.up(h.db);
    await m0038.up(h.db);
    expect(await labels(meeting.nov!)).toEqual([['Novemberbeschluss', '2026/01']]);
    expect((await labels(meeting.feb!)).map((l) => l[1])).toEqual(['2027/01', '2027/02', '2027/03', '2027/04']);
    expect(await labels(meeting.mar!)).toEqual([['Der Bericht wird zur Kenntnis genommen.', '2027/05']]);
    expect(await labels(meeting.ext!)).toEqual([['Externer Beschluss', '2027/01']]);
    const minutes = await h.db.selectFrom('minutes').select('id').where('meeting_id', '=', meeting.feb!).executeTakeFirstOrThrow();
    expect((await h.db.selectFrom('minutes_versions').select('version').where('minutes_id', '=', minutes.id).orderBy('id').execute()).map((v) => v.version)).toEqual([1, 2, 3]);
  });
});

describe('the correction form', () => {
  it('names the numbers the approved decisions have', async () => {
    const html = await (await who.olaf!.get(`/meetings/${meeting.nov}/minutes/correction`)).text();
    expect(html).toContain('Beschluss 1 (2026/01)');
  });
});
