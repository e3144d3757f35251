import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventTextCache, eventCacheFor } from '../src/calendar/event-cache.js';
import { feedCacheFor } from '../src/calendar/feed-cache.js';
import { findFeedToken } from '../src/calendar/feed-tokens.js';
import { renderFeedAtOnce, resolveFeed, type FeedOutput } from '../src/calendar/feeds.js';
import { assembleCalendar, calendarShell, meetingEvents, meetingsCalendar, type CalendarOptions, type IcsMeeting } from '../src/calendar/ics.js';
import { organizerOf, readSite } from '../src/http/site.js';
import { today } from '../src/lib/berlin-time.js';
import { createHarness, createUser, TEST_PASSWORD, testConfig, type Browser, type TestHarness } from './helpers/app.js';

// A feed is assembled from a shell and VEVENT texts kept from earlier answers (src/calendar/ics.ts,
// src/calendar/event-cache.ts). Its bytes must be those ical-generator writes for the whole calendar at
// once, cold or warm, and after changes of some events while the others come from the cache.

const long = 'Sehr langer Tagesordnungspunkt über Übergänge, Teilhabe und Sprachförderung in Kitas; Fortsetzung der Beratung mit Ämtern – „Integration“ €';
const base: IcsMeeting = {
  id: 1,
  title: 'Sitzung, Oktober; „Öffnung“',
  starts_at: '2026-10-21T17:00:00.000Z',
  ends_at: '2026-10-21T19:00:00.000Z',
  location: 'Kreishaus, Raum 3; Eingang B',
  room: 'Raum 1.23',
  online_url: null,
  status: 'planned',
  sequence: 0,
  updated_at: '2026-10-01T08:00:00.000Z',
  description: 'Ihre Antwort: Zusage\nRolle: Mitglied\n\nTagesordnung:\nTOP 1: Begrüßung (Frau Yılmaz)\nTOP 2: ' + long + '\n\nSeite: https://hub.example.org/meetings/1',
  category: 'AK Integration – Düsseldorf',
};

/** A varied calendar: cancelled, moved (higher SEQUENCE), every reply, chair, umlauts, long folding lines, emoji (surrogate pairs), across the clock change. */
function varied(): IcsMeeting[] {
  const answers = ['accepted', 'declined', 'tentative', null] as const;
  return Array.from({ length: 24 }, (_, i) => ({
    ...base,
    id: i + 1,
    title: i % 5 === 0 ? `${long} ${i}` : i % 7 === 0 ? `Sitzung 🎉 mit Emoji ${'x'.repeat(i)}` : `${base.title} ${i}`,
    starts_at: new Date(Date.parse(base.starts_at) + i * 3 * 24 * 3600 * 1000).toISOString(),
    ends_at: new Date(Date.parse(base.ends_at) + i * 3 * 24 * 3600 * 1000).toISOString(),
    status: i % 6 === 3 ? ('cancelled' as const) : ('invited' as const),
    sequence: i % 4,
    location: i % 8 === 2 ? null : base.location,
    room: i % 3 === 0 ? null : base.room,
    online_url: i % 8 === 2 ? 'https://meet.example.org/ak-ü' : null,
    description: `${base.description}${'ä'.repeat(i * 3)}`,
    attendee: i % 2 ? { name: 'Ines Ümit-Öztürk', email: 'ines@example.org', answer: answers[i % 4]!, chair: i % 3 === 0 } : undefined,
  }));
}

const organizer = { name: 'Büro für Integration, Kreis Mettmann', email: 'integration@example.org' };
const options = (publish: boolean): CalendarOptions => ({
  baseUrl: 'https://hub.example.org',
  districtName: 'Kreis Mettmann',
  cancelledPrefix: 'Abgesagt:',
  name: 'Handy, privat; „Kalender“',
  description: 'Sitzungen der Arbeitskreise im Kreis Mettmann, mit Tagesordnung und eigener Antwort – ein langer Satz zum Falten',
  refreshSeconds: 3600,
  publish,
  organizer,
});

const assembled = (meetings: IcsMeeting[], opts: CalendarOptions, cache: EventTextCache) => assembleCalendar(calendarShell(opts, meetings.length > 0), meetingEvents(meetings, opts, cache));

describe('an assembled calendar', () => {
  it('is byte for byte what ical-generator writes at once: cold, warm, and after some events changed', () => {
    for (const publish of [false, true]) {
      const opts = options(publish);
      const cache = new EventTextCache();
      const meetings = varied();
      const reference = meetingsCalendar(meetings, opts);
      expect(reference).toMatch(/\r\n [^\r\n]/); // long lines were folded
      expect(reference).toContain('BEGIN:VTIMEZONE');
      expect(assembled(meetings, opts, cache)).toBe(reference);
      expect(cache.size).toBe(meetings.length);
      expect(assembled(meetings, opts, cache)).toBe(reference); // every event from the cache
      // A moved meeting, a new reply, a cancellation, a changed agenda: new texts for those, the rest kept.
      const changed = meetings.map((m, i) =>
        i === 4 ? { ...m, starts_at: '2026-11-30T18:00:00.000Z', ends_at: '2026-11-30T20:00:00.000Z', sequence: m.sequence + 1, updated_at: '2026-11-02T10:00:00.000Z' }
        : i === 5 ? { ...m, attendee: { ...m.attendee!, answer: 'accepted' as const } }
        : i === 6 ? { ...m, status: 'cancelled' as const, sequence: m.sequence + 1 }
        : i === 7 ? { ...m, description: `${m.description}\nTOP 3: Neu` }
        : m,
      );
      const after = assembled(changed, opts, cache);
      expect(after).toBe(meetingsCalendar(changed, opts));
      expect(after).not.toBe(reference);
      expect(cache.size).toBe(meetings.length + 4);
      // A meeting gone, and the order kept.
      const fewer = changed.filter((m) => m.id !== 10);
      expect(assembled(fewer, opts, cache)).toBe(meetingsCalendar(fewer, opts));
    }
  });

  it('is the same for an empty calendar (no VTIMEZONE), and for one event', () => {
    const cache = new EventTextCache();
    for (const publish of [false, true]) {
      expect(assembled([], options(publish), cache)).toBe(meetingsCalendar([], options(publish)));
      expect(assembled([], options(publish), cache)).not.toContain('VTIMEZONE');
      expect(assembled([base], options(publish), cache)).toBe(meetingsCalendar([base], options(publish)));
    }
  });

  it('does not reuse a text whose site, language words or office differ', () => {
    const cache = new EventTextCache();
    const opts = options(false);
    const first = meetingEvents([base], opts, cache)[0]!;
    for (const other of [{ ...opts, baseUrl: 'https://anders.example.org' }, { ...opts, cancelledPrefix: 'Cancelled:' }, { ...opts, organizer: { ...organizer, name: 'Neues Büro' } }]) {
      const cancelled = { ...base, status: 'cancelled' as const };
      expect(meetingEvents([cancelled], other, cache)[0]).toBe(meetingsCalendar([cancelled], other).match(/BEGIN:VEVENT[\s\S]*END:VEVENT\r\n/)![0]);
    }
    expect(meetingEvents([base], opts, cache)[0]).toBe(first);
  });
});

describe('a feed as the route writes it', () => {
  let h: TestHarness;
  let olaf: Browser;
  let feedPath = '';
  let meetingId = 0;

  beforeAll(async () => {
    h = await createHarness();
    await createUser(h.db, { name: 'Olaf Ömer Organisator', email: 'olaf@example.org' });
    await createUser(h.db, { name: 'Sekretariat', email: 'sek@example.org', role: 'secretariat' });
    const sek = h.browser();
    await sek.login('sek@example.org', TEST_PASSWORD);
    await sek.post('/groups', { name: 'AK Übergänge – Schule und Beruf', slug: 'ak', kind: 'internal', dates_public: 'on' });
    await sek.post('/groups/ak/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
    olaf = h.browser();
    await olaf.login('olaf@example.org', TEST_PASSWORD);
    for (const [day, title] of [['2026-10-21', 'Sitzung vor der Zeitumstellung'], ['2026-12-09', `Sitzung: ${long}`], ['2027-01-13', 'Sitzung im Januar']] as const) {
      const res = await olaf.post('/groups/ak/meetings', { title, day, start_time: '19:00', end_time: '21:00', location: 'Kreishaus Mettmann, Düsseldorfer Straße 26', online_url: 'https://meet.example.org/ak', default_agenda: 'on' });
      meetingId = Number(res.headers.get('location')!.split('/').pop());
    }
    await olaf.post(`/meetings/${meetingId}/agenda`, { title: long, presenter: 'Frau Yılmaz' });
    await olaf.post(`/meetings/${meetingId}/rsvp`, { answer: 'tentative' });
    const page = await (await olaf.post('/calendar/feeds', { name: 'Handy, privat', scope: 'person' })).text();
    feedPath = /http:\/\/localhost(\/feeds\/[a-z2-7]{52}\.ics)/.exec(page)![1]!;
    // An application deadline, an all-day event in the public feed.
    const at = '2026-11-01T10:00:00.000Z';
    const programme = await h.db
      .insertInto('programmes')
      .values({ name: 'Förderprogramm „Zusammenhalt“', funder: 'Land NRW', level: 'land' as 'bund', description: null, amount_min_cents: null, amount_max_cents: null, rate_percent: null, own_share: null, link: null, office_contact_id: null, contact_text: null, status: 'open', rolling: 0, last_checked: '2026-10-01', archived_at: null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db.insertInto('programme_deadlines').values({ programme_id: programme.id, due_on: '2027-01-31', note: 'Erste Runde' }).execute();
  });
  afterAll(() => h.close());

  /** reference: the same feed written by ical-generator at once, without any cache, from the same site facts as the route's. */
  async function reference(file: string) {
    const day = today(h.clock.now());
    const name = file.slice('/feeds/'.length, -'.ics'.length);
    const token = name === 'public' ? 'public' : (await findFeedToken(h.db, name))!;
    const site = await readSite(h.db);
    const output: FeedOutput = { baseUrl: testConfig().baseUrl, districtName: site.districtName, organizer: organizerOf(site, testConfig().mailFrom) };
    return renderFeedAtOnce(h.db, (await resolveFeed(h.db, token, day, output))!, day);
  }

  it('is the at-once text for a person’s feed and the public feed, before and after changes', async () => {
    const check = async (file: string) => {
      const res = await h.app.request(file);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(await reference(file));
    };
    await check(feedPath);
    await check('/feeds/public.ics');
    expect(await (await h.app.request('/feeds/public.ics')).text()).toContain('DTSTART;VALUE=DATE:20270131');
    await olaf.post(`/meetings/${meetingId}/rsvp`, { answer: 'declined' });
    await olaf.post(`/meetings/${meetingId}/agenda`, { title: 'Noch ein Punkt mit ß', presenter: 'Herr Groß' });
    await check(feedPath);
    await check('/feeds/public.ics');
    // Cached texts in use: clearing the cache gives the same bytes.
    const warm = await (await h.app.request(feedPath)).text();
    eventCacheFor(h.db).clear();
    feedCacheFor(h.db).clear();
    expect(await (await h.app.request(feedPath)).text()).toBe(warm);
  });
});
