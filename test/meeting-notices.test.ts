import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

// Change and cancellation notices: after a change the meeting page names who will be told and offers
// it as the next step; a cancellation tells the invited at once unless that box is unticked.
let h: TestHarness;
const who: Record<string, Browser> = {};

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Olaf Organisator', email: 'olaf@example.org' });
  await createUser(h.db, { name: 'Ines Intern', email: 'ines@example.org' });
  await createUser(h.db, { name: 'Emil Ebenfalls', email: 'emil@example.org' });
  await createUser(h.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
  for (const name of ['olaf', 'ines', 'emil', 'sek']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  await who.sek!.post('/groups', { name: 'AK intern', slug: 'ak', kind: 'internal' });
  for (const [person, role] of [['olaf', 'organiser'], ['ines', 'member'], ['emil', 'member']]) {
    await who.sek!.post('/groups/ak/members', { person: `${person}@example.org`, role: role!, starts_on: '2026-01-01' });
  }
});
afterAll(() => h.close());

async function invitedMeeting(title: string): Promise<number> {
  const res = await who.olaf!.post('/groups/ak/meetings', { title, day: '2026-12-09', start_time: '18:00', end_time: '20:00', location: 'Kreishaus' });
  const id = Number(res.headers.get('location')!.split('/').pop());
  expect((await who.olaf!.post(`/meetings/${id}/invite`, {})).status).toBe(303);
  return id;
}

const mails = (subjectStart: string) => h.db.selectFrom('outbox').select(['to_address', 'subject', 'body_text']).where('subject', 'like', `${subjectStart}%`).orderBy('to_address').execute();

/** The notice box of a meeting page, or null. */
function noticeBox(html: string): string | null {
  return /<section id="notify"[\s\S]*?<\/section>/.exec(html)?.[0] ?? null;
}

describe('change notices', () => {
  it('after a change of time the page opens at a box naming who gets the notice; its button sends it', async () => {
    const id = await invitedMeeting('Sitzung Dezember');
    expect(noticeBox(await (await who.olaf!.get(`/meetings/${id}`)).text())).toBeNull();
    // A member leaves before the meeting: no longer invited, so not told either.
    const emil = await h.db.selectFrom('memberships').innerJoin('persons', 'persons.id', 'memberships.person_id').select('memberships.id').where('persons.email_normalized', '=', 'emil@example.org').executeTakeFirstOrThrow();
    await who.sek!.post(`/groups/ak/members/${emil.id}/end`, {});

    const saved = await who.olaf!.post(`/meetings/${id}/edit`, { title: 'Sitzung Dezember', day: '2026-12-09', start_time: '17:00', end_time: '19:00', location: 'Kreishaus' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/meetings/${id}#notify`);
    const page = await (await who.olaf!.get(`/meetings/${id}#notify`)).text();
    expect(page).toContain('Die Sitzung ist gespeichert. Die Eingeladenen haben noch die alte Fassung');
    const box = noticeBox(page)!;
    expect(box).toContain('<h2 id="notify-title">Änderung mitteilen</h2>');
    expect(box).toContain('Eingeladene, die sie erhalten (2):');
    expect([...box.matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1])).toEqual(['Ines Intern', 'Olaf Organisator']);
    expect(box).toMatch(/<form method="post" action="\/meetings\/\d+\/notify"[^>]*><button type="submit" class="button">Eingeladene über die Änderung benachrichtigen<\/button>/);
    // The box sits before the meeting's facts: it is the next step, not something at the bottom.
    expect(page.indexOf('id="notify"')).toBeLessThan(page.indexOf('class="entry-facts"'));
    // Members do not see it (nor the names).
    expect(noticeBox(await (await who.ines!.get(`/meetings/${id}`)).text())).toBeNull();
    expect((await who.ines!.post(`/meetings/${id}/notify`, {})).status).toBe(403);

    expect((await who.olaf!.post(`/meetings/${id}/notify`, {})).status).toBe(303);
    expect((await mails('Geändert')).map((m) => m.to_address)).toEqual(['ines@example.org', 'olaf@example.org']);
    expect(noticeBox(await (await who.olaf!.get(`/meetings/${id}`)).text())).toBeNull();
  });

  it('a change before anyone was invited needs no notice', async () => {
    const res = await who.olaf!.post('/groups/ak/meetings', { title: 'Noch nicht eingeladen', day: '2026-12-10', start_time: '18:00', end_time: '20:00' });
    const id = Number(res.headers.get('location')!.split('/').pop());
    const saved = await who.olaf!.post(`/meetings/${id}/edit`, { title: 'Noch nicht eingeladen', day: '2026-12-10', start_time: '17:00', end_time: '20:00' });
    expect(saved.headers.get('location')).toBe(`/meetings/${id}`);
    expect(noticeBox(await (await who.olaf!.get(`/meetings/${id}`)).text())).toBeNull();
  });
});

describe('cancelling', () => {
  it('the cancel form has a reason and a ticked box; ticked, the cancellation with its reason goes to everyone invited at once', async () => {
    await h.db.deleteFrom('outbox').execute();
    const id = await invitedMeeting('Sitzung Januar');
    const form = await (await who.olaf!.get(`/meetings/${id}`)).text();
    expect(form).toMatch(/<input type="checkbox" id="field-notify" name="notify" value="on" checked=""/);
    expect(form).toContain('Absage an alle Eingeladenen senden');

    // A failed form keeps the reason typed and the box's state.
    const failed = await who.olaf!.post(`/meetings/${id}/cancel`, { reason: '', notify: 'on' });
    expect(failed.status).toBe(422);
    expect(await failed.text()).toMatch(/name="notify" value="on" checked=""/);
    expect((await mails('Abgesagt'))).toHaveLength(0);

    const res = await who.olaf!.post(`/meetings/${id}/cancel`, { reason: 'Krankheit', notify: 'on' });
    expect(res.status).toBe(303);
    const sent = await mails('Abgesagt');
    expect(sent.map((m) => m.to_address)).toEqual(['ines@example.org', 'olaf@example.org']);
    expect(sent[0]!.body_text).toContain('Grund: Krankheit');
    const page = await (await who.olaf!.get(`/meetings/${id}`)).text();
    expect(page).toContain('Die Absage an die Eingeladenen steht im Postausgang.');
    // Told already: nothing left to offer, and a click on "notify" sends nothing more.
    expect(noticeBox(page)).toBeNull();
    await who.olaf!.post(`/meetings/${id}/notify`, {});
    expect(await mails('Abgesagt')).toHaveLength(2);
  });

  it('unticked, nothing is sent; the page then offers the cancellation notice, naming who gets it', async () => {
    await h.db.deleteFrom('outbox').execute();
    const id = await invitedMeeting('Sitzung Februar');
    expect((await who.olaf!.post(`/meetings/${id}/cancel`, { reason: 'Raum fehlt' })).status).toBe(303);
    expect(await mails('Abgesagt')).toHaveLength(0);
    const box = noticeBox(await (await who.olaf!.get(`/meetings/${id}`)).text())!;
    expect(box).toContain('Absage mitteilen');
    expect(box).toContain('Eingeladene, die sie erhalten (2):');
    expect(box).toContain('Eingeladene über die Absage benachrichtigen');
    expect((await who.olaf!.post(`/meetings/${id}/notify`, {})).status).toBe(303);
    expect((await mails('Abgesagt')).map((m) => m.body_text.includes('Grund: Raum fehlt'))).toEqual([true, true]);
  });

  it('a meeting nobody was invited to has no notice box on its cancel form', async () => {
    const res = await who.olaf!.post('/groups/ak/meetings', { title: 'Ohne Einladung', day: '2026-12-11', start_time: '18:00', end_time: '20:00' });
    const id = Number(res.headers.get('location')!.split('/').pop());
    expect(await (await who.olaf!.get(`/meetings/${id}`)).text()).not.toContain('name="notify"');
    expect((await who.olaf!.post(`/meetings/${id}/cancel`, { reason: 'Doch nicht', notify: 'on' })).status).toBe(303);
    expect(await h.db.selectFrom('meetings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'cancelled' });
  });

  it('refuses a made-up value for the box and cancels nothing', async () => {
    const id = await invitedMeeting('Sitzung März');
    expect((await who.olaf!.post(`/meetings/${id}/cancel`, { reason: 'Grund', notify: 'ja' })).status).toBe(422);
    expect(await h.db.selectFrom('meetings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'invited' });
  });
});
