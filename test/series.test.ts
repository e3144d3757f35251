import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriesDates } from '../src/meetings/series.js';
import { seedDemo } from '../src/demo/seed.js';
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
    expect(html).toContain('<del>Montag, 06.04.2026</del> – übersprungen: Ostermontag (Feiertag)');
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
    expect(html).toContain('<del>Sonntag, 31.10.2027</del> – übersprungen: Uhrzeit gibt es an diesem Tag nicht oder zweimal (Zeitumstellung)');
    expect((await sek.post('/groups/ak/meetings/series', night)).status).toBe(303);
    const meetings = await h2.db.selectFrom('meetings').select('starts_at').orderBy('starts_at').execute();
    expect(meetings.map((m) => m.starts_at)).toEqual(['2027-10-24T00:30:00.000Z', '2027-11-07T01:30:00.000Z']);
    await h2.close();
  });
});

describe('every n months, the last weekday, holidays moved or skipped, breaks', () => {
  const days = (list: { day: string }[]) => list.map((d) => d.day);

  it('every second month: the 3rd Wednesday of January, March, May, …', () => {
    expect(days(seriesDates({ kind: 'monthly', ordinal: 3, weekday: 3, intervalMonths: 2 }, '2027-01-01', '2027-12-31'))).toEqual(['2027-01-20', '2027-03-17', '2027-05-19', '2027-07-21', '2027-09-15', '2027-11-17']);
  });

  it('quarterly on the last Thursday', () => {
    expect(days(seriesDates({ kind: 'monthly', ordinal: -1, weekday: 4, intervalMonths: 3 }, '2027-01-01', '2027-12-31'))).toEqual(['2027-01-28', '2027-04-29', '2027-07-29', '2027-10-28']);
  });

  it('a holiday is skipped by default and moved to the next working day when chosen', () => {
    // The last Thursday of May 2027 is Corpus Christi (Fronleichnam).
    const rule = { kind: 'monthly', ordinal: -1, weekday: 4 } as const;
    expect(seriesDates(rule, '2027-05-01', '2027-05-31')).toEqual([{ day: '2027-05-27', holiday: 'Fronleichnam' }]);
    expect(seriesDates(rule, '2027-05-01', '2027-05-31', { holidays: 'move' })).toEqual([{ day: '2027-05-28', movedFrom: '2027-05-27', movedFor: 'Fronleichnam' }]);
    // Good Friday 2027 (26 March): Saturday, Sunday and Easter Monday are no working days.
    expect(seriesDates({ kind: 'monthly', ordinal: -1, weekday: 5 }, '2027-03-01', '2027-03-31', { holidays: 'move' })).toEqual([{ day: '2027-03-30', movedFrom: '2027-03-26', movedFor: 'Karfreitag' }]);
  });

  it('skips days in a break, and does not move a holiday into one', () => {
    const breaks = [{ name: 'Sommerferien 2027', starts_on: '2027-07-19', ends_on: '2027-08-31' }];
    const dates = seriesDates({ kind: 'monthly', ordinal: 3, weekday: 3, intervalMonths: 2 }, '2027-05-01', '2027-09-30', { breaks });
    expect(dates).toEqual([{ day: '2027-05-19' }, { day: '2027-07-21', break: 'Sommerferien 2027' }, { day: '2027-09-15' }]);
    const moved = seriesDates({ kind: 'monthly', ordinal: -1, weekday: 4 }, '2027-05-01', '2027-05-31', { holidays: 'move', breaks: [{ name: 'Pfingstferien', starts_on: '2027-05-28', ends_on: '2027-05-28' }] });
    expect(moved).toEqual([{ day: '2027-05-27', holiday: 'Fronleichnam' }]);
  });

  it('does not move a holiday onto a day the series has anyway', () => {
    // Weekly on Thursdays and Fridays cannot be one rule; every day of a week can: Ascension Day 2027 (6 May) would land on Friday.
    const daily = seriesDates({ kind: 'weekly', intervalWeeks: 1, weekday: 4 }, '2027-05-01', '2027-05-14', { holidays: 'move' });
    expect(daily).toEqual([{ day: '2027-05-07', movedFrom: '2027-05-06', movedFor: 'Christi Himmelfahrt' }, { day: '2027-05-13' }]);
  });
});

describe('breaks and the series page', () => {
  let h: TestHarness;
  let sek: Browser;
  let adm: Browser;
  let olaf: Browser;
  let ines: Browser;
  let otto: Browser;
  const summer = { name: 'Sommerferien 2027', starts_on: '2027-07-19', ends_on: '2027-08-31' };
  beforeAll(async () => {
    h = await createHarness();
    await createUser(h.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
    await createUser(h.db, { name: 'Ada', email: 'adm@example.org', role: 'admin' });
    await createUser(h.db, { name: 'Olaf', email: 'olaf@example.org' });
    await createUser(h.db, { name: 'Ines', email: 'ines@example.org' });
    await createUser(h.db, { name: 'Otto', email: 'otto@example.org' });
    sek = h.browser();
    await sek.login('sek@example.org', TEST_PASSWORD);
    adm = h.browser();
    await adm.login('adm@example.org', TEST_PASSWORD);
    for (const slug of ['ak', 'other']) await sek.post('/groups', { name: slug === 'ak' ? 'AK' : 'Anderer AK', slug, kind: 'external' });
    await sek.post('/groups/ak/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
    await sek.post('/groups/ak/members', { person: 'ines@example.org', role: 'member', starts_on: '2026-01-01' });
    await sek.post('/groups/other/members', { person: 'otto@example.org', role: 'chair', starts_on: '2026-01-01' });
    olaf = h.browser();
    await olaf.login('olaf@example.org', TEST_PASSWORD);
    ines = h.browser();
    await ines.login('ines@example.org', TEST_PASSWORD);
    otto = h.browser();
    await otto.login('otto@example.org', TEST_PASSWORD);
  });
  afterAll(() => h.close());

  it('the district breaks are the staff’s: anonymous to the login, members and organisers 403', async () => {
    const anon = h.browser();
    const res = await anon.get('/admin/breaks');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
    expect((await anon.post('/admin/breaks', summer)).status).toBe(401);
    for (const who of [ines, olaf]) {
      expect((await who.get('/admin/breaks')).status).toBe(403);
      expect((await who.post('/admin/breaks', summer)).status).toBe(403);
    }
    expect((await adm.get('/admin/breaks')).status).toBe(200);
    expect(await h.db.selectFrom('breaks').select('id').execute()).toHaveLength(0);
  });

  it('the secretariat enters the summer holidays for the district, audited', async () => {
    expect((await sek.post('/admin/breaks', summer)).status).toBe(303);
    const page = await (await sek.get('/admin/breaks')).text();
    expect(page).toContain('Sommerferien 2027');
    expect(page).toContain('19.07.2027 bis 31.08.2027');
    const rows = await h.db.selectFrom('breaks').selectAll().execute();
    expect(rows).toMatchObject([{ group_id: null, name: 'Sommerferien 2027', starts_on: '2027-07-19', ends_on: '2027-08-31' }]);
    expect(await h.db.selectFrom('audit_log').select(['action', 'entity_type', 'entity_id']).where('action', 'like', 'break.%').execute()).toEqual([{ action: 'break.add', entity_type: 'break', entity_id: String(rows[0]!.id) }]);
  });

  it('refuses a bad period with 422 next to the field, storing nothing', async () => {
    for (const [patch, field, message] of [
      [{ ends_on: '2027-07-01' }, 'ends_on', 'Das Ende darf nicht vor dem Beginn liegen.'],
      [{ ends_on: '2029-01-01' }, 'ends_on', 'höchstens ein Jahr'],
      [{ starts_on: '2027-02-30' }, 'starts_on', ''],
      [{ name: ' ' }, 'name', 'Bitte füllen Sie dieses Feld aus.'],
    ] as const) {
      const res = await sek.post('/admin/breaks', { ...summer, ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(422);
      expect(await res.text()).toMatch(new RegExp(`id="field-${field}-error"[^>]*>[^<]*${message}`));
    }
    const group = await olaf.post('/groups/ak/breaks', { ...summer, ends_on: '2027-01-01' });
    expect(group.status).toBe(422);
    expect(await group.text()).toMatch(/id="field-ends_on-error"[^>]*>Das Ende darf nicht vor dem Beginn liegen./);
    expect(await h.db.selectFrom('breaks').select('id').execute()).toHaveLength(1);
  });

  it('a group’s breaks are for its chair and organisers and the staff', async () => {
    const anon = h.browser();
    expect((await anon.get('/groups/ak/breaks')).status).toBe(303);
    expect((await anon.post('/groups/ak/breaks', summer)).status).toBe(401);
    expect((await ines.get('/groups/ak/breaks')).status).toBe(403);
    expect((await ines.post('/groups/ak/breaks', summer)).status).toBe(403);
    expect((await otto.get('/groups/ak/breaks')).status).toBe(403);
    for (const who of [olaf, sek, adm]) expect((await who.get('/groups/ak/breaks')).status).toBe(200);
    const page = await (await olaf.get('/groups/ak/breaks')).text();
    // The district's breaks are shown there too, read only.
    expect(page).toContain('Ferien und Pausen des Kreises (gelten auch hier)');
    expect(page).toContain('Sommerferien 2027');
    expect(page).not.toContain('action="/admin/breaks');
    expect((await olaf.post('/groups/ak/breaks', { name: 'Osterpause', starts_on: '2027-03-22', ends_on: '2027-04-02' })).status).toBe(303);
    expect((await h.db.selectFrom('breaks').select(['name', 'group_id']).where('name', '=', 'Osterpause').executeTakeFirstOrThrow()).group_id).not.toBeNull();
  });

  it('the series preview says what happens to each date and why', async () => {
    const rule = { title: 'Plenum', kind: 'monthly', ordinal: '-1', weekday: '5', interval_months: '1', holidays: 'move', from: '2027-03-01', until: '2027-08-31', start_time: '18:00', end_time: '20:00' };
    const html = await (await olaf.get(`/groups/ak/meetings/series?${new URLSearchParams(rule)}`)).text();
    // Good Friday falls into the group's Easter break: skipped for the break, not moved.
    expect(html).toContain('<del>Freitag, 26.03.2027</del> – übersprungen: Osterpause');
    expect(html).toContain('<li>Freitag, 30.04.2027</li>');
    expect(html).toContain('<del>Freitag, 30.07.2027</del> – übersprungen: Sommerferien 2027');
    expect(html).toContain('<del>Freitag, 27.08.2027</del> – übersprungen: Sommerferien 2027');
    expect(html).toContain('Vorschau: 3 Sitzungen');
    // Another group's series does not skip this group's break, only the district's.
    const other = await (await otto.get(`/groups/other/meetings/series?${new URLSearchParams(rule)}`)).text();
    expect(other).toContain('<li>Dienstag, 30.03.2027 – verschoben vom 26.03.2027 (Karfreitag)</li>');
    expect(other).toContain('übersprungen: Sommerferien 2027');
    // Breaks ignored, holidays skipped.
    const ignoring = await (await otto.get(`/groups/other/meetings/series?${new URLSearchParams({ ...rule, holidays: 'skip', breaks: 'ignore' })}`)).text();
    expect(ignoring).toContain('<del>Freitag, 26.03.2027</del> – übersprungen: Karfreitag (Feiertag)');
    expect(ignoring).toContain('<li>Freitag, 30.07.2027</li>');
    expect(await h.db.selectFrom('meetings').select('id').execute()).toHaveLength(0);
  });

  it('creates what the preview showed: quarterly on the last Thursday, the moved date on its new day', async () => {
    const rule = { title: 'Quartal', kind: 'monthly', ordinal: '-1', weekday: '4', interval_months: '3', holidays: 'move', from: '2027-02-01', until: '2028-01-31', start_time: '18:00', end_time: '20:00' };
    const preview = await (await otto.get(`/groups/other/meetings/series?${new URLSearchParams(rule)}`)).text();
    expect(preview).toContain('<li>Freitag, 28.05.2027 – verschoben vom 27.05.2027 (Fronleichnam)</li>');
    expect(preview).toContain('übersprungen: Sommerferien 2027');
    expect((await otto.post('/groups/other/meetings/series', rule)).status).toBe(303);
    const meetings = await h.db.selectFrom('meetings').select('starts_at').orderBy('starts_at').execute();
    expect(meetings.map((m) => m.starts_at.slice(0, 10))).toEqual(['2027-02-25', '2027-05-28', '2027-11-25']);
  });

  it('refuses a bad interval or holiday choice with 422 next to the field', async () => {
    const rule = { title: 'X', kind: 'monthly', ordinal: '1', weekday: '2', from: '2027-01-01', until: '2027-06-30', start_time: '18:00', end_time: '20:00' };
    for (const [patch, field] of [
      [{ interval_months: '4' }, 'interval_months'],
      [{ holidays: 'later' }, 'holidays'],
      [{ breaks: 'maybe' }, 'breaks'],
    ] as const) {
      const res = await olaf.post('/groups/ak/meetings/series', { ...rule, ...patch });
      expect(res.status, field).toBe(422);
      expect(await res.text()).toMatch(new RegExp(`id="field-${field}-error"[^>]*>Bitte wählen Sie einen Eintrag`));
    }
  });

  it('deletes a break only where it belongs, audited', async () => {
    const district = (await h.db.selectFrom('breaks').select('id').where('group_id', 'is', null).executeTakeFirstOrThrow()).id;
    const own = (await h.db.selectFrom('breaks').select('id').where('name', '=', 'Osterpause').executeTakeFirstOrThrow()).id;
    // The district's break is not the group's to delete; the group's not another group's.
    expect((await olaf.post(`/groups/ak/breaks/${district}/delete`, {})).status).toBe(404);
    expect((await otto.post(`/groups/other/breaks/${own}/delete`, {})).status).toBe(404);
    expect((await otto.post(`/groups/ak/breaks/${own}/delete`, {})).status).toBe(403);
    expect((await ines.post(`/groups/ak/breaks/${own}/delete`, {})).status).toBe(403);
    expect((await olaf.post(`/admin/breaks/${district}/delete`, {})).status).toBe(403);
    expect((await sek.post(`/admin/breaks/${own}/delete`, {})).status).toBe(404);
    expect((await olaf.post(`/groups/ak/breaks/${own}/delete`, {})).status).toBe(303);
    expect((await sek.post(`/admin/breaks/${district}/delete`, {})).status).toBe(303);
    expect(await h.db.selectFrom('breaks').select('id').execute()).toHaveLength(0);
    const log = await h.db.selectFrom('audit_log').select('action').where('action', 'like', 'break.%').orderBy('id').execute();
    expect(log.map((l) => l.action)).toEqual(['break.add', 'break.add', 'break.delete', 'break.delete']);
    // The audit page reads each entry as a sentence, naming the period and whom it is for.
    const audit = await (await adm.get('/admin/audit')).text();
    expect(audit).toContain('Sina hat den Zeitraum „Sommerferien 2027“ (19.07.2027 bis 31.08.2027) für den ganzen Kreis eingetragen.');
    expect(audit).toContain('Olaf hat den Zeitraum „Osterpause“ (22.03.2027 bis 02.04.2027) für den Arbeitskreis „AK“ gelöscht.');
  });
});

describe('the demo', () => {
  it('has the NRW summer holidays 2027 as a district break, which a series across the summer skips', async () => {
    const h = await createHarness();
    await seedDemo(h.db, h.clock.now());
    expect(await h.db.selectFrom('breaks').select(['group_id', 'name', 'starts_on', 'ends_on']).execute()).toEqual([{ group_id: null, name: 'Sommerferien NRW 2027', starts_on: '2027-07-19', ends_on: '2027-08-31' }]);
    expect(await h.db.selectFrom('audit_log').select('action').where('action', '=', 'break.add').execute()).toHaveLength(1);
    await h.close();
  });
});
