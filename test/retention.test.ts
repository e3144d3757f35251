import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit/audit.js';
import { deleteExpiredInvitations } from '../src/groups/invitations.js';
import { runHousekeeping } from '../src/housekeeping.js';
import { purgeExpiredParticipation, purgeOldMails, retainedCounts, retentionCutoff } from '../src/privacy/retention.js';
import { createHarness, createUser, type TestHarness } from './helpers/app.js';
import { addAttendance, addGroup, addGuest, addMeeting, addReply } from './privacy-fixtures.js';

const DAY = 24 * 3600_000;
let h: TestHarness;
let people: number[];
let groupId: number;
// The clock stands at 2026-11-25 10:00 Berlin; 24 months back is 2024-11-25 10:00.
let old: number;
let borderline: number;
let recent: number;
let onlyReplies: number;

const housekeeping = () => runHousekeeping(h.db, h.clock.now(), { baseUrl: 'http://localhost', actionReminderDays: 3, retentionMonths: 24 });
const count = async (table: 'rsvps' | 'attendance' | 'meeting_guests', meetingId: number) => (await h.db.selectFrom(table).select('meeting_id').where('meeting_id', '=', meetingId).execute()).length;

/** A meeting with four replies, a recorded attendance (2 present, 1 excused, 1 absent) and a guest. */
async function meetingWithLists(startsAt: string, title: string): Promise<number> {
  const id = await addMeeting(h.db, groupId, startsAt, title);
  const [a, b, c, d] = people as [number, number, number, number];
  await addReply(h.db, id, a, 'accepted', 'Bis dann');
  await addReply(h.db, id, b, 'accepted');
  await addReply(h.db, id, c, 'declined');
  await addReply(h.db, id, d, null);
  await addAttendance(h.db, id, a, 'present');
  await addAttendance(h.db, id, b, 'present');
  await addAttendance(h.db, id, c, 'excused');
  await addAttendance(h.db, id, d, 'absent');
  await addGuest(h.db, id, 'Gerda Gast');
  await h.db.transaction().execute((trx) => audit(trx, { actorUserId: null, action: 'meeting.attendance', entityType: 'meeting', entityId: id, after: { [a]: 'present', [b]: 'present' } }, h.clock.now()));
  await h.db.transaction().execute((trx) => audit(trx, { actorUserId: null, action: 'meeting.guest_add', entityType: 'meeting', entityId: id, after: { name: 'Gerda Gast' } }, h.clock.now()));
  return id;
}

beforeAll(async () => {
  h = await createHarness({ shareable: true });
  people = [];
  for (const name of ['Anna', 'Bernd', 'Cem', 'Dana']) people.push((await createUser(h.db, { name, email: `${name.toLowerCase()}@example.org` })).personId);
  groupId = await addGroup(h.db, 'intern');
  old = await meetingWithLists('2024-10-02T16:00:00.000Z', 'Alt');
  borderline = await meetingWithLists('2024-11-26T09:30:00.000Z', 'Knapp');
  recent = await meetingWithLists('2026-09-16T16:00:00.000Z', 'Neu');
  onlyReplies = await addMeeting(h.db, groupId, '2024-06-05T16:00:00.000Z', 'Nur Antworten');
  await addReply(h.db, onlyReplies, people[0]!, 'tentative');
});
afterAll(() => h.close());

describe('retention of replies and attendance', () => {
  it('the cutoff is the same wall-clock time the set number of months before', () => {
    expect(retentionCutoff(new Date('2026-11-25T09:00:00.000Z'), 24)).toBe('2024-11-25T09:00:00.000Z');
    // Across daylight saving: 10:00 Berlin in July is 08:00 UTC, in January 09:00 UTC.
    expect(retentionCutoff(new Date('2026-07-15T08:00:00.000Z'), 6)).toBe('2026-01-15T09:00:00.000Z');
  });

  it('the hourly housekeeping deletes them for meetings past the period and keeps the numbers', async () => {
    const versionBefore = (await h.db.selectFrom('persons').select('calendar_version').where('id', '=', people[0]!).executeTakeFirstOrThrow()).calendar_version;
    await housekeeping();
    for (const table of ['rsvps', 'attendance', 'meeting_guests'] as const) {
      expect(await count(table, old), table).toBe(0);
      expect(await count(table, onlyReplies), table).toBe(0);
      expect(await count(table, borderline), table).toBeGreaterThan(0);
      expect(await count(table, recent), table).toBeGreaterThan(0);
    }
    expect(await retainedCounts(h.db, old)).toEqual({ present: 2, excused: 1, absent: 1, guests: 1, purged_at: '2026-11-25T09:00:00.000Z' });
    // Replies without a recorded attendance leave no numbers: "0 present" would be false.
    expect(await retainedCounts(h.db, onlyReplies)).toBeUndefined();
    expect(await retainedCounts(h.db, recent)).toBeUndefined();
    // The meeting itself stays.
    expect(await h.db.selectFrom('meetings').select('title').where('id', '=', old).executeTakeFirst()).toEqual({ title: 'Alt' });
    // A person's feed showed their reply: its version moves.
    const versionAfter = (await h.db.selectFrom('persons').select('calendar_version').where('id', '=', people[0]!).executeTakeFirstOrThrow()).calendar_version;
    expect(versionAfter).toBeGreaterThan(versionBefore);
  });

  it('removes the copies of the lists from the audit log and records the deletion', async () => {
    const entries = await h.db.selectFrom('audit_log').select(['entity_id', 'action', 'after_json']).where('action', 'in', ['meeting.attendance', 'meeting.guest_add']).execute();
    for (const e of entries) {
      if (e.entity_id === String(old)) expect(e.after_json, e.action).toBeNull();
      else expect(e.after_json, e.action).not.toBeNull();
    }
    const record = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'privacy.retention').execute();
    expect(record).toHaveLength(1);
    expect(record[0]!.actor_user_id).toBeNull();
    expect(JSON.parse(record[0]!.after_json!)).toEqual({ meetings: [onlyReplies, old], before: '2024-11-25T09:00:00.000Z' });
  });

  it('is idempotent: a second run deletes nothing and counts nothing twice', async () => {
    expect(await purgeExpiredParticipation(h.db, h.clock.now(), 24)).toBe(0);
    expect(await retainedCounts(h.db, old)).toMatchObject({ present: 2, excused: 1, absent: 1, guests: 1 });
    expect(await h.db.selectFrom('audit_log').select('id').where('action', '=', 'privacy.retention').execute()).toHaveLength(1);
    expect(await count('attendance', borderline)).toBe(4);
  });

  it('a meeting falls out once its date passes the period (two days later)', async () => {
    h.clock.advance(2 * DAY);
    await housekeeping();
    expect(await count('rsvps', borderline)).toBe(0);
    expect(await retainedCounts(h.db, borderline)).toMatchObject({ present: 2, excused: 1, absent: 1, guests: 1 });
    expect(await count('rsvps', recent)).toBe(4);
  });

  it('a shorter RETENTION_MONTHS reaches more recent meetings', async () => {
    expect(await purgeExpiredParticipation(h.db, h.clock.now(), 1)).toBe(1);
    expect(await count('attendance', recent)).toBe(0);
    expect(await retainedCounts(h.db, recent)).toMatchObject({ present: 2, guests: 1 });
  });

  it('two instances running it at once purge each meeting once and count it once', async () => {
    const again = [await meetingWithLists('2023-03-01T16:00:00.000Z', 'Parallel 1'), await meetingWithLists('2023-04-05T15:00:00.000Z', 'Parallel 2')];
    const other = h.testDb.openAnother();
    const run = (db: typeof other) => purgeExpiredParticipation(db, h.clock.now(), 24);
    // PostgreSQL: really at once, the advisory lock makes them take turns. SQLite runs one writing
    // transaction at a time by design (and better-sqlite3 would block this one process while waiting),
    // so there the second instance simply comes second.
    const results = h.testDb.dialect === 'postgres' ? await Promise.all([run(h.db), run(other)]) : [await run(h.db), await run(other)];
    expect(results[0]! + results[1]!).toBe(2);
    for (const id of again) {
      expect(await retainedCounts(h.db, id)).toMatchObject({ present: 2, excused: 1, absent: 1, guests: 1 });
      expect(await count('rsvps', id)).toBe(0);
    }
  });
});

describe('retention of mails', () => {
  it('the housekeeping deletes sent and failed mails written before the cutoff, once', async () => {
    const cutoff = new Date(retentionCutoff(h.clock.now(), 24)).getTime();
    const mail = (to: string, status: 'pending' | 'sent' | 'failed', at: number) => {
      const created_at = new Date(at).toISOString();
      return { to_address: to, subject: 'Einladung', body_text: `Guten Tag ${to}`, status, attempts: 1, next_attempt_at: created_at, created_at, sent_at: status === 'sent' ? created_at : null };
    };
    await h.db
      .insertInto('outbox')
      .values([
        mail('alt-gesendet@example.org', 'sent', cutoff - DAY),
        mail('alt-fehlgeschlagen@example.org', 'failed', cutoff - 300 * DAY),
        mail('alt-wartend@example.org', 'pending', cutoff - DAY),
        mail('knapp@example.org', 'sent', cutoff + 60_000),
      ])
      .execute();
    await housekeeping();
    const left = await h.db.selectFrom('outbox').select('to_address').where('to_address', 'like', '%@example.org').orderBy('to_address').execute();
    // A pending mail is still the sending loop's; a mail younger than the period stays.
    expect(left.map((m) => m.to_address)).toEqual(['alt-wartend@example.org', 'knapp@example.org']);
    const record = await h.db.selectFrom('audit_log').select(['actor_user_id', 'after_json']).where('action', '=', 'privacy.retention_mails').execute();
    expect(record).toEqual([{ actor_user_id: null, after_json: JSON.stringify({ deleted: 2, before: new Date(cutoff).toISOString() }) }]);
    expect(await purgeOldMails(h.db, h.clock.now(), 24)).toBe(0);
    expect(await h.db.selectFrom('audit_log').select('id').where('action', '=', 'privacy.retention_mails').execute()).toHaveLength(1);
  });
});

describe('expired group invitations', () => {
  it('the hourly housekeeping deletes those past their expiry, not the open ones, without another invitation being sent', async () => {
    const now = h.clock.now().getTime();
    const row = (name: string, expires: number) => ({
      id: `inv-${name}`,
      secret_hash: 'x'.repeat(64),
      group_id: groupId,
      email: `${name}@example.org`,
      email_normalized: `${name}@example.org`,
      name,
      role: 'member' as const,
      organisation: null,
      starts_on: '2026-01-01',
      ends_on: null,
      created_at: new Date(expires - 14 * DAY).toISOString(),
      expires_at: new Date(expires).toISOString(),
    });
    await h.db.insertInto('membership_invitations').values([row('abgelaufen', now - DAY), row('genau-jetzt', now), row('offen', now + 60_000)]).execute();
    await housekeeping();
    const left = await h.db.selectFrom('membership_invitations').select('name').where('group_id', '=', groupId).execute();
    expect(left.map((r) => r.name)).toEqual(['offen']);
    // Idempotent, and a second instance finds nothing left.
    expect(await deleteExpiredInvitations(h.testDb.openAnother(), h.clock.now())).toBe(0);
  });
});
