import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berlinToInstant, instantToBerlin, resolveBerlinTime } from '../src/lib/berlin-time.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

describe('meeting times in Europe/Berlin', () => {
  it('keep their wall-clock time across the daylight-saving changes', () => {
    expect(berlinToInstant('2026-03-28', '18:00')).toBe('2026-03-28T17:00:00.000Z');
    expect(berlinToInstant('2026-03-29', '18:00')).toBe('2026-03-29T16:00:00.000Z');
    expect(berlinToInstant('2026-10-24', '18:00')).toBe('2026-10-24T16:00:00.000Z');
    expect(berlinToInstant('2026-10-25', '18:00')).toBe('2026-10-25T17:00:00.000Z');
    expect(instantToBerlin('2026-03-29T16:00:00.000Z')).toEqual({ day: '2026-03-29', time: '18:00' });
    expect(instantToBerlin('2026-10-25T17:00:00.000Z')).toEqual({ day: '2026-10-25', time: '18:00' });
  });

  it('refuse a time that does not exist on the day clocks go forward', () => {
    expect(berlinToInstant('2026-03-29', '02:30')).toBeNull();
    expect(berlinToInstant('2026-02-30', '18:00')).toBeNull();
  });

  it('refuse a time that occurs twice on the day clocks go back (calendar programs disagree which one is meant)', () => {
    for (const time of ['02:00', '02:30', '02:59']) {
      expect(resolveBerlinTime('2027-10-31', time), time).toEqual({ problem: 'ambiguous' });
      expect(berlinToInstant('2027-10-31', time), time).toBeNull();
    }
    expect(resolveBerlinTime('2027-03-28', '02:30')).toEqual({ problem: 'missing' });
    // Just outside the repeated hour the time is unambiguous.
    expect(berlinToInstant('2027-10-31', '01:59')).toBe('2027-10-30T23:59:00.000Z');
    expect(berlinToInstant('2027-10-31', '03:00')).toBe('2027-10-31T02:00:00.000Z');
  });
});

let h: TestHarness;
const who: Record<string, Browser> = {};
let meetingId: number;

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Olaf Organisator', email: 'olaf@example.org' });
  await createUser(h.db, { name: 'Ines Intern', email: 'ines@example.org' });
  await createUser(h.db, { name: 'Fritz Fremd', email: 'fritz@example.org' });
  for (const name of ['sek', 'olaf', 'ines', 'fritz']) {
    who[name] = h.browser();
    await who[name]!.login(`${name}@example.org`, TEST_PASSWORD);
  }
  who.public = h.browser();
  await who.sek!.post('/groups', { name: 'AK intern', slug: 'intern', kind: 'internal' });
  await who.sek!.post('/groups', { name: 'AK extern', slug: 'extern', kind: 'external', dates_public: 'on' });
  await who.sek!.post('/groups/intern/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  await who.sek!.post('/groups/intern/members', { person: 'ines@example.org', role: 'member', starts_on: '2026-01-01' });
  await who.sek!.post('/groups/extern/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
});
afterAll(() => h.close());

const form = { title: 'Sitzung im Dezember', day: '2026-12-09', start_time: '18:00', end_time: '20:00', location: 'Kreishaus Mettmann, Düsseldorfer Str. 26', room: 'Raum 1.23', online_url: 'https://meet.example.org/ak', default_agenda: 'on' };

describe('planning a meeting', () => {
  it('an organiser plans one with the default agenda; it shows on the group page and the dashboard', async () => {
    const res = await who.olaf!.post('/groups/intern/meetings', form);
    expect(res.status).toBe(303);
    meetingId = Number(res.headers.get('location')!.split('/').pop());
    const row = await h.db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ starts_at: '2026-12-09T17:00:00.000Z', ends_at: '2026-12-09T19:00:00.000Z', status: 'planned', sequence: 0 });
    const page = await (await who.ines!.get(`/meetings/${meetingId}`)).text();
    expect(page).toContain('Mittwoch, 09.12.2026, 18:00–20:00 Uhr');
    expect(page).toContain('TOP 1: </strong>Begrüßung und Genehmigung des Protokolls der letzten Sitzung');
    expect(page).toContain('TOP 2: </strong>Verschiedenes');
    expect(await (await who.ines!.get('/groups/intern')).text()).toContain('Sitzung im Dezember');
    expect(await (await who.ines!.get('/')).text()).toContain('Sitzung im Dezember');
  });

  it('refuses bad input with messages and saves nothing', async () => {
    const count = async () => (await h.db.selectFrom('meetings').select('id').execute()).length;
    const before = await count();
    for (const [patch, message] of [
      [{ end_time: '17:00' }, 'Das Ende muss nach dem Beginn liegen.'],
      [{ end_time: '18:00' }, 'Das Ende muss nach dem Beginn liegen.'],
      [{ day: '2026-03-29', start_time: '02:30', end_time: '04:00' }, 'Diese Uhrzeit gibt es an diesem Tag nicht'],
      [{ day: '2027-10-31', start_time: '02:30', end_time: '04:00' }, 'Diese Uhrzeit gibt es an diesem Tag zweimal (Umstellung auf Winterzeit).'],
      [{ day: '2027-10-31', start_time: '01:00', end_time: '02:15' }, 'Diese Uhrzeit gibt es an diesem Tag zweimal (Umstellung auf Winterzeit).'],
      [{ day: '2026-02-30' }, 'gültiges Datum'],
      [{ start_time: '25:00' }, 'Uhrzeit wie 18:30'],
      [{ title: '' }, 'Bitte füllen Sie dieses Feld aus.'],
      [{ online_url: 'javascript:alert(1)' }, 'Link mit https://'],
    ] as const) {
      const res = await who.olaf!.post('/groups/intern/meetings', { ...form, ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(422);
      expect(await res.text()).toContain(message);
    }
    expect(await count()).toBe(before);
  });

  it('says next to the field which time occurs twice, when planning and when editing', async () => {
    const ambiguous = { day: '2027-10-31', start_time: '02:30', end_time: '04:00' };
    for (const path of ['/groups/intern/meetings', `/meetings/${meetingId}/edit`]) {
      const res = await who.olaf!.post(path, { ...form, ...ambiguous });
      expect(res.status, path).toBe(422);
      const html = await res.text();
      expect(html, path).toMatch(/id="[^"]*start_time-error"[^>]*>\s*Diese Uhrzeit gibt es an diesem Tag zweimal/);
      expect(html, path).not.toMatch(/id="[^"]*end_time-error"/);
    }
    const row = await h.db.selectFrom('meetings').select('starts_at').where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(row.starts_at).toBe('2026-12-09T17:00:00.000Z');
  });

  it('who may see and plan', async () => {
    const cases: [string, string, 'GET' | 'POST', number][] = [
      ['ines', `/meetings/${meetingId}`, 'GET', 200],
      ['fritz', `/meetings/${meetingId}`, 'GET', 404],
      ['public', `/meetings/${meetingId}`, 'GET', 303],
      ['ines', `/meetings/${meetingId}/edit`, 'GET', 403],
      ['ines', `/meetings/${meetingId}/agenda`, 'GET', 403],
      ['fritz', '/groups/intern/meetings/new', 'GET', 404],
      ['ines', '/groups/intern/meetings/new', 'GET', 403],
      ['sek', '/groups/intern/meetings/new', 'GET', 200],
      ['ines', '/groups/intern/meetings', 'POST', 403],
      ['public', '/groups/intern/meetings', 'POST', 401],
      ['ines', `/meetings/${meetingId}/cancel`, 'POST', 403],
      ['sek', '/meetings/999999', 'GET', 404],
    ];
    for (const [visitor, path, method, status] of cases) {
      const res = method === 'GET' ? await who[visitor]!.get(path) : await who[visitor]!.post(path, { ...form, reason: 'x' });
      expect(res.status, `${method} ${path} as ${visitor}`).toBe(status);
      if (visitor === 'fritz' || visitor === 'public') expect(await res.text()).not.toContain('Sitzung im Dezember');
    }
  });

  it('one meeting as .ics: the same UID as the invitations; the public file has no agenda or link', async () => {
    const ics = await who.ines!.get(`/meetings/${meetingId}.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await ics.text();
    expect(text).toContain(`UID:meeting-${meetingId}@localhost`);
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20261209T180000');
    expect(text).toContain('TOP 1: Begrüßung');
    expect((await who.fritz!.get(`/meetings/${meetingId}.ics`)).status).toBe(404);
  });

  it('a public group shows its dates to everyone, but not the agenda or the video link', async () => {
    const res = await who.olaf!.post('/groups/extern/meetings', { ...form, title: 'Offenes Netzwerktreffen' });
    const id = Number(res.headers.get('location')!.split('/').pop());
    const publicPage = await (await who.public!.get(`/meetings/${id}`)).text();
    expect(publicPage).toContain('Offenes Netzwerktreffen');
    expect(publicPage).not.toContain('meet.example.org');
    expect(publicPage).not.toContain('Verschiedenes');
    expect(await (await who.public!.get('/groups/extern')).text()).toContain('Offenes Netzwerktreffen');
    const outsider = await (await who.fritz!.get(`/meetings/${id}`)).text();
    expect(outsider).toContain('Verschiedenes');
    const publicIcs = await (await who.public!.get(`/meetings/${id}.ics`)).text();
    expect(publicIcs).toContain('SUMMARY:Offenes Netzwerktreffen');
    expect(publicIcs).not.toContain('Verschiedenes');
    expect(publicIcs).not.toContain('meet.example.org');
  });
});

describe('changing and cancelling', () => {
  it('a change of time or place raises the sequence; a change of nothing does not', async () => {
    const seq = async () => (await h.db.selectFrom('meetings').select('sequence').where('id', '=', meetingId).executeTakeFirstOrThrow()).sequence;
    const { default_agenda: _d, ...edit } = form;
    expect((await who.olaf!.post(`/meetings/${meetingId}/edit`, edit)).status).toBe(303);
    expect(await seq()).toBe(0);
    const moved = await who.olaf!.post(`/meetings/${meetingId}/edit`, { ...edit, start_time: '17:30' });
    expect(moved.status).toBe(303);
    expect(await seq()).toBe(1);
    expect(await (await who.olaf!.get(`/meetings/${meetingId}/edit`)).text()).toContain('value="17:30"');
  });

  it('a cancellation needs a reason, raises the sequence and keeps the meeting', async () => {
    expect((await who.olaf!.post(`/meetings/${meetingId}/cancel`, { reason: '' })).status).toBe(422);
    expect((await who.olaf!.post(`/meetings/${meetingId}/cancel`, { reason: 'Krankheit der Vorsitzenden' })).status).toBe(303);
    const row = await h.db.selectFrom('meetings').select(['status', 'sequence', 'cancel_reason']).where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'cancelled', sequence: 2, cancel_reason: 'Krankheit der Vorsitzenden' });
    expect(await (await who.ines!.get(`/meetings/${meetingId}`)).text()).toContain('Abgesagt: Krankheit der Vorsitzenden');
    expect((await who.olaf!.post(`/meetings/${meetingId}/cancel`, { reason: 'nochmal' })).status).toBe(404);
    const { default_agenda: _d, ...edit } = form;
    expect((await who.olaf!.post(`/meetings/${meetingId}/edit`, edit)).status).toBe(403);
  });
});

describe('agenda', () => {
  let id: number;
  const tops = async () => (await h.db.selectFrom('agenda_items').select(['id', 'title', 'position']).where('meeting_id', '=', id).orderBy('position').execute()).map((r) => r.title);

  beforeAll(async () => {
    const res = await who.olaf!.post('/groups/intern/meetings', { ...form, title: 'Agenda-Test' });
    id = Number(res.headers.get('location')!.split('/').pop());
  });

  it('adds items before "Verschiedenes", numbered TOP 1, 2, 3', async () => {
    expect((await who.olaf!.post(`/meetings/${id}/agenda`, { title: 'Bericht aus den Städten', presenter: 'Ines Intern', planned_minutes: '30' })).status).toBe(303);
    expect((await who.olaf!.post(`/meetings/${id}/agenda`, { title: 'Planung 2027' })).status).toBe(303);
    expect(await tops()).toEqual(['Begrüßung und Genehmigung des Protokolls der letzten Sitzung', 'Bericht aus den Städten', 'Planung 2027', 'Verschiedenes']);
    const page = await (await who.ines!.get(`/meetings/${id}`)).text();
    expect(page).toContain('TOP 3: </strong>Planung 2027');
    expect(page).toContain('Ines Intern, 30 Min.');
  });

  it('moves items up and down and renumbers after a removal', async () => {
    const planning = await h.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', id).where('title', '=', 'Planung 2027').executeTakeFirstOrThrow();
    expect((await who.olaf!.post(`/meetings/${id}/agenda/${planning.id}/move`, { direction: 'up' })).status).toBe(303);
    expect(await tops()).toEqual(['Begrüßung und Genehmigung des Protokolls der letzten Sitzung', 'Planung 2027', 'Bericht aus den Städten', 'Verschiedenes']);
    expect((await who.olaf!.post(`/meetings/${id}/agenda/${planning.id}/move`, { direction: 'sideways' })).status).toBe(400);
    expect((await who.olaf!.post(`/meetings/${id}/agenda/${planning.id}/delete`, {})).status).toBe(303);
    const positions = await h.db.selectFrom('agenda_items').select('position').where('meeting_id', '=', id).orderBy('position').execute();
    expect(positions.map((p) => p.position)).toEqual([1, 2, 3]);
  });

  it('refuses bad items and items of other meetings', async () => {
    const res = await who.olaf!.post(`/meetings/${id}/agenda`, { title: '', planned_minutes: '9999' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Bitte füllen Sie dieses Feld aus.');
    expect(html).toContain('zwischen 1 und 600 Minuten');
    const foreign = await h.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    expect((await who.olaf!.post(`/meetings/${id}/agenda/${foreign.id}/delete`, {})).status).toBe(404);
    expect((await who.olaf!.post(`/meetings/${id}/agenda/${foreign.id}`, { title: 'Gekapert' })).status).toBe(404);
    expect((await who.ines!.post(`/meetings/${id}/agenda`, { title: 'Von Ines' })).status).toBe(403);
  });
});

describe('editing an agenda item that fails', () => {
  it('opens that item with what was typed and the messages, not the add form', async () => {
    const res = await who.olaf!.post('/groups/intern/meetings', { title: 'Fehlertest', day: '2026-12-16', start_time: '18:00', end_time: '20:00', default_agenda: 'on' });
    const id = Number(res.headers.get('location')!.split('/').pop());
    const item = await h.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', id).orderBy('position').executeTakeFirstOrThrow();
    const failed = await who.olaf!.post(`/meetings/${id}/agenda/${item.id}`, { title: '', presenter: 'Behalten Sie mich', planned_minutes: '5000' });
    expect(failed.status).toBe(422);
    const html = await failed.text();
    expect(html).toContain(`<li id="item-${item.id}"><details open="">`);
    expect(html).toContain('value="Behalten Sie mich"');
    expect(html).toContain(`href="#item-${item.id}-title"`);
    const addForm = html.slice(html.indexOf('id="add-item"'));
    expect(addForm).not.toContain('Bitte füllen Sie dieses Feld aus.');
  });
});

describe('the dashboard during a meeting', () => {
  it('lists a meeting until it ends, a whole-day one too, and not after', async () => {
    // The clock stands at 10:00 Berlin time on 25 November 2026.
    const plan = async (title: string, start_time: string, end_time: string) => {
      const res = await who.olaf!.post('/groups/intern/meetings', { title, day: '2026-11-25', start_time, end_time, location: 'Kreishaus' });
      expect(res.status).toBe(303);
    };
    await plan('Frühstück vorbei', '07:00', '09:00');
    await plan('Läuft gerade', '09:30', '12:00');
    await plan('Ganzer Tag', '00:30', '23:30');
    let page = await (await who.ines!.get('/')).text();
    expect(page).toContain('Läuft gerade');
    expect(page).toContain('Ganzer Tag');
    expect(page).not.toContain('Frühstück vorbei');
    h.clock.current = new Date('2026-11-25T22:00:00.000Z'); // 23:00 in Berlin, 22½ hours after the start
    page = await (await who.ines!.get('/')).text();
    expect(page).toContain('Ganzer Tag');
    expect(page).not.toContain('Läuft gerade');
  });
});
