import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPersonChanged } from '../src/calendar/stamps.js';
import { addDays, dayOf } from '../src/lib/berlin-time.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { expectWellFormedIcs } from './helpers/ics.js';

// The feeds are read by two parsers that we did not write: ical.js (Thunderbird's engine) and node-ical.
// The process runs in another zone than Berlin, so a time written in the server's zone would show.
const originalTz = process.env.TZ;
process.env.TZ = 'America/New_York';

let h: TestHarness;
const who: Record<string, Browser> = {};
const meeting: Record<'october' | 'november' | 'open', number> = { october: 0, november: 0, open: 0 };
/** A meeting with a named presenter, made by the group-feed test and used after it. */
let named = 0;

async function createMeeting(by: Browser, group: string, form: Record<string, string>): Promise<number> {
  const res = await by.post(`/groups/${group}/meetings`, form);
  expect(res.status).toBe(303);
  return Number(res.headers.get('location')!.split('/').pop());
}

/** newFeed makes a feed URL through the page, as a person would, and returns its path. */
async function newFeed(by: Browser, form: { name: string; scope: string }): Promise<string> {
  const res = await by.post('/calendar/feeds', form);
  expect(res.status).toBe(200);
  const html = await res.text();
  const match = /http:\/\/localhost(\/feeds\/[a-z2-7]{52}\.ics)/.exec(html);
  expect(match, 'the new URL is on the page').not.toBeNull();
  expect(html).toContain(`webcal://localhost${match![1]}`);
  expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"[^>]*alt="QR-Code/);
  return match![1]!;
}

async function fetchFeed(path: string, headers: Record<string, string> = {}) {
  return h.app.request(path, { headers });
}

/** parse reads a feed with ical.js, with the time zone as the feed's own VTIMEZONE defines it. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  const events = calendar.getAllSubcomponents('vevent').map((v) => ({ component: v, event: new ICAL.Event(v) }));
  return { calendar, events, byUid: (uid: string) => events.find((e) => e.event.uid === uid) };
}

// ical.js predates RFC 7986 and reads NAME and X-WR-CALNAME raw; tell it they are TEXT, as the RFCs say.
Object.assign(ICAL.design.icalendar.property, { name: { defaultType: 'text' }, 'x-wr-calname': { defaultType: 'text' } });

/** instant: a UTC date-time property as milliseconds. */
const instant = (component: ICAL.Component, name: string) => (component.getFirstPropertyValue(name) as ICAL.Time).toJSDate().getTime();

const uid = (id: number) => `meeting-${id}@localhost`;

const people = { olaf: 'member', ines: 'member', fritz: 'member', sek: 'secretariat', dora: 'member' } as const;

async function signInAll() {
  for (const name of Object.keys(people)) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
}

beforeAll(async () => {
  h = await createHarness();
  for (const [name, role] of Object.entries(people)) {
    await createUser(h.db, { name: name === 'ines' ? 'Ines Intern' : `${name[0]!.toUpperCase()}${name.slice(1)} Test`, email: `${name}@example.org`, role });
  }
  await signInAll();
  await who.sek!.post('/groups', { name: 'AK intern', slug: 'ak', kind: 'internal' });
  await who.sek!.post('/groups', { name: 'Runder Tisch', slug: 'offen', kind: 'internal', dates_public: 'on' });
  for (const [person, role] of [['olaf', 'organiser'], ['ines', 'member'], ['dora', 'member']]) {
    await who.sek!.post('/groups/ak/members', { person: `${person}@example.org`, role: role!, starts_on: '2026-01-01' });
  }
  await who.sek!.post('/groups/offen/members', { person: 'olaf@example.org', role: 'chair', starts_on: '2026-01-01' });
  // One meeting each side of the end of summer time (25 October 2026), both at 19:00 Berlin time.
  meeting.october = await createMeeting(who.olaf!, 'ak', { title: 'Sitzung, Oktober; „Öffnung“', day: '2026-10-21', start_time: '19:00', end_time: '21:00', location: 'Kreishaus, Raum 3; Eingang B', default_agenda: 'on' });
  meeting.november = await createMeeting(who.olaf!, 'ak', { title: 'Sitzung Dezember', day: '2026-12-09', start_time: '19:00', end_time: '21:00', location: 'Kreishaus', online_url: 'https://meet.example.org/ak', default_agenda: 'on' });
  await who.olaf!.post(`/meetings/${meeting.november}/agenda`, { title: 'Haushalt; Planung, 2027 – Übergänge', presenter: 'Frau Yilmaz' });
  meeting.open = await createMeeting(who.olaf!, 'offen', { title: 'Runder Tisch Winter', day: '2026-12-02', start_time: '17:00', end_time: '18:30', location: 'Rathaus Hilden', online_url: 'https://meet.example.org/geheim', default_agenda: 'on' });
  await who.olaf!.post(`/meetings/${meeting.open}/agenda`, { title: 'Bericht', presenter: 'Herr Geheimname' });
});
afterAll(async () => {
  process.env.TZ = originalTz;
  await h.close();
});

describe('a person’s feed', () => {
  let path: string;

  it('is made on /calendar/feeds, shown once, and only its hash is stored', async () => {
    path = await newFeed(who.ines!, { name: 'Handy, privat', scope: 'person' });
    const token = path.slice('/feeds/'.length, -'.ics'.length);
    expect(token).toHaveLength(52); // 32 random bytes in base32
    const rows = await h.db.selectFrom('feed_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    const page = await (await who.ines!.get('/calendar/feeds')).text();
    expect(page).toContain('Handy, privat');
    expect(page).not.toContain(token);
  });

  it('holds every meeting of the person’s groups, at 19:00 Berlin time on both sides of the clock change', async () => {
    const res = await fetchFeed(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const text = await res.text();
    const { calendar, events, byUid } = parse(text);
    expect(events.map((e) => e.event.uid).sort()).toEqual([uid(meeting.october), uid(meeting.november)].sort());
    // NAME is TEXT (RFC 7986) and X-WR-CALNAME TEXT by default (RFC 5545 §3.8.8.2): both escaped.
    expect(calendar.getFirstPropertyValue('name')).toBe('Handy, privat');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Handy, privat');
    expect(calendar.getFirstPropertyValue('method')).toBeNull(); // the ATTENDEE line is not allowed with PUBLISH
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
    expect(text).toContain('X-PUBLISHED-TTL:PT1H\r\n');
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');

    const october = byUid(uid(meeting.october))!.event;
    expect(october.startDate.zone.tzid).toBe('Europe/Berlin');
    expect([october.startDate.hour, october.startDate.minute]).toEqual([19, 0]);
    expect(october.startDate.toJSDate().toISOString()).toBe('2026-10-21T17:00:00.000Z'); // CEST
    const november = byUid(uid(meeting.november))!.event;
    expect([november.startDate.hour, november.endDate.hour]).toEqual([19, 21]);
    expect(november.startDate.toJSDate().toISOString()).toBe('2026-12-09T18:00:00.000Z'); // CET

    // Commas, semicolons, umlauts and newlines survive the escaping.
    expect(october.summary).toBe('Sitzung, Oktober; „Öffnung“');
    expect(october.location).toBe('Kreishaus, Raum 3; Eingang B');
    expect(november.description).toContain('TOP 2: Haushalt; Planung, 2027 – Übergänge (Frau Yilmaz)\nTOP 3: Verschiedenes');
    expect(november.description).toContain('Online-Teilnahme: https://meet.example.org/ak');
    expect(november.description).toContain(`Sitzungsseite: http://localhost/meetings/${meeting.november}`);
    expect(byUid(uid(meeting.november))!.component.getFirstPropertyValue('url')).toBe(`http://localhost/meetings/${meeting.november}`);
    expect(byUid(uid(meeting.november))!.component.getFirstPropertyValue('categories')).toBe('AK intern');
  });

  it('is well-formed: CRLF lines of at most 75 octets, no floating times, DTSTAMP the meeting’s last change', async () => {
    const text = await (await fetchFeed(path)).text();
    expectWellFormedIcs(text);
    // Inside VTIMEZONE local times are floating by definition; the events' times must not be.
    const unfolded = text.replace(/\r\n[ \t]/g, '').split('BEGIN:VEVENT').slice(1).join('BEGIN:VEVENT');
    for (const line of unfolded.split('\r\n').filter((l) => /^(DTSTART|DTEND)[;:]/.test(l))) expect(line).toMatch(/^DT(START|END);TZID=Europe\/Berlin:\d{8}T\d{6}$/);
    for (const line of unfolded.split('\r\n').filter((l) => /^(DTSTAMP|LAST-MODIFIED)[;:]/.test(l))) expect(line).toMatch(/:\d{8}T\d{6}Z$/);
    const row = await h.db.selectFrom('meetings').select(['updated_at', 'sequence']).where('id', '=', meeting.november).executeTakeFirstOrThrow();
    const { byUid } = parse(text);
    const event = byUid(uid(meeting.november))!;
    expect(event.component.getFirstPropertyValue('dtstamp')!.toString()).toBe(row.updated_at.slice(0, 19) + 'Z');
    expect(event.component.getFirstPropertyValue('last-modified')!.toString()).toBe(row.updated_at.slice(0, 19) + 'Z');
    expect(event.event.sequence).toBe(row.sequence);
    // Polled an hour later, nothing differs: a new DTSTAMP on every poll makes some apps duplicate events.
    h.clock.advance(60 * 60 * 1000);
    expect(await (await fetchFeed(path)).text()).toBe(text);
  });

  it('carries the person’s own reply as PARTSTAT and in the description, and their role', async () => {
    const before = parse(await (await fetchFeed(path)).text()).byUid(uid(meeting.november))!;
    const attendee = before.component.getFirstProperty('attendee')!;
    expect(String(attendee.getFirstValue()).toLowerCase()).toBe('mailto:ines@example.org');
    expect(attendee.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendee.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(before.event.description).toContain('Ihre Antwort: noch keine Antwort\nIhre Rolle: Mitglied');

    await who.olaf!.post(`/meetings/${meeting.november}/invite`, {});
    h.clock.advance(1000);
    const etag = (await fetchFeed(path)).headers.get('etag')!;
    expect((await who.ines!.post(`/meetings/${meeting.november}/rsvp`, { answer: 'declined' })).status).toBe(303);
    const changed = await fetchFeed(path, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    const after = parse(await changed.text()).byUid(uid(meeting.november))!;
    expect(after.component.getFirstProperty('attendee')!.getParameter('partstat')).toBe('DECLINED');
    // The entry changed: apps that compare DTSTAMP or LAST-MODIFIED take the new reply.
    expect(instant(after.component, 'dtstamp')).toBeGreaterThan(instant(before.component, 'dtstamp'));
    // RFC 5545 wants an ORGANIZER beside an ATTENDEE: the office that runs the hub.
    expect(String(after.component.getFirstPropertyValue('organizer')).toLowerCase()).toMatch(/^mailto:/);
    expect(after.event.description).toContain('Ihre Antwort: Absage');
    // A declined meeting does not block the time.
    expect(after.component.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
  });

  it('answers an unchanged feed with 304, by ETag or by date', async () => {
    const first = await fetchFeed(path);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    const byTag = await fetchFeed(path, { 'If-None-Match': etag });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    expect(byTag.headers.get('etag')).toBe(etag);
    expect((await fetchFeed(path, { 'If-Modified-Since': lastModified })).status).toBe(304);
    expect((await fetchFeed(path, { 'If-None-Match': '"something-else"' })).status).toBe(200);
    // If-None-Match decides when both are sent (RFC 9110).
    expect((await fetchFeed(path, { 'If-None-Match': '"something-else"', 'If-Modified-Since': lastModified })).status).toBe(200);
    expect((await fetchFeed(path, { 'If-Modified-Since': 'kein Datum' })).status).toBe(200);
  });

  it('a change of time raises SEQUENCE and LAST-MODIFIED and changes the ETag; an agenda change updates LAST-MODIFIED', async () => {
    const first = await fetchFeed(path);
    const etag = first.headers.get('etag')!;
    const before = parse(await first.text()).byUid(uid(meeting.november))!;
    h.clock.advance(60 * 1000);
    const res = await who.olaf!.post(`/meetings/${meeting.november}/edit`, { title: 'Sitzung Dezember', day: '2026-12-09', start_time: '18:00', end_time: '20:00', location: 'Kreishaus', online_url: 'https://meet.example.org/ak' });
    expect(res.status).toBe(303);
    const changed = await fetchFeed(path, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const after = parse(await changed.text()).byUid(uid(meeting.november))!;
    expect(after.event.sequence).toBe(before.event.sequence + 1);
    expect(after.event.startDate.hour).toBe(18);
    expect(instant(after.component, 'last-modified')).toBeGreaterThan(instant(before.component, 'last-modified'));

    const etag2 = changed.headers.get('etag')!;
    h.clock.advance(60 * 1000);
    await who.olaf!.post(`/meetings/${meeting.november}/agenda`, { title: 'Neuer Punkt' });
    const agendaChanged = await fetchFeed(path, { 'If-None-Match': etag2 });
    expect(agendaChanged.status).toBe(200);
    const withAgenda = parse(await agendaChanged.text()).byUid(uid(meeting.november))!;
    expect(withAgenda.event.description).toContain('Neuer Punkt');
    expect(withAgenda.event.sequence).toBe(after.event.sequence); // the time did not change
    expect(instant(withAgenda.component, 'dtstamp')).toBe(h.clock.now().getTime() - (h.clock.now().getTime() % 1000));
  });

  it('keeps a cancelled meeting for 30 days as STATUS:CANCELLED with an “Abgesagt” summary, then drops it', async () => {
    const before = parse(await (await fetchFeed(path)).text()).byUid(uid(meeting.november))!;
    h.clock.advance(60 * 1000);
    expect((await who.olaf!.post(`/meetings/${meeting.november}/cancel`, { reason: 'Krankheit,\nneuer Termin folgt' })).status).toBe(303);
    const cancelled = parse(await (await fetchFeed(path)).text()).byUid(uid(meeting.november))!;
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.event.summary).toBe('Abgesagt: Sitzung Dezember');
    expect(cancelled.event.sequence).toBe(before.event.sequence + 1);
    expect(cancelled.event.description).toContain('Die Sitzung ist abgesagt. Grund: Krankheit,\nneuer Termin folgt');
    h.clock.advance(29 * 24 * 60 * 60 * 1000);
    expect(parse(await (await fetchFeed(path)).text()).byUid(uid(meeting.november))).toBeDefined();
    h.clock.advance(2 * 24 * 60 * 60 * 1000);
    const later = parse(await (await fetchFeed(path)).text());
    expect(later.byUid(uid(meeting.november))).toBeUndefined();
    expect(later.byUid(uid(meeting.october))).toBeDefined();
    // The 30 days run from the cancellation: a later edit does not bring it back.
    await signInAll();
    await who.olaf!.post(`/meetings/${meeting.november}/agenda`, { title: 'Nachtrag' });
    expect(parse(await (await fetchFeed(path)).text()).byUid(uid(meeting.november))).toBeUndefined();
  });

  it('uses the same UID as the invitation mail and /meetings/:id.ics', async () => {
    const mail = await h.db.selectFrom('outbox').select('attachments_json').where('to_address', '=', 'ines@example.org').where('subject', 'like', 'Einladung:%').executeTakeFirstOrThrow();
    const [attachment] = JSON.parse(mail.attachments_json!);
    expect(parse(attachment.content).events[0]!.event.uid).toBe(uid(meeting.november));
    const single = await who.ines!.get(`/meetings/${meeting.october}.ics`);
    expect(parse(await single.text()).events[0]!.event.uid).toBe(uid(meeting.october));
  });

  it('reads the same with node-ical, a second parser', async () => {
    const data = nodeIcal.sync.parseICS(await (await fetchFeed(path)).text());
    const events = Object.values(data).filter((c) => c?.type === 'VEVENT') as nodeIcal.VEvent[];
    const october = events.find((e) => e.uid === uid(meeting.october))!;
    expect(october.start.toISOString()).toBe('2026-10-21T17:00:00.000Z');
    expect(october.summary).toBe('Sitzung, Oktober; „Öffnung“');
    expect(october.location).toBe('Kreishaus, Raum 3; Eingang B');
  });

  it('answers 404 once revoked, and a rotated URL replaces the old one at once', async () => {
    const other = await newFeed(who.ines!, { name: 'Outlook', scope: 'person' });
    const [newest, older] = await h.db.selectFrom('feed_tokens').select('id').where('name', 'in', ['Outlook', 'Handy, privat']).orderBy('id', 'desc').execute();
    const rotated = await who.ines!.post(`/calendar/feeds/${older!.id}/rotate`, {});
    expect(rotated.status).toBe(200);
    const fresh = /http:\/\/localhost(\/feeds\/[a-z2-7]{52}\.ics)/.exec(await rotated.text())![1]!;
    expect((await fetchFeed(path)).status).toBe(404);
    expect((await fetchFeed(fresh)).status).toBe(200);
    path = fresh;
    // Nobody revokes or rotates another person's feed.
    expect((await who.fritz!.post(`/calendar/feeds/${newest!.id}/revoke`, {})).status).toBe(404);
    expect((await who.fritz!.post(`/calendar/feeds/${newest!.id}/rotate`, {})).status).toBe(404);
    expect((await fetchFeed(other)).status).toBe(200);
    expect((await who.ines!.post(`/calendar/feeds/${newest!.id}/revoke`, {})).status).toBe(303);
    expect((await fetchFeed(other)).status).toBe(404);
    expect((await fetchFeed('/feeds/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics')).status).toBe(404);
    expect((await fetchFeed('/feeds/kurz.ics')).status).toBe(404);
  });

  it('stops when the account is deactivated', async () => {
    const dora = await newFeed(who.dora!, { name: 'Dora', scope: 'person' });
    expect((await fetchFeed(dora)).status).toBe(200);
    const person = await h.db.selectFrom('persons').select('id').where('email', '=', 'dora@example.org').executeTakeFirstOrThrow();
    expect((await who.sek!.post(`/people/${person.id}/deactivate`, {})).status).toBe(303);
    expect((await fetchFeed(dora)).status).toBe(404);
    // The URLs are deleted, so reactivating the account does not bring back one that leaked meanwhile.
    expect(await h.db.selectFrom('feed_tokens').innerJoin('users', 'users.id', 'feed_tokens.user_id').select('feed_tokens.id').where('users.person_id', '=', person.id).execute()).toEqual([]);
    await h.db.updateTable('users').set({ active: 1 }).where('person_id', '=', person.id).execute();
    expect((await fetchFeed(dora)).status).toBe(404);
  });

  it('holds no meeting after the day the person leaves the group, even while they still belong to it', async () => {
    await who.sek!.post('/groups', { name: 'AK Abschied', slug: 'abschied', kind: 'internal' });
    for (const [person, role] of [['olaf', 'organiser'], ['fritz', 'member']]) {
      expect((await who.sek!.post('/groups/abschied/members', { person: `${person}@example.org`, role: role!, starts_on: '2026-01-01' })).status).toBe(303);
    }
    // The tests before have moved the clock to the end of December (winter time, UTC+1).
    const day = dayOf(h.clock.now().toISOString());
    const past = await createMeeting(who.olaf!, 'abschied', { title: 'Abschied vorher', day: addDays(day, -20), start_time: '19:00', end_time: '21:00' });
    const evening = await createMeeting(who.olaf!, 'abschied', { title: 'Abschied abends', day: addDays(day, 14), start_time: '19:00', end_time: '21:00' });
    // Half an hour after midnight, Berlin time: its UTC day is the Berlin day before, the evening meeting's.
    const night = await createMeeting(who.olaf!, 'abschied', { title: 'Nachtsitzung', day: addDays(day, 15), start_time: '00:30', end_time: '02:00' });
    expect((await h.db.selectFrom('meetings').select('starts_at').where('id', '=', night).executeTakeFirstOrThrow()).starts_at.slice(0, 10)).toBe(addDays(day, 14));
    const feed = await newFeed(who.fritz!, { name: 'Fritz', scope: 'person' });
    const uids = async () => parse(await (await fetchFeed(feed)).text()).events.map((e) => e.event.uid);
    expect((await uids()).sort()).toEqual([uid(past), uid(evening), uid(night)].sort());

    const membership = await h.db.selectFrom('memberships').innerJoin('persons', 'persons.id', 'memberships.person_id').innerJoin('groups', 'groups.id', 'memberships.group_id').select(['memberships.id', 'persons.id as person_id']).where('persons.email', '=', 'fritz@example.org').where('groups.slug', '=', 'abschied').executeTakeFirstOrThrow();
    // A last day ahead, set as the membership import or the staff set one (ending on the page ends today).
    const endOn = async (day: string) => {
      h.clock.advance(2000);
      await h.db.updateTable('memberships').set({ ends_on: day }).where('id', '=', membership.id).execute();
      await markPersonChanged(h.db, membership.person_id, h.clock.now());
    };
    try {
      // The last day is the evening meeting's: that one stays, the night meeting goes.
      await endOn(addDays(day, 14));
      expect((await uids()).sort()).toEqual([uid(past), uid(evening)].sort());
      // A day earlier: the evening meeting goes too; the past one, when he belonged, stays.
      await endOn(addDays(day, 13));
      expect(await uids()).toEqual([uid(past)]);
    } finally {
      // Fritz's feed is the empty one of a later test.
      await h.db.deleteFrom('memberships').where('id', '=', membership.id).execute();
    }
  });
});

describe('every change a feed shows moves its validators', () => {
  it('attendance, agenda moves and deletions, a series and membership changes each change the ETag and Last-Modified', async () => {
    const path = await newFeed(who.olaf!, { name: 'Validatoren', scope: 'person' });
    const olaf = await h.db.selectFrom('persons').select('id').where('email', '=', 'olaf@example.org').executeTakeFirstOrThrow();
    const ak = await h.db.selectFrom('groups').select('id').where('slug', '=', 'ak').executeTakeFirstOrThrow();
    const agenda = () => h.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meeting.october).orderBy('position').execute();
    const changes: [string, () => Promise<unknown>][] = [
      ['attendance', () => who.olaf!.post(`/meetings/${meeting.october}/attendance`, { [`status_${olaf.id}`]: 'present' })],
      ['agenda move', async () => who.olaf!.post(`/meetings/${meeting.october}/agenda/${(await agenda())[1]!.id}/move`, { direction: 'up' })],
      ['agenda delete', async () => who.olaf!.post(`/meetings/${meeting.october}/agenda/${(await agenda())[0]!.id}/delete`, {})],
      ['series', () => who.olaf!.post('/groups/ak/meetings/series', { title: 'Jour fixe', kind: 'monthly', ordinal: '1', weekday: '2', from: '2027-02-01', until: '2027-04-30', start_time: '10:00', end_time: '11:00' })],
      ['membership added', async () => {
        await who.sek!.post('/groups', { name: 'Neuer Kreis', slug: 'neu', kind: 'internal' });
        return who.sek!.post('/groups/neu/members', { person: 'olaf@example.org', role: 'member', starts_on: '2026-01-01' });
      }],
      ['membership ended', async () => {
        const m = await h.db.selectFrom('memberships').select('id').where('person_id', '=', olaf.id).where('group_id', '=', ak.id).executeTakeFirstOrThrow();
        return who.sek!.post(`/groups/ak/members/${m.id}/end`, { ends_on: '2026-12-31' });
      }],
    ];
    for (const [label, change] of changes) {
      const before = await fetchFeed(path);
      h.clock.advance(2000);
      const res = (await change()) as Response;
      expect(res.status, label).toBe(303);
      const after = await fetchFeed(path, { 'If-None-Match': before.headers.get('etag')! });
      expect(after.status, label).toBe(200);
      expect((await fetchFeed(path, { 'If-Modified-Since': before.headers.get('last-modified')! })).status, label).toBe(200);
    }
  });

  it('a public group that is archived leaves the public feed, and If-Modified-Since sees it', async () => {
    await who.sek!.post('/groups', { name: 'Kurzzeit', slug: 'kurz', kind: 'internal', dates_public: 'on' });
    await who.sek!.post('/groups/kurz/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
    const id = await createMeeting(who.olaf!, 'kurz', { title: 'Kurzer Termin', day: '2027-03-03', start_time: '10:00', end_time: '11:00' });
    const before = await fetchFeed('/feeds/public.ics');
    expect(await before.text()).toContain(uid(id));
    h.clock.advance(2000);
    expect((await who.sek!.post('/groups/kurz/archive', {})).status).toBe(303);
    const after = await fetchFeed('/feeds/public.ics', { 'If-Modified-Since': before.headers.get('last-modified')! });
    expect(after.status).toBe(200);
    expect(await after.text()).not.toContain(uid(id));
  });
});

describe('group and public feeds', () => {
  it('a group feed is for those who may see the group, and holds no ATTENDEE', async () => {
    const groups = await h.db.selectFrom('groups').select(['id', 'slug']).execute();
    const ak = groups.find((g) => g.slug === 'ak')!.id;
    // Fritz is not in the internal group: he cannot make its feed, and his own feed does not hold it.
    const refused = await who.fritz!.post('/calendar/feeds', { name: 'AK', scope: `group:${ak}` });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Bitte wählen Sie einen der angebotenen Kalender.');
    const fritz = await newFeed(who.fritz!, { name: 'Fritz', scope: 'person' });
    expect(parse(await (await fetchFeed(fritz)).text()).events).toHaveLength(0);

    const group = await newFeed(who.ines!, { name: 'Nur AK', scope: `group:${ak}` });
    const text = await (await fetchFeed(group)).text();
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('AK intern – Nur AK');
    expect(events.map((e) => e.event.uid)).toContain(uid(meeting.october));
    expect(text).not.toContain('ATTENDEE');
    expect(text).not.toContain('Ihre Antwort');

    // Ines leaves the group: its feed stops with her access.
    const membership = await h.db.selectFrom('memberships').innerJoin('persons', 'persons.id', 'memberships.person_id').select('memberships.id').where('persons.email', '=', 'ines@example.org').executeTakeFirstOrThrow();
    await h.db.updateTable('memberships').set({ ends_on: '2026-01-31' }).where('id', '=', membership.id).execute();
    expect((await fetchFeed(group)).status).toBe(404);
    await h.db.updateTable('memberships').set({ ends_on: null }).where('id', '=', membership.id).execute();
    expect((await fetchFeed(group)).status).toBe(200);
  });

  it('the public feed holds only public groups’ dates, without agenda, online link or any name', async () => {
    const res = await fetchFeed('/feeds/public.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    const text = await res.text();
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(events.map((e) => e.event.uid)).toEqual([uid(meeting.open)]);
    expect(events[0]!.event.summary).toBe('Runder Tisch Winter');
    expect(events[0]!.event.location).toBe('Rathaus Hilden');
    for (const secret of ['ATTENDEE', 'Geheimname', 'Olaf', 'Ines', 'meet.example.org', 'TOP 1']) expect(text).not.toContain(secret);
    // The one ORGANIZER is the office (RFC 5546 requires one in every PUBLISH event), never a person.
    expect(expectWellFormedIcs(text)).toEqual(['ORGANIZER;CN="Sachgebiet Integration":mailto:no-reply@localhost']);
    expect((await fetchFeed('/feeds/public.ics', { 'If-None-Match': res.headers.get('etag')! })).status).toBe(304);
  });

  it('a group feed names nobody: no presenters of TOPs, no members, in the description or anywhere else', async () => {
    named = await createMeeting(who.olaf!, 'ak', { title: 'Sitzung Februar', day: '2027-02-10', start_time: '18:00', end_time: '20:00', location: 'Kreishaus', default_agenda: 'on' });
    await who.olaf!.post(`/meetings/${named}/agenda`, { title: 'Haushalt; Planung, 2027 – Übergänge', presenter: 'Katharina Lange' });
    const ak = (await h.db.selectFrom('groups').select('id').where('slug', '=', 'ak').executeTakeFirstOrThrow()).id;
    const group = await newFeed(who.olaf!, { name: 'AK ohne Namen', scope: `group:${ak}` });
    const text = await (await fetchFeed(group)).text();
    const event = parse(text).byUid(uid(named))!.event;
    // The agenda is there (the feed's owner may see it), without the free-text presenter.
    expect(event.description).toContain('TOP 2: Haushalt; Planung, 2027 – Übergänge\nTOP 3: Verschiedenes');
    const unfolded = text.replace(/\r\n[ \t]/g, '');
    const names = await h.db.selectFrom('persons').select(['name', 'email']).execute();
    for (const secret of ['Katharina Lange', 'Yilmaz', 'Geheimname', ...names.flatMap((p) => [p.name, p.email!])]) expect(unfolded, secret).not.toContain(secret);
    expect(new Set(expectWellFormedIcs(text))).toEqual(new Set(['ORGANIZER;CN="Sachgebiet Integration":mailto:no-reply@localhost']));
    // The member's own feed keeps the presenters, as their invitation mail does. (Ines's: Olaf's
    // membership ends before this meeting, in the validators' test above.)
    const own = await newFeed(who.ines!, { name: 'Ines privat', scope: 'person' });
    expect(parse(await (await fetchFeed(own)).text()).byUid(uid(named))!.event.description).toContain('(Katharina Lange)');
  });
});

describe('every calendar the hub serves', () => {
  it('is well-formed to the byte and names the office as the one ORGANIZER of each event', async () => {
    const ak = (await h.db.selectFrom('groups').select('id').where('slug', '=', 'ak').executeTakeFirstOrThrow()).id;
    const files = {
      person: await (await fetchFeed(await newFeed(who.ines!, { name: 'Alles', scope: 'person' }))).text(),
      group: await (await fetchFeed(await newFeed(who.ines!, { name: 'AK', scope: `group:${ak}` }))).text(),
      public: await (await fetchFeed('/feeds/public.ics')).text(),
      meetingForMember: await (await who.ines!.get(`/meetings/${named}.ics`)).text(),
      meetingForPublic: await (await h.browser().get(`/meetings/${meeting.open}.ics`)).text(),
      empty: await (await fetchFeed(await newFeed(who.fritz!, { name: 'Leer', scope: 'person' }))).text(),
    };
    for (const [kind, text] of Object.entries(files)) {
      const organizers = expectWellFormedIcs(text);
      expect(organizers.length, kind).toBe(kind === 'empty' ? 0 : (text.match(/^BEGIN:VEVENT\r$/gm) ?? []).length);
      for (const line of organizers) expect(line, kind).toBe('ORGANIZER;CN="Sachgebiet Integration":mailto:no-reply@localhost');
      // The polling interval stands with the calendar's own properties, before the VTIMEZONE.
      if (text.includes('REFRESH-INTERVAL')) expect(text.indexOf('REFRESH-INTERVAL'), kind).toBeLessThan(text.search(/\r\nBEGIN:(VTIMEZONE|VEVENT)/) >= 0 ? text.search(/\r\nBEGIN:(VTIMEZONE|VEVENT)/) : Infinity);
    }
  });

  it('shows a new office name and address at once: new ETag, new ORGANIZER, in feeds and meeting files', async () => {
    const admin = h.browser();
    await createUser(h.db, { name: 'Ada Admin', email: 'ada@example.org', role: 'admin' });
    await admin.login('ada@example.org', TEST_PASSWORD);
    const feed = await newFeed(who.ines!, { name: 'Büro', scope: 'person' });
    const file = `/meetings/${named}.ics`;
    const before = { feed: await fetchFeed(feed), pub: await fetchFeed('/feeds/public.ics'), file: await who.ines!.get(file) };
    // Polled again unchanged: answered from memory (SQLite) with 304.
    expect((await fetchFeed(feed, { 'If-None-Match': before.feed.headers.get('etag')! })).status).toBe(304);
    const saved = await admin.post('/admin/settings', { office_name: 'Büro für Integration', office_email: 'integration@kreis.example' });
    expect(saved.status).toBe(303);
    const after = {
      feed: await fetchFeed(feed, { 'If-None-Match': before.feed.headers.get('etag')! }),
      pub: await fetchFeed('/feeds/public.ics', { 'If-None-Match': before.pub.headers.get('etag')! }),
      file: await who.ines!.get(file, { 'If-None-Match': before.file.headers.get('etag')! }),
    };
    for (const [kind, res] of Object.entries(after)) {
      expect(res.status, kind).toBe(200);
      const organizers = expectWellFormedIcs(await res.text());
      expect(organizers.length, kind).toBeGreaterThan(0);
      for (const line of organizers) expect(line, kind).toBe('ORGANIZER;CN="Büro für Integration":mailto:integration@kreis.example');
    }
  });
});

describe('one meeting as a file: /meetings/:id.ics', () => {
  it('has an ETag and Last-Modified, answers 304 while unchanged and 200 after a change', async () => {
    const path = `/meetings/${named}.ics`;
    const first = await who.ines!.get(path);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const row = await h.db.selectFrom('meetings').select('updated_at').where('id', '=', named).executeTakeFirstOrThrow();
    expect(lastModified).toBe(new Date(row.updated_at).toUTCString());
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    await first.text();

    const byTag = await who.ines!.get(path, { 'If-None-Match': etag });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    expect(byTag.headers.get('etag')).toBe(etag);
    expect((await who.ines!.get(path, { 'If-Modified-Since': lastModified })).status).toBe(304);
    // Another reader's view (no agenda) is another file.
    const pub = await h.browser().get(`/meetings/${meeting.open}.ics`);
    expect(pub.status).toBe(200);
    expect((await h.browser().get(`/meetings/${meeting.open}.ics`, { 'If-None-Match': pub.headers.get('etag')! })).status).toBe(304);
    const olafsView = await who.olaf!.get(`/meetings/${meeting.open}.ics`, { 'If-None-Match': pub.headers.get('etag')! });
    expect(olafsView.status).toBe(200);

    // A new TOP changes the file: a new ETag, a later Last-Modified, and the TOP in it.
    h.clock.advance(60 * 60 * 1000);
    expect((await who.olaf!.post(`/meetings/${named}/agenda`, { title: 'Neuer Punkt zum Schluss' })).status).toBe(303);
    for (const headers of [{ 'If-None-Match': etag }, { 'If-Modified-Since': lastModified }] as Record<string, string>[]) {
      const changed = await who.ines!.get(path, headers);
      expect(changed.status, JSON.stringify(headers)).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      expect(Date.parse(changed.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(lastModified));
      expect((await changed.text()).replace(/\r\n[ \t]/g, '')).toContain('Neuer Punkt zum Schluss');
    }
  });
});

/**
 * SubscribedCalendar: what a calendar app does with a subscription, reduced to its rules: poll with the
 * last ETag, keep one event per UID, and take a newer version when its SEQUENCE is not lower.
 */
class SubscribedCalendar {
  events = new Map<string, { sequence: number; status: string; summary: string; start: string }>();
  private etag = '';
  constructor(private readonly path: string, private readonly read: (text: string) => { uid: string; sequence: number; status: string; summary: string; start: string }[]) {}

  async poll(): Promise<number> {
    const res = await fetchFeed(this.path, this.etag ? { 'If-None-Match': this.etag } : {});
    if (res.status === 304) return 304;
    this.etag = res.headers.get('etag')!;
    for (const e of this.read(await res.text())) {
      const known = this.events.get(e.uid);
      if (!known || e.sequence >= known.sequence) this.events.set(e.uid, e);
    }
    return res.status;
  }
}

const readWithIcalJs = (text: string) =>
  parse(text).events.map(({ event, component }) => ({ uid: event.uid, sequence: event.sequence, status: String(component.getFirstPropertyValue('status')), summary: event.summary, start: event.startDate.toJSDate().toISOString() }));
const readWithNodeIcal = (text: string) =>
  (Object.values(nodeIcal.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as nodeIcal.VEvent[]).map((e) => ({
    uid: e.uid,
    sequence: Number(e.sequence),
    status: String(e.status),
    summary: String(e.summary),
    start: e.start.toISOString(),
  }));

describe('a member subscribed in two calendar programs', () => {
  it('sees a change arrive as a change and a cancellation as a cancellation, never as a second event', async () => {
    const id = await createMeeting(who.olaf!, 'ak', { title: 'Klausurtagung', day: '2027-01-20', start_time: '10:00', end_time: '16:00', location: 'Kreishaus' });
    const path = await newFeed(who.ines!, { name: 'Zwei Programme', scope: 'person' });
    const apps = [new SubscribedCalendar(path, readWithIcalJs), new SubscribedCalendar(path, readWithNodeIcal)];
    for (const app of apps) expect(await app.poll()).toBe(200);
    for (const app of apps) expect(await app.poll()).toBe(304);
    const count = apps[0]!.events.size;
    expect(apps[1]!.events.size).toBe(count);

    h.clock.advance(60 * 1000);
    await who.olaf!.post(`/meetings/${id}/edit`, { title: 'Klausurtagung', day: '2027-01-21', start_time: '09:30', end_time: '16:00', location: 'Kreishaus' });
    for (const app of apps) {
      expect(await app.poll()).toBe(200);
      expect(app.events.size).toBe(count);
      expect(app.events.get(uid(id))).toMatchObject({ start: '2027-01-21T08:30:00.000Z', status: 'CONFIRMED', sequence: 1 });
    }

    h.clock.advance(60 * 1000);
    await who.olaf!.post(`/meetings/${id}/cancel`, { reason: 'Raum fehlt' });
    for (const app of apps) {
      expect(await app.poll()).toBe(200);
      expect(app.events.size).toBe(count);
      expect(app.events.get(uid(id))).toMatchObject({ status: 'CANCELLED', summary: 'Abgesagt: Klausurtagung', sequence: 2 });
    }
  });
});

describe('project deadlines in the responsible person’s feed', () => {
  it('are all-day events read alike by both parsers; a move keeps the UID and raises SEQUENCE, a removal stays as CANCELLED', async () => {
    const sekUser = await h.db.selectFrom('users').innerJoin('persons', 'persons.id', 'users.person_id').select('users.id').where('persons.email', '=', 'sek@example.org').executeTakeFirstOrThrow();
    const created = await who.sek!.post('/projects', { name: 'Sprachbrücken; „Kreis“, Nord', short_name: 'SBN', status: 'running', responsible_user_id: String(sekUser.id) });
    expect(created.status).toBe(303);
    const project = Number(created.headers.get('location')!.split('/').pop());
    expect((await who.sek!.post(`/projects/${project}/deadlines`, { kind: 'interim_report', title: 'Zwischenbericht, Teil 1; Sachbericht', due_on: '2027-03-31' })).status).toBe(303);
    const deadline = (await h.db.selectFrom('project_deadlines').select('id').where('project_id', '=', project).executeTakeFirstOrThrow()).id;
    const path = await newFeed(who.sek!, { name: 'Projektfristen', scope: 'person' });
    const projectUid = `project-deadline-${deadline}@localhost`;

    const read = async () => {
      const res = await fetchFeed(path);
      expect(res.status).toBe(200);
      const text = await res.text();
      expectWellFormedIcs(text);
      const mine = parse(text).byUid(projectUid);
      const other = (Object.values(nodeIcal.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as nodeIcal.VEvent[]).find((e) => e.uid === projectUid);
      return { text, etag: res.headers.get('etag')!, mine, other };
    };
    const first = await read();
    expect(first.text).toContain('DTSTART;VALUE=DATE:20270331');
    expect(first.text).toContain('DTEND;VALUE=DATE:20270401');
    expect(first.mine!.event.startDate.isDate).toBe(true);
    expect(first.mine!.event.startDate.toString()).toBe('2027-03-31');
    expect(first.mine!.event.summary).toBe('Zwischenbericht: Zwischenbericht, Teil 1; Sachbericht (SBN)');
    expect(first.mine!.event.sequence).toBe(0);
    expect(first.other!.datetype).toBe('date');
    expect(first.other!.summary).toBe('Zwischenbericht: Zwischenbericht, Teil 1; Sachbericht (SBN)');
    expect(first.mine!.component.getFirstPropertyValue('url')).toBe(`http://localhost/projects/${project}`);
    // Unchanged: 304 by ETag.
    expect((await fetchFeed(path, { 'If-None-Match': first.etag })).status).toBe(304);
    // Ines is responsible for nothing: her feed holds no project deadline.
    const ines = await newFeed(who.ines!, { name: 'Ines privat', scope: 'person' });
    expect(await (await fetchFeed(ines)).text()).not.toContain('project-deadline-');

    h.clock.advance(60 * 1000);
    await who.sek!.post(`/projects/${project}/deadlines/${deadline}`, { kind: 'interim_report', title: 'Zwischenbericht, Teil 1; Sachbericht', due_on: '2027-04-15' });
    const moved = await read();
    expect(moved.etag).not.toBe(first.etag);
    expect(moved.mine!.event.startDate.toString()).toBe('2027-04-15');
    expect(moved.mine!.event.sequence).toBe(1);
    expect(Number(moved.other!.sequence)).toBe(1);
    expect(moved.text.match(new RegExp(`UID:${projectUid}`, 'g'))).toHaveLength(1);

    h.clock.advance(60 * 1000);
    await who.sek!.post(`/projects/${project}/deadlines/${deadline}/delete`, {});
    const removed = await read();
    expect(removed.mine!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(removed.mine!.event.summary).toMatch(/^Abgesagt: /);
    expect(removed.mine!.event.sequence).toBe(2);
    expect(removed.other!.status).toBe('CANCELLED');

    // Archived, the project's deadlines leave the feed at once.
    await who.sek!.post(`/projects/${project}/archive`, {});
    expect((await read()).mine).toBeUndefined();
  });
});
