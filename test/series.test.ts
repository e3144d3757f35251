import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriesDates } from '../src/meetings/series.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

describe('series rules', () => {
  it('"jeden 3. Mittwoch im Monat"', () => {
    expect(seriesDates({ kind: 'monthly', ordinal: 3, weekday: 3 }, '2026-01-01', '2026-04-30').map((d) => d.day)).toEqual(['2026-01-21', '2026-02-18', '2026-03-18', '2026-04-15']);
  });

  it('"alle 6 Wochen dienstags", starting with the first Tuesday on or after the start', () => {
    expect(seriesDates({ kind: 'weekly', intervalWeeks: 6, weekday: 2 }, '2026-01-01', '2026-05-31').map((d) => d.day)).toEqual(['2026-01-06', '2026-02-17', '2026-03-31', '2026-05-12']);
  });

  it('marks the holidays of North Rhine-Westphalia: Easter Monday, Pentecost Monday, 3 October', () => {
    const mondays = seriesDates({ kind: 'weekly', intervalWeeks: 1, weekday: 1 }, '2026-04-01', '2026-06-01');
    expect(mondays.filter((d) => d.holiday).map((d) => [d.day, d.holiday])).toEqual([
      ['2026-04-06', 'Ostermontag'],
      ['2026-05-25', 'Pfingstmontag'],
    ]);
    const saturdays = seriesDates({ kind: 'monthly', ordinal: 1, weekday: 6 }, '2026-10-01', '2026-10-31');
    expect(saturdays).toEqual([{ day: '2026-10-03', holiday: 'Tag der Deutschen Einheit' }]);
    // Easter moves: in 2027 Easter Monday is 29 March.
    expect(seriesDates({ kind: 'monthly', ordinal: -1, weekday: 1 }, '2027-03-01', '2027-03-31')).toEqual([{ day: '2027-03-29', holiday: 'Ostermontag' }]);
  });

  it('has no "5th" and stops at 60 dates', () => {
    expect(seriesDates({ kind: 'weekly', intervalWeeks: 1, weekday: 1 }, '2026-01-01', '2028-12-31')).toHaveLength(60);
  });
});

describe('creating a series', () => {
  let h: TestHarness;
  let olaf: Browser;
  beforeAll(async () => {
    h = await createHarness();
    await createUser(h.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
    await createUser(h.db, { name: 'Olaf', email: 'olaf@example.org' });
    await createUser(h.db, { name: 'Ines', email: 'ines@example.org' });
    const sek = h.browser();
    await sek.login('sek@example.org', TEST_PASSWORD);
    await sek.post('/groups', { name: 'AK', slug: 'ak', kind: 'external' });
    await sek.post('/groups/ak/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
    await sek.post('/groups/ak/members', { person: 'ines@example.org', role: 'member', starts_on: '2026-01-01' });
    olaf = h.browser();
    await olaf.login('olaf@example.org', TEST_PASSWORD);
  });
  afterAll(() => h.close());

  const rule = { title: 'AK extern', kind: 'weekly', interval_weeks: '1', weekday: '1', ordinal: '3', from: '2026-03-23', until: '2026-04-13', start_time: '18:00', end_time: '20:00', location: 'Kreishaus', default_agenda: 'on' };

  it('previews by GET without storing anything, skipping Easter Monday', async () => {
    const res = await olaf.get(`/groups/ak/meetings/series?${new URLSearchParams(rule)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Vorschau: 3 Sitzungen');
    expect(html).toContain('<del>Montag, 06.04.2026</del> – entfällt: Ostermontag');
    expect(await h.db.selectFrom('meetings').select('id').execute()).toHaveLength(0);
  });

  it('creates each date as its own meeting at 18:00 local time, before and after the clock change', async () => {
    expect((await olaf.post('/groups/ak/meetings/series', rule)).status).toBe(303);
    const meetings = await h.db.selectFrom('meetings').select(['starts_at', 'title']).orderBy('starts_at').execute();
    expect(meetings.map((m) => m.starts_at)).toEqual(['2026-03-23T17:00:00.000Z', '2026-03-30T16:00:00.000Z', '2026-04-13T16:00:00.000Z']);
    expect((await h.db.selectFrom('agenda_items').select('id').execute()).length).toBe(6);
  });

  it('refuses bad rules and outsiders', async () => {
    for (const [patch, message] of [
      [{ until: '2026-01-01' }, 'Das Ende darf nicht vor dem Beginn liegen.'],
      [{ until: '2029-12-31' }, 'höchstens zwei Jahre'],
      [{ interval_weeks: '0' }, '1 bis 12 Wochen'],
      [{ weekday: '8' }, 'Bitte wählen Sie einen Eintrag'],
      [{ end_time: '17:00' }, 'Das Ende muss nach dem Beginn liegen.'],
    ] as const) {
      const res = await olaf.post('/groups/ak/meetings/series', { ...rule, ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(422);
      expect(await res.text()).toContain(message);
    }
    const ines = h.browser();
    await ines.login('ines@example.org', TEST_PASSWORD);
    expect((await ines.get('/groups/ak/meetings/series')).status).toBe(403);
    expect((await ines.post('/groups/ak/meetings/series', rule)).status).toBe(403);
    expect(await h.db.selectFrom('meetings').select('id').execute()).toHaveLength(3);
  });
});

describe('the preview tells the truth', () => {
  it('skips (and says so) a day whose time does not exist, and tells when the rule was cut off', async () => {
    const h2 = await createHarness();
    await createUser(h2.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
    const sek = h2.browser();
    await sek.login('sek@example.org', TEST_PASSWORD);
    await sek.post('/groups', { name: 'AK', slug: 'ak', kind: 'external' });
    const night = { title: 'Nacht', kind: 'weekly', interval_weeks: '1', weekday: '7', from: '2026-03-22', until: '2026-04-05', start_time: '02:15', end_time: '02:45' };
    const html = await (await sek.get(`/groups/ak/meetings/series?${new URLSearchParams(night)}`)).text();
    expect(html).toContain('Vorschau: 2 Sitzungen');
    expect(html).toContain('Uhrzeit gibt es an diesem Tag nicht');
    const long = { ...night, title: 'Lang', start_time: '18:00', end_time: '19:00', from: '2027-01-01', until: '2028-12-31' };
    expect(await (await sek.get(`/groups/ak/meetings/series?${new URLSearchParams(long)}`)).text()).toContain('höchstens 60 Termine');
    await h2.close();
  });

  it('skips (and says so) a day whose time occurs twice, in the preview and when creating', async () => {
    const h2 = await createHarness();
    await createUser(h2.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
    const sek = h2.browser();
    await sek.login('sek@example.org', TEST_PASSWORD);
    await sek.post('/groups', { name: 'AK', slug: 'ak', kind: 'external' });
    // Sundays around the end of summer time 2027 (31 October): 02:30 happens twice that night.
    const night = { title: 'Nacht', kind: 'weekly', interval_weeks: '1', weekday: '7', from: '2027-10-24', until: '2027-11-07', start_time: '02:30', end_time: '03:30' };
    const html = await (await sek.get(`/groups/ak/meetings/series?${new URLSearchParams(night)}`)).text();
    expect(html).toContain('Vorschau: 2 Sitzungen');
    expect(html).toContain('<del>Sonntag, 31.10.2027</del> – entfällt: Uhrzeit gibt es an diesem Tag nicht oder zweimal (Zeitumstellung)');
    expect((await sek.post('/groups/ak/meetings/series', night)).status).toBe(303);
    const meetings = await h2.db.selectFrom('meetings').select('starts_at').orderBy('starts_at').execute();
    expect(meetings.map((m) => m.starts_at)).toEqual(['2027-10-24T00:30:00.000Z', '2027-11-07T01:30:00.000Z']);
    await h2.close();
  });
});
