import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, linkFrom, tampered, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { expectWellFormedIcs } from './helpers/ics.js';

let h: TestHarness;
const who: Record<string, Browser> = {};
let meetingId: number;

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Olaf Organisator', email: 'olaf@example.org' });
  await createUser(h.db, { name: 'Ines Intern', email: 'ines@example.org' });
  await createUser(h.db, { name: 'Emil Ebenfalls', email: 'emil@example.org' });
  await createUser(h.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Fritz Fremd', email: 'fritz@example.org' });
  for (const name of ['olaf', 'ines', 'emil', 'sek', 'fritz']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  await who.sek!.post('/groups', { name: 'AK intern', slug: 'ak', kind: 'internal' });
  for (const [person, role] of [['olaf', 'organiser'], ['ines', 'member'], ['emil', 'member']]) {
    await who.sek!.post('/groups/ak/members', { person: `${person}@example.org`, role: role!, starts_on: '2026-01-01' });
  }
  // A member without e-mail cannot be mailed and is left out.
  await who.sek!.post('/groups/ak/members', { person: 'ohne@example.org', new_name: 'Ohne Mail', role: 'member', starts_on: '2026-01-01' });
  await h.db.updateTable('persons').set({ email: null, email_normalized: null }).where('name', '=', 'Ohne Mail').execute();
  const res = await who.olaf!.post('/groups/ak/meetings', { title: 'Sitzung Dezember', day: '2026-12-09', start_time: '18:00', end_time: '20:00', location: 'Kreishaus', default_agenda: 'on' });
  meetingId = Number(res.headers.get('location')!.split('/').pop());
  await who.olaf!.post(`/meetings/${meetingId}/agenda`, { title: 'Bericht aus den Städten' });
});
afterAll(() => h.close());

const mailsTo = (email: string) => h.db.selectFrom('outbox').selectAll().where('to_address', '=', email).orderBy('id').execute();

describe('invitations', () => {
  it('one action mails every member with an address: date, place, agenda, reply links and an .ics', async () => {
    expect((await who.ines!.post(`/meetings/${meetingId}/invite`, {})).status).toBe(403);
    const res = await who.olaf!.post(`/meetings/${meetingId}/invite`, {});
    expect(res.status).toBe(303);
    const mails = await h.db.selectFrom('outbox').selectAll().where('subject', 'like', 'Einladung:%').execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual(['emil@example.org', 'ines@example.org', 'olaf@example.org']);
    const mail = mails.find((m) => m.to_address === 'ines@example.org')!;
    expect(mail.subject).toBe('Einladung: Sitzung Dezember am 09.12.2026');
    expect(mail.body_text).toContain('Wann: Mittwoch, 09.12.2026, 18:00–20:00 Uhr');
    expect(mail.body_text).toContain('TOP 2: Bericht aus den Städten');
    expect(mail.body_text).toMatch(/Zusage: http:\/\/localhost\/rsvp\/\S+\?answer=accepted/);

    const [attachment] = JSON.parse(mail.attachments_json!);
    expect(attachment.filename).toBe('sitzung.ics');
    const calendar = new ICAL.Component(ICAL.parse(attachment.content));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(`meeting-${meetingId}@localhost`);
    expect(event.summary).toBe('Sitzung Dezember');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-09T17:00:00.000Z');
    expect(event.description).toContain('TOP 1: Begrüßung');

    const meeting = await h.db.selectFrom('meetings').select(['status', 'invitation_sent_at']).where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(meeting).toEqual({ status: 'invited', invitation_sent_at: h.clock.now().toISOString() });
    // Asking again invites nobody twice.
    await who.olaf!.post(`/meetings/${meetingId}/invite`, {});
    expect(await mailsTo('ines@example.org')).toHaveLength(1);
  });

  it('the one-click link opens a page with the answer chosen; only its button records it', async () => {
    const link = linkFrom((await mailsTo('ines@example.org'))[0]!.body_text).replace(/\?answer=.*/, '');
    const page = await h.browser().get(`${link}?answer=declined`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/value="declined" checked/);
    expect((await h.db.selectFrom('rsvps').select('answer').where('meeting_id', '=', meetingId).execute()).every((r) => r.answer === null)).toBe(true);

    const res = await h.browser().post(link, { answer: 'declined', comment: 'Urlaub', substitute: 'Petra Vertretung' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Gespeichert ist Ihre Antwort: Absage.');
    const row = await h.db.selectFrom('rsvps').innerJoin('persons', 'persons.id', 'rsvps.person_id').select(['answer', 'comment', 'substitute']).where('persons.email_normalized', '=', 'ines@example.org').executeTakeFirstOrThrow();
    expect(row).toEqual({ answer: 'declined', comment: 'Urlaub', substitute: 'Petra Vertretung' });
    expect((await h.browser().post(link, { answer: 'vielleicht' })).status).toBe(422);
  });

  it('the confirmation says which answer was saved for which meeting, offers its .ics by the same link and how to change it', async () => {
    const link = linkFrom((await mailsTo('ines@example.org'))[0]!.body_text).replace(/\?answer=.*/, '');
    const html = await (await h.browser().post(link, { answer: 'accepted' })).text();
    expect(html).toContain('Gespeichert ist Ihre Antwort: Zusage.');
    expect(html).toContain('Sitzung Dezember');
    expect(html).toContain('Mittwoch, 09.12.2026, 18:00–20:00 Uhr');
    expect(html).toContain(`href="${link}/meeting.ics"`);
    expect(html).toContain('Link aus der Einladung');
    const ics = await h.browser().get(`${link}/meeting.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    const text = await ics.text();
    expect(text).toContain('SUMMARY:Sitzung Dezember');
    expect(text).toContain('TOP 1');
    expect((await h.browser().get(`${tampered(link)}/meeting.ics`)).status).not.toBe(200);
    // Back to the answer the next tests expect; a declined answer offers no calendar file.
    expect(await (await h.browser().post(link, { answer: 'declined', comment: 'Urlaub', substitute: 'Petra Vertretung' })).text()).not.toContain('meeting.ics');
  });

  it('refuses tampered links', async () => {
    const link = linkFrom((await mailsTo('emil@example.org'))[0]!.body_text).replace(/\?answer=.*/, '');
    const forged = tampered(link);
    expect((await h.browser().get(forged)).status).toBe(410);
    expect((await h.browser().post(forged, { answer: 'accepted' })).status).toBe(410);
    expect((await h.browser().get('/rsvp/kaputt')).status).toBe(410);
  });

  it('members reply on the meeting page; the secretariat sees the counts, also as a live fragment', async () => {
    expect((await who.emil!.post(`/meetings/${meetingId}/rsvp`, { answer: 'accepted' })).status).toBe(303);
    expect((await who.sek!.post(`/meetings/${meetingId}/rsvp`, { answer: 'accepted' })).status).toBe(403);
    const page = await (await who.olaf!.get(`/meetings/${meetingId}`)).text();
    expect(page).toContain('Zusagen: 1 · Absagen: 1 · Vielleicht: 0 · offen: 1');
    expect(page).toContain('Petra Vertretung');
    const fragment = await who.olaf!.get(`/meetings/${meetingId}/replies`, { 'HX-Request': 'true' });
    expect(await fragment.text()).toMatch(/^<section id="replies"/);
    expect((await who.ines!.get(`/meetings/${meetingId}/replies`)).status).toBe(403);
    expect(await (await who.emil!.get('/')).text()).not.toContain('Offene Einladungen');
    expect(await (await who.olaf!.get('/')).text()).toContain('Offene Einladungen');
  });

  it('after a change of time the invited are offered a notification, one mail each with the new .ics', async () => {
    const res = await who.olaf!.post(`/meetings/${meetingId}/edit`, { title: 'Sitzung Dezember', day: '2026-12-09', start_time: '17:00', end_time: '19:00', location: 'Kreishaus' });
    expect(res.headers.get('location')).toBe(`/meetings/${meetingId}#notify`);
    expect(await (await who.olaf!.get(`/meetings/${meetingId}`)).text()).toContain('Eingeladene über die Änderung benachrichtigen');
    expect((await who.olaf!.post(`/meetings/${meetingId}/notify`, {})).status).toBe(303);
    // A second click sends nothing and the offer is gone.
    await who.olaf!.post(`/meetings/${meetingId}/notify`, {});
    expect((await mailsTo('ines@example.org')).filter((m) => m.subject.startsWith('Geändert'))).toHaveLength(1);
    expect(await (await who.olaf!.get(`/meetings/${meetingId}`)).text()).not.toContain('Eingeladene über die Änderung benachrichtigen');
    const [, changed] = await mailsTo('ines@example.org');
    expect(changed!.subject).toBe('Geändert: Sitzung Dezember am 09.12.2026');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(JSON.parse(changed!.attachments_json!)[0].content)).getFirstSubcomponent('vevent')!);
    expect(event.sequence).toBe(1);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-09T16:00:00.000Z');
  });

  it('attendance starts from the replies, is saved for everyone at once, and prints for signatures', async () => {
    const html = await (await who.olaf!.get(`/meetings/${meetingId}/attendance`)).text();
    const page = html.slice(html.indexOf('<tbody>'));
    // Emil accepted → present, Ines declined → excused, Olaf did not answer → absent.
    const checked = (name: string) => new RegExp(`${name}[\\s\\S]*?value="(present|excused|absent)" checked`).exec(page)?.[1];
    expect(checked('Emil Ebenfalls')).toBe('present');
    expect(checked('Ines Intern')).toBe('excused');
    expect(checked('Olaf Organisator')).toBe('absent');
    expect((await who.ines!.get(`/meetings/${meetingId}/attendance`)).status).toBe(403);

    const ids = Object.fromEntries((await h.db.selectFrom('persons').select(['id', 'email_normalized']).execute()).map((p) => [p.email_normalized, p.id]));
    expect((await who.olaf!.post(`/meetings/${meetingId}/attendance`, { [`status_${ids['olaf@example.org']}`]: 'present', [`status_${ids['ines@example.org']}`]: 'excused', [`status_${ids['fritz@example.org']}`]: 'present' })).status).toBe(303);
    const rows = await h.db.selectFrom('attendance').select(['person_id', 'status']).where('meeting_id', '=', meetingId).execute();
    // Fritz is not in the group and not invited: ignored.
    expect(rows.map((r) => r.person_id).sort()).toEqual([ids['olaf@example.org'], ids['ines@example.org']].sort());
    expect((await who.olaf!.post(`/meetings/${meetingId}/attendance`, { [`status_${ids['olaf@example.org']}`]: 'maybe' })).status).toBe(400);

    expect((await who.olaf!.post(`/meetings/${meetingId}/attendance/guests`, { name: '' })).status).toBe(422);
    expect((await who.olaf!.post(`/meetings/${meetingId}/attendance/guests`, { name: 'Gerda Gast', organisation: 'Presse' })).status).toBe(303);
    const print = await (await who.olaf!.get(`/meetings/${meetingId}/attendance/print`)).text();
    expect(print).toContain('Anwesenheitsliste: Sitzung Dezember');
    expect(print).toContain('<th scope="col">Unterschrift</th>');
    expect(print).toContain('Gerda Gast');
    expect(print).toContain('Ines Intern');
  });

  it('links expire when the meeting is over or cancelled', async () => {
    const link = linkFrom((await mailsTo('emil@example.org'))[0]!.body_text).replace(/\?answer=.*/, '');
    await who.olaf!.post(`/meetings/${meetingId}/cancel`, { reason: 'Krankheit' });
    expect((await h.browser().get(link)).status).toBe(410);
    await who.olaf!.post(`/meetings/${meetingId}/notify`, {});
    const [cancelled] = (await mailsTo('emil@example.org')).filter((m) => m.subject.startsWith('Abgesagt'));
    expect(cancelled!.body_text).toContain('Grund: Krankheit');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(JSON.parse(cancelled!.attachments_json!)[0].content)).getFirstSubcomponent('vevent')!);
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.summary).toBe('Abgesagt: Sitzung Dezember');
  });

  it('a reply link ends when its meeting is over', async () => {
    const res = await who.olaf!.post('/groups/ak/meetings', { title: 'Kurzfristig', day: '2026-11-26', start_time: '10:00', end_time: '11:00' });
    const id = Number(res.headers.get('location')!.split('/').pop());
    await who.olaf!.post(`/meetings/${id}/invite`, {});
    const mail = (await mailsTo('ines@example.org')).find((m) => m.subject.includes('Kurzfristig'))!;
    const link = linkFrom(mail.body_text).replace(/\?answer=.*/, '');
    expect((await h.browser().get(link)).status).toBe(200);
    h.clock.current = new Date('2026-11-26T10:00:00.000Z');
    expect((await h.browser().get(link)).status).toBe(410);
    expect((await h.browser().post(link, { answer: 'accepted' })).status).toBe(410);
  });

  it('a reply link of someone who left the group answers like an unknown link, GET and POST, and records nothing', async () => {
    const res = await who.olaf!.post('/groups/ak/meetings', { title: 'Nach dem Austritt', day: '2026-12-16', start_time: '18:00', end_time: '20:00' });
    const id = Number(res.headers.get('location')!.split('/').pop());
    await who.olaf!.post(`/meetings/${id}/invite`, {});
    const mail = (await mailsTo('emil@example.org')).find((m) => m.subject.includes('Nach dem Austritt'))!;
    const link = linkFrom(mail.body_text).replace(/\?answer=.*/, '');
    expect((await h.browser().get(link)).status).toBe(200);

    // Emil's membership ends today, before the meeting.
    const membership = await h.db.selectFrom('memberships').innerJoin('persons', 'persons.id', 'memberships.person_id').select('memberships.id').where('persons.email_normalized', '=', 'emil@example.org').executeTakeFirstOrThrow();
    expect((await who.sek!.post(`/groups/ak/members/${membership.id}/end`, {})).status).toBe(303);

    const unknown = '/rsvp/aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbb';
    const hits = async () => (await h.db.selectFrom('throttle').select('hits').where('key', 'like', 'link:%').executeTakeFirst())?.hits ?? 0;
    for (const send of [(url: string) => h.browser().get(`${url}?answer=accepted`), (url: string) => h.browser().post(url, { answer: 'accepted' }), (url: string) => h.browser().post(url, { answer: 'falsch' })]) {
      const before = await hits();
      const left = await send(link);
      const afterLeft = await hits();
      const guessed = await send(unknown);
      expect(left.status).toBe(410);
      expect(guessed.status).toBe(410);
      // The same page; only the link itself appears in it (the language switch's way back).
      expect((await left.text()).replaceAll(link, 'LINK')).toBe((await guessed.text()).replaceAll(unknown, 'LINK'));
      expect(left.headers.get('cache-control')).toBe(guessed.headers.get('cache-control'));
      // Both count as a guessed link for the link throttle.
      expect(afterLeft).toBe(before + 1);
      expect(await hits()).toBe(afterLeft + 1);
    }
    // Neither the link nor the meeting page records a reply, and the page offers no reply form.
    expect((await who.emil!.post(`/meetings/${id}/rsvp`, { answer: 'accepted' })).status).toBe(403);
    expect(await (await who.emil!.get(`/meetings/${id}`)).text()).not.toContain('Ihre Rückmeldung');
    const row = await h.db.selectFrom('rsvps').innerJoin('persons', 'persons.id', 'rsvps.person_id').select('answer').where('rsvps.meeting_id', '=', id).where('persons.email_normalized', '=', 'emil@example.org').executeTakeFirstOrThrow();
    expect(row.answer).toBeNull();
  });
});

describe('the .ics of invitation and change mails', () => {
  const attachmentOf = async (email: string, subject: string) => {
    const mail = (await mailsTo(email)).filter((m) => m.subject.startsWith(subject)).at(-1)!;
    return JSON.parse(mail.attachments_json!)[0].content as string;
  };
  const stampOf = (text: string, id: number) => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const event = calendar.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === `meeting-${id}@localhost`)!;
    return { dtstamp: String(event.getFirstPropertyValue('dtstamp')), sequence: Number(event.getFirstPropertyValue('sequence')) };
  };

  it('carries the same DTSTAMP as the feed for the same SEQUENCE, is well-formed, and names the office as ORGANIZER', async () => {
    const res = await who.olaf!.post('/groups/ak/meetings', { title: 'Sitzung Januar', day: '2027-01-13', start_time: '18:00', end_time: '20:00', location: 'Kreishaus' });
    const id = Number(res.headers.get('location')!.split('/').pop());
    // The invitation comes an hour after the meeting was planned: it is a change of the entry too.
    h.clock.advance(60 * 60 * 1000);
    expect((await who.olaf!.post(`/meetings/${id}/invite`, {})).status).toBe(303);
    const ak = (await h.db.selectFrom('groups').select('id').where('slug', '=', 'ak').executeTakeFirstOrThrow()).id;
    const created = await who.olaf!.post('/calendar/feeds', { name: 'AK', scope: `group:${ak}` });
    const feedPath = /http:\/\/localhost(\/feeds\/[a-z2-7]{52}\.ics)/.exec(await created.text())![1]!;
    const feed = async () => (await h.app.request(feedPath)).text();

    const invitation = await attachmentOf('ines@example.org', 'Einladung: Sitzung Januar');
    expect(expectWellFormedIcs(invitation)).toEqual(['ORGANIZER;CN="Sachgebiet Integration":mailto:no-reply@localhost']);
    const row = await h.db.selectFrom('meetings').select('updated_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.updated_at).toBe(h.clock.now().toISOString());
    expect(stampOf(invitation, id)).toEqual(stampOf(await feed(), id));
    expect(stampOf(invitation, id).dtstamp).toBe(`${row.updated_at.slice(0, 19)}Z`);

    // A change of time, told an hour later: the change mail's entry is the feed's entry.
    h.clock.advance(60 * 60 * 1000);
    await who.olaf!.post(`/meetings/${id}/edit`, { title: 'Sitzung Januar', day: '2027-01-13', start_time: '17:00', end_time: '19:00', location: 'Kreishaus' });
    h.clock.advance(60 * 60 * 1000);
    expect((await who.olaf!.post(`/meetings/${id}/notify`, {})).status).toBe(303);
    const change = await attachmentOf('ines@example.org', 'Geändert');
    expect(expectWellFormedIcs(change)).toHaveLength(1);
    expect(stampOf(change, id)).toEqual(stampOf(await feed(), id));
    expect(stampOf(change, id).sequence).toBe(1);

    // With the office's address set, the next mails name it, and replies go there (Reply-To).
    const admin = h.browser();
    await createUser(h.db, { name: 'Ada Admin', email: 'ada@example.org', role: 'admin' });
    await admin.login('ada@example.org', TEST_PASSWORD);
    expect((await admin.post('/admin/settings', { office_name: 'Sachgebiet Integration', office_email: 'integration@kreis.example' })).status).toBe(303);
    await who.olaf!.post(`/meetings/${id}/cancel`, { reason: 'Raum fehlt' });
    expect((await who.olaf!.post(`/meetings/${id}/notify`, {})).status).toBe(303);
    const cancellation = await attachmentOf('ines@example.org', 'Abgesagt');
    expect(expectWellFormedIcs(cancellation)).toEqual(['ORGANIZER;CN="Sachgebiet Integration":mailto:integration@kreis.example']);
  });
});
