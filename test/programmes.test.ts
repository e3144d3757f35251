import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatEuros, parseEuros, parseDay } from '../src/programmes/form.js';
import { checkDueBefore } from '../src/programmes/programmes.js';
import { adminHarness } from './helpers/admin.js';
import { expectWellFormedIcs } from './helpers/ics.js';
import ICAL from 'ical.js';
import type { Browser, TestHarness } from './helpers/app.js';

// Funding programmes (issue #19): the public list and page, the staff's editing, the work queue.
// The clock stands at Wednesday 2026-11-25, 09:00 UTC.

let h: TestHarness;
let ada: Browser;
let sek: Browser;
let mia: Browser;
let fields: { id: number; name: string }[];

const valid = (over: Record<string, string | string[]> = {}) => ({
  name: 'Testprogramm Sprache',
  funder: 'Land NRW',
  level: 'land',
  description: 'Förderung von Sprachcafés.',
  applicants: ['associations', 'migrant_organisations'],
  fields: [String(fields[0]!.id)],
  amount_min: '1.000',
  amount_max: '12.345,67',
  rate_percent: '80',
  own_share: '20 %',
  link: 'https://www.example.org/foerderung',
  office_contact_id: '',
  contact_text: 'Frau Beispiel, Tel. 0000',
  status: 'open',
  deadlines: '2027-01-31 Erste Runde\n15.03.2027',
  last_checked: '2026-11-01',
  ...over,
});

async function programme(name: string, values: { level?: string; status?: 'open' | 'closed'; rolling?: boolean; deadlines?: string[]; checked?: string | null; field?: number; applicant?: string; archived?: boolean } = {}) {
  const at = '2026-11-01T10:00:00.000Z';
  const row = await h.db
    .insertInto('programmes')
    .values({ name, funder: 'Fördergeber', level: (values.level ?? 'bund') as 'bund', description: null, amount_min_cents: null, amount_max_cents: null, rate_percent: null, own_share: null, link: null, office_contact_id: null, contact_text: null, status: values.status ?? 'open', rolling: values.rolling ? 1 : 0, last_checked: values.checked === undefined ? '2026-10-01' : values.checked, archived_at: values.archived ? at : null, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const due_on of values.deadlines ?? []) await h.db.insertInto('programme_deadlines').values({ programme_id: row.id, due_on, note: null }).execute();
  if (values.field) await h.db.insertInto('programme_fields').values({ programme_id: row.id, field_id: values.field }).execute();
  if (values.applicant) await h.db.insertInto('programme_applicants').values({ programme_id: row.id, applicant: values.applicant as 'schools' }).execute();
  return row.id;
}

const count = async (table: 'programmes' | 'programme_deadlines' | 'audit_log') => Number((await h.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  ({ h, who: { ada, sek, mia } } = await adminHarness());
  fields = await h.db.selectFrom('fields_of_action').select(['id', 'name']).orderBy('position').execute();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.db.deleteFrom('programmes').execute();
});

describe('amounts and days', () => {
  it('reads German amounts into cents and refuses the rest', () => {
    expect(parseEuros('1.234,56')).toEqual({ cents: 123456 });
    expect(parseEuros('1234,5')).toEqual({ cents: 123450 });
    expect(parseEuros('25000')).toEqual({ cents: 2500000 });
    expect(parseEuros('0,01 €')).toEqual({ cents: 1 });
    expect(parseEuros('-5')).toEqual({ error: 'programmes.form.amountNegative' });
    expect(parseEuros('1,234')).toEqual({ error: 'programmes.form.amountInvalid' });
    expect(parseEuros('12.34')).toEqual({ error: 'programmes.form.amountInvalid' });
    expect(parseEuros('abc')).toEqual({ error: 'programmes.form.amountInvalid' });
    expect(parseEuros('30.000.000')).toEqual({ error: 'programmes.form.amountTooLarge' });
    expect(formatEuros(123456)).toBe('1.234,56');
    expect(formatEuros(2500000)).toBe('25.000');
    expect(parseDay('31.02.2027')).toBeUndefined();
    expect(parseDay('1.3.2027')).toBe('2027-03-01');
    expect(checkDueBefore('2026-11-25', 12)).toBe('2025-11-25');
    expect(checkDueBefore('2026-11-25', 6)).toBe('2026-05-25');
  });
});

describe('the public list', () => {
  it('says so when there is nothing, and when nothing matches', async () => {
    const empty = await (await h.browser().get('/programmes')).text();
    expect(empty).toContain('Zurzeit sind keine Förderprogramme eingetragen.');
    await programme('Irgendein Programm', { rolling: true });
    const none = await (await h.browser().get('/programmes?level=eu')).text();
    expect(none).toContain('Kein Förderprogramm passt zu diesen Filtern.');
  });

  it('lists open and closed programmes with funder, level, next deadline or "laufend", status and last check; not archived ones', async () => {
    await programme('Programm Mit Frist', { level: 'eu', deadlines: ['2026-11-01', '2027-02-15'] });
    await programme('Programm Laufend', { level: 'kreis', rolling: true });
    await programme('Programm Geschlossen', { status: 'closed', deadlines: ['2026-10-01'] });
    await programme('Programm Archiviert', { archived: true, rolling: true });
    const res = await h.browser().get('/programmes');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Programm Mit Frist');
    expect(html).toContain('Nächste Frist: 15.02.2027');
    expect(html).toContain('Programm Laufend');
    expect(html).toContain('Anträge laufend möglich');
    expect(html).toContain('Programm Geschlossen');
    expect(html).toContain('Geschlossen');
    expect(html).toContain('Zuletzt geprüft am 01.10.2026');
    expect(html).toMatch(/Fördergeber<\/?[a-z]*>? · EU|Fördergeber · EU/);
    expect(html).not.toContain('Programm Archiviert');
    // The filter form works without JavaScript: a GET form.
    expect(html).toMatch(/<form method="get" action="\/programmes"/);
  });

  it('filters by level, field of action, applicant and "open now" (a past deadline does not count)', async () => {
    const field = fields[1]!.id;
    await programme('Alpha EU', { level: 'eu', deadlines: ['2027-01-10'], field, applicant: 'schools' });
    await programme('Beta Vorbei', { level: 'eu', deadlines: ['2026-11-24'] });
    await programme('Gamma Heute', { level: 'land', deadlines: ['2026-11-25'], applicant: 'schools' });
    await programme('Delta Geschlossen', { level: 'land', status: 'closed', rolling: true, field });
    await programme('Epsilon Laufend', { level: 'stiftung', rolling: true });
    const names = async (query: string) => {
      const html = await (await h.browser().get(`/programmes${query}`)).text();
      return ['Alpha EU', 'Beta Vorbei', 'Gamma Heute', 'Delta Geschlossen', 'Epsilon Laufend'].filter((n) => html.includes(n));
    };
    expect(await names('?level=eu')).toEqual(['Alpha EU', 'Beta Vorbei']);
    expect(await names(`?field=${field}`)).toEqual(['Alpha EU', 'Delta Geschlossen']);
    expect(await names('?applicant=schools')).toEqual(['Alpha EU', 'Gamma Heute']);
    expect(await names('?open=1')).toEqual(['Alpha EU', 'Gamma Heute', 'Epsilon Laufend']);
    expect(await names('?open=1&level=eu')).toEqual(['Alpha EU']);
    // Unknown values are ignored, not errors.
    expect(await names('?level=mars&field=abc')).toHaveLength(5);
  });

  it('shows a programme with everything, and 404 for an unknown or archived one', async () => {
    const res = await sek.post('/admin/programmes', valid());
    expect(res.status).toBe(303);
    const id = (await h.db.selectFrom('programmes').select('id').executeTakeFirstOrThrow()).id;
    const html = await (await h.browser().get(`/programmes/${id}`)).text();
    for (const text of ['Testprogramm Sprache', 'Land NRW', 'Förderung von Sprachcafés.', 'Vereine, Migrantenorganisationen', fields[0]!.name, '80 % der Kosten', '20 %', 'href="https://www.example.org/foerderung"', 'Frau Beispiel, Tel. 0000', '31.01.2027', 'Erste Runde', '15.03.2027', '01.11.2026']) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/1\.000\s€ bis 12\.345,67\s€; 80 % der Kosten/);
    expect((await h.browser().get('/programmes/99999')).status).toBe(404);
    const archived = await programme('Weg', { archived: true, rolling: true });
    const gone = await h.browser().get(`/programmes/${archived}`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('Dieses Förderprogramm gibt es nicht (mehr).');
  });

  it('speaks the public languages and keeps programme content German', async () => {
    const id = await programme('Sprachförderung Beispiel', { rolling: true });
    const ar = h.browser();
    ar.cookies.set('lang', 'ar');
    const list = await (await ar.get('/programmes')).text();
    expect(list).toContain('برامج التمويل');
    expect(list).toMatch(/<span lang="de">Sprachförderung Beispiel<\/span>/);
    const page = await (await ar.get(`/programmes/${id}`)).text();
    expect(page).toContain('يمكن التقديم في أي وقت');
  });

  it('shows the next open programmes on the home page', async () => {
    await programme('Heimseite Programm', { deadlines: ['2026-12-01'] });
    await programme('Heimseite Vorbei', { deadlines: ['2026-11-01'] });
    const html = await (await h.browser().get('/')).text();
    expect(html).toContain('Aktuelle Förderprogramme');
    expect(html).toContain('Heimseite Programm');
    expect(html).not.toContain('Heimseite Vorbei');
  });
});

describe('staff editing', () => {
  it('lets only the staff in', async () => {
    const id = await programme('Rechteprüfung', { rolling: true });
    for (const path of ['/admin/programmes', '/admin/programmes/new', `/admin/programmes/${id}`]) {
      expect((await ada.get(path)).status).toBe(200);
      expect((await sek.get(path)).status).toBe(200);
      expect((await mia.get(path)).status).toBe(403);
      const anon = await h.browser().get(path);
      expect(anon.status).toBe(303);
      expect(anon.headers.get('location')).toMatch(/^\/login/);
    }
    expect((await mia.post('/admin/programmes', valid())).status).toBe(403);
    expect((await h.browser().post('/admin/programmes', valid())).status).toBe(401);
    expect((await mia.post(`/admin/programmes/${id}/archive`, {})).status).toBe(403);
    expect(await count('programmes')).toBe(1);
    // The public pages link to the admin pages only for the staff.
    expect(await (await sek.get('/programmes')).text()).toContain('href="/admin/programmes"');
    expect(await (await mia.get('/programmes')).text()).not.toContain('href="/admin/programmes"');
  });

  it('creates, edits, archives and restores, each in the audit log', async () => {
    const before = await count('audit_log');
    expect((await sek.post('/admin/programmes', valid())).status).toBe(303);
    const row = await h.db.selectFrom('programmes').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ amount_min_cents: 100000, amount_max_cents: 1234567, rate_percent: 80, level: 'land', status: 'open', last_checked: '2026-11-01' });
    const deadlines = await h.db.selectFrom('programme_deadlines').select(['id', 'due_on', 'note']).orderBy('due_on').execute();
    expect(deadlines.map((d) => [d.due_on, d.note])).toEqual([
      ['2027-01-31', 'Erste Runde'],
      ['2027-03-15', null],
    ]);
    // The form shows the amounts in German again.
    const form = await (await sek.get(`/admin/programmes/${row.id}`)).text();
    expect(form).toContain('value="12.345,67"');
    // An edit keeps the row of a deadline whose day stays.
    expect((await ada.post(`/admin/programmes/${row.id}`, valid({ name: 'Neuer Name', deadlines: '2027-01-31 Erste Runde\n2027-06-30' }))).status).toBe(303);
    const after = await h.db.selectFrom('programme_deadlines').select(['id', 'due_on']).orderBy('due_on').execute();
    expect(after[0]!.id).toBe(deadlines[0]!.id);
    expect(after.map((d) => d.due_on)).toEqual(['2027-01-31', '2027-06-30']);
    expect((await ada.post(`/admin/programmes/${row.id}/archive`, {})).status).toBe(303);
    expect((await h.browser().get(`/programmes/${row.id}`)).status).toBe(404);
    expect((await ada.post(`/admin/programmes/${row.id}/restore`, {})).status).toBe(303);
    expect((await h.browser().get(`/programmes/${row.id}`)).status).toBe(200);
    const log = await h.db.selectFrom('audit_log').select(['action', 'entity_type', 'entity_id', 'after_json']).orderBy('id').offset(before).limit(100).execute();
    expect(log.map((l) => l.action)).toEqual(['programme.create', 'programme.update', 'programme.archive', 'programme.restore']);
    expect(log.every((l) => l.entity_type === 'programme' && l.entity_id === String(row.id))).toBe(true);
    expect(JSON.parse(log[1]!.after_json!).name).toBe('Neuer Name');
    // The log page says it in a sentence.
    expect(await (await ada.get('/admin/audit')).text()).toContain('hat das Förderprogramm „Neuer Name“ geändert.');
    expect((await ada.post('/admin/programmes/99999', valid())).status).toBe(404);
    expect((await ada.post('/admin/programmes/99999/archive', {})).status).toBe(404);
  });

  it.each([
    ['link', { link: 'javascript:alert(1)' }, 'Bitte eine vollständige Adresse mit http:// oder https:// eingeben.'],
    ['link', { link: 'ftp://example.org/x' }, 'Bitte eine vollständige Adresse mit http:// oder https:// eingeben.'],
    ['deadlines', { deadlines: '31.02.2027 Runde' }, 'Jede Zeile muss mit einem gültigen Datum beginnen'],
    ['amount_min', { amount_min: '12.34' }, 'Das ist kein Betrag.'],
    ['amount_min', { amount_min: '-100' }, 'Bitte keinen negativen Betrag eingeben.'],
    ['amount_max', { amount_min: '5.000', amount_max: '1.000' }, 'Der Höchstbetrag ist kleiner als der Mindestbetrag.'],
    ['rate_percent', { rate_percent: '120' }, 'Bitte eine ganze Zahl von 0 bis 100 eingeben.'],
    ['last_checked', { last_checked: 'gestern' }, 'Das ist kein gültiges Datum.'],
    ['name', { name: '' }, 'Bitte füllen Sie dieses Feld aus.'],
    ['level', { level: 'mars' }, 'Bitte wählen Sie einen Eintrag aus der Liste.'],
    ['fields', { fields: ['99999'] }, 'Bitte wählen Sie einen Eintrag aus der Liste.'],
    ['deadlines', { deadlines: '', rolling: '' }, 'Ein offenes Programm braucht eine Frist'],
  ])('refuses a bad %s with 422 next to the field and stores nothing', async (field, over, message) => {
    const before = [await count('programmes'), await count('programme_deadlines'), await count('audit_log')];
    const res = await sek.post('/admin/programmes', valid(over));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toMatch(new RegExp(`id="field-${field}-error"`));
    expect([await count('programmes'), await count('programme_deadlines'), await count('audit_log')]).toEqual(before);
  });

  it('refuses a bad edit with 422 and leaves the programme as it was', async () => {
    expect((await sek.post('/admin/programmes', valid())).status).toBe(303);
    const row = await h.db.selectFrom('programmes').selectAll().executeTakeFirstOrThrow();
    const res = await sek.post(`/admin/programmes/${row.id}`, valid({ name: 'Anders', amount_max: '1,2,3' }));
    expect(res.status).toBe(422);
    expect(await h.db.selectFrom('programmes').selectAll().executeTakeFirstOrThrow()).toEqual(row);
  });
});

describe('the work queue', () => {
  it('lists programmes overdue for their check for the staff only', async () => {
    await programme('Frisch geprüft', { rolling: true, checked: '2026-06-01' });
    await programme('Lange nicht geprüft', { rolling: true, checked: '2025-10-01' });
    await programme('Nie geprüft', { rolling: true, checked: null });
    await programme('Archiviert alt', { rolling: true, checked: '2020-01-01', archived: true });
    const staff = await (await sek.get('/')).text();
    expect(staff).toContain('Förderprogramme: Angaben seit über 12 Monaten nicht geprüft (1)');
    expect(staff).toContain('href="/admin/programmes"');
    expect(await (await mia.get('/')).text()).not.toContain('Förderprogramme: Angaben seit');
    const list = await (await sek.get('/admin/programmes')).text();
    expect(list.match(/Prüfung fällig/g)).toHaveLength(1);
  });
});

describe('the deadlines feed', () => {
  const events = async () => {
    const res = await h.browser().get('/programmes/deadlines.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const text = await res.text();
    expectWellFormedIcs(text);
    const cal = new ICAL.Component(ICAL.parse(text));
    return {
      text,
      list: cal.getAllSubcomponents('vevent').map((e) => ({
        uid: e.getFirstPropertyValue('uid') as string,
        start: String(e.getFirstPropertyValue('dtstart')),
        allDay: (e.getFirstPropertyValue('dtstart') as ICAL.Time).isDate,
        sequence: Number(e.getFirstPropertyValue('sequence')),
        status: e.getFirstPropertyValue('status') as string,
        summary: e.getFirstPropertyValue('summary') as string,
      })),
    };
  };

  it('has every deadline as an all-day event; a moved one keeps its UID with a higher SEQUENCE, a dropped one stays cancelled for 30 days', async () => {
    expect((await sek.post('/admin/programmes', valid({ deadlines: '2027-01-31 Erste Runde\n2027-03-15' }))).status).toBe(303);
    await programme('Archiviertes Programm', { archived: true, deadlines: ['2027-02-01'] });
    const id = (await h.db.selectFrom('programmes').select('id').where('name', '=', 'Testprogramm Sprache').executeTakeFirstOrThrow()).id;
    const first = await events();
    expect(first.text).toContain('DTSTART;VALUE=DATE:20270131');
    expect(first.list.map((e) => [e.start, e.allDay, e.sequence, e.status])).toEqual([
      ['2027-01-31', true, 0, 'CONFIRMED'],
      ['2027-03-15', true, 0, 'CONFIRMED'],
    ]);
    expect(first.list[0]!.summary).toBe('Antragsfrist: Testprogramm Sprache');
    // Two deadlines become one on another day: one of them moved there, the other was dropped.
    expect((await sek.post(`/admin/programmes/${id}`, valid({ deadlines: '2027-06-30' }))).status).toBe(303);
    const second = await events();
    expect(second.list).toHaveLength(2);
    const byUid = new Map(second.list.map((e) => [e.uid, e]));
    // The rows pair in order: the first row (31 January) moves to 30 June, the second is dropped.
    expect(byUid.get(first.list[0]!.uid)).toMatchObject({ start: '2027-06-30', sequence: 1, status: 'CONFIRMED' });
    expect(byUid.get(first.list[1]!.uid)).toMatchObject({ start: '2027-03-15', sequence: 1, status: 'CANCELLED' });
    expect(byUid.get(first.list[1]!.uid)!.summary).toMatch(/^Abgesagt: /);
    // The public page shows only the one left.
    const page = await (await h.browser().get(`/programmes/${id}`)).text();
    expect(page).toContain('30.06.2027');
    expect(page).not.toContain('15.03.2027');
    // 31 days later the cancelled one is gone from the feed.
    h.clock.advance(31 * 24 * 60 * 60 * 1000);
    try {
      expect((await events()).list.map((e) => e.status)).toEqual(['CONFIRMED']);
    } finally {
      h.clock.advance(-31 * 24 * 60 * 60 * 1000);
    }
  });

  it('puts the deadlines into the public feed too, whose ETag changes with them', async () => {
    const id = await programme('Feedprogramm', { deadlines: ['2027-04-30'] });
    const first = await h.browser().get('/feeds/public.ics');
    expect(first.status).toBe(200);
    const text = await first.text();
    expectWellFormedIcs(text);
    expect(text).toContain('DTSTART;VALUE=DATE:20270430');
    expect(text.replace(/\r\n[ \t]/g, '')).toContain('SUMMARY:Antragsfrist: Feedprogramm');
    const etag = first.headers.get('etag')!;
    expect((await h.browser().get('/feeds/public.ics', { 'If-None-Match': etag })).status).toBe(304);
    await h.db.updateTable('programme_deadlines').set({ due_on: '2027-05-31', sequence: 1, updated_at: '2026-11-25T10:00:00.000Z' }).where('programme_id', '=', id).execute();
    await h.db.updateTable('programmes').set({ updated_at: '2026-11-25T10:00:00.000Z' }).where('id', '=', id).execute();
    const second = await h.browser().get('/feeds/public.ics', { 'If-None-Match': etag });
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('DTSTART;VALUE=DATE:20270531');
  });
});
