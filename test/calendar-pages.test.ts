import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FEEDS_PER_ACCOUNT } from '../src/calendar/feed-tokens.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

let h: TestHarness;
const who: Record<string, Browser> = {};

beforeAll(async () => {
  h = await createHarness(); // the clock stands at 25 November 2026
  for (const [name, role] of [['olaf', 'member'], ['fritz', 'member'], ['sek', 'secretariat']] as const) {
    await createUser(h.db, { name: `${name} Test`, email: `${name}@example.org`, role });
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  await who.sek!.post('/groups', { name: 'AK Geheim', slug: 'geheim', kind: 'internal' });
  await who.sek!.post('/groups', { name: 'Runder Tisch', slug: 'offen', kind: 'internal', dates_public: 'on' });
  await who.sek!.post('/groups/geheim/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  await who.sek!.post('/groups/offen/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  const meetings = [
    ['geheim', 'Interne Runde', '2026-11-30', '23:30'],
    ['offen', 'Offene Runde', '2026-11-11', '18:00'],
    ['offen', 'Dezember-Runde', '2026-12-02', '18:00'],
  ];
  for (const [group, title, day, time] of meetings) {
    const res = await who.olaf!.post(`/groups/${group}/meetings`, { title: title!, day: day!, start_time: time!, end_time: time === '23:30' ? '23:59' : '20:00' });
    expect(res.status).toBe(303);
  }
});
afterAll(() => h.close());

describe('/calendar', () => {
  it('shows the public the public groups’ dates of this month, and nothing of internal groups', async () => {
    const res = await h.app.request('/calendar');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('November 2026');
    expect(html).toContain('Offene Runde');
    // The last week of the grid runs into December, and shows its meetings too.
    expect(/<td class="month__day month__day--outside"><time datetime="2026-12-02"[\s\S]*?<\/td>/.exec(html)![0]).toContain('Dezember-Runde');
    expect(html).not.toContain('Interne Runde');
    expect(html).not.toContain('AK Geheim');
    expect(html).toContain('href="/feeds/public.ics"');
    expect(html).toContain('Alle Arbeitskreise mit öffentlichen Terminen');
  });

  it('shows members their internal meetings, on the Berlin day (23:30 on 30 November is not 1 December)', async () => {
    const html = await (await who.olaf!.get('/calendar?month=2026-11')).text();
    expect(html).toContain('Interne Runde');
    const cell = /<td class="month__day"><time datetime="2026-11-30"[\s\S]*?<\/td>/.exec(html)![0];
    expect(cell).toContain('Interne Runde');
    expect(cell).toContain('23:30');
    expect(html).toContain('aria-current="date"'); // today, 25 November
  });

  it('filters by group, shows a list view, and falls back to this month for a month it cannot read', async () => {
    const filtered = await (await who.olaf!.get('/calendar?month=2026-11&group=geheim&view=list')).text();
    expect(filtered).toContain('Interne Runde');
    expect(filtered).not.toContain('Offene Runde');
    expect(filtered).toContain('Montag, 30. November 2026');
    // An internal group's slug shows nothing to outsiders, and does not say that it exists.
    const outsider = await (await who.fritz!.get('/calendar?month=2026-11&group=geheim')).text();
    expect(outsider).not.toContain('Interne Runde');
    expect(outsider).not.toContain('AK Geheim');
    for (const month of ['2026-13', 'x', '2026-11-01', '99999-01', '<script>']) {
      const res = await who.olaf!.get(`/calendar?month=${encodeURIComponent(month)}&view=${encodeURIComponent('<b>')}&group=${encodeURIComponent("' or 1=1")}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('November 2026');
    }
  });

  it('answers htmx with the calendar region and the status line for screen readers', async () => {
    const res = await who.olaf!.get('/calendar?month=2026-12', { 'HX-Request': 'true' });
    const html = await res.text();
    expect(html).not.toContain('<html');
    expect(html).toContain('<section id="calendar"');
    expect(html).toContain('Dezember-Runde');
    expect(html).toMatch(/<p id="calendar-announce" hx-swap-oob="innerHTML">Dezember 2026: \d+ Sitzungen<\/p>/);
  });
});

describe('/calendar/feeds', () => {
  it('is for signed-in people', async () => {
    const res = await h.app.request('/calendar/feeds');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/login');
  });

  it('names every wrong field at once, a control character in one and a bad choice in another', async () => {
    const res = await who.fritz!.post('/calendar/feeds', { name: 'a\u0001b', scope: 'public' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Steuerzeichen');
    expect(html).toMatch(/angebotenen/);
  });

  it('refuses a missing name or an unknown choice with a message, and stores nothing', async () => {
    for (const form of [{ name: 'a\u0000b', scope: 'person' }, { name: '', scope: 'person' }, { name: 'x'.repeat(101), scope: 'person' }, { name: 'Ok', scope: 'group:999999' }, { name: 'Ok', scope: 'public' }, { name: 'Ok' }]) {
      const res = await who.fritz!.post('/calendar/feeds', form as Record<string, string>);
      expect(res.status).toBe(422);
      expect(await res.text()).toMatch(/Bitte (füllen|wählen)|zu lang|angebotenen|Steuerzeichen/);
    }
    expect(await h.db.selectFrom('feed_tokens').selectAll().execute()).toHaveLength(0);
  });

  it(`allows ${MAX_FEEDS_PER_ACCOUNT} feed URLs per account`, async () => {
    for (let i = 0; i < MAX_FEEDS_PER_ACCOUNT; i++) expect((await who.fritz!.post('/calendar/feeds', { name: `Feed ${i}`, scope: 'person' })).status).toBe(200);
    const res = await who.fritz!.post('/calendar/feeds', { name: 'Einer zu viel', scope: 'person' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Sie haben schon 20 Kalender-Adressen.');
    const page = await (await who.fritz!.get('/calendar/feeds')).text();
    expect(page).toContain('Feed 19');
    expect(page).not.toMatch(/\/feeds\/[a-z2-7]{52}\.ics/); // the URLs are never shown again
  });
});
