import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.js';
import { sendProjectDeadlineReminders } from '../src/projects/reminders.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';
import { expectWellFormedIcs } from './helpers/ics.js';

// The office's projects (issue #19): the staff's pages, a partner's view, documents, deadlines in the
// responsible person's feed, reminder mails, the work queue and the two settings. The clock stands at
// Wednesday 2026-11-25, 09:00 UTC.

let h: TestHarness;
let other: Kysely<Database>;
const who: Record<'ada' | 'sek' | 'mia' | 'pia' | 'pit', Browser> = {} as never;
const users: Record<string, { userId: number; personId: number }> = {};
let partnerOrg: number;
let otherOrg: number;
let pendingOrg: number;
let fields: { id: number }[];
let hilden: number;

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00]);

function upload(bytes: Uint8Array, name: string, kind = 'grant_notice') {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/pdf' }));
  return form;
}

const valid = (over: Record<string, string | string[]> = {}) => ({
  name: 'Sprachbrücken im Kreis',
  short_name: 'SpraBrü',
  description: 'Sprachcafés in drei Städten.',
  status: 'running',
  responsible_user_id: String(users.sek!.userId),
  starts_on: '01.01.2026',
  ends_on: '2027-12-31',
  reference_no: 'AZ 12-345',
  partners: [String(partnerOrg)],
  cities: [String(hilden)],
  fields: [String(fields[0]!.id)],
  ...over,
});

async function newProject(over: Record<string, string | string[]> = {}): Promise<number> {
  const res = await who.sek.post('/projects', valid(over));
  expect(res.status, await res.clone().text()).toBe(303);
  return Number(res.headers.get('location')!.split('/').pop());
}

const count = async (table: 'projects' | 'project_deadlines' | 'project_files' | 'outbox') => Number((await h.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  h = await createHarness({ shareable: true });
  other = h.testDb.openAnother();
  for (const [key, name, role] of [
    ['ada', 'Ada Admin', 'admin'],
    ['sek', 'Sina Sekretariat', 'secretariat'],
    ['mia', 'Mia Mitglied', 'member'],
    ['pia', 'Pia Partnerin', 'member'],
    ['pit', 'Pit Unbestätigt', 'member'],
  ] as const) {
    users[key] = await createUser(h.db, { name, email: `${key}@example.org`, role });
  }
  partnerOrg = await addEntry(h.db, { name: 'Verein Brücke e. V.' });
  otherOrg = await addEntry(h.db, { name: 'Kulturverein Anderswo' });
  pendingOrg = await addEntry(h.db, { name: 'Noch Nicht Veröffentlicht' }, 'pending');
  for (const key of Object.keys(users) as (keyof typeof who)[]) {
    who[key] = h.browser();
    await who[key].login(`${key}@example.org`, TEST_PASSWORD);
  }
  await who.sek.post('/groups', { name: 'AK extern', slug: 'extern', kind: 'external' });
  const group = await h.db.selectFrom('groups').select('id').where('slug', '=', 'extern').executeTakeFirstOrThrow();
  // Pia represents the partner (confirmed), Pit claims to (unconfirmed): only Pia is a partner's representative.
  for (const [key, confirmed] of [['pia', true], ['pit', false]] as const) {
    await h.db
      .insertInto('memberships')
      .values({ group_id: group.id, person_id: users[key]!.personId, role: 'member', organisation_id: partnerOrg, starts_on: '2026-01-01', ends_on: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', representation_confirmed_at: confirmed ? '2026-01-02T00:00:00.000Z' : null })
      .execute();
  }
  fields = await h.db.selectFrom('fields_of_action').select('id').orderBy('position').execute();
  hilden = (await h.db.selectFrom('cities').select('id').where('name', '=', 'Hilden').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await other.destroy();
  await h.close();
});
beforeEach(async () => {
  await h.db.deleteFrom('projects').execute();
  await h.db.deleteFrom('outbox').execute();
  await h.db.deleteFrom('settings').where('key', 'in', ['project_reminder_days', 'programme_check_months']).execute();
});

describe('the staff’s projects', () => {
  it('creates a project with partners, cities and fields, shows it, and audits it', async () => {
    const id = await newProject();
    const html = await (await who.sek.get(`/projects/${id}`)).text();
    for (const text of ['SpraBrü', 'Sprachbrücken im Kreis', 'Verein Brücke e. V.', 'Hilden', 'AZ 12-345', '01.01.2026 – 31.12.2027', 'Sina Sekretariat', 'laufend']) expect(html).toContain(text);
    expect(html).toContain(`href="/projects/${id}/accounts"`);
    expect(html).toContain('Abrechnung');
    const entry = await h.db.selectFrom('audit_log').select(['action', 'after_json']).where('entity_type', '=', 'project').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(entry.action).toBe('project.create');
    expect(JSON.parse(entry.after_json!).partners).toEqual([partnerOrg]);
    const list = await (await who.sek.get('/projects')).text();
    expect(list).toContain('Sprachbrücken im Kreis');
  });

  it('refuses a form with errors with 422, keeps what was typed and stores nothing', async () => {
    const res = await who.sek.post('/projects', valid({ name: '', starts_on: '2027-05-01', ends_on: '2027-04-30', partners: [String(pendingOrg)], responsible_user_id: String(users.mia!.userId), status: 'erledigt' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Das Ende liegt vor dem Beginn.');
    expect(html).toContain('Bitte füllen Sie dieses Feld aus.');
    expect(html).toMatch(/field-partners-error/);
    expect(html).toMatch(/field-responsible_user_id-error/);
    expect(html).toContain('value="SpraBrü"');
    const badDay = await who.sek.post('/projects', valid({ starts_on: '31.02.2026' }));
    expect(badDay.status).toBe(422);
    expect(await count('projects')).toBe(0);
  });

  it('edits, filters by status, programme and "mine", archives and restores, each change audited', async () => {
    const programme = (await h.db.insertInto('programmes').values({ name: 'Landesprogramm X', funder: 'Land', level: 'land', description: null, amount_min_cents: null, amount_max_cents: null, rate_percent: null, own_share: null, link: null, office_contact_id: null, contact_text: null, status: 'open', rolling: 1, last_checked: null, archived_at: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' }).returning('id').executeTakeFirstOrThrow()).id;
    const a = await newProject({ name: 'Projekt Alpha', programmes: [String(programme)] });
    await newProject({ name: 'Projekt Beta', status: 'planned', responsible_user_id: String(users.ada!.userId) });
    const edit = await (await who.sek.get(`/projects/${a}/edit`)).text();
    expect(edit).toContain('value="Projekt Alpha"');
    expect((await who.sek.post(`/projects/${a}`, valid({ name: 'Projekt Alpha neu', status: 'finished', programmes: [String(programme)] }))).status).toBe(303);
    const names = async (query: string) => {
      const html = await (await who.sek.get(`/projects${query}`)).text();
      return ['Projekt Alpha neu', 'Projekt Beta'].filter((n) => html.includes(n));
    };
    expect(await names('')).toEqual(['Projekt Alpha neu', 'Projekt Beta']);
    expect(await names('?status=planned')).toEqual(['Projekt Beta']);
    expect(await names(`?programme=${programme}`)).toEqual(['Projekt Alpha neu']);
    expect(await names('?mine=1')).toEqual(['Projekt Alpha neu']);
    expect((await who.sek.post(`/projects/${a}/archive`, {})).status).toBe(303);
    expect(await names('')).toEqual(['Projekt Beta']);
    expect(await names('?archived=1')).toEqual(['Projekt Alpha neu']);
    expect((await who.sek.post(`/projects/${a}/restore`, {})).status).toBe(303);
    expect(await names('')).toEqual(['Projekt Alpha neu', 'Projekt Beta']);
    const actions = (await h.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(a)).orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['project.create', 'project.update', 'project.archive', 'project.restore']);
    const audit = await (await who.ada.get('/admin/audit')).text();
    expect(audit).toContain('hat das Projekt „Projekt Alpha neu“ geändert.');
  });

  it('offers only active staff as responsible and only published entries as partners', async () => {
    const html = await (await who.sek.get('/projects/new')).text();
    expect(html).toContain('Verein Brücke e. V.');
    expect(html).not.toContain('Noch Nicht Veröffentlicht');
    expect(html).toContain(`<option value="${users.ada!.userId}">Ada Admin</option>`);
    expect(html).not.toContain('>Mia Mitglied</option>');
  });
});

describe('who sees what', () => {
  it('a partner’s representative sees their project, its deadlines and documents, not receipts nor accounts, and changes nothing', async () => {
    const mine = await newProject({ name: 'Projekt Partner' });
    const theirs = await newProject({ name: 'Projekt Fremd', partners: [String(otherOrg)] });
    await who.sek.post(`/projects/${mine}/deadlines`, { kind: 'interim_report', title: 'Zwischenbericht 2027', due_on: '2027-03-31' });
    await who.sek.upload(`/projects/${mine}/files`, upload(PDF, 'Bescheid.pdf'));
    const receipt = (await h.db.insertInto('project_files').values({ project_id: mine, kind: 'receipt', name: 'beleg-geheim.pdf', content_type: 'application/pdf', size: PDF.byteLength, sha256: 'x', data: Buffer.from(PDF), uploaded_by_user_id: users.sek!.userId, created_at: '2026-11-25T09:00:00.000Z' }).returning('id').executeTakeFirstOrThrow()).id;
    const grant = (await h.db.selectFrom('project_files').select('id').where('kind', '=', 'grant_notice').executeTakeFirstOrThrow()).id;

    const list = await (await who.pia.get('/projects')).text();
    expect(list).toContain('Projekt Partner');
    expect(list).not.toContain('Projekt Fremd');
    expect(list).toContain('href="/projects"');
    const page = await who.pia.get(`/projects/${mine}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Zwischenbericht 2027');
    expect(html).toContain('Bescheid.pdf');
    expect(html).not.toContain('beleg-geheim.pdf');
    expect(html).not.toContain('/accounts');
    expect(html).not.toContain(`/projects/${mine}/edit`);
    expect(html).not.toContain('Frist hinzufügen');
    expect((await who.pia.get(`/projects/${mine}/files/${grant}`)).status).toBe(200);
    expect((await who.pia.get(`/projects/${mine}/files/${receipt}`)).status).toBe(404);
    expect((await who.sek.get(`/projects/${mine}/files/${receipt}`)).status).toBe(200);
    expect((await who.pia.get(`/projects/${theirs}`)).status).toBe(404);
    expect((await who.pia.get(`/projects/${mine}/edit`)).status).toBe(403);
    expect((await who.pia.post(`/projects/${mine}`, valid())).status).toBe(403);
    expect((await who.pia.post(`/projects/${mine}/deadlines`, { kind: 'milestone', title: 'x', due_on: '2027-01-01' })).status).toBe(403);
    expect((await who.pia.upload(`/projects/${mine}/files`, upload(PDF, 'x.pdf'))).status).toBe(403);
    // Archived, the project is gone for the partner.
    await who.sek.post(`/projects/${mine}/archive`, {});
    expect((await who.pia.get(`/projects/${mine}`)).status).toBe(404);
  });

  it('an unconfirmed representative, a member and a visitor see no project; the menu link is for the staff and partners', async () => {
    const id = await newProject();
    for (const b of [who.pit, who.mia]) {
      expect((await b.get(`/projects/${id}`)).status).toBe(404);
      expect((await b.get('/projects')).status).toBe(403);
      expect(await (await b.get('/')).text()).not.toContain('href="/projects"');
    }
    const anon = await h.browser().get(`/projects/${id}`);
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toMatch(/^\/login\?next=/);
    expect(await (await who.sek.get('/')).text()).toContain('href="/projects"');
    expect(await (await who.pia.get('/')).text()).toContain('href="/projects"');
  });
});

describe('documents', () => {
  it('are checked by content, downloaded as attachments with their clean name, and deleted by the staff', async () => {
    const id = await newProject();
    const res = await who.sek.upload(`/projects/${id}/files`, upload(PDF, 'C:\\Ablage\\Zuwendungsbescheid März.pdf'));
    expect(res.status).toBe(303);
    const file = await h.db.selectFrom('project_files').select(['id', 'name', 'content_type', 'kind', 'uploaded_by_user_id']).executeTakeFirstOrThrow();
    expect(file).toMatchObject({ name: 'Zuwendungsbescheid März.pdf', content_type: 'application/pdf', kind: 'grant_notice', uploaded_by_user_id: users.sek!.userId });
    const download = await who.sek.get(`/projects/${id}/files/${file.id}`);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Zuwendungsbescheid M_rz.pdf"; filename*=UTF-8''Zuwendungsbescheid%20M%C3%A4rz.pdf`);
    expect(download.headers.get('cache-control')).toBe('private, no-store');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    for (const [bytes, name] of [[EXE, 'rechnung.pdf'], [new Uint8Array(0), 'leer.pdf']] as const) {
      const refused = await who.sek.upload(`/projects/${id}/files`, upload(bytes, name));
      expect(refused.status).toBe(422);
    }
    const receipt = await who.sek.upload(`/projects/${id}/files`, upload(PDF, 'beleg.pdf', 'receipt'));
    expect(receipt.status).toBe(422);
    expect(await receipt.text()).toContain('Bitte wählen Sie die Art der Unterlage.');
    expect(await count('project_files')).toBe(1);
    expect((await who.sek.post(`/projects/${id}/files/${file.id}/delete`, {})).status).toBe(303);
    expect(await count('project_files')).toBe(0);
    const actions = (await h.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(id)).where('action', 'like', 'project.document%').orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['project.document_upload', 'project.document_delete']);
  });
});

/** The person's own feed, made through the page as a person would. */
async function feedOf(b: Browser): Promise<string> {
  const res = await b.post('/calendar/feeds', { name: 'Dienstkalender', scope: 'person' });
  const match = /http:\/\/localhost(\/feeds\/[a-z2-7]{52}\.ics)/.exec(await res.text());
  expect(match).not.toBeNull();
  return match![1]!;
}

describe('deadlines', () => {
  it('are added, changed, done and removed; in the responsible person’s feed as all-day events with one UID, SEQUENCE raised, CANCELLED after removal', async () => {
    const id = await newProject();
    const feed = await feedOf(who.sek);
    const added = await who.sek.post(`/projects/${id}/deadlines`, { kind: 'final_report', title: 'Verwendungsnachweis', due_on: '30.06.2027' });
    expect(added.status).toBe(303);
    const deadline = (await h.db.selectFrom('project_deadlines').select('id').executeTakeFirstOrThrow()).id;
    const read = async () => {
      const res = await h.app.request(feed);
      expect(res.status).toBe(200);
      const text = await res.text();
      expectWellFormedIcs(text);
      const cal = new ICAL.Component(ICAL.parse(text));
      const event = cal.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === `project-deadline-${deadline}@localhost`);
      return { text, event, etag: res.headers.get('etag') };
    };
    const first = await read();
    expect(first.event).toBeDefined();
    const start = first.event!.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.isDate).toBe(true);
    expect(start.toString()).toBe('2027-06-30');
    expect(first.text).toContain('DTSTART;VALUE=DATE:20270630');
    expect(first.event!.getFirstPropertyValue('summary')).toBe('Verwendungsnachweis: Verwendungsnachweis (SpraBrü)');
    expect(first.event!.getFirstPropertyValue('sequence')).toBe(0);

    // Another person's feed holds none of it.
    expect(await (await h.app.request(await feedOf(who.ada))).text()).not.toContain('project-deadline-');

    h.clock.advance(60_000);
    const moved = await who.sek.post(`/projects/${id}/deadlines/${deadline}`, { kind: 'final_report', title: 'Verwendungsnachweis', due_on: '2027-07-15' });
    expect(moved.status).toBe(303);
    const second = await read();
    expect((second.event!.getFirstPropertyValue('dtstart') as ICAL.Time).toString()).toBe('2027-07-15');
    expect(second.event!.getFirstPropertyValue('sequence')).toBe(1);
    expect(second.etag).not.toBe(first.etag);

    expect((await who.sek.post(`/projects/${id}/deadlines/${deadline}/done`, {})).status).toBe(303);
    const done = await read();
    expect(done.event!.getFirstPropertyValue('summary')).toMatch(/^Erledigt – /);
    expect(done.event!.getFirstPropertyValue('sequence')).toBe(2);
    expect(await (await who.sek.get(`/projects/${id}`)).text()).toContain('erledigt am');
    expect((await who.sek.post(`/projects/${id}/deadlines/${deadline}/reopen`, {})).status).toBe(303);

    expect((await who.sek.post(`/projects/${id}/deadlines/${deadline}/delete`, {})).status).toBe(303);
    const removed = await read();
    expect(removed.event!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(removed.event!.getFirstPropertyValue('sequence')).toBe(4);
    expect(await (await who.sek.get(`/projects/${id}`)).text()).not.toContain('Verwendungsnachweis (');
    h.clock.advance(31 * 86_400_000);
    expect((await read()).event).toBeUndefined();
    h.clock.advance(-(31 * 86_400_000 + 60_000));
    const actions = (await h.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(id)).where('action', 'like', 'project.deadline%').orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['project.deadline_add', 'project.deadline_update', 'project.deadline_done', 'project.deadline_reopen', 'project.deadline_remove']);
  });

  it('refuses a deadline without title or with a wrong day, with the form again', async () => {
    const id = await newProject();
    const res = await who.sek.post(`/projects/${id}/deadlines`, { kind: 'milestone', title: '', due_on: '32.01.2027' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Das ist kein gültiges Datum.');
    expect(html).toContain('Bitte füllen Sie dieses Feld aus.');
    expect(await count('project_deadlines')).toBe(0);
  });

  it('overdue open ones are lines of the staff’s work queue, each a link to its project', async () => {
    const id = await newProject();
    await who.sek.post(`/projects/${id}/deadlines`, { kind: 'interim_report', title: 'Zwischenbericht überfällig', due_on: '2026-11-20' });
    await who.sek.post(`/projects/${id}/deadlines`, { kind: 'milestone', title: 'Meilenstein kommt', due_on: '2026-12-20' });
    const home = await (await who.ada.get('/')).text();
    expect(home).toContain(`href="/projects/${id}#deadlines"`);
    expect(home).toContain('Projekt SpraBrü: Zwischenbericht überfällig war am 20.11.2026 fällig');
    expect(home).not.toContain('Meilenstein kommt war');
    expect(await (await who.pia.get('/')).text()).not.toContain('Zwischenbericht überfällig');
    const d = (await h.db.selectFrom('project_deadlines').select('id').where('title', '=', 'Zwischenbericht überfällig').executeTakeFirstOrThrow()).id;
    await who.sek.post(`/projects/${id}/deadlines/${d}/done`, {});
    expect(await (await who.ada.get('/')).text()).not.toContain('Zwischenbericht überfällig war');
  });
});

describe('reminders', () => {
  it('mail the responsible person once per deadline within the setting, even from two instances at once; a moved deadline is reminded again', async () => {
    const id = await newProject();
    const add = (title: string, due_on: string) => who.sek.post(`/projects/${id}/deadlines`, { kind: 'interim_report', title, due_on });
    await add('Bald fällig', '2026-12-05'); // in 10 days
    await add('Auch bald', '2026-12-09'); // in 14 days
    await add('Später', '2026-12-20'); // in 25 days
    await add('Vorbei', '2026-11-20');
    const now = h.clock.now();
    // Two runs at once: on PostgreSQL on two pools (two instances); on SQLite on one connection, where
    // better-sqlite3 blocks the process while waiting for another connection's lock, so the runs
    // interleave between their statements instead (both read the same list before either claims).
    const second = h.testDb.dialect === 'postgres' ? other : h.db;
    const [a, b] = await Promise.all([sendProjectDeadlineReminders(h.db, now, 'https://hub.example'), sendProjectDeadlineReminders(second, now, 'https://hub.example')]);
    expect(a + b).toBe(2);
    const mails = await h.db.selectFrom('outbox').select(['to_address', 'subject', 'body_text']).orderBy('id').execute();
    expect(mails.map((m) => m.subject)).toEqual(['Erinnerung: Zwischenbericht „Bald fällig“ bis 05.12.2026', 'Erinnerung: Zwischenbericht „Auch bald“ bis 09.12.2026']);
    expect(mails.every((m) => m.to_address === 'sek@example.org')).toBe(true);
    expect(mails[0]!.body_text).toContain(`https://hub.example/projects/${id}#deadlines`);
    expect(await sendProjectDeadlineReminders(h.db, now, 'https://hub.example')).toBe(0);

    // A longer lead from the settings page reaches the later one; moving a reminded one reminds again.
    expect((await who.ada.post('/admin/settings', { office_name: 'Sachgebiet Integration', project_reminder_days: '30' })).status).toBe(303);
    const soon = (await h.db.selectFrom('project_deadlines').select('id').where('title', '=', 'Bald fällig').executeTakeFirstOrThrow()).id;
    await who.sek.post(`/projects/${id}/deadlines/${soon}`, { kind: 'interim_report', title: 'Bald fällig', due_on: '2026-12-07' });
    expect(await sendProjectDeadlineReminders(h.db, now, 'https://hub.example')).toBe(2);
    expect(await count('outbox')).toBe(4);
  });

  it('skip done deadlines and archived projects', async () => {
    const id = await newProject();
    await who.sek.post(`/projects/${id}/deadlines`, { kind: 'milestone', title: 'Erledigt schon', due_on: '2026-12-01' });
    const d = (await h.db.selectFrom('project_deadlines').select('id').executeTakeFirstOrThrow()).id;
    await who.sek.post(`/projects/${id}/deadlines/${d}/done`, {});
    const archived = await newProject({ name: 'Archiviert' });
    await who.sek.post(`/projects/${archived}/deadlines`, { kind: 'milestone', title: 'Im Archiv', due_on: '2026-12-01' });
    await who.sek.post(`/projects/${archived}/archive`, {});
    expect(await sendProjectDeadlineReminders(h.db, h.clock.now(), 'https://hub.example')).toBe(0);
  });
});

describe('settings', () => {
  it('the reminder lead and the programmes’ check period are whole numbers on /admin/settings, with a German error', async () => {
    const page = await (await who.ada.get('/admin/settings')).text();
    expect(page).toContain('name="project_reminder_days"');
    expect(page).toMatch(/name="project_reminder_days"[^>]*value="14"|value="14"[^>]*name="project_reminder_days"/);
    expect(page).toMatch(/value="12"/);
    for (const value of ['0', '91', '7,5', 'zehn']) {
      const res = await who.ada.post('/admin/settings', { office_name: 'Sachgebiet Integration', project_reminder_days: value });
      expect(res.status, value).toBe(422);
      expect(await res.text()).toContain('Bitte eine ganze Zahl von 1 bis 90 eingeben.');
    }
    expect((await who.ada.post('/admin/settings', { office_name: 'Sachgebiet Integration', programme_check_months: '61' })).status).toBe(422);
    expect((await who.ada.post('/admin/settings', { office_name: 'Sachgebiet Integration', project_reminder_days: '7', programme_check_months: '6' })).status).toBe(303);
    const stored = await h.db.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['project_reminder_days', 'programme_check_months']).orderBy('key').execute();
    expect(stored).toEqual([
      { key: 'programme_check_months', value: '6' },
      { key: 'project_reminder_days', value: '7' },
    ]);
  });

  it('the check period decides which programmes the work queue lists', async () => {
    await h.db.deleteFrom('programmes').execute();
    await h.db.insertInto('programmes').values({ name: 'Geprüft vor acht Monaten', funder: 'Land', level: 'land', description: null, amount_min_cents: null, amount_max_cents: null, rate_percent: null, own_share: null, link: null, office_contact_id: null, contact_text: null, status: 'open', rolling: 1, last_checked: '2026-03-25', archived_at: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' }).execute();
    expect(await (await who.sek.get('/')).text()).not.toContain('Förderprogramme: Angaben seit über');
    await who.ada.post('/admin/settings', { office_name: 'Sachgebiet Integration', programme_check_months: '6' });
    expect(await (await who.sek.get('/')).text()).toContain('Förderprogramme: Angaben seit über 6 Monaten nicht geprüft (1)');
    await h.db.deleteFrom('programmes').execute();
  });
});
