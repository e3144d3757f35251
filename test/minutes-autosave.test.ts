import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

let h: TestHarness;
let olaf: Browser;
let meetingId: number;
let itemId: number;

beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Sina', email: 'sek@example.org', role: 'secretariat' });
  await createUser(h.db, { name: 'Olaf', email: 'olaf@example.org' });
  const sek = h.browser();
  await sek.login('sek@example.org', TEST_PASSWORD);
  await sek.post('/groups', { name: 'AK', slug: 'ak', kind: 'internal' });
  await sek.post('/groups/ak/members', { person: 'olaf@example.org', role: 'organiser', starts_on: '2026-01-01' });
  olaf = h.browser();
  await olaf.login('olaf@example.org', TEST_PASSWORD);
  const res = await olaf.post('/groups/ak/meetings', { title: 'Sitzung', day: '2026-11-18', start_time: '18:00', end_time: '20:00', default_agenda: 'on' });
  meetingId = Number(res.headers.get('location')!.split('/').pop());
  itemId = (await h.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).orderBy('position').executeTakeFirstOrThrow()).id;
});
afterAll(() => h.close());

const HX = { 'HX-Request': 'true' };

describe('autosave of the minutes draft', () => {
  it('saves in the background and hands the form its new version', async () => {
    const first = await olaf.post(`/meetings/${meetingId}/minutes/autosave`, { version: '0', [`notes_${itemId}`]: 'Erster Stand' }, HX);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain('Entwurf automatisch gespeichert um 10:00 Uhr.');
    expect(html).toContain('<input type="hidden" id="minutes-version" name="version" value="1" hx-swap-oob="true"/>');
    const second = await olaf.post(`/meetings/${meetingId}/minutes/autosave`, { version: '1', [`notes_${itemId}`]: 'Zweiter Stand' }, HX);
    expect(await second.text()).toContain('value="2"');
    expect((await h.db.selectFrom('minute_notes').select('notes').executeTakeFirstOrThrow()).notes).toBe('Zweiter Stand');
  });

  it('never overwrites another save, and says why it did not save', async () => {
    const stale = await olaf.post(`/meetings/${meetingId}/minutes/autosave`, { version: '1', [`notes_${itemId}`]: 'Veraltet' }, HX);
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Jemand anderes hat inzwischen gespeichert');
    expect((await h.db.selectFrom('minute_notes').select('notes').executeTakeFirstOrThrow()).notes).toBe('Zweiter Stand');
    const expired = await h.browser().post(`/meetings/${meetingId}/minutes/autosave`, { version: '2', [`notes_${itemId}`]: 'x' }, HX);
    expect(expired.status).toBe(401);
    expect(await expired.text()).toContain('Ihre Anmeldung ist abgelaufen');
  });
});
