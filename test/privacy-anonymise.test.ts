import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0010 from '../migrations/0010_data_protection.js';
import type { SessionUser } from '../src/auth/sessions.js';
import type { Database } from '../src/db/schema.js';
import { enqueueMail } from '../src/mail/outbox.js';
import { PersonAnonymisedError, updatePerson } from '../src/people/people.js';
import { anonymisePerson } from '../src/privacy/anonymise.js';
import { createHarness, createUser, TEST_PASSWORD, type TestHarness } from './helpers/app.js';
import { createTestDatabase } from './helpers/db.js';
import { addAttendance, addGroup, addMeeting, addMembership, addReply, everyText, seedEverything } from './privacy-fixtures.js';

let h: TestHarness;
let mia: { personId: number; userId: number };
let olaf: { personId: number; userId: number };
let ada: { personId: number; userId: number };
let adam: { personId: number; userId: number };
let sina: { personId: number; userId: number };
let pastMeeting: number;
let nextMeeting: number;

beforeAll(async () => {
  h = await createHarness();
  ada = await createUser(h.db, { name: 'Ada Admin', email: 'admin@example.org', role: 'admin' });
  adam = await createUser(h.db, { name: 'Adam Zweitadmin', email: 'adam@example.org', role: 'admin' });
  sina = await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  mia = await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org' });
  olaf = await createUser(h.db, { name: 'Olaf Other', email: 'olaf@example.org' });
  const groupId = await addGroup(h.db, 'intern');
  pastMeeting = await addMeeting(h.db, groupId, '2026-10-14T16:00:00.000Z', 'Herbstsitzung');
  nextMeeting = await addMeeting(h.db, groupId, '2026-12-09T17:00:00.000Z', 'Wintersitzung');
  await seedEverything(h.db, { ...mia, email: 'mia@example.org' }, { groupId, meetingId: pastMeeting });
  const otherGroup = await addGroup(h.db, 'extern');
  await addMembership(h.db, otherGroup, mia.personId, '2027-01-01');
  await addMembership(h.db, groupId, olaf.personId, '2025-01-01');
  await addAttendance(h.db, pastMeeting, olaf.personId, 'present');
  await addReply(h.db, nextMeeting, mia.personId, 'accepted', 'Komme mit dem Rad.');
  await addReply(h.db, nextMeeting, olaf.personId, 'declined');
  await h.db.transaction().execute((trx) => enqueueMail(trx, { to: 'Mia@Example.org', subject: 'Protokoll', text: 'Guten Tag Mia Mitglied' }, h.clock.now()));
  await h.db.transaction().execute((trx) => enqueueMail(trx, { to: 'olaf@example.org', subject: 'Protokoll', text: 'Guten Tag Olaf' }, h.clock.now()));
  // A mistyped password counts against the address for a day.
  await h.db.insertInto('throttle').values([{ key: 'login:email:mia@example.org', window_started_at: '2026-11-25T08:00:00.000Z', hits: 1 }, { key: 'login:email:olaf@example.org', window_started_at: '2026-11-25T08:00:00.000Z', hits: 1 }]).execute();
  // Audit entries with Mia's details, as staff edits and the setup write them.
  const sek = await as('sek@example.org');
  expect((await sek.post(`/people/${mia.personId}`, { name: 'Mia Mitglied', email: 'mia@example.org', phone: '02104 555', organisation: 'Verein Brücke' })).status).toBe(303);
  // A change of her login address waits for its two links (mailed to both addresses); an invitation to a
  // group sent to Olaf's address must stay.
  expect((await sek.post(`/people/${mia.personId}`, { name: 'Mia Mitglied', email: 'mia.anders@example.org', phone: '02104 555', organisation: 'Verein Brücke' })).status).toBe(303);
  expect(await h.db.selectFrom('auth_tokens').select('new_email').where('user_id', '=', mia.userId).where('purpose', '=', 'email_new').execute()).toEqual([{ new_email: 'mia.anders@example.org' }]);
  await h.db
    .insertInto('membership_invitations')
    .values({ id: 'olafs-invitation', secret_hash: 'x', group_id: groupId, email: 'olaf@example.org', email_normalized: 'olaf@example.org', name: 'Olaf Other', role: 'member', organisation: null, starts_on: '2026-12-01', ends_on: null, created_at: '2026-11-20T10:00:00.000Z', expires_at: '2026-12-04T10:00:00.000Z' })
    .execute();
});
afterAll(() => h.close());

async function as(email: string) {
  const b = h.browser();
  await b.login(email, TEST_PASSWORD);
  return b;
}

const person = (id: number) => h.db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('who may anonymise whom', () => {
  it.each([
    ['GET', null, 'mia', 303],
    ['POST', null, 'mia', 401],
    ['GET', 'olaf@example.org', 'mia', 403],
    ['POST', 'olaf@example.org', 'mia', 403],
    // Nobody anonymises themself: a member is no staff, the staff would lock themselves out.
    ['POST', 'mia@example.org', 'mia', 403],
    ['POST', 'sek@example.org', 'sina', 403],
    // Only admins act on admins.
    ['GET', 'sek@example.org', 'adam', 403],
    ['POST', 'sek@example.org', 'adam', 403],
    ['GET', 'sek@example.org', 'unknown', 404],
    ['POST', 'admin@example.org', 'unknown', 404],
  ] as const)('%s as %s on %s → %i, nothing changed', async (method, who, target, status) => {
    const ids = { mia: mia.personId, sina: sina.personId, adam: adam.personId, unknown: 999999 };
    const b = who ? await as(who) : h.browser();
    const path = `/people/${ids[target]}/anonymise`;
    const res = method === 'GET' ? await b.get(path) : await b.post(path, { confirm: 'on' });
    expect(res.status).toBe(status);
    expect((await h.db.selectFrom('persons').select('id').where('anonymised_at', 'is not', null).execute()).length).toBe(0);
  });

  it('the person page offers it to the staff who may, not for themselves or (to the secretariat) for admins', async () => {
    const sek = await as('sek@example.org');
    expect(await (await sek.get(`/people/${mia.personId}`)).text()).toContain(`href="/people/${mia.personId}/anonymise"`);
    expect(await (await sek.get(`/people/${adam.personId}`)).text()).not.toContain('/anonymise"');
    expect(await (await sek.get(`/people/${sina.personId}`)).text()).not.toContain('/anonymise"');
    expect(await (await (await as('admin@example.org')).get(`/people/${adam.personId}`)).text()).toContain(`/people/${adam.personId}/anonymise"`);
  });
});

describe('the confirmation step', () => {
  it('GET shows the German warning and a form, and changes nothing', async () => {
    const res = await (await as('sek@example.org')).get(`/people/${mia.personId}/anonymise`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Person anonymisieren: Mia Mitglied');
    expect(html).toContain('Das kann nicht rückgängig gemacht werden.');
    expect(html).toContain(`„Ehemaliges Mitglied #${mia.personId}“`);
    expect(html).toContain(`<form method="post" action="/people/${mia.personId}/anonymise"`);
    expect((await person(mia.personId)).anonymised_at).toBeNull();
  });

  it('a POST without the ticked box is refused with a message (422) and changes nothing', async () => {
    const res = await (await as('sek@example.org')).post(`/people/${mia.personId}/anonymise`, {});
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Bitte bestätigen Sie, dass Sie die Person unwiderruflich anonymisieren wollen.');
    expect((await person(mia.personId)).name).toBe('Mia Mitglied');
  });

  it('a POST from another site is refused', async () => {
    const res = await (await as('sek@example.org')).post(`/people/${mia.personId}/anonymise`, { confirm: 'on' }, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await person(mia.personId)).anonymised_at).toBeNull();
  });
});

describe('anonymising a person who leaves', () => {
  let miasBrowser: Awaited<ReturnType<typeof as>>;
  beforeAll(async () => {
    miasBrowser = await as('mia@example.org');
    const res = await (await as('sek@example.org')).post(`/people/${mia.personId}/anonymise`, { confirm: 'on' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/people/${mia.personId}`);
  });

  it('replaces the name and clears every detail', async () => {
    expect(await person(mia.personId)).toMatchObject({
      name: `Ehemaliges Mitglied #${mia.personId}`,
      email: null,
      email_normalized: null,
      phone: null,
      job_function: null,
      organisation_id: null,
      city_id: null,
      contact_consent_at: null,
      contact_consent_method: null,
      anonymised_at: '2026-11-25T09:00:00.000Z',
    });
    expect(await h.db.selectFrom('contact_consent_links').select('id').where('person_id', '=', mia.personId).execute()).toEqual([]);
  });

  it('leaves neither name nor address anywhere in the database, the audit log included', async () => {
    const text = await everyText(h.db, h.testDb.dialect);
    expect(text).toContain('olaf@example.org');
    // neu.mia@… and mia.anders@… are pending new addresses, the two names typed into group invitations.
    for (const gone of ['mia@example.org', 'mia mitglied', '02104 555', 'neu.mia@example.org', 'mia.anders@example.org', 'selbst eingeladen', 'neu eingeladen']) {
      const at = text.indexOf(gone);
      expect(at === -1 ? '' : text.slice(Math.max(0, at - 300), at + 50), gone).toBe('');
    }
  });

  it('closes the account for good: no password, no sessions, links or feeds; the open session ends', async () => {
    expect(await h.db.selectFrom('users').select(['active', 'password_hash', 'role', 'last_login_at']).where('id', '=', mia.userId).executeTakeFirst()).toEqual({ active: 0, password_hash: null, role: 'member', last_login_at: null });
    for (const table of ['sessions', 'auth_tokens', 'feed_tokens'] as const) {
      expect(await h.db.selectFrom(table).select('user_id').where('user_id', '=', mia.userId).execute(), table).toEqual([]);
    }
    expect(await (await miasBrowser.get('/')).text()).not.toContain('Angemeldet als');
    expect((await h.browser().post('/login', { email: 'mia@example.org', password: TEST_PASSWORD })).status).not.toBe(303);
  });

  it('ends memberships today, drops those not begun and invitations still ahead; keeps the record of the past', async () => {
    const memberships = await h.db.selectFrom('memberships').select(['starts_on', 'ends_on']).where('person_id', '=', mia.personId).execute();
    expect(memberships).toEqual([{ starts_on: '2025-01-01', ends_on: '2026-11-25' }]);
    const replies = await h.db.selectFrom('rsvps').select(['meeting_id', 'answer', 'comment']).where('person_id', '=', mia.personId).execute();
    expect(replies).toEqual([{ meeting_id: pastMeeting, answer: 'accepted', comment: null }]);
    expect(await h.db.selectFrom('attendance').select('status').where('person_id', '=', mia.personId).execute()).toEqual([{ status: 'present' }]);
    expect(await h.db.selectFrom('action_items').select('responsible_person_id').where('responsible_person_id', '=', mia.personId).execute()).toHaveLength(1);
    // Others are untouched.
    expect(await h.db.selectFrom('rsvps').select('answer').where('person_id', '=', olaf.personId).execute()).toEqual([{ answer: 'declined' }]);
  });

  it('deletes open group invitations to any of her addresses, and only those, and the pending address change', async () => {
    expect(await h.db.selectFrom('membership_invitations').select('id').execute()).toEqual([{ id: 'olafs-invitation' }]);
    expect(await h.db.selectFrom('auth_tokens').select('id').where('new_email', 'is not', null).execute()).toEqual([]);
  });

  it('drops mails to the person from the outbox, and only those', async () => {
    const mails = await h.db.selectFrom('outbox').select('to_address').execute();
    expect(mails.map((m) => m.to_address)).toEqual(['olaf@example.org']);
  });

  it('writes one audit entry that names the step, not the data it removed', async () => {
    const entry = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'person.anonymise').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_user_id: sina.userId, entity_type: 'person', entity_id: String(mia.personId) });
    expect(JSON.parse(entry.after_json!)).toMatchObject({ name: `Ehemaliges Mitglied #${mia.personId}`, memberships_ended: 1, memberships_deleted: 1, invitations_deleted: 1, mails_dropped: 4, group_invitations_deleted: 2 });
    expect(`${entry.before_json}${entry.after_json}`).not.toMatch(/mia|02104/i);
  });

  it('lists, the person page and the attendance list show the placeholder', async () => {
    const sek = await as('sek@example.org');
    const page = await (await sek.get(`/people/${mia.personId}`)).text();
    expect(page).toContain(`<h1>Ehemaliges Mitglied #${mia.personId}</h1>`);
    expect(page).toContain('Diese Person wurde am 25.11.2026 anonymisiert.');
    expect(page).not.toContain(`action="/people/${mia.personId}"`);
    expect(page).not.toContain('/anonymise"');
    const list = await (await sek.get('/people?q=ehemaliges')).text();
    expect(list).toContain(`Ehemaliges Mitglied #${mia.personId}`);
    expect(list).toContain('anonymisiert');
    const attendance = await (await sek.get(`/meetings/${pastMeeting}/attendance`)).text();
    expect(attendance).toContain(`Ehemaliges Mitglied #${mia.personId}`);
  });

  it('cannot be done again, nor edited, invited, activated or given a role (409)', async () => {
    const sek = await as('sek@example.org');
    const admin = await as('admin@example.org');
    const attempts: [typeof sek, string, Record<string, string>][] = [
      [sek, `/people/${mia.personId}/anonymise`, { confirm: 'on' }],
      [sek, `/people/${mia.personId}`, { name: 'Mia Mitglied', email: 'mia@example.org' }],
      [sek, `/people/${mia.personId}/invite`, { role: 'member' }],
      [sek, `/people/${mia.personId}/activate`, {}],
      [sek, `/people/${mia.personId}/deactivate`, {}],
      [sek, `/people/${mia.personId}/withdraw-consent`, {}],
      [admin, `/people/${mia.personId}/role`, { role: 'admin' }],
    ];
    for (const [b, path, form] of attempts) {
      const res = await b.post(path, form);
      expect(res.status, path).toBe(409);
      expect(await res.text()).toContain('Diese Person ist anonymisiert.');
    }
    expect((await sek.get(`/people/${mia.personId}/anonymise`)).status).toBe(409);
    expect(await person(mia.personId)).toMatchObject({ name: `Ehemaliges Mitglied #${mia.personId}`, email: null });
    expect(await h.db.selectFrom('users').select('active').where('id', '=', mia.userId).executeTakeFirst()).toEqual({ active: 0 });
    expect(await h.db.selectFrom('outbox').select('id').where('to_address', '=', 'mia@example.org').execute()).toEqual([]);
    expect((await h.db.selectFrom('audit_log').select('id').where('action', '=', 'person.anonymise').execute()).length).toBe(1);
  });

  it('an admin may anonymise another admin', async () => {
    const res = await (await as('admin@example.org')).post(`/people/${adam.personId}/anonymise`, { confirm: 'on' });
    expect(res.status).toBe(303);
    expect((await person(adam.personId)).name).toBe(`Ehemaliges Mitglied #${adam.personId}`);
    expect((await person(ada.personId)).name).toBe('Ada Admin');
  });
});

describe('anonymising someone whose details other entries and earlier addresses hold', () => {
  let ozlemId: number;
  let submissionId: number;
  beforeAll(async () => {
    const sek = await as('sek@example.org');
    // Created with an account: the invitation mail goes to the first address.
    const created = await sek.post('/people', { name: 'Özlem Yılmaz', email: 'oezlem.alt@example.org', phone: '02129 777', create_account: 'on', role: 'member' });
    expect(created.status).toBe(303);
    ozlemId = Number(created.headers.get('location')!.match(/\/people\/(\d+)/)![1]);
    // She also asked for her club to be listed, through the public form (the log's subject: the club).
    const submitted = await h.browser().post('/directory/new', { name: 'Frauentreff Haan', kind: 'migrant_organisation', description_de: 'Treffen für Frauen aus aller Welt.', submitter_name: 'Özlem Yılmaz', submitter_email: 'Oezlem.Alt@example.org', consent: 'on' });
    expect(submitted.status).toBe(303);
    submissionId = (await h.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'organisation.submit').executeTakeFirstOrThrow()).entity_id as unknown as number;
    // Then her address changed, and the invitation went out again to the new one.
    expect((await sek.post(`/people/${ozlemId}`, { name: 'Özlem Yılmaz', email: 'oezlem@example.org', phone: '02129 777' })).status).toBe(303);
    expect((await sek.post(`/people/${ozlemId}/invite`, { role: 'member' })).status).toBe(303);
    const before = await everyText(h.db, h.testDb.dialect);
    for (const trace of ['oezlem.alt@example.org', 'oezlem@example.org', 'özlem yılmaz']) expect(before).toContain(trace);
    expect((await sek.post(`/people/${ozlemId}/anonymise`, { confirm: 'on' })).status).toBe(303);
  });

  it('leaves neither her name nor any of her addresses or her phone anywhere in the database', async () => {
    const text = await everyText(h.db, h.testDb.dialect);
    for (const gone of ['oezlem.alt@example.org', 'oezlem@example.org', 'özlem yılmaz', '02129 777']) {
      const at = text.indexOf(gone);
      expect(at === -1 ? '' : text.slice(Math.max(0, at - 300), at + 50), gone).toBe('');
    }
  });

  it('keeps the rest of the entries that named her, with the placeholder instead', async () => {
    const entry = await h.db.selectFrom('audit_log').select('after_json').where('action', '=', 'organisation.submit').where('entity_id', '=', String(submissionId)).executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after_json!)).toMatchObject({ name: 'Frauentreff Haan', submitter: { name: `Ehemaliges Mitglied #${ozlemId}`, email: `Ehemaliges Mitglied #${ozlemId}` } });
    expect(await h.db.selectFrom('organisations').select(['name', 'submitter_name', 'submitter_email']).where('name', '=', 'Frauentreff Haan').executeTakeFirst()).toEqual({ name: 'Frauentreff Haan', submitter_name: null, submitter_email: null });
  });
});

describe('an edit at the same moment as the anonymisation', () => {
  it('cannot write the details back', async () => {
    const rita = await createUser(h.db, { name: 'Rita Rennen', email: 'rita@example.org' });
    const staff: SessionUser = { id: sina.userId, personId: sina.personId, name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' };
    const now = h.clock.now();
    const edit = () => updatePerson(h.db, staff, rita.personId, { name: 'Rita Rennen', email: 'rita.neu@example.org', phone: '0211 1234' }, now);
    let outcome: PromiseSettledResult<void>;
    if (h.testDb.dialect === 'sqlite') {
      // One writer at a time: whichever runs second must see the other's result.
      [, outcome] = await Promise.allSettled([anonymisePerson(h.db, staff, rita.personId, now), edit()]);
    } else {
      // Force the interleaving that lost the anonymisation: the anonymisation has changed the person row
      // and waits (on the account row, held by a third connection) while the edit starts.
      const holder = h.testDb.openAnother();
      const other = h.testDb.openAnother();
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holderPid = 0;
      const holding = holder.transaction().execute(async (trx) => {
        holderPid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
        await trx.selectFrom('users').select('id').where('id', '=', rita.userId).forUpdate().execute();
        await released;
      });
      await until(() => holderPid !== 0);
      const anonymising = anonymisePerson(other, staff, rita.personId, now);
      const anonymiserPid = await blockedBy(h.db, holderPid);
      const editing = edit();
      await blockedBy(h.db, anonymiserPid);
      release();
      await holding;
      expect(await anonymising).toBe('anonymised');
      [outcome] = await Promise.allSettled([editing]);
    }
    expect(await person(rita.personId)).toMatchObject({ name: `Ehemaliges Mitglied #${rita.personId}`, email: null, phone: null });
    if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(PersonAnonymisedError);
    if (h.testDb.dialect === 'postgres') expect(outcome.status).toBe('rejected');
  });
});

async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('timed out waiting');
}

/** blockedBy waits until some backend waits for a lock that `pid` holds, and returns its pid. */
async function blockedBy(db: Kysely<Database>, pid: number): Promise<number> {
  let waiter = 0;
  await until(async () => {
    const rows = (await sql<{ pid: number }>`select pid from pg_stat_activity where ${pid} = any(pg_blocking_pids(pid))`.execute(db)).rows;
    waiter = rows[0]?.pid ?? 0;
    return waiter !== 0;
  });
  return waiter;
}

describe('migration 0010', () => {
  it('goes down and up again', async () => {
    const t = await createTestDatabase();
    try {
      await m0010.down(t.db);
      await m0010.up(t.db);
      const row = await t.db.selectFrom('meeting_attendance_counts').selectAll().execute();
      expect(row).toEqual([]);
      expect(await t.db.selectFrom('persons').select('anonymised_at').execute()).toEqual([]);
    } finally {
      await t.destroy();
    }
  });
});
