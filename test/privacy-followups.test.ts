import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planImport } from '../src/groups/member-import.js';
import { resolvePerson } from '../src/groups/memberships.js';
import { purgeExpiredParticipation } from '../src/privacy/retention.js';
import { createHarness, createUser, TEST_PASSWORD, type TestHarness } from './helpers/app.js';
import { addAttendance, addGroup, addGuest, addMeeting, addMembership, addMinutes, addReply } from './privacy-fixtures.js';

// Follow-ups of the data protection work (issue #10): what the pages do with the lists the retention
// period deleted, and with people who were anonymised.

let h: TestHarness;
let groupId: number;
let sina: { personId: number; userId: number };
let anna: { personId: number; userId: number };
let bernd: { personId: number; userId: number };
let mia: { personId: number; userId: number };
let max: { personId: number; userId: number };
/** Held 2024-06-05, attendance recorded (2 present, 1 excused, 1 absent) and a guest; purged. */
let old: number;
/** Held 2024-03-06, nothing recorded: past the period without numbers. */
let oldUnrecorded: number;
/** Held 2026-09-16: within the period. */
let recent: number;

async function as(email: string) {
  const b = h.browser();
  await b.login(email, TEST_PASSWORD);
  return b;
}

beforeAll(async () => {
  // The clock stands at 2026-11-25 10:00 Berlin; RETENTION_MONTHS is 24 (the default).
  h = await createHarness();
  await createUser(h.db, { name: 'Ada Admin', email: 'admin@example.org', role: 'admin' });
  sina = await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
  anna = await createUser(h.db, { name: 'Anna Arslan', email: 'anna@example.org' });
  bernd = await createUser(h.db, { name: 'Bernd Beispiel', email: 'bernd@example.org' });
  mia = await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org' });
  max = await createUser(h.db, { name: 'Max Mitglied', email: 'max@example.org' });
  groupId = await addGroup(h.db, 'intern');
  for (const p of [anna, bernd, sina, mia]) await addMembership(h.db, groupId, p.personId, '2024-01-01');
  old = await addMeeting(h.db, groupId, '2024-06-05T16:00:00.000Z', 'Sommersitzung 2024');
  await addReply(h.db, old, anna.personId, 'accepted');
  await addAttendance(h.db, old, anna.personId, 'present');
  await addAttendance(h.db, old, bernd.personId, 'present');
  await addAttendance(h.db, old, sina.personId, 'excused');
  await addAttendance(h.db, old, mia.personId, 'absent');
  await addGuest(h.db, old, 'Gerda Gast');
  await addMinutes(h.db, old);
  oldUnrecorded = await addMeeting(h.db, groupId, '2024-03-06T16:00:00.000Z', 'Frühjahrssitzung 2024');
  recent = await addMeeting(h.db, groupId, '2026-09-16T16:00:00.000Z', 'Herbstsitzung 2026');
  expect(await purgeExpiredParticipation(h.db, h.clock.now(), 24)).toBe(1);
  // Mia leaves and is anonymised.
  const sek = await as('sek@example.org');
  expect((await sek.post(`/people/${mia.personId}/anonymise`, { confirm: 'on' })).status).toBe(303);
});
afterAll(() => h.close());

const attendanceRows = async (meetingId: number) => (await h.db.selectFrom('attendance').select('person_id').where('meeting_id', '=', meetingId).execute()).length;
const guestRows = async (meetingId: number) => (await h.db.selectFrom('meeting_guests').select('id').where('meeting_id', '=', meetingId).execute()).length;

describe('attendance after the retention period', () => {
  it('the page shows the kept numbers and why, no names and no form', async () => {
    const res = await (await as('sek@example.org')).get(`/meetings/${old}/attendance`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('wurden am 25.11.2026 gelöscht: Sie werden nur 24 Monate nach der Sitzung aufbewahrt.');
    expect(html).toContain('<dt>Anwesend</dt><dd>2</dd><dt>Entschuldigt</dt><dd>1</dd><dt>Abwesend</dt><dd>1</dd><dt>Gäste</dt><dd>1</dd>');
    // The members of that day are not listed (as "abwesend" or at all), and nothing can be recorded.
    for (const name of ['Anna Arslan', 'Bernd Beispiel', 'Gerda Gast']) expect(html).not.toContain(name);
    expect(html).not.toContain('name="status_');
    expect(html).not.toContain(`action="/meetings/${old}/attendance`);
    expect(html).not.toContain(`/meetings/${old}/attendance/print`);
  });

  it('a meeting past the period without recorded attendance says that no numbers remain', async () => {
    const html = await (await (await as('sek@example.org')).get(`/meetings/${oldUnrecorded}/attendance`)).text();
    expect(html).toContain('Es war keine Anwesenheit erfasst, daher sind auch keine Zahlen geblieben.');
    expect(html).not.toContain('Anna Arslan');
    expect(html).not.toContain('name="status_');
  });

  it('the print view shows the numbers, not a list to sign', async () => {
    const html = await (await (await as('sek@example.org')).get(`/meetings/${old}/attendance/print`)).text();
    expect(html).toContain('<dt>Anwesend</dt><dd>2</dd>');
    expect(html).not.toContain('Anna Arslan');
    expect(html).not.toContain('signature-table');
  });

  it('recording attendance or guests again is refused with 409 and a German message', async () => {
    const sek = await as('sek@example.org');
    for (const meetingId of [old, oldUnrecorded]) {
      const attempts: [string, Record<string, string>][] = [
        [`/meetings/${meetingId}/attendance`, { [`status_${anna.personId}`]: 'present' }],
        [`/meetings/${meetingId}/attendance/guests`, { name: 'Neuer Gast' }],
        // An invalid guest form too: it must not show the page with the list as if it could be saved.
        [`/meetings/${meetingId}/attendance/guests`, { name: '' }],
        [`/meetings/${meetingId}/attendance/guests/1/delete`, {}],
      ];
      for (const [path, form] of attempts) {
        const res = await sek.post(path, form);
        expect(res.status, path).toBe(409);
        expect(await res.text(), path).toContain('Die Aufbewahrungsfrist dieser Sitzung ist abgelaufen und ihre Listen sind gelöscht.');
      }
      expect(await attendanceRows(meetingId)).toBe(0);
      expect(await guestRows(meetingId)).toBe(0);
    }
    expect(await h.db.selectFrom('meetings').select('status').where('id', '=', oldUnrecorded).executeTakeFirst()).toEqual({ status: 'invited' });
  });

  it('a meeting within the period keeps its list and form', async () => {
    const sek = await as('sek@example.org');
    const html = await (await sek.get(`/meetings/${recent}/attendance`)).text();
    expect(html).toContain('Anna Arslan');
    expect(html).toContain(`name="status_${anna.personId}"`);
    expect((await sek.post(`/meetings/${recent}/attendance`, { [`status_${anna.personId}`]: 'present' })).status).toBe(303);
    expect(await attendanceRows(recent)).toBe(1);
  });

  it('the minutes and their Markdown export give the numbers, not "–"', async () => {
    const sek = await as('sek@example.org');
    const html = await (await sek.get(`/meetings/${old}/minutes`)).text();
    expect(html).toContain('<dt>Anwesend</dt><dd>2</dd><dt>Entschuldigt</dt><dd>1</dd><dt>Gäste</dt><dd>1</dd>');
    expect(html).toContain('Sie werden nur 24 Monate nach der Sitzung aufbewahrt.');
    const md = await (await sek.get(`/meetings/${old}/minutes.md`)).text();
    expect(md).toContain('- Anwesend: 2\n- Entschuldigt: 1\n- Gäste: 1\n');
    expect(md).toContain('Sie werden nur 24 Monate nach der Sitzung aufbewahrt.');
  });
});

describe('anonymised people are not added again', () => {
  const MEMBERS = '/groups/intern/members';
  const membershipsOf = async (personId: number) => (await h.db.selectFrom('memberships').select('id').where('person_id', '=', personId).where('group_id', '=', groupId).execute()).length;

  it('the staff search by name does not find them', async () => {
    const staff = { id: sina.userId, personId: sina.personId, name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' as const };
    expect(await resolvePerson(h.db, staff, 'Ehemaliges Mitglied')).toEqual({ kind: 'none' });
    // "Mitglied" matched Mia's placeholder and Max: now only Max.
    expect(await resolvePerson(h.db, staff, 'mitglied')).toEqual({ kind: 'one', personId: max.personId });
  });

  it('typing the placeholder name in "add member" finds nobody (422)', async () => {
    const res = await (await as('sek@example.org')).post(MEMBERS, { person: `Ehemaliges Mitglied #${mia.personId}`, role: 'member', starts_on: '2026-11-25' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Keine passende Person gefunden.');
    expect(await membershipsOf(mia.personId)).toBe(1);
  });

  it('posting their id directly is refused with 422 and a German message', async () => {
    const res = await (await as('sek@example.org')).post(MEMBERS, { person: 'x', person_id: String(mia.personId), role: 'member', starts_on: '2026-11-26' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Diese Person ist anonymisiert und kann keiner Gruppe mehr hinzugefügt werden.');
    // Only the old membership, ended on the day of the anonymisation.
    expect(await h.db.selectFrom('memberships').select('ends_on').where('person_id', '=', mia.personId).execute()).toEqual([{ ends_on: '2026-11-25' }]);
  });

  it('a member import with their former address plans a new person, never the anonymised one', async () => {
    const [row] = await planImport(h.db, groupId, [{ line: 2, name: 'Mia Mitglied', email: 'mia@example.org', organisation: '', roleText: '', role: 'member', status: 'new' }], '2026-11-25');
    expect(row).toMatchObject({ status: 'new' });
    expect(row!.personId).toBeUndefined();
  });
});

describe('the accounts page and anonymised people', () => {
  it('marks the closed account "anonymisiert" and offers no action for it', async () => {
    const html = await (await (await as('admin@example.org')).get('/admin/users')).text();
    const row = /<tr>(?:(?!<tr>).)*?Ehemaliges Mitglied #\d+(?:(?!<tr>).)*?<\/tr>/s.exec(html)?.[0] ?? '';
    expect(row).toContain(`href="/people/${mia.personId}"`);
    expect(row).toContain('<strong>anonymisiert</strong>');
    expect(row).not.toContain('<form');
    expect(row).not.toContain('Mitglied</td>');
    // Everyone else keeps their actions.
    expect(html).toContain(`action="/admin/users/${max.userId}/sessions/end"`);
  });

  it('reactivating it or changing its role is refused with 409', async () => {
    const res = [await (await as('sek@example.org')).post(`/people/${mia.personId}/activate`, {}), await (await as('admin@example.org')).post(`/people/${mia.personId}/role`, { role: 'admin' })];
    for (const r of res) {
      expect(r.status).toBe(409);
      expect(await r.text()).toContain('Diese Person ist anonymisiert.');
    }
    expect(await h.db.selectFrom('users').select(['active', 'role']).where('id', '=', mia.userId).executeTakeFirst()).toEqual({ active: 0, role: 'member' });
  });
});
