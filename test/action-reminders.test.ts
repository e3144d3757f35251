import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { sendActionReminders } from '../src/minutes/actions.js';
import { createHarness, createUser, TEST_PASSWORD, type TestHarness } from './helpers/app.js';

let h: TestHarness;
const now = new Date('2026-11-25T08:00:00.000Z');

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Olaf', email: 'olaf@example.org' });
  const sek = h.browser();
  await sek.login('sek@example.org', TEST_PASSWORD);
  await sek.post('/groups', { name: 'AK', slug: 'ak', kind: 'internal' });
  await sek.post('/groups/ak/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  const olaf = h.browser();
  await olaf.login('olaf@example.org', TEST_PASSWORD);
  const olafId = (await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'olaf@example.org').executeTakeFirstOrThrow()).id;
  // Two meetings: one whose minutes go out, one whose minutes stay a draft.
  for (const [title, circulate] of [['Herbst', true], ['Winter', false]] as const) {
    const res = await olaf.post('/groups/ak/meetings', { title, day: '2026-11-18', start_time: '18:00', end_time: '20:00', default_agenda: 'on' });
    const meetingId = Number(res.headers.get('location')!.split('/').pop());
    const item = (await h.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).orderBy('position').executeTakeFirstOrThrow()).id;
    const rows = [
      ['in zwei Tagen', '2026-11-27'],
      ['in fünf Tagen', '2026-11-30'],
      ['schon überfällig', '2026-11-20'],
    ];
    const form: Record<string, string> = { version: '0' };
    rows.forEach(([description, due], k) => Object.assign(form, { [`action_${item}_${k}_description`]: `${title}: ${description}`, [`action_${item}_${k}_person`]: String(olafId), [`action_${item}_${k}_due`]: due }));
    expect((await olaf.post(`/meetings/${meetingId}/minutes`, form)).status).toBe(303);
    if (circulate) expect((await olaf.post(`/meetings/${meetingId}/minutes/circulate`, {})).status).toBe(303);
  }
});
afterAll(() => h.close());

const reminders = () => h.db.selectFrom('outbox').select(['to_address', 'subject', 'body_text']).where('subject', 'like', 'Erinnerung: Aufgabe%').execute();

describe('due-date reminders for action items', () => {
  it('mail the responsible person once for items of circulated minutes due within the set days', async () => {
    expect(await sendActionReminders(h.db, now, 'https://hub.example', 3)).toBe(1);
    const mails = await reminders();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to_address).toBe('olaf@example.org');
    expect(mails[0]!.body_text).toContain('Herbst: in zwei Tagen');
    expect(mails[0]!.body_text).toContain('27.11.2026');
    expect(mails[0]!.body_text).toContain('https://hub.example/actions?mine=1');
    expect(await sendActionReminders(h.db, now, 'https://hub.example', 3)).toBe(0);
  });

  it('reach further ahead when more days are set; never for drafts or overdue items', async () => {
    expect(await sendActionReminders(h.db, now, 'https://hub.example', 5)).toBe(1);
    const bodies = (await reminders()).map((m) => m.body_text).join('\n');
    expect(bodies).toContain('Herbst: in fünf Tagen');
    expect(bodies).not.toContain('Winter:');
    expect(bodies).not.toContain('überfällig');
  });

  it('the number of days comes from ACTION_REMINDER_DAYS, checked like every setting', () => {
    expect(loadConfig({}).actionReminderDays).toBe(3);
    expect(loadConfig({ ACTION_REMINDER_DAYS: '7' }).actionReminderDays).toBe(7);
    expect(() => loadConfig({ ACTION_REMINDER_DAYS: 'drei' })).toThrow(/ACTION_REMINDER_DAYS muss eine Zahl sein/);
    expect(() => loadConfig({ ACTION_REMINDER_DAYS: '-1' })).toThrow(/nicht negativ/);
  });
});
