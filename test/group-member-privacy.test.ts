import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitEntry } from '../src/directory/entries.js';
import { createHarness, createUser, linkFrom, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';

// What a group manager can see of whom: adding by id, by address and by import, and the member list.
let h: TestHarness;
let sek: Browser;
let carla: Browser;
let mia: Browser;
const GROUP = '/groups/ak-offen';
const MEMBERS = `${GROUP}/members`;

/** Addresses and phones the chair Carla cannot see: staff, an internal group's member, a submitter, a private person. */
const HIDDEN = ['sek@example.org', 'ida.intern@example.org', 'hanna.hidden@example.org', 'submitter@example.org', '0211 4711', 'Geheimfunktion'];

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Carla Chair', email: 'carla@example.org' });
  await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org' });
  await createUser(h.db, { name: 'Ida Intern', email: 'ida.intern@example.org' });
  const hanna = await createUser(h.db, { name: 'Hanna Hidden', email: 'hanna.hidden@example.org' });
  await h.db.updateTable('persons').set({ phone: '0211 4711', job_function: 'Geheimfunktion' }).where('id', '=', hanna.personId).execute();
  sek = h.browser();
  await sek.login('sek@example.org', TEST_PASSWORD);
  carla = h.browser();
  await carla.login('carla@example.org', TEST_PASSWORD);
  mia = h.browser();
  await mia.login('mia@example.org', TEST_PASSWORD);
  await sek.post('/groups', { name: 'AK Offen', slug: 'ak-offen', kind: 'external' });
  await sek.post('/groups', { name: 'AK Intern', slug: 'ak-intern', kind: 'internal' });
  expect((await sek.post(MEMBERS, { person: 'carla@example.org', role: 'chair', starts_on: '2026-01-01' })).status).toBe(303);
  expect((await sek.post(MEMBERS, { person: 'mia@example.org', role: 'member', starts_on: '2026-01-01' })).status).toBe(303);
  expect((await sek.post('/groups/ak-intern/members', { person: 'ida.intern@example.org', role: 'member', starts_on: '2026-01-01' })).status).toBe(303);
  const pending = await h.db.transaction().execute((trx) =>
    submitEntry(trx, { entry: { name: 'Verein im Entwurf', kind: 'association', city_id: null, descriptions: { de: 'x' }, languages: [], fields: [], cities: [], targets: [] }, submitter: { name: 'Sam Submitter', email: 'submitter@example.org' }, contact: { name: 'Sam Submitter', email: 'submitter@example.org' } }, h.clock.now()),
  );
  expect(pending).toBeGreaterThan(0);
  await addEntry(h.db, { name: 'Verein Offen' });
});
afterAll(() => h.close());

async function visibleToCarla(): Promise<string> {
  const page = await (await carla.get(MEMBERS)).text();
  const csv = await (await carla.get(`${MEMBERS}.csv`)).text();
  return page + csv;
}

describe('adding people as a group manager', () => {
  it('trying every person id adds nobody Carla could not see and shows no one else\'s details', async () => {
    const max = (await h.db.selectFrom('persons').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id as number;
    const answers = new Set<string>();
    for (let id = 1; id <= max + 3; id++) {
      const res = await carla.post(MEMBERS, { person: '', person_id: String(id), role: 'member', starts_on: '2026-11-25' });
      // Carla herself and Mia are visible to her (already members): their answer is "already a member".
      if ((await h.db.selectFrom('persons').select('email').where('id', '=', id).executeTakeFirst())?.email?.match(/^(carla|mia)@/)) continue;
      expect(res.status).toBe(422);
      const html = await res.text();
      answers.add(html.includes('Keine passende Person gefunden.') ? 'not found' : html);
    }
    // An unknown id and a hidden person's id give the same answer.
    expect([...answers]).toEqual(['not found']);
    const seen = await visibleToCarla();
    for (const secret of HIDDEN) expect(seen).not.toContain(secret);
    expect(seen).not.toContain('Hanna Hidden');
    expect(seen).not.toContain('Sam Submitter');
  });

  it('a known address and a new one get the same answer and the same mail; nobody is added before accepting', async () => {
    const memberships = async () => (await h.db.selectFrom('memberships').select('id').execute()).length;
    const before = await memberships();
    // Without a name: the same refusal for both.
    const noName = await Promise.all(['hanna.hidden@example.org', 'niemand@example.org'].map(async (person) => {
      const res = await carla.post(MEMBERS, { person, role: 'member', starts_on: '2026-11-25' });
      return [res.status, (await res.text()).replaceAll(person, 'ADDRESS')] as const;
    }));
    expect(noName[0]![0]).toBe(422);
    expect(noName[0]).toEqual(noName[1]);

    const answers = [];
    for (const person of ['hanna.hidden@example.org', 'niemand@example.org']) {
      const res = await carla.post(MEMBERS, { person, new_name: 'H. Eingeladen', role: 'member', starts_on: '2026-11-25' });
      answers.push({ status: res.status, location: res.headers.get('location'), flash: (await (await carla.get(MEMBERS)).text()).includes('Die Einladung ist verschickt.') });
    }
    expect(answers[0]).toEqual({ status: 303, location: MEMBERS, flash: true });
    expect(answers[1]).toEqual(answers[0]);
    const mails = await h.db.selectFrom('outbox').select(['to_address', 'subject', 'body_text']).where('to_address', 'in', ['hanna.hidden@example.org', 'niemand@example.org']).orderBy('id').execute();
    expect(mails).toHaveLength(2);
    const strip = (m: (typeof mails)[number]) => ({ subject: m.subject, body: m.body_text.replace(/\/join\/\S+/, '/join/TOKEN') });
    expect(strip(mails[0]!)).toEqual(strip(mails[1]!));
    expect(mails[0]!.body_text).toContain('Carla Chair lädt Sie ein');
    expect(await memberships()).toBe(before);
    expect(await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'niemand@example.org').executeTakeFirst()).toBeUndefined();
    // The list shows what Carla typed, never the stored person.
    const seen = await visibleToCarla();
    expect(seen).toContain('H. Eingeladen');
    for (const secret of HIDDEN) expect(seen).not.toContain(secret);

    // Hanna accepts: she joins as the person she is, and now the group sees her details.
    const link = linkFrom(mails[0]!.body_text);
    const page = await h.browser().get(link);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('Hanna Hidden');
    expect((await h.browser().post(link, { answer: 'accept' })).status).toBe(200);
    const after = await visibleToCarla();
    expect(after).toContain('Hanna Hidden');
    expect(after).toContain('hanna.hidden@example.org');
    expect(await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'hanna.hidden@example.org').execute()).toHaveLength(1);
    // The other declines: nothing is kept, and the link is gone.
    const other = linkFrom(mails[1]!.body_text);
    expect(await (await h.browser().post(other, { answer: 'decline' })).text()).toContain('Sie haben die Einladung abgelehnt.');
    expect(await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'niemand@example.org').executeTakeFirst()).toBeUndefined();
    expect((await h.browser().get(other)).status).toBe(410);
  });

  it('the member import invites every row alike and looks nobody up', async () => {
    const csv = 'Name;E-Mail;Organisation;Rolle\nIda;ida.intern@example.org;;\nNeu;ganz.neu@example.org;;\nMia;mia@example.org;;\n';
    const form = new FormData();
    form.set('file', new File([csv], 'liste.csv', { type: 'text/csv' }));
    const preview = await carla.upload(`${MEMBERS}/import`, form);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html.match(/wird eingeladen/g)).toHaveLength(3);
    expect(html).not.toContain('vorhandene Person');
    expect(html).not.toContain('schon Mitglied');
    const memberships = (await h.db.selectFrom('memberships').select('id').execute()).length;
    const persons = (await h.db.selectFrom('persons').select('id').execute()).length;
    expect((await carla.post(`${MEMBERS}/import/confirm`, { csv })).status).toBe(303);
    expect((await h.db.selectFrom('memberships').select('id').execute()).length).toBe(memberships);
    expect((await h.db.selectFrom('persons').select('id').execute()).length).toBe(persons);
    const mails = await h.db.selectFrom('outbox').select('to_address').where('subject', 'like', 'Einladung in den Arbeitskreis%').where('to_address', 'in', ['ida.intern@example.org', 'ganz.neu@example.org', 'mia@example.org']).execute();
    expect(mails).toHaveLength(3);
    expect(await visibleToCarla()).not.toContain('ida.intern@example.org');
  });

  it('memberships managers created without asking (before invitations) show no contact details to the group', async () => {
    const hidden = await createUser(h.db, { name: 'Alt Eingetragen', email: 'alt@example.org' });
    const group = await h.db.selectFrom('groups').select('id').where('slug', '=', 'ak-offen').executeTakeFirstOrThrow();
    const at = '2026-01-01T00:00:00.000Z';
    await h.db.insertInto('memberships').values({ group_id: group.id, person_id: hidden.personId, role: 'member', starts_on: '2026-01-01', contact_shared: 0, created_at: at, updated_at: at }).execute();
    expect(await visibleToCarla()).not.toContain('alt@example.org');
    expect(await (await mia.get(`${MEMBERS}.csv`)).text()).not.toContain('alt@example.org');
    expect(await (await sek.get(`${MEMBERS}.csv`)).text()).toContain('alt@example.org');
    // The person sees their own details.
    const alt = h.browser();
    await alt.login('alt@example.org', TEST_PASSWORD);
    expect(await (await alt.get(MEMBERS)).text()).toContain('alt@example.org');
  });

  it('the staff still add anyone directly', async () => {
    expect((await sek.post(MEMBERS, { person: 'ida.intern@example.org', role: 'guest', starts_on: '2026-11-25' })).status).toBe(303);
    expect(await (await sek.get(MEMBERS)).text()).toContain('ida.intern@example.org');
  });
});
